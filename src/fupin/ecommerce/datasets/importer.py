"""Importing the e-commerce tables: check everything, then write everything or nothing.

Pass 1 reads every table the file holds (a workbook may hold any of the twelve sheets, a
folder any of the twelve files), parses each value by its column's rule, then checks what
spans rows, tables and the database (``checks.py``): divisions and their level, the
importer's region, credit codes, references, households of another county, periods,
duplicates. The database is asked once per family of references, not once per row. Pass 2
hands the clean rows to ``services.exchange.import_tables`` (one transaction, bulk writes, one
audit record). County tables are small (thousands of rows), so the clean rows are held in
memory between the passes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils import timezone, translation

from fupin.core.access import Scope
from fupin.core.datasets import ImportOutcome
from fupin.core.exchange import TableSource, open_tables
from fupin.core.exchange_write import Report
from fupin.ecommerce.datasets import checks
from fupin.ecommerce.datasets.messages import message
from fupin.ecommerce.datasets.tables import FUTURE_DATES, TABLES
from fupin.ecommerce.services import exchange as service
from fupin_engine import snapshot

HEADER_ROW = 1
_FAR = dt.date(9999, 12, 31)
_LABELS = {t.name: {c.name: c.label for c in t.columns} for t in TABLES}


@dataclass
class Row:
    """One data row: its number as the clerk sees it, its clean values, and whether every
    value parsed (rows with a problem are still checked, so every problem is reported)."""

    number: int
    clean: dict[str, Any]
    ok: bool = True


@dataclass
class Found:
    """What pass 1 collected: rows per table and the database's answers."""

    rows: dict[str, list[Row]] = field(default_factory=dict)
    sources: dict[str, TableSource] = field(default_factory=dict)


class EcommerceImporter:
    """One import of the e-commerce dataset, limited to ``scope``."""

    def __init__(self, path: Path, *, actor: Any, scope: Scope, progress=None,
                 today: dt.date | None = None) -> None:
        if not isinstance(scope, Scope):
            raise TypeError("scope must be a fupin.core.access.Scope (Scope.nation() for all)")
        self.path, self.actor, self.scope = Path(path), actor, scope
        self.progress = progress or (lambda phase, n: None)
        self.today = today or timezone.localdate()
        self.found = Found()
        self.report: Report | None = None
        self._clean_ok = False

    # --- pass 1 -------------------------------------------------------------------------------

    def validate(self) -> ImportOutcome:
        self.report = report = Report()
        outcome = ImportOutcome(report)
        self.found.sources = open_tables(self.path, TABLES, optional=True)
        for table in TABLES:
            if table.name in self.found.sources:
                outcome.rows[table.name] = self._read(table, report)
        if not any(outcome.rows.values()):
            first = next(iter(self.found.sources.values()))
            report.add(first.display, HEADER_ROW + 1, "", "", snapshot.ERROR, "no_data_rows",
                       message("no_data_rows", {}))
            return outcome
        checks.run(self)
        self._clean_ok = report.errors == 0
        return outcome

    def _read(self, table, report: Report) -> int:
        source = self.found.sources[table.name]
        headers, rows = source.read()
        names, issues = snapshot.resolve_headers(table.name, headers, table.columns)
        for issue in issues:
            self.add(table.name, HEADER_ROW, issue.column, issue.value, issue.code,
                     issue.params, severity=issue.severity)
        absent = {i.column for i in issues if i.code == "missing_column"}
        out: list[Row] = []
        self.progress(f"validate:{table.name}", 0)
        for number, values in rows:
            raw = {n: v for n, v in zip(names, values, strict=False) if n is not None}
            clean, ok = {}, True
            for col in table.columns:
                today = _FAR if (table.name, col.name) in FUTURE_DATES else self.today
                value, issue = snapshot.parse_value(col, snapshot.canonical(raw.get(col.name)),
                                                    today=today)
                clean[col.name] = value
                if issue is None:
                    continue
                ok = False
                if not (issue.code == "required" and col.name in absent):
                    self.add(table.name, number, issue.column, issue.value, issue.code,
                             issue.params, severity=issue.severity)
            out.append(Row(number, clean, ok))
            if len(out) % 5000 == 0:
                self.progress(f"validate:{table.name}", len(out))
        self.found.rows[table.name] = out
        self.progress(f"validate:{table.name}", len(out))
        return len(out)

    def add(self, table: str, row: int, column: str, value: Any, code: str,
            params: dict[str, Any] | None = None, *, severity: str = snapshot.ERROR) -> None:
        """Report a problem of ``table`` at ``row`` (the column as the template heads it when
        the report is read in Chinese)."""
        assert self.report is not None
        label = column
        if (translation.get_language() or "").startswith("zh"):
            label = _LABELS.get(table, {}).get(column, column)
        self.report.add(self.found.sources[table].display, row, label,
                        "" if value is None else str(value)[:80], severity, code,
                        message(code, params or {}))

    def rows(self, table: str) -> list[Row]:
        return self.found.rows.get(table, [])

    def values(self, table: str, column: str) -> Iterable[Any]:
        return (r.clean.get(column) for r in self.rows(table) if r.clean.get(column))

    # --- pass 2 -------------------------------------------------------------------------------

    def commit(self) -> dict[str, int]:
        if not self._clean_ok:
            raise RuntimeError("commit() after a validation that found errors")
        rows = {name: [r.clean for r in found] for name, found in self.found.rows.items()}
        return service.import_tables(actor=self.actor, scope=self.scope, rows=rows,
                                     progress=self.progress)

    def close(self) -> None:
        self.found = Found()
        if self.report is not None:
            self.report = None
