"""Streaming writers of dataset files (CSV folder, Parquet folder, XLSX workbook with Chinese
headers and drop-downs) and the validation report. Nothing is held in memory whole: openpyxl
writes in write-only mode, Parquet batch by batch. Every text cell goes through the formula
guard of :mod:`fupin.core.exchange`."""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from fupin.core.errors import ValidationFailed
from fupin.core.exchange import CENT, FORMATS, Table, guard
from fupin_engine import snapshot

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
                 "enum": pa.string(), "bool": pa.int8(), "int": pa.int32(),
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

    def write_xlsx(self, path: Path, headers: Sequence[str] = REPORT_COLUMNS,
                   severities: Mapping[str, str] | None = None) -> None:
        """The report as a workbook; ``severities`` turns the severity codes into words."""
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        ws = wb.create_sheet("report")
        ws.freeze_panes = "A2"
        ws.append(list(headers))
        for row in self.rows():
            cells = [text_cell(ws, v) if v != "" else None for v in row]
            cells[1] = int(row[1]) if row[1].isdigit() else cells[1]
            if severities and row[4] in severities:
                cells[4] = severities[row[4]]
            ws.append(cells)
        wb.save(path)

    def close(self) -> None:
        self._spool.close()
