"""The funds dataset of the exchange (ADR 0021, ADR 0047): allocations, projects and
expenditures from CSV (UTF-8 or GB18030), Parquet or one workbook holding any of them,
checked whole — every problem by file, row, column and rule — and written all or nothing;
exported in the same shapes; a template workbook with Chinese headers and drop-downs.

Expenditures on the negative list are imported (they happened) and flagged with the rule
they hit; the report lists each one as a warning naming the rule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone, translation

from fupin.core import audit, datasets
from fupin.core.access import NATION_CODE, Scope, in_scope
from fupin.core.datasets import ImportOutcome
from fupin.core.exchange import open_tables
from fupin.core.exchange_write import Report, write_tables
from fupin.evaluation.datasets.funds_tables import LABELS, TABLES, message
from fupin.evaluation.models import Allocation, Expenditure, Project
from fupin.evaluation.services import funds as service
from fupin.regions.models import Division
from fupin_engine import snapshot

HEADER_ROW = 1


@dataclass
class Row:
    """One data row: its number as the clerk sees it, its clean values, whether all parsed."""

    number: int
    clean: dict[str, Any]
    ok: bool = True


class FundsImporter:
    """One import of the funds dataset, limited to ``scope``."""

    def __init__(self, path: Path, *, actor: Any, scope: Scope, progress=None,
                 today: dt.date | None = None) -> None:
        if not isinstance(scope, Scope):
            raise TypeError("scope must be a fupin.core.access.Scope (Scope.nation() for all)")
        self.path, self.actor, self.scope = Path(path), actor, scope
        self.progress = progress or (lambda phase, n: None)
        self.today = today or timezone.localdate()
        self.rows: dict[str, list[Row]] = {}
        self.sources: dict = {}
        self.report: Report | None = None
        self._clean_ok = False

    # --- pass 1 -------------------------------------------------------------------------------

    def validate(self) -> ImportOutcome:
        self.report = Report()
        outcome = ImportOutcome(self.report)
        self.sources = open_tables(self.path, TABLES, optional=True)
        for table in TABLES:
            if table.name in self.sources:
                outcome.rows[table.name] = self._read(table)
        if not any(outcome.rows.values()):
            first = next(iter(self.sources.values()))
            self.report.add(first.display, HEADER_ROW + 1, "", "", snapshot.ERROR,
                            "no_data_rows", message("no_data_rows", {}))
            return outcome
        _Checker(self).run()
        self._clean_ok = self.report.errors == 0
        return outcome

    def _read(self, table) -> int:
        headers, rows = self.sources[table.name].read()
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
                value, issue = snapshot.parse_value(col, snapshot.canonical(raw.get(col.name)),
                                                    today=self.today)
                clean[col.name] = value
                if issue is None:
                    continue
                ok = False
                if not (issue.code == "required" and col.name in absent):
                    self.add(table.name, number, issue.column, issue.value, issue.code,
                             issue.params, severity=issue.severity)
            out.append(Row(number, clean, ok))
        self.rows[table.name] = out
        self.progress(f"validate:{table.name}", len(out))
        return len(out)

    def add(self, table: str, row: int, column: str, value: Any, code: str,
            params: dict[str, Any] | None = None, *, severity: str = snapshot.ERROR) -> None:
        """Report a problem of ``table`` at ``row`` (the column by its Chinese header when the
        report is read in Chinese)."""
        assert self.report is not None
        label = column
        if (translation.get_language() or "").startswith("zh"):
            label = LABELS.get(table, {}).get(column, column)
        self.report.add(self.sources[table].display, row, label,
                        "" if value is None else str(value)[:80], severity, code,
                        message(code, params or {}))

    # --- pass 2 -------------------------------------------------------------------------------

    def commit(self) -> dict[str, int]:
        if not self._clean_ok:
            raise RuntimeError("commit() after a validation that found errors")
        rows = {name: [r.clean for r in found] for name, found in self.rows.items()}
        counts = service.import_tables(actor=self.actor, scope=self.scope, rows=rows)
        self.progress("write:expenditures", sum(len(v) for v in rows.values()))
        return counts

    def close(self) -> None:
        self.rows = {}
        self.report = None


class _Checker:
    """Pass 1's rules that span rows, tables and the database; the database is read once
    per family (divisions, allocations, projects), never once per row. A reference is
    resolved among the file's rows and the records of the importer's region only."""

    def __init__(self, imp: FundsImporter) -> None:
        self.imp, self.scope = imp, imp.scope
        counties = {r.clean["county_code"] for rows in imp.rows.values() for r in rows
                    if r.clean.get("county_code")}
        self.levels = dict(Division.objects.filter(code__in=counties)
                           .values_list("code", "level"))
        self.allocations = {(a, d) for a, d in in_scope(Allocation.objects.all(), self.scope)
                            .filter(county_code__in=counties)
                            .values_list("county_code", "document_no")}
        codes = {r.clean["project_code"] for r in imp.rows.get("expenditures", [])
                 if r.clean.get("project_code")}
        self.projects: dict[str, list[tuple[str, int]]] = {}
        for county, code, year in (in_scope(Project.objects.all(), self.scope)
                                   .filter(code__in=codes)
                                   .values_list("county_code", "code", "year")):
            self.projects.setdefault(code, []).append((county, year))

    def add(self, table: str, row: Row, column: str, code: str, /, **params: Any) -> None:
        self.imp.add(table, row.number, column, row.clean.get(column), code, params)

    def county(self, table: str, row: Row) -> bool:
        code = row.clean.get("county_code")
        if not code:
            return False
        level = self.levels.get(code)
        if level is None:
            self.add(table, row, "county_code", "unknown_division", code=code)
            return False
        if level != "county":
            self.add(table, row, "county_code", "not_a_county", code=code)
            return False
        if not self.scope.contains(code):
            self.add(table, row, "county_code", "outside_region", code=code)
            return False
        return True

    def unique(self, table: str, rows: list[Row], key: tuple[str, ...], column: str) -> None:
        seen: dict[tuple, Row] = {}
        for row in rows:
            k = tuple(row.clean.get(c) for c in key)
            if None in k:
                continue
            if k in seen:
                self.add(table, row, column, "duplicate", key=" / ".join(map(str, k)),
                         row=seen[k].number)
            else:
                seen[k] = row

    def run(self) -> None:
        rows = self.imp.rows
        self._allocations(rows.get("allocations", []))
        self._projects(rows.get("projects", []))
        self._expenditures(rows.get("expenditures", []))

    def _allocations(self, rows: list[Row]) -> None:
        self.unique("allocations", rows, ("county_code", "document_no"), "document_no")
        for row in rows:
            c = row.clean
            if self.county("allocations", row):
                self.allocations.add((c["county_code"], c.get("document_no")))
            if c.get("year") and c.get("end_year") and c["end_year"] < c["year"]:
                self.add("allocations", row, "end_year", "end_before_start",
                         start=c["year"], end=c["end_year"])
            amount = c.get("amount")
            for column in ("disbursed", "recovered"):
                if amount is not None and c.get(column) is not None and c[column] > amount:
                    self.add("allocations", row, column, f"{column}_exceeds", amount=amount)
            if row.ok and c.get("recovered") and not c.get("recovered_on"):
                self.add("allocations", row, "recovered_on", "recovery_without_date")

    def _projects(self, rows: list[Row]) -> None:
        self.unique("projects", rows, ("county_code", "code"), "code")
        for row in rows:
            c = row.clean
            if not self.county("projects", row):
                continue
            # After the recorded ones: the file's row is what the county says now.
            self.projects.setdefault(c.get("code"), []).append((c["county_code"],
                                                                c.get("year")))
            document = c.get("allocation_document")
            if document and (c["county_code"], document) not in self.allocations:
                self.add("projects", row, "allocation_document", "unknown_allocation",
                         code=document)

    def _expenditures(self, rows: list[Row]) -> None:
        self.unique("expenditures", rows, ("county_code", "voucher_no"), "voucher_no")
        for row in rows:
            c = row.clean
            if not self.county("expenditures", row):
                continue
            code = c.get("project_code")
            if not code:
                continue
            found = dict(self.projects.get(code, []))
            if c["county_code"] not in found:
                if found:
                    self.add("expenditures", row, "project_code", "project_of_another_county",
                             code=code, county=next(iter(found)))
                else:
                    self.add("expenditures", row, "project_code", "unknown_project", code=code)
                continue
            year, spent = found[c["county_code"]], c.get("spent_on")
            if year and spent and spent.year < year:
                self.add("expenditures", row, "spent_on", "before_project_year",
                         date=spent.isoformat(), year=year)
            if row.ok and c.get("category"):
                rule, hit = service.negative_rule(c["category"], c.get("description") or "",
                                                  c.get("payee") or "")
                if rule:
                    self.imp.add("expenditures", row.number, "category", c["category"],
                                 "negative_list", {"rule": rule, "hit": hit},
                                 severity=snapshot.WARNING)


# --- export -----------------------------------------------------------------------------------

def _rows(scope: Scope) -> dict[str, Any]:
    def allocations():
        for a in in_scope(Allocation.objects.all(), scope).order_by("county_code",
                                                                    "document_no"):
            yield [a.county_code, a.year, a.end_year, a.level, a.amount, a.programme,
                   a.document_no, a.allocated_on, a.disbursed, a.recovered, a.recovered_on,
                   a.recovery_document]

    def projects():
        for p in (in_scope(Project.objects.all(), scope).select_related("allocation")
                  .order_by("county_code", "code")):
            yield [p.county_code, p.year, p.code, p.name, p.category, p.budget,
                   p.allocation.document_no if p.allocation else None, p.implementing_unit,
                   p.state]

    def expenditures():
        for e in (in_scope(Expenditure.objects.all(), scope).select_related("project")
                  .order_by("county_code", "voucher_no")):
            yield [e.county_code, e.project.code, e.voucher_no, e.spent_on, e.category,
                   e.amount, e.payee, e.description, e.negative_list]

    return {"allocations": allocations(), "projects": projects(),
            "expenditures": expenditures()}


def export(path: Path, fmt: str, *, actor: Any, scope: Scope, masked: bool = True,
           progress=None) -> dict[str, int]:
    """Write the three tables of ``scope`` to ``path``; one audit record names the counts."""
    counts = write_tables(path, fmt, TABLES, _rows(scope), progress)
    with transaction.atomic():
        audit.record(actor=actor, action="evaluation.export_funds",
                     object_type="evaluation.funds", object_id="evaluation-funds",
                     division_code=scope.prefix.ljust(12, "0") if scope.prefix
                     else NATION_CODE, after={"rows": dict(counts)})
    return counts


FUNDS = datasets.Dataset(
    name="funds",
    label="Fund performance (allocations, projects, expenditures)",
    label_zh="资金绩效（资金下达、项目、支出）",
    tables=TABLES,
    importer=FundsImporter,
    exporter=export,
    import_permissions=("evaluation.manage_funds",),
    export_permissions=("evaluation.view_expenditure",),
)


def register() -> None:
    """Register this area's datasets with the exchange."""
    datasets.register(FUNDS)
