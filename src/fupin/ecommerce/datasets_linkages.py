"""The benefit-linkage dataset of the exchange (ADR 0021, 0042): two tables, ``linkages`` and
``linkage_years``, imported from CSV (UTF-8/GB18030), XLSX or Parquet and exported the same.

Pass 1 checks every row and reports each problem by file, row and column: types and enums
(the exchange's), then the rules — the household exists and lies inside the importer's scope
(a county office links only its own households), the credit code is a valid unified social
credit code (GB 32100) of a known enterprise, the end is not before the start, amounts are not
negative, a linkage year names a linkage of the file or of the scope and falls inside its
period, no code or (linkage, year) twice. Pass 2 writes everything in one transaction through
``services.linkages`` — amounts through ``record_linkage_years``, so the households' economy
moves with them — or nothing. Registered from ``AppConfig.ready``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from fupin.core import audit, datasets
from fupin.core.access import Scope, in_scope
from fupin.core.datasets import ImportOutcome
from fupin.core.exchange import Table, open_tables
from fupin.core.exchange_write import Report, write_tables
from fupin.ecommerce.choices import LinkageForm
from fupin.ecommerce.models import Enterprise, Linkage, LinkageYear
from fupin.ecommerce.models.enterprises import validate_credit_code
from fupin.ecommerce.models.linkages import LINKAGE_AMOUNTS
from fupin.ecommerce.services import linkages as services
from fupin.households.messages import message
from fupin.households.models import Household
from fupin_engine import snapshot
from fupin_engine.snapshot import Column

#: The forms' Chinese names, (the drop-down of the template).
FORM_ZH = {"order_dividend": "订单收购+分红", "land_hiring": "土地流转+优先雇用",
           "shares": "入股保底分红", "employment": "就业", "consignment": "代销",
           "training": "培训"}
AMOUNT_RULE = "yuan, ≥ 0; part of the household's economy of the year (ADR 0042)"
LINKAGE_COLUMNS = (
    Column("code", "联结编号", "text", max_length=40, pattern=r"[A-Za-z0-9_\-]+",
           rule="the linkage's own code: a second import of it updates it"),
    Column("household_id", "户编号", "text", max_length=32),
    Column("credit_code", "企业统一社会信用代码", "text", max_length=18),
    Column("form", "联结形式", "enum",
           choices=tuple((f.value, FORM_ZH[f.value]) for f in LinkageForm)),
    Column("started_on", "开始日期", "date"),
    Column("ended_on", "结束日期", "date", required=False),
)
YEAR_COLUMNS = (
    Column("linkage_code", "联结编号", "text", max_length=40),
    Column("year", "年度", "year"),
    *(Column(f, label, "amount", required=False, rule=AMOUNT_RULE) for f, label in (
        ("purchase_value", "收购金额"), ("wages", "工资"), ("dividends", "分红"),
        ("rent", "租金"))),
)
LINKAGES = Table("linkages", ("linkages", "利益联结"), LINKAGE_COLUMNS)
YEARS = Table("linkage_years", ("linkage_years", "利益联结年度金额"), YEAR_COLUMNS)


class LinkageImporter:
    def __init__(self, path: Path, *, actor: Any, scope: Scope, progress=None) -> None:
        self.path, self.actor, self.scope = Path(path), actor, scope
        self.linkages: list[dict] = []
        self.years: list[dict] = []

    def _rows(self, source, columns, table, report):
        headers, rows = source.read()
        names, issues = snapshot.resolve_headers(table, headers, columns)
        for issue in issues:
            report.add(source.display, 0, issue.column, issue.value, issue.severity,
                       issue.code, message(issue.code, issue.params))
        today = timezone.localdate()
        for row, values in rows:
            raw = {n: v for n, v in zip(names, values, strict=False) if n}
            clean, bad = {}, False
            for col in columns:
                value, issue = snapshot.parse_value(col, snapshot.canonical(raw.get(col.name)),
                                                    today=today)
                clean[col.name] = value
                if issue is not None:
                    bad = True
                    report.add(source.display, row, issue.column, issue.value, issue.severity,
                               issue.code, message(issue.code, issue.params))
            yield row, clean, bad

    def validate(self) -> ImportOutcome:
        report = Report()
        sources = open_tables(self.path, [LINKAGES, YEARS])
        counts = {"linkages": 0, "linkage_years": 0}
        if "linkages" not in sources and "linkage_years" not in sources:
            report.add(self.path.name, 0, "", "", snapshot.ERROR, "no_data_rows",
                       message("no_data_rows", {}))
            return ImportOutcome(report=report, rows=counts)
        parsed = []
        if "linkages" in sources:
            src = sources["linkages"]
            parsed = [(src, *r) for r in self._rows(src, LINKAGE_COLUMNS, "linkages", report)]
            counts["linkages"] = len(parsed)
        hids = {c["household_id"] for _, _, c, _ in parsed if c["household_id"]}
        households = {h.household_id: h for h in Household.objects.filter(household_id__in=hids)}
        credit = {c["credit_code"] for _, _, c, _ in parsed if c["credit_code"]}
        known = set(Enterprise.objects.filter(credit_code__in=credit)
                    .values_list("credit_code", flat=True))
        codes = {c["code"] for _, _, c, _ in parsed if c["code"]}
        existing = {lk.code: lk for lk in Linkage.objects.filter(code__in=codes)}
        periods: dict[str, tuple[dt.date, dt.date | None]] = {}
        seen: dict[str, int] = {}
        for src, row, c, bad in parsed:
            def problem(column, value, text, code="rule", src=src, row=row):
                report.add(src.display, row, column, str(value), snapshot.ERROR, code, text)
            if c["code"] in seen:
                problem("code", c["code"], gettext("the same linkage code is already at row "
                                                   "%(row)s") % {"row": seen[c["code"]]},
                        "duplicate")
                continue
            seen[c["code"]] = row
            if bad:
                continue
            household = households.get(c["household_id"])
            ok = True
            if household is None:
                problem("household_id", c["household_id"],
                        message("unknown_household", {}), "unknown_household")
                ok = False
            elif not self.scope.contains(household.village_id):
                problem("household_id", c["household_id"],
                        message("outside_region", {"code": c["household_id"]}), "outside_region")
                ok = False
            try:
                validate_credit_code(c["credit_code"])
                if c["credit_code"] not in known:
                    problem("credit_code", c["credit_code"],
                            gettext("no enterprise with this credit code: record the "
                                    "enterprise first"), "unknown_enterprise")
                    ok = False
            except ValidationError as exc:
                problem("credit_code", c["credit_code"], " ".join(exc.messages), "credit_code")
                ok = False
            if c["ended_on"] and c["ended_on"] < c["started_on"]:
                problem("ended_on", c["ended_on"], gettext("the end is before the start"),
                        "end_before_start")
                ok = False
            old = existing.get(c["code"])
            if old is not None and not self.scope.contains(old.division_code):
                problem("code", c["code"], message("outside_region", {"code": c["code"]}),
                        "outside_region")
                ok = False
            if ok:
                periods[c["code"]] = (c["started_on"], c["ended_on"])
                self.linkages.append(c)
        self._validate_years(sources.get("linkage_years"), report, periods, counts)
        if not any(counts.values()):
            report.add(self.path.name, 0, "", "", snapshot.ERROR, "no_data_rows",
                       message("no_data_rows", {}))
        return ImportOutcome(report=report, rows=counts)

    def _validate_years(self, src, report, periods, counts) -> None:
        if src is None:
            return
        parsed = list(self._rows(src, YEAR_COLUMNS, "linkage_years", report))
        counts["linkage_years"] = len(parsed)
        named = {c["linkage_code"] for _, c, _ in parsed if c["linkage_code"]} - set(periods)
        for lk in in_scope(Linkage.objects.filter(code__in=named), self.scope):
            periods.setdefault(lk.code, (lk.started_on, lk.ended_on))
        seen: dict[tuple, int] = {}
        for row, c, bad in parsed:
            def problem(column, value, text, code="rule", row=row):
                report.add(src.display, row, column, str(value), snapshot.ERROR, code, text)
            key = (c["linkage_code"], c["year"])
            if key in seen:
                problem("year", c["year"], gettext("the same linkage and year are already at "
                                                   "row %(row)s") % {"row": seen[key]},
                        "duplicate")
                continue
            seen[key] = row
            if bad:
                continue
            period = periods.get(c["linkage_code"])
            if period is None:
                problem("linkage_code", c["linkage_code"],
                        gettext("no such linkage in this file or in your region"),
                        "unknown_linkage")
                continue
            start, end = period
            if not (start.year <= c["year"] and (end is None or end.year >= c["year"])):
                problem("year", c["year"], gettext("the linkage did not run in this year"),
                        "outside_period")
                continue
            self.years.append({"linkage": c["linkage_code"], "year": c["year"],
                               **{f: c[f] for f in LINKAGE_AMOUNTS}})

    def commit(self) -> dict[str, int]:
        with transaction.atomic():
            for c in self.linkages:
                services.record_linkage(actor=self.actor, scope=self.scope, **c)
            changed = services.record_linkage_years(actor=self.actor, scope=self.scope,
                                                    rows=self.years)
        return {"linkages": len(self.linkages), "linkage_years_changed": changed}

    def close(self) -> None:
        self.linkages, self.years = [], []


def _exporter(path: Path, fmt: str, *, actor: Any, scope: Scope, masked: bool,
              progress=None) -> dict[str, int]:
    linkages = in_scope(Linkage.objects.select_related("household", "enterprise")
                        .order_by("code"), scope)
    years = in_scope(LinkageYear.objects.select_related("linkage")
                     .order_by("linkage__code", "year"), scope)

    def linkage_rows():
        for lk in linkages.iterator(chunk_size=2000):
            yield [lk.code, lk.household.household_id, lk.enterprise.credit_code, lk.form,
                   lk.started_on, lk.ended_on]

    def year_rows():
        for y in years.iterator(chunk_size=2000):
            yield [y.linkage.code, y.year, *(getattr(y, f) for f in LINKAGE_AMOUNTS)]

    counts = write_tables(path, fmt, [LINKAGES, YEARS],
                          {"linkages": linkage_rows(), "linkage_years": year_rows()}, progress)
    with transaction.atomic():
        audit.record(actor=actor, action="ecommerce.export_linkages",
                     object_type="ecommerce.linkage", object_id="linkages",
                     division_code=scope.prefix.ljust(12, "0") if scope.prefix else "",
                     after={"rows": dict(counts)})
    return counts


LINKAGE_DATASET = datasets.Dataset(
    name="linkages", label="Benefit linkages (e-commerce)", label_zh="利益联结（电商）",
    tables=(LINKAGES, YEARS), importer=LinkageImporter, exporter=_exporter,
    import_permissions=("ecommerce.manage_programme",),
    export_permissions=("ecommerce.view_linkage",),
)


def register() -> None:
    datasets.register(LINKAGE_DATASET)
