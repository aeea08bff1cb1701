"""Streaming readers and writers for snapshot files (CSV folder, Parquet folder, XLSX workbook).

Nothing here holds a whole file in memory: CSV is read line by line, Parquet batch by batch,
XLSX through openpyxl's read-only (reading) and write-only (writing) modes. The readers give
raw cell values with 1-based data-row numbers; the importer parses them with
``fupin_engine.snapshot``.
"""

from __future__ import annotations

import codecs
import csv
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from fupin.core.errors import ValidationFailed
from fupin_engine import snapshot

FORMATS = ("csv", "parquet", "xlsx")
CENT = Decimal("0.01")


@dataclass
class TableSource:
    """One table of a snapshot: where it is, and a way to stream its rows."""

    table: str
    path: Path
    display: str  # file name as shown in reports (``members.csv``, ``x.xlsx:家庭成员``)
    fmt: str
    sheet: str | None = None

    def read(self) -> tuple[list[Any], Iterator[tuple[int, list[Any]]]]:
        """(headers, iterator of (data row number, values))."""
        if self.fmt == "csv":
            return _read_csv(self.path)
        if self.fmt == "parquet":
            return _read_parquet(self.path)
        return _read_xlsx(self.path, self.sheet)


def _detect_encoding(path: Path) -> str:
    """UTF-8 (with or without BOM) unless the file does not decode, then GB18030 (WPS/Excel)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as fh:
        try:
            while chunk := fh.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "gb18030"
    return "utf-8-sig"


def _read_csv(path: Path):
    fh = path.open(encoding=_detect_encoding(path), newline="")
    reader = csv.reader(fh)
    headers = next(reader, [])

    def rows():
        with fh:
            for i, values in enumerate(reader, start=1):
                if any(v.strip() for v in values):
                    yield i, values

    return headers, rows()


def _read_parquet(path: Path):
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(path)
    headers = pf.schema_arrow.names

    def rows():
        i = 0
        for batch in pf.iter_batches(batch_size=5000):
            columns = [batch.column(n).to_pylist() for n in range(batch.num_columns)]
            for values in zip(*columns, strict=True):
                i += 1
                yield i, list(values)

    return headers, rows()


def _read_xlsx(path: Path, sheet: str | None):
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    ws = wb[sheet]
    it = ws.iter_rows(values_only=True)
    headers = list(next(it, ()))
    while headers and headers[-1] is None:
        headers.pop()

    def rows():
        try:
            for i, values in enumerate(it, start=1):
                values = list(values)[: len(headers)]
                if any(v is not None and str(v).strip() for v in values):
                    yield i, values
        finally:
            wb.close()

    return headers, rows()


def open_snapshot(path: Path) -> dict[str, TableSource]:
    """Find the three tables at ``path``: a folder of CSV or Parquet files, or one workbook."""
    path = Path(path)
    if not path.exists():
        raise ValidationFailed(f"{path}: no such file or folder")
    found: dict[str, TableSource] = {}
    if path.is_file():
        if path.suffix.lower() != ".xlsx":
            raise ValidationFailed(f"{path}: expected a folder of CSV/Parquet files or an .xlsx "
                                   "workbook")
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True)
        sheets = wb.sheetnames
        wb.close()
        for table, names in snapshot.TABLE_NAMES.items():
            for name in names:
                if name in sheets:
                    found[table] = TableSource(table, path, f"{path.name}:{name}", "xlsx", name)
                    break
    else:
        for table, names in snapshot.TABLE_NAMES.items():
            for name in names:
                for fmt in ("csv", "parquet"):
                    candidate = path / f"{name}.{fmt}"
                    if candidate.exists() and table not in found:
                        found[table] = TableSource(table, candidate, candidate.name, fmt)
    missing = [t for t in snapshot.TABLES if t not in found]
    if missing:
        expected = ", ".join(f"{t} ({'/'.join(snapshot.TABLE_NAMES[t])})" for t in missing)
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
        self._csv.writerow(row)

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

    def sheet(self, table: str, columns: Sequence[snapshot.Column]) -> TableWriter:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.comments import Comment
        from openpyxl.styles import Alignment, Font, PatternFill
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.datavalidation import DataValidation

        ws = self.wb.create_sheet(snapshot.TABLE_NAMES[table][1])
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
                cell = self._cell(self._ws, value=str(v))
                cell.number_format = "@"
                values.append(cell)
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
                out.writerow(row)

    def write_xlsx(self, path: Path, headers: Sequence[str] = REPORT_COLUMNS) -> None:
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        ws = wb.create_sheet("report")
        ws.freeze_panes = "A2"
        ws.append(list(headers))
        for row in self.rows():
            row[1] = int(row[1]) if row[1].isdigit() else row[1]
            ws.append(row)
        wb.save(path)

    def close(self) -> None:
        self._spool.close()
