"""The help register on the exchange (ADR 0021, ADR 0050; docs/formats/help-register.md): CSV
(UTF-8 or GB18030), Parquet or a workbook with Chinese headers, checked whole — every problem
by file, row, column and rule — and written all or nothing; exported in the same shape.

A household is named by its household ID and resolved among the households of the importer's
region only: one outside it answers exactly like one that does not exist.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from fupin.consolidation import services
from fupin.consolidation.choices import TYPE_ZH, TYPES
from fupin.consolidation.models import YEARS, HelpRecord
from fupin.core import audit, datasets
from fupin.core.access import NATION_CODE, Scope, in_scope
from fupin.core.datasets import ImportOutcome
from fupin.core.exchange import Table, open_tables
from fupin.core.exchange_write import Report, write_tables
from fupin.households import messages as registry
from fupin.households.models import Household
from fupin_engine import snapshot
from fupin_engine.snapshot import AMOUNT_RULE, HOUSEHOLD_ID_PATTERN, Column

HEADER_ROW = 1
NAME = "help-register"

TABLES: tuple[Table, ...] = (
    Table("help", ("help", "帮扶记录"), (
        Column("household_id", "户编号", "text", max_length=32, pattern=HOUSEHOLD_ID_PATTERN,
               rule="a household registered in your region"),
        Column("village_code", "村代码", "code12", required=False,
               rule="written by the export; when given, the household's village"),
        Column("year", "年度", "year", minimum=YEARS[0], maximum=YEARS[1],
               rule="the year the help was received; not in the future"),
        Column("type", "帮扶类型", "enum", choices=tuple((t, TYPE_ZH[t]) for t in TYPES),
               rule="the code or the Chinese word"),
        Column("amount", "金额", "amount", required=False,
               rule=f"{AMOUNT_RULE}; empty = 0 (help without an amount)"),
        Column("source", "帮扶来源", "text", required=False, max_length=100,
               rule="the department or programme; one row per household, year, type and "
                    "source"),
        Column("description", "帮扶内容", "text", required=False, max_length=300),
    )),
)
LABELS = {t.name: {c.name: c.label for c in t.columns} for t in TABLES}

MESSAGES = {
    "unknown_household": _("no household %(code)s in your region"),
    "other_village": _("household %(code)s lives in village %(village)s"),
    "duplicate": _("the same record (%(key)s) is already at row %(row)s of this table"),
    "case_measure": _("household %(code)s has a case measure of this type in %(year)s: the "
                      "register holds only help not recorded as case measures; correct the "
                      "measure on the case"),
    "no_data_rows": _("the file has no data rows: fill in the rows below the template's "
                      "header row and upload it again"),
}


def message(code: str, params: dict[str, Any]) -> str:
    """The report's message for a rule code (the schema's own rules are the registry's)."""
    template = MESSAGES.get(code)
    if template is None:
        return registry.message(code, params)
    try:
        return str(template) % params
    except (KeyError, TypeError, ValueError):
        return str(template)


@dataclass
class Row:
    number: int
    clean: dict[str, Any]
    ok: bool = True


class HelpImporter:
    """One import of the help register, limited to ``scope``."""

    def __init__(self, path: Path, *, actor: Any, scope: Scope, progress=None,
                 today: dt.date | None = None) -> None:
        if not isinstance(scope, Scope):
            raise TypeError("scope must be a fupin.core.access.Scope (Scope.nation() for all)")
        self.path, self.actor, self.scope = Path(path), actor, scope
        self.progress = progress or (lambda phase, n: None)
        self.today = today or timezone.localdate()
        self.rows: list[Row] = []
        self.households: dict[str, Household] = {}
        self.sources: dict = {}
        self.report: Report | None = None
        self._clean_ok = False

    def validate(self) -> ImportOutcome:
        self.report = Report()
        outcome = ImportOutcome(self.report)
        self.sources = open_tables(self.path, TABLES)
        table = TABLES[0]
        outcome.rows[table.name] = self._read(table)
        if not self.rows:
            self.add(HEADER_ROW + 1, "", None, "no_data_rows")
            return outcome
        self._check()
        self._clean_ok = self.report.errors == 0
        return outcome

    def _read(self, table: Table) -> int:
        headers, rows = self.sources[table.name].read()
        names, issues = snapshot.resolve_headers(table.name, headers, table.columns)
        for issue in issues:
            self.add(HEADER_ROW, issue.column, issue.value, issue.code, issue.params,
                     severity=issue.severity)
        absent = {i.column for i in issues if i.code == "missing_column"}
        self.progress("validate:help", 0)
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
                    self.add(number, issue.column, issue.value, issue.code, issue.params,
                             severity=issue.severity)
            self.rows.append(Row(number, clean, ok))
        self.progress("validate:help", len(self.rows))
        return len(self.rows)

    def add(self, row: int, column: str, value: Any, code: str,
            params: dict[str, Any] | None = None, *, severity: str = snapshot.ERROR) -> None:
        assert self.report is not None
        label = column
        if (translation.get_language() or "").startswith("zh"):
            label = LABELS["help"].get(column, column)
        self.report.add(self.sources["help"].display, row, label,
                        "" if value is None else str(value)[:80], severity, code,
                        message(code, params or {}))

    def _check(self) -> None:
        """The rules across rows and the database: the households (one query, inside the
        importer's region) and one row per household, year, type and source."""
        ids = {r.clean["household_id"] for r in self.rows if r.clean.get("household_id")}
        self.households = {h.household_id: h for h in in_scope(
            Household.objects.filter(household_id__in=ids), self.scope)}
        seen: dict[tuple, Row] = {}
        measured = services.case_measure_years(h.pk for h in self.households.values())
        for row in self.rows:
            c = row.clean
            hid = c.get("household_id")
            if not hid:
                continue
            household = self.households.get(hid)
            if household is None:
                self.add(row.number, "household_id", hid, "unknown_household", {"code": hid})
                row.ok = False
                continue
            village = c.get("village_code")
            if village and village != household.village_id:
                self.add(row.number, "village_code", village, "other_village",
                         {"code": hid, "village": household.village_id})
                row.ok = False
            key = (hid, c.get("year"), c.get("type"), c.get("source") or "")
            if None in key[:3]:
                continue
            if (household.pk, key[1], key[2]) in measured:
                self.add(row.number, "type", c.get("type"), "case_measure",
                         {"code": hid, "year": key[1]})
                row.ok = False
            if key in seen:
                self.add(row.number, "type", c.get("type"), "duplicate",
                         {"key": " / ".join(map(str, key)), "row": seen[key].number})
            else:
                seen[key] = row

    def commit(self) -> dict[str, int]:
        if not self._clean_ok:
            raise RuntimeError("commit() after a validation that found errors")
        rows = [{**r.clean, "household": self.households[r.clean["household_id"]]}
                for r in self.rows]
        counts = services.import_help(actor=self.actor, scope=self.scope, rows=rows)
        self.progress("write:help", len(rows))
        return counts

    def close(self) -> None:
        self.rows, self.households = [], {}
        self.report = None


def export(path: Path, fmt: str, *, actor: Any, scope: Scope, masked: bool = True,
           progress=None) -> dict[str, int]:
    """Write the help register of ``scope`` to ``path``; one audit record names the count."""
    def rows():
        for r in (in_scope(HelpRecord.objects.all(), scope).order_by(
                "village_code", "household__household_id", "year", "type", "source")
                .values_list("household__household_id", "village_code", "year", "type",
                             "amount", "source", "description")):
            yield list(r)

    counts = write_tables(path, fmt, TABLES, {"help": rows()}, progress)
    with transaction.atomic():
        audit.record(actor=actor, action="consolidation.export_help",
                     object_type="consolidation.helprecord", object_id=NAME,
                     division_code=scope.prefix.ljust(12, "0") if scope.prefix
                     else NATION_CODE, after={"rows": dict(counts)})
    return counts


HELP_REGISTER = datasets.Dataset(
    name=NAME,
    label="Help register (help received by type and year)",
    label_zh="帮扶记录（分类型、分年度）",
    tables=TABLES,
    importer=HelpImporter,
    exporter=export,
    import_permissions=("consolidation.import_help",),
    export_permissions=("consolidation.view_helprecord",),
)


def register() -> None:
    """Register the help register with the exchange (called from ``AppConfig.ready``)."""
    datasets.register(HELP_REGISTER)
