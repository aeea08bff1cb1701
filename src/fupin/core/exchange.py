"""Streaming readers and writers for snapshot files (CSV folder, Parquet folder, XLSX workbook).

Nothing here holds a whole file in memory: CSV is read line by line, Parquet batch by batch,
XLSX through openpyxl's read-only (reading) and write-only (writing) modes. The readers give
raw cell values with 1-based data-row numbers; the importer parses them with
``fupin_engine.snapshot``.
"""

from __future__ import annotations

import codecs
import csv
import re
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from fupin.core.errors import ValidationFailed
from fupin_engine import snapshot

FORMATS = ("csv", "parquet", "xlsx")
CENT = Decimal("0.01")
MB = 1024 * 1024

#: Limits on what a file may hold, each overridable in settings (``FUPIN_EXCHANGE_LIMITS``).
DEFAULT_LIMITS = {
    "archive_total_mb": 4096,  # everything an archive (.zip, or an .xlsx) unpacks to
    "archive_part_mb": 1024,  # one member of it
    "archive_ratio": 100,  # uncompressed / compressed, per member (text compresses ~10×)
    "field_kb": 128,  # one cell of a CSV file
}


def limits() -> dict[str, int]:
    return {**DEFAULT_LIMITS, **getattr(settings, "FUPIN_EXCHANGE_LIMITS", {})}


@dataclass(frozen=True)
class Table:
    """One table of a dataset: its names (English first, Chinese last: file and sheet names
    accepted) and its columns, taken from a schema (the registry's: ``fupin_engine.snapshot``).
    """

    name: str
    names: tuple[str, ...]
    columns: tuple[snapshot.Column, ...]

    @property
    def sheet(self) -> str:
        """The sheet name written in workbooks (the Chinese name)."""
        return self.names[-1]

    def file_names(self) -> set[str]:
        return {f"{n}.{ext}" for n in self.names for ext in ("csv", "parquet")}


# --- Spreadsheet safety (OWASP CSV injection) ---------------------------------------------------

#: A text cell starting with one of these is a formula to Excel, WPS and LibreOffice.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def guard(value: Any) -> Any:
    """A cell value safe to open in a spreadsheet: text that a spreadsheet would run as a
    formula gets a leading single quote; numbers (also written as text, like ``-12.50``) and
    everything else are left alone. The one helper every writer (CSV, report) uses."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS) and not _NUMBER.match(value):
        return "'" + value
    return value


def unguard(value: Any) -> Any:
    """Undo :func:`guard` on import, so an exported file re-imports to the same values.

    Only a quote followed by a formula trigger is removed: real data never starts that way
    (documented in docs/formats/snapshot-v1.md)."""
    if isinstance(value, str) and value.startswith("'") and value[1:2] and \
            value[1:].startswith(FORMULA_TRIGGERS):
        return value[1:]
    return value


# --- Archives -----------------------------------------------------------------------------------


def inspect_archive(path: Path, display: str | None = None) -> None:
    """Refuse a zip archive (a ``.zip`` upload or an ``.xlsx`` workbook, which is a zip) that
    would unpack to too much, judged from its central directory alone: nothing is inflated.
    Raises ``ValidationFailed`` naming the file and the member."""
    display = display or Path(path).name
    lim = limits()
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise ValidationFailed(_("{file}: not a readable zip archive (an .xlsx workbook is "
                                  "one)").format(file=display)) from exc
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > lim["archive_part_mb"] * MB:
            raise ValidationFailed(_(
                "{file}: {part} unpacks to {size} MB, more than the limit of {limit} MB").format(
                file=display, part=info.filename, size=info.file_size // MB,
                limit=lim["archive_part_mb"]))
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MB and ratio > lim["archive_ratio"]:
            raise ValidationFailed(_(
                "{file}: {part} is compressed {ratio:.0f} to 1 (limit {limit} to 1): refused as "
                "a possible zip bomb").format(file=display, part=info.filename, ratio=ratio,
                                              limit=lim["archive_ratio"]))
        if total > lim["archive_total_mb"] * MB:
            raise ValidationFailed(_(
                "{file}: unpacks to more than {limit} MB").format(
                file=display, limit=lim["archive_total_mb"]))


# --- Readers ------------------------------------------------------------------------------------


@dataclass
class TableSource:
    """One table of a dataset in a file: where it is, and a way to stream its rows."""

    table: str
    path: Path
    display: str  # file name as shown in reports (``members.csv``, ``x.xlsx:家庭成员``)
    fmt: str
    sheet: str | None = None

    def read(self) -> tuple[list[Any], Iterator[tuple[int, list[Any]]]]:
        """(headers, iterator of (data row number, values)); an unreadable file raises
        ``ValidationFailed`` naming it."""
        if self.fmt == "csv":
            return _read_csv(self.path, self.display)
        if self.fmt == "parquet":
            return _read_parquet(self.path, self.display)
        return _read_xlsx(self.path, self.sheet, self.display)


_BOMS = ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
         (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"))


def detect_encoding(path: Path, display: str | None = None) -> str:
    """UTF-8 (with or without BOM) if the whole file decodes so, else GB18030 (what Excel and
    WPS save on Chinese Windows; a superset of GBK and GB2312). Anything else — UTF-16 from
    "Unicode text", bytes valid in neither — is refused with a message naming the file."""
    display = display or Path(path).name
    with Path(path).open("rb") as fh:
        head = fh.read(4)
    for bom, name in _BOMS:
        if head.startswith(bom):
            raise ValidationFailed(_(
                "{file} is saved as {encoding}: save it as CSV UTF-8 (or the Chinese GB18030 "
                "encoding) and upload it again").format(file=display, encoding=name))
    for encoding in ("utf-8", "gb18030"):
        decoder = codecs.getincrementaldecoder(encoding)()
        offset = 0
        try:
            with Path(path).open("rb") as fh:
                while chunk := fh.read(MB):
                    if offset == 0 and b"\x00" in chunk[:4096]:
                        raise ValidationFailed(_(
                            "{file} is not a text file, or is saved as UTF-16: save it as CSV "
                            "UTF-8 and upload it again").format(file=display))
                    decoder.decode(chunk)
                    offset += len(chunk)
                decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return "utf-8-sig" if encoding == "utf-8" else encoding
    raise ValidationFailed(_(
        "{file}: the text is neither UTF-8 nor GB18030 (GBK): save it as CSV UTF-8 and upload "
        "it again").format(file=display))


def _read_csv(path: Path, display: str):
    limit = limits()["field_kb"] * 1024
    # The csv module's own limit is set far above ours so an oversized field is reported
    # below by file, row and column instead of as a bare csv.Error.
    csv.field_size_limit(max(limit * 64, 128 * 1024))
    fh = path.open(encoding=detect_encoding(path, display), newline="")
    reader = csv.reader(fh)
    try:
        headers = [unguard(h) for h in next(reader, [])]
    except csv.Error as exc:
        fh.close()
        raise ValidationFailed(f"{display}: {exc}") from exc

    def rows():
        with fh:
            i = 0
            while True:
                try:
                    values = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    raise ValidationFailed(_("{file}, row {row}: {error}").format(
                        file=display, row=i + 1, error=exc)) from exc
                i += 1
                for n, v in enumerate(values):
                    if len(v) > limit // 4 and len(v.encode("utf-8")) > limit:
                        column = headers[n] if n < len(headers) else str(n + 1)
                        raise ValidationFailed(_(
                            "{file}, row {row}, column {column}: a value of {size} KB is longer "
                            "than the limit of {limit} KB").format(
                            file=display, row=i, column=column,
                            size=len(v.encode("utf-8")) // 1024,
                            limit=limit // 1024))
                if any(v.strip() for v in values):
                    yield i, [unguard(v) for v in values]

    return headers, rows()


def _read_parquet(path: Path, display: str):
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
        headers = pf.schema_arrow.names
    except (pa.ArrowException, OSError) as exc:
        raise ValidationFailed(_("{file}: not a readable Parquet file ({error})").format(
            file=display, error=exc)) from exc

    def rows():
        i = 0
        try:
            for batch in pf.iter_batches(batch_size=5000):
                columns = [batch.column(n).to_pylist() for n in range(batch.num_columns)]
                for values in zip(*columns, strict=True):
                    i += 1
                    yield i, [unguard(v) for v in values]
        except (pa.ArrowException, OSError) as exc:
            raise ValidationFailed(_("{file}: not a readable Parquet file ({error})").format(
                file=display, error=exc)) from exc

    return headers, rows()


def _open_workbook(path: Path, display: str):
    """A workbook opened read-only, after its archive passed :func:`inspect_archive`."""
    from openpyxl import load_workbook

    inspect_archive(path, display)
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise ValidationFailed(_("{file}: not a readable Excel workbook (.xlsx)").format(
            file=display)) from exc


def _read_xlsx(path: Path, sheet: str | None, display: str):
    wb = _open_workbook(path, display)
    try:
        ws = wb[sheet]
        it = ws.iter_rows(values_only=True)
        headers = list(next(it, ()))
    except Exception as exc:
        wb.close()
        raise ValidationFailed(_("{file}: not a readable Excel workbook (.xlsx)").format(
            file=display)) from exc
    while headers and headers[-1] is None:
        headers.pop()

    def rows():
        try:
            for i, values in enumerate(it, start=1):
                values = list(values)[: len(headers)]
                if any(v is not None and str(v).strip() for v in values):
                    yield i, [unguard(v) for v in values]
        except ValidationFailed:
            raise
        except Exception as exc:
            raise ValidationFailed(_("{file}: not a readable Excel workbook (.xlsx)").format(
                file=display)) from exc
        finally:
            wb.close()

    return headers, rows()


def open_tables(path: Path, tables: Sequence[Table]) -> dict[str, TableSource]:
    """Find each of ``tables`` at ``path``: a folder of CSV or Parquet files, or one workbook
    (by the table's English or Chinese name)."""
    path = Path(path)
    if not path.exists():
        raise ValidationFailed(f"{path}: no such file or folder")
    found: dict[str, TableSource] = {}
    if path.is_file():
        if path.suffix.lower() != ".xlsx":
            raise ValidationFailed(f"{path}: expected a folder of CSV/Parquet files or an .xlsx "
                                   "workbook")
        wb = _open_workbook(path, path.name)
        sheets = wb.sheetnames
        wb.close()
        for table in tables:
            for name in table.names:
                if name in sheets:
                    found[table.name] = TableSource(table.name, path, f"{path.name}:{name}",
                                                    "xlsx", name)
                    break
    else:
        for table in tables:
            for name in table.names:
                for fmt in ("csv", "parquet"):
                    candidate = path / f"{name}.{fmt}"
                    if candidate.exists() and table.name not in found:
                        found[table.name] = TableSource(table.name, candidate, candidate.name,
                                                        fmt)
    missing = [t for t in tables if t.name not in found]
    if missing:
        expected = ", ".join(f"{t.name} ({'/'.join(t.names)})" for t in missing)
        raise ValidationFailed(f"{path}: missing table(s): {expected}")
    return found


# --- Writers ----------------------------------------------------------------------------------


class TableWriter:
    """Write rows of one table; ``close()`` finishes the file."""

    def write(self, row: Sequence[Any]) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def close(self) -> None:  # pragma: no cover - interface
        raise NotImplementedError


class CsvTableWriter(TableWriter):
    def __init__(self, path: Path, columns: Sequence[snapshot.Column]):
        # UTF-8 with BOM: Excel and WPS open it as UTF-8.
        self._fh = path.open("w", encoding="utf-8-sig", newline="")
        self._csv = csv.writer(self._fh, lineterminator="\n")
        self._csv.writerow([c.name for c in columns])

    def write(self, row):
        self._csv.writerow([guard(v) for v in row])

    def close(self):
        self._fh.close()


class ParquetTableWriter(TableWriter):
    BATCH = 20000

    def __init__(self, path: Path, columns: Sequence[snapshot.Column]):
        import pyarrow as pa
        import pyarrow.parquet as pq

        self._pa = pa
        types = {"text": pa.string(), "code12": pa.string(), "id_number": pa.string(),
                 "enum": pa.string(), "bool": pa.int8(), "int": pa.int16(),
                 "year": pa.int16(), "date": pa.date32(), "amount": pa.decimal128(14, 2)}
        self._columns = columns
        self._schema = pa.schema([(c.name, types[c.kind]) for c in columns])
        self._writer = pq.ParquetWriter(path, self._schema, compression="zstd")
        self._rows: list[Sequence[Any]] = []

    def write(self, row):
        self._rows.append(row)
        if len(self._rows) >= self.BATCH:
            self._flush()

    def _flush(self):
        if not self._rows:
            return
        arrays = []
        for i, col in enumerate(self._columns):
            values = [r[i] for r in self._rows]
            values = [None if v == "" else v for v in values]
            if col.kind == "amount":
                values = [None if v is None else Decimal(v).quantize(CENT) for v in values]
            arrays.append(self._pa.array(values, type=self._schema.field(i).type))
        self._writer.write_batch(self._pa.record_batch(arrays, schema=self._schema))
        self._rows = []

    def close(self):
        self._flush()
        self._writer.close()


class XlsxWorkbookWriter:
    """One workbook, a sheet per table, Chinese headers, frozen header row, column widths,
    drop-down lists for enumerations and yes/no columns; ID numbers stored as text."""

    def __init__(self, path: Path):
        from openpyxl import Workbook

        self.path = path
        self.wb = Workbook(write_only=True)

    def sheet(self, name: str, columns: Sequence[snapshot.Column]) -> TableWriter:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.comments import Comment
        from openpyxl.styles import Alignment, Font, PatternFill
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.datavalidation import DataValidation

        ws = self.wb.create_sheet(name)
        ws.freeze_panes = "A2"
        header = []
        for i, col in enumerate(columns, start=1):
            letter = get_column_letter(i)
            ws.column_dimensions[letter].width = max(10, min(22, len(col.label) * 2 + 4))
            if col.kind == "id_number":
                ws.column_dimensions[letter].width = 22
            cell = WriteOnlyCell(ws, value=col.label)
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDEBF7")
            cell.alignment = Alignment(horizontal="center")
            cell.comment = Comment(f"{col.name}: {col.rule or col.kind}", "fupin")
            header.append(cell)
            choices = None
            if col.kind == "enum":
                choices = col.choice_labels()
            elif col.kind == "bool":
                choices = ["是", "否"]
            if choices:
                dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"',
                                    allow_blank=not col.required, showErrorMessage=True,
                                    errorTitle=col.label,
                                    error="请从下拉列表中选择 / choose from the list")
                dv.add(f"{letter}2:{letter}1048576")
                ws.data_validations.append(dv)
        ws.append(header)
        return _XlsxSheetWriter(ws, columns)

    def close(self) -> None:
        self.wb.save(self.path)


def text_cell(ws, value: Any):
    """A cell that is text whatever it starts with: never a formula (OWASP CSV injection)."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value=str(value))
    cell.data_type = "s"
    cell.number_format = "@"
    return cell


class _XlsxSheetWriter(TableWriter):
    def __init__(self, ws, columns):
        from openpyxl.cell import WriteOnlyCell

        self._ws = ws
        self._cell = WriteOnlyCell
        self._text_cols = {i for i, c in enumerate(columns)
                           if c.kind in {"id_number", "code12", "text"}}
        self._date_cols = {i for i, c in enumerate(columns) if c.kind == "date"}
        self._amount_cols = {i for i, c in enumerate(columns) if c.kind == "amount"}

    def write(self, row):
        values = []
        for i, v in enumerate(row):
            if i in self._text_cols and v != "":
                values.append(text_cell(self._ws, v))
            elif isinstance(v, str) and v.startswith("="):
                # openpyxl writes any other text as a string cell already; only a leading
                # "=" would become a formula.
                values.append(text_cell(self._ws, v))
            elif i in self._date_cols and v != "":
                cell = self._cell(self._ws, value=v)
                cell.number_format = "yyyy-mm-dd"
                values.append(cell)
            elif i in self._amount_cols and v != "":
                cell = self._cell(self._ws, value=v)
                cell.number_format = "0.00"
                values.append(cell)
            else:
                values.append(None if v == "" else v)
        self._ws.append(values)

    def close(self):
        pass


def write_tables(path: Path, fmt: str, tables: Sequence[Table],
                 rows: dict[str, Iterator[Sequence[Any]]], progress=None) -> dict[str, int]:
    """Write clean rows (values in column order) of each table: a folder of CSV or Parquet
    files, or one XLSX workbook with a sheet per table. Returns row counts per table."""
    if fmt not in FORMATS:
        raise ValidationFailed(f"format must be one of {', '.join(FORMATS)}")
    path = Path(path)
    workbook = None
    if fmt == "xlsx":
        if path.suffix.lower() != ".xlsx":
            raise ValidationFailed(f"{path}: an XLSX export is one file ending in .xlsx")
        path.parent.mkdir(parents=True, exist_ok=True)
        workbook = XlsxWorkbookWriter(path)
    else:
        path.mkdir(parents=True, exist_ok=True)
    counts = {}
    for table in tables:
        columns = table.columns
        writer: TableWriter
        if workbook is not None:
            writer = workbook.sheet(table.sheet, columns)
        elif fmt == "csv":
            writer = CsvTableWriter(path / f"{table.names[0]}.csv", columns)
        else:
            writer = ParquetTableWriter(path / f"{table.names[0]}.parquet", columns)
        n = 0
        for row in rows.get(table.name, ()):
            writer.write([_cell(fmt, c, v) for c, v in zip(columns, row, strict=True)])
            n += 1
            if progress and n % 10000 == 0:
                progress(f"export:{table.name}", n)
        writer.close()
        counts[table.name] = n
    if workbook is not None:
        workbook.close()
    return counts


def _cell(fmt: str, col: snapshot.Column, value: Any) -> Any:
    """A clean value as the format stores it ("" for empty)."""
    if value is None or value == "":
        return ""
    if fmt == "csv":
        return snapshot.format_value(col, value)
    if col.kind == "bool":
        return ("是" if value else "否") if fmt == "xlsx" else int(bool(value))
    if col.kind == "enum" and fmt == "xlsx":
        return snapshot.format_value(col, value, labels=True)
    if col.kind == "amount":
        return float(value) if fmt == "xlsx" else value
    return value


# --- The validation report --------------------------------------------------------------------

REPORT_COLUMNS = ("file", "row", "column", "value", "severity", "code", "message")


class Report:
    """Problems found by an import, spooled to disk as they come (constant memory).

    ``first`` keeps the first problems for display; counts are kept per severity and table.
    """

    KEEP = 500

    def __init__(self) -> None:
        # Lives as long as the report; closed by close().
        self._spool = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")  # noqa: SIM115
        self._csv = csv.writer(self._spool, lineterminator="\n")
        self.first: list[tuple] = []
        self.errors = 0
        self.warnings = 0
        self.by_table: dict[tuple[str, str], int] = {}

    def add(self, file: str, row: int, column: str, value: str, severity: str, code: str,
            message: str) -> None:
        entry = (file, row, column, value, severity, code, message)
        self._csv.writerow(entry)
        if len(self.first) < self.KEEP:
            self.first.append(entry)
        if severity == snapshot.ERROR:
            self.errors += 1
        else:
            self.warnings += 1
        key = (file, severity)
        self.by_table[key] = self.by_table.get(key, 0) + 1

    def rows(self) -> Iterator[list[str]]:
        self._spool.flush()
        self._spool.seek(0)
        yield from csv.reader(self._spool)
        self._spool.seek(0, 2)

    def write_csv(self, path: Path) -> None:
        with Path(path).open("w", encoding="utf-8-sig", newline="") as fh:
            out = csv.writer(fh, lineterminator="\n")
            out.writerow(REPORT_COLUMNS)
            for row in self.rows():
                out.writerow([guard(v) for v in row])

    def write_xlsx(self, path: Path, headers: Sequence[str] = REPORT_COLUMNS) -> None:
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        ws = wb.create_sheet("report")
        ws.freeze_panes = "A2"
        ws.append(list(headers))
        for row in self.rows():
            cells = [text_cell(ws, v) if v != "" else None for v in row]
            cells[1] = int(row[1]) if row[1].isdigit() else cells[1]
            ws.append(cells)
        wb.save(path)

    def close(self) -> None:
        self._spool.close()
