"""Streaming readers of dataset files (CSV folder, Parquet folder, XLSX workbook), the archive
and encoding checks before them, and the spreadsheet formula guard.

Nothing here holds a whole file in memory: CSV is read line by line, Parquet batch by batch,
XLSX through openpyxl's read-only mode. The readers give raw cell values with the row numbers
a clerk sees — the spreadsheet's row (header = row 1), the CSV file's line; Parquet, which has
no header row, the record's 1-based number. The importer parses them with
``fupin_engine.snapshot``. Writing (exports, templates, the validation report) is
``fupin.core.exchange_write``.
"""

from __future__ import annotations

import codecs
import csv
import re
import unicodedata
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


def decode_text(raw: bytes, display: str) -> str:
    """An uploaded CSV held in memory (a department feed) as text, by the rule of
    :func:`detect_encoding`: UTF-8 with or without BOM, else GB18030 (GBK); UTF-16 and bytes
    valid in neither are refused naming the file."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            raise ValidationFailed(_(
                "{file} is saved as {encoding}: save it as CSV UTF-8 (or the Chinese GB18030 "
                "encoding) and upload it again").format(file=display, encoding=name))
    if b"\x00" in raw[:4096]:
        raise ValidationFailed(_(
            "{file} is not a text file, or is saved as UTF-16: save it as CSV "
            "UTF-8 and upload it again").format(file=display))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationFailed(_(
        "{file}: the text is neither UTF-8 nor GB18030 (GBK): save it as CSV UTF-8 and upload "
        "it again").format(file=display))


#: An amount as offices write it: "12000", "12,000.50", "12，000", " 12000 元", "¥12,000".
_AMOUNT = re.compile(r"^[¥￥]?\s*(?P<n>-?(?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.\d+)?)\s*元?$")


def amount_text(value: Any) -> str:
    """The plain number of an amount written as offices write it (see ``docs/formats``):
    spaces around, full-width digits, a ¥ sign, a trailing 元 and thousands separators ("," or
    "，" between groups of three digits) are dropped. Anything else — "12,00", "1.2万",
    "12000 美元" — comes back as written, for the parser to refuse."""
    text = unicodedata.normalize("NFKC", "" if value is None else str(value)).strip()
    match = _AMOUNT.match(text)
    if not match:
        return text
    return re.sub(r"[,，]", "", match.group("n"))


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
        raise ValidationFailed(_("{file}, row {row}: {error}").format(
            file=display, row=1, error=exc)) from exc

    def rows():
        with fh:
            while True:
                line = reader.line_num + 1  # the line the record starts on (header: line 1)
                try:
                    values = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    raise ValidationFailed(_("{file}, row {row}: {error}").format(
                        file=display, row=line, error=exc)) from exc
                for n, v in enumerate(values):
                    if len(v) > limit // 4 and len(v.encode("utf-8")) > limit:
                        column = headers[n] if n < len(headers) else str(n + 1)
                        raise ValidationFailed(_(
                            "{file}, row {row}, column {column}: a value of {size} KB is longer "
                            "than the limit of {limit} KB").format(
                            file=display, row=line, column=column,
                            size=len(v.encode("utf-8")) // 1024,
                            limit=limit // 1024))
                if any(v.strip() for v in values):
                    yield line, [unguard(v) for v in values]

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
        first_row = getattr(ws, "min_row", 1) or 1
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
            # Rows numbered as the spreadsheet shows them: the header is row 1.
            for i, values in enumerate(it, start=first_row + 1):
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


def open_tables(path: Path, tables: Sequence[Table], *,
                optional: bool = False) -> dict[str, TableSource]:
    """Find each of ``tables`` at ``path``: a folder of CSV or Parquet files, or one workbook
    (by the table's English or Chinese name). With ``optional`` a dataset whose file may hold
    any of its tables gets those found (at least one, else the same error names them all)."""
    path = Path(path)
    if not path.exists():
        raise ValidationFailed(_("{file}: no such file or folder").format(file=path))
    found: dict[str, TableSource] = {}
    if path.is_file():
        if path.suffix.lower() != ".xlsx":
            raise ValidationFailed(_("{file}: expected a folder of CSV/Parquet files or an "
                                     ".xlsx workbook").format(file=path.name))
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
    if missing and not (optional and found):
        expected = "、".join(f"{t.sheet} ({t.name}.csv)" for t in missing)
        raise ValidationFailed(_("{file}: missing table(s): {tables}").format(
            file=path.name, tables=expected))
    return found
