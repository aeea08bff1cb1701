"""The consolidation engine's five input relations, read from the product's tables.

A fixed number of queries, whatever the number of households (docs/consolidation.md):
one for the years analysed, three per year for the registry as of the end of that year
(:func:`fupin.monitoring.registry.registry_tables`), one each for monitoring-object episodes
(cases), case measures, help records and benefit linkages. Lines and periods come from the
policy pack and the settings, not from the database.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import reduce

import pyarrow as pa
import pyarrow.compute as pc
from django.conf import settings
from django.db.models import Value
from django.utils import timezone

from fupin.cases.models import Case, Measure
from fupin.consolidation.choices import TYPES
from fupin.consolidation.models import HelpRecord
from fupin.core.access import Scope, in_scope
from fupin.core.errors import ValidationFailed
from fupin.ecommerce.models import LinkageYear
from fupin.households.models import EconomyYear, HouseholdState
from fupin.monitoring import policy
from fupin.monitoring.registry import registry_tables
from fupin_engine import consolidation as engine
from fupin_engine.executors.duckdb import DuckDBExecutor
from fupin_engine.policy.loader import PolicyError
from fupin_engine.run import prepare_present
from fupin_engine.source import ArrowSource

ZERO = Decimal(0)
#: Benefit-linkage amounts that count as help and their type (ADR 0050): the dividends and
#: rent a linked enterprise pays (asset income the linkage gives) are industry help. What it
#: buys (gross sales, paid for the household's produce) and the wages it pays (paid for work)
#: are income, not help: the linkage reaches the household (a row of amount 0 of its type,
#: industry for a purchase, employment for wages), its sales and wages are not help amounts.
LINKAGE_TYPES = {"dividends": "industry", "rent": "industry"}
LINKAGE_REACH = {"purchase_value": "industry", "wages": "employment"}


def period_for(province: str) -> tuple[int, int]:
    """The consolidation period ``(first year, last year)`` of a province (2-digit code)."""
    periods = settings.FUPIN_CONSOLIDATION_PERIODS
    start, end = periods.get(province, periods[""])
    return int(start), int(end)


def periods_table() -> pa.Table:
    rows = [{"province": p, "start_year": int(s), "end_year": int(e)}
            for p, (s, e) in settings.FUPIN_CONSOLIDATION_PERIODS.items()]
    return pa.Table.from_pylist(rows, schema=engine.SCHEMAS["periods"])


def analysed_years(scope: Scope, year: int | None = None, *,
                   household_id: str | None = None) -> list[int]:
    """The years the registry can answer as of inside ``scope``, up to ``year`` (one query):
    the years with a yearly state (ADR 0048), and the years it holds income for from its
    latest state on (the current rows answer for those, as for the monitoring run). A year
    before the earliest state — the previous year's economy a snapshot carries — is not one:
    its status and members would be made up from a later state. A registry with no yearly
    state yet (entered by hand, or imported before the registry kept years) answers for every
    year it holds income for, as the monitoring run reads it."""
    economy = EconomyYear.objects.filter(scope.q("household__village_id"))
    states = HouseholdState.objects.filter(scope.q("village_code"))
    if household_id is not None:
        economy = economy.filter(household__household_id=household_id)
        states = states.filter(household__household_id=household_id)
    found = set(economy.order_by().annotate(state=Value(False)).values_list("year", "state")
                .union(states.order_by().annotate(state=Value(True))
                       .values_list("year", "state")))
    stated = {y for y, state in found if state}
    years = {y for y, _ in found if not stated or y in stated or y > max(stated)}
    return sorted(y for y in years if year is None or y <= int(year))


def _plan(year: int, tables: dict[str, pa.Table]):
    """The monitoring run's plan for ``year`` over the households read, each with its own
    province's parameters (ADR 0049; the provinces are those of the as-of rows, so a
    national scope is assessed like the monitoring run's); ``None`` where the pack does not
    cover the year."""
    codes = tables["households"].column("village_code")
    present = sorted(p for p in pc.unique(pc.utf8_slice_codeunits(codes, 0, 2)).to_pylist() if p)
    try:
        return prepare_present(policy.pack(), year, present)
    except PolicyError:
        return None


def _guarantees(run: pa.Table) -> pa.Table | None:
    """``guarantees_ok`` per household: no rule of the guarantee group fired."""
    columns = [f"r_{r}" for r in policy.guarantee_rules() if f"r_{r}" in run.column_names]
    if not columns:
        return None
    ok = reduce(pc.and_, [pc.equal(run.column(c), 0) for c in columns])
    return pa.table({"household_id": run.column("household_id"), "guarantees_ok": ok})


def years_table(scope: Scope, years: list[int], *, household_id: str | None = None) -> pa.Table:
    """The ``years`` relation: per household and year, the registry as of the end of the year,
    per-capita income, and the run's verdict on the guarantees where the pack covers the year
    (each household with its own province's parameters)."""
    parts = []
    for year in years:
        tables = registry_tables(scope, household_id=household_id, year=year)
        executor = DuckDBExecutor(ArrowSource(tables))
        try:
            plan = _plan(year, tables)
            flags = _guarantees(executor.execute(plan)) if plan is not None else None
            parts.append(engine.yearly_rows(executor.con, year, flags))
        finally:
            executor.close()
    if not parts:
        return engine.empty("years")
    return pa.concat_tables(parts)


def lines_table(years: pa.Table) -> pa.Table:
    """The monitoring line of every province and year present (none where the pack has no
    line for the year: income against the line is then unknown)."""
    pairs = set()
    if years.num_rows:
        provinces = pc.utf8_slice_codeunits(years.column("village_code"), 0, 2)
        pairs = set(zip(provinces.to_pylist(), years.column("year").to_pylist(), strict=True))
    rows = []
    for province, year in sorted(pairs):
        try:
            line = policy.monitoring_line(year, province)
        except ValidationFailed:
            continue
        rows.append({"province": province, "year": year, "line": float(line)})
    return pa.Table.from_pylist(rows, schema=engine.SCHEMAS["lines"])


def _year(value) -> int | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).year if timezone.is_aware(value) else value.year
    return value.year


def episodes_table(scope: Scope, last_year: int, *, household_id: str | None = None) -> pa.Table:
    """Years in which households were monitoring objects: from the approval of their case to
    its elimination (still running: to ``last_year``). One query."""
    qs = in_scope(Case.objects.filter(approved_at__isnull=False), scope)
    if household_id is not None:
        qs = qs.filter(household__household_id=household_id)
    rows = [{"household_id": h, "first_year": _year(a), "last_year": _year(e)}
            for h, a, e in qs.order_by().values_list("household__household_id", "approved_at",
                                                     "eliminated_at")]
    spans = pa.Table.from_pylist(rows, schema=pa.schema([
        ("household_id", pa.string()), ("first_year", pa.int64()), ("last_year", pa.int64())]))
    return engine.spans_to_years(spans, last_year=last_year).cast(engine.SCHEMAS["episodes"])


def help_table(scope: Scope, last_year: int, *, household_id: str | None = None) -> pa.Table:
    """All help up to ``last_year``: the register (one query), case measures (one query; a
    measure is help of every year it runs, its amount booked in its first year) and benefit
    linkages (one query; ADR 0050)."""
    schema = engine.SCHEMAS["help"]
    one = {} if household_id is None else {"household__household_id": household_id}
    register = (in_scope(HelpRecord.objects.filter(year__lte=last_year, **one), scope)
                .order_by().values_list("household__household_id", "village_code", "year",
                                        "type", "amount"))
    rows = [{"household_id": h, "village_code": v, "year": y, "type": t, "amount": a}
            for h, v, y, t, a in register]
    parts = [pa.Table.from_pylist(rows, schema=schema)]

    measures = Measure.objects.filter(scope.q("case__village_code"),
                                      start__year__lte=last_year)
    if household_id is not None:
        measures = measures.filter(case__household__household_id=household_id)
    spans = [{"household_id": h, "village_code": v, "type": t, "first_year": s.year,
              "last_year": None if e is None else e.year, "amount": a or ZERO}
             for h, v, t, s, e, a in measures.order_by().values_list(
                 "case__household__household_id", "case__village_code", "type", "start", "end",
                 "amount")]
    if spans:
        table = pa.Table.from_pylist(spans, schema=pa.schema([
            ("household_id", pa.string()), ("village_code", pa.string()), ("type", pa.string()),
            ("first_year", pa.int64()), ("last_year", pa.int64()),
            ("amount", pa.decimal128(14, 2))]))
        parts.append(engine.spans_to_years(table, last_year=last_year, amount=True)
                     .select(schema.names).cast(schema))

    linkages = in_scope(LinkageYear.objects.filter(year__lte=last_year), scope)
    if household_id is not None:
        linkages = linkages.filter(linkage__household__household_id=household_id)
    rows = []
    for h, v, y, *amounts in linkages.order_by().values_list(
            "linkage__household__household_id", "division_code", "year", *LINKAGE_TYPES,
            *LINKAGE_REACH):
        by_type: dict[str, Decimal] = {}
        for field, value in zip([*LINKAGE_TYPES, *LINKAGE_REACH], amounts, strict=True):
            if value and value > 0:
                if field in LINKAGE_TYPES:
                    kind = LINKAGE_TYPES[field]
                    by_type[kind] = by_type.get(kind, ZERO) + value
                else:
                    by_type.setdefault(LINKAGE_REACH[field], ZERO)
        rows += [{"household_id": h, "village_code": v, "year": y, "type": t, "amount": a}
                 for t, a in by_type.items()]
    parts.append(pa.Table.from_pylist(rows, schema=schema))
    return pa.concat_tables(parts)


def build(scope: Scope, year: int | None = None, *,
          household_id: str | None = None) -> engine.Consolidation | None:
    """The engine over ``scope`` as of ``year`` (default: the latest year with income data);
    ``None`` when the registry holds no income year there."""
    years = analysed_years(scope, year, household_id=household_id)
    if year is not None and int(year) not in years:
        years.append(int(year))  # the status as of the year, even without its income
    if not years:
        return None
    as_of = years[-1]
    table = years_table(scope, years, household_id=household_id)
    inputs = {"years": table, "lines": lines_table(table),
              "episodes": episodes_table(scope, as_of, household_id=household_id),
              "help": help_table(scope, as_of, household_id=household_id),
              "periods": periods_table()}
    return engine.Consolidation(inputs, as_of, TYPES)
