"""Monitoring runs over the registry: run, store with evidence, compare (what-if)."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import sqlglot
from django.conf import settings
from django.db import connection, transaction
from django.db.models.functions import Substr

from fupin.core import audit, faults
from fupin.core.access import Scope
from fupin.core.errors import ValidationFailed
from fupin.core.models import AuditRecord
from fupin.households.models import Household
from fupin.monitoring import store
from fupin.monitoring.models import Assessment, MonitoringRun
from fupin.monitoring.policy import default_pack_name
from fupin.monitoring.registry import registry_tables, registry_views, scope_condition
from fupin.regions.choices import NATION_CODE
from fupin.regions.models import Division
from fupin_engine.executors import get_executor
from fupin_engine.run import (
    RunResult,
    plan_key,
    prepare_present,
    provinces_present,
    run_plan,
)
from fupin_engine.source import ArrowSource, SnapshotSource
from fupin_engine.sql.compile import Plan

CHUNK = 5000


def postgres_dsn() -> str:
    db = settings.DATABASES["default"]
    if not db["ENGINE"].endswith("postgresql"):
        raise ValidationFailed("the postgres engine needs DATABASE_URL to be a PostgreSQL "
                               "database")
    parts = {"host": db.get("HOST") or "127.0.0.1", "port": db.get("PORT") or 5432,
             "dbname": db["NAME"], "user": db.get("USER") or "postgres"}
    if db.get("PASSWORD"):
        parts["password"] = db["PASSWORD"]
    return " ".join(f"{k}={v}" for k, v in parts.items())


def scope_of_division(division_code: str) -> Scope:
    """The scope under a division named by its code (12 digits, or its significant prefix);
    an unknown division is refused."""
    code = str(division_code).strip()
    if not code.isdigit() or len(code) > 12:
        raise ValidationFailed(f"unknown division {division_code}")
    code = code.ljust(12, "0")
    if code == NATION_CODE:
        return Scope.nation()
    if not Division.objects.filter(code=code).exists():
        raise ValidationFailed(f"unknown division {division_code}")
    return Scope.of_code(code)


def input_state(scope: Scope) -> str:
    """The registry's state in scope: its last audited change (every write is audited; an
    import as one batch record per village, typed ``households.household`` and carrying the
    village as its division, so it counts in every scope holding the village: ADR 0052)."""
    last = (AuditRecord.objects.filter(object_type__startswith="households.")
            .exclude(object_type="households.job").exclude(object_type="households.snapshot")
            .filter(scope.q("division_code"))
            .order_by("-seq").values_list("seq", "hash").first())
    name = scope.prefix or "all"
    return f"{name}:{last[0]}:{last[1]}" if last else f"{name}:empty"


def provinces_in(scope: Scope) -> list[str]:
    """The 2-digit provinces of the registry's households inside ``scope`` (one query)."""
    return sorted(Household.objects.filter(scope.q("village_id"))
                  .annotate(province=Substr("village_id", 1, 2))
                  .values_list("province", flat=True).order_by("province").distinct())


def scoped_views(scope: Scope, year: int) -> dict[str, str]:
    """The registry as of the end of ``year`` (DuckDB dialect), its households limited to
    those whose village *as of that year* is inside ``scope``.

    The as-of rows carry the village of that year (ADR 0048), which can lie outside the scope
    of today's village: such a household belonged to another division that year and is not
    part of a run over ``scope`` (its assessment would be stored outside the run's region).
    Members and economy rows of the households left out are read by no household.
    """
    views = registry_views(scope, year=year)
    if not scope.is_nation:
        inside = scope_condition(scope).replace("h.village_code", "q.village_code")
        # Only our own SQL and the scope's digits (scope_condition) are put together here.
        body = views["households"]
        views["households"] = f"SELECT * FROM ({body}) AS q WHERE {inside}"  # noqa: S608
    return views


def scoped_tables(scope: Scope, year: int) -> dict[str, pa.Table]:
    """:func:`scoped_views` read as Arrow tables (the DuckDB and Spark executors)."""
    tables = registry_tables(scope, year=year)
    if not scope.is_nation:
        villages = tables["households"].column("village_code")
        tables["households"] = tables["households"].filter(
            pc.starts_with(villages, scope.prefix))
    return tables


def provinces_as_of(scope: Scope, year: int) -> list[str]:
    """The 2-digit provinces of the households a run over ``scope`` for ``year`` reads: the
    villages of the as-of rows (:func:`scoped_views`), not today's (one query)."""
    body = scoped_views(scope, year)["households"]
    query = ("SELECT DISTINCT SUBSTR(village_code, 1, 2) AS province "  # noqa: S608
             f"FROM ({body}) AS households")
    dialect = "postgres" if connection.vendor == "postgresql" else "sqlite"
    with connection.cursor() as cur:
        cur.execute(sqlglot.transpile(query, read="duckdb", write=dialect)[0])
        return sorted(r[0] for r in cur.fetchall() if r[0])


def plan_over(*, year: int, scope: Scope, policy: str | None = None,
              province: str | None = None,
              overrides: dict[str, float] | None = None) -> Plan:
    """The plan of a run over the registry inside ``scope`` as of ``year``: each household
    with the parameters of its province that year (ADR 0049;
    :func:`fupin_engine.run.prepare_present` over :func:`provinces_as_of`)."""
    present = [] if province else provinces_as_of(scope, year)
    return prepare_present(policy or default_pack_name(), year, present, province=province,
                           overrides=overrides)


def check_provinces(plan: Plan, executor, *, chosen: bool) -> None:
    """Refuse to run when the executor reads households of a province the plan has no
    parameters for (they would be assessed with another province's line, or not at all).
    ``chosen``: one province's parameters were asked for every household (no check)."""
    if chosen:
        return
    planned = set(plan.lines)
    for found in provinces_present(executor):
        if found not in planned:
            raise ValidationFailed(
                f"households of province {found} are read for {plan.year} but the run's plan "
                f"has no parameters for that province (planned: "
                f"{', '.join(sorted(planned)) or 'national values'}); run again")


def describe_lines(shared: dict[str, float], by_province: dict[str, dict[str, float]],
                   ) -> list[str]:
    """The parameters a run applied, one line per province (what differs from the values
    every province shared), for the command line and the API: ``13: monitoring_line 7300``."""
    out = []
    for province, values in sorted(by_province.items()):
        own = {k: v for k, v in sorted(values.items()) if shared.get(k) != v}
        if len(by_province) == 1:
            own = dict(sorted(values.items()))
        out.append(f"{province}: " + (", ".join(f"{k} {v:g}" for k, v in own.items())
                                      or "—"))
    return out


def execute_over_registry(plan: Plan, *, engine: str, scope: Scope, chosen: bool = False,
                          progress: Callable[[str, int], None] | None = None) -> RunResult:
    """Run ``plan`` over the registry in ``scope`` as of the plan's year
    (:func:`scoped_views`); refused when a household read is of a province the plan does not
    cover (:func:`check_provinces`)."""
    progress = progress or (lambda phase, done=0: None)
    progress("read", 0)
    if engine == "postgres":
        executor = get_executor("postgres", postgres_dsn(),
                                views=scoped_views(scope, plan.year))
    else:
        executor = get_executor(engine, ArrowSource(scoped_tables(scope, plan.year)))
    progress("assess", 0)
    try:
        check_provinces(plan, executor, chosen=chosen)
        return run_plan(plan, executor)
    finally:
        executor.close()


@dataclass
class RunOutcome:
    run: MonitoringRun
    created: bool


def evidence_of(row: dict[str, Any], plan: Plan) -> dict[str, Any]:
    """For every fired rule: the values it read and the thresholds, by name (the thresholds
    of the household's own province)."""
    out = {}
    params = plan.params_for(row.get("village_code"))
    for rule in plan.rules:
        if not row.get(f"r_{rule.code}"):
            continue
        values = {}
        for name in rule.evidence:
            if name in params:
                values[name] = params[name]
            elif name in {"per_capita_income", "prev_per_capita_income"}:
                values[name] = _num(row.get(name))
            else:
                values[name] = _num(row.get(f"ev_{name}"))
        out[rule.code] = values
    return out


def _num(value):
    if value is None:
        return None
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 2)
    try:
        return float(value)
    except (TypeError, ValueError):
        return value


def run_monitoring(*, actor, year: int, policy: str | None = None, province: str | None = None,
                   overrides: dict[str, float] | None = None, engine: str = "duckdb",
                   scope: Scope,
                   progress: Callable[[str, int], None] | None = None) -> RunOutcome:
    """Run the engine over the registry inside ``scope`` and store the run.

    Each household is assessed with its own province's parameters (:func:`plan_over`); the
    run records them per province. Idempotent: the same registry state and policy give the
    same run key; then the earlier run is returned and nothing is stored.
    ``progress(phase, done)`` hears the phases (``fupin.core.progress.STEPS``): prepare,
    read, assess, store (households stored).
    """
    if not isinstance(scope, Scope):
        raise TypeError("scope must be a Scope (Scope.nation() for the whole country)")
    progress = progress or (lambda phase, done=0: None)
    progress("prepare", 0)
    prefix = scope.prefix
    # The state first: a household written after it (even of a province the plan does not
    # cover yet) changes the state, so the next run has another key and assesses it.
    state = input_state(scope)
    started = time.perf_counter()
    plan = plan_over(year=year, scope=scope, policy=policy, province=province,
                     overrides=overrides)
    compiled = time.perf_counter() - started
    lines = plan.lines
    key = plan_key(plan, state)
    existing = MonitoringRun.objects.filter(run_key=key).first()
    if existing is not None:
        return RunOutcome(existing, False)
    result = execute_over_registry(plan, engine=engine, scope=scope, chosen=bool(province),
                                   progress=progress)
    result.timings["compile"] = compiled
    table = result.table
    progress("store", 0)
    with transaction.atomic():
        mrun = MonitoringRun.objects.create(
            run_key=key, division_code=prefix.ljust(12, "0") if prefix else NATION_CODE,
            year=year, policy_name=plan.pack.name, policy_version=plan.pack.version,
            province=next(iter(lines)) if len(lines) == 1 else "", parameters=plan.params,
            province_parameters=lines, input_hash=state, engine=engine,
            timings=result.timings, created_by=getattr(actor, "username", str(actor)),
            households=table.num_rows)
        flagged = store.store(mrun.pk, table, evidence=lambda row: evidence_of(row, result.plan),
                              num=_num, progress=lambda n: progress("store", n))
        faults.pause_point("monitor:store")  # every assessment written, nothing committed
        mrun.counts = store.counts_by_township(table)
        mrun.flagged = flagged
        mrun.save(update_fields=["counts", "flagged"])
        audit.record(actor=actor, action="monitoring.run", object_type="monitoring.run",
                     object_id=str(mrun.pk), division_code=mrun.division_code,
                     after={"year": year, "policy": f"{plan.pack.name} {plan.pack.version}",
                            "parameters": plan.params, "provinces": lines, "engine": engine,
                            "households": table.num_rows, "flagged": flagged})
    return RunOutcome(mrun, True)


@dataclass
class Comparison:
    """Each household's category under the current and the changed parameters."""

    before: dict[str, str]
    after: dict[str, str]
    villages: dict[str, str]
    incomes: dict[str, float | None]


def compare(*, year: int, policy: str | None = None, province: str | None = None,
            overrides: dict[str, float], scope: Scope,
            snapshot: str | None = None) -> Comparison:
    """Run the pack twice over the registry in ``scope`` (current and changed parameters);
    nothing is stored."""
    if not isinstance(scope, Scope):
        raise TypeError("scope must be a Scope (Scope.nation() for the whole country)")
    policy = policy or default_pack_name()
    if snapshot:
        executor = get_executor("duckdb", SnapshotSource.at(snapshot))
        present = [] if province else provinces_present(executor)
    else:
        executor = get_executor("duckdb", ArrowSource(scoped_tables(scope, year)))
        present = [] if province else provinces_present(executor)
    try:
        current = prepare_present(policy, year, present, province=province)
        changed = prepare_present(policy, year, present, province=province,
                                  overrides=overrides)
        a = run_plan(current, executor).table
        b = run_plan(changed, executor).table
    finally:
        executor.close()
    ids = a.column("household_id").to_pylist()
    return Comparison(
        before=dict(zip(ids, a.column("category").to_pylist(), strict=True)),
        after=dict(zip(b.column("household_id").to_pylist(), b.column("category").to_pylist(),
                       strict=True)),
        villages=dict(zip(ids, a.column("village_code").to_pylist(), strict=True)),
        incomes=dict(zip(ids, (_num(v) for v in a.column("per_capita_income").to_pylist()),
                         strict=True)))


def what_if(*, year: int, policy: str | None = None, province: str | None = None,
            overrides: dict[str, float], scope: Scope,
            snapshot: str | None = None) -> list[dict[str, Any]]:
    """Per county and township: households entering and leaving each category under the
    changed parameters, against the current ones. Nothing is stored."""
    found = compare(year=year, policy=policy, province=province, overrides=overrides,
                    scope=scope, snapshot=snapshot)
    table: dict[tuple[str, str], dict[str, int]] = {}
    for hid, old in found.before.items():
        new = found.after[hid]
        village = found.villages[hid] or ""
        for division in (village[:6], village[:9]):
            for cat in {old, new}:
                row = table.setdefault((division, cat), {"current": 0, "what_if": 0,
                                                         "entered": 0, "left": 0})
                if cat == old:
                    row["current"] += 1
                if cat == new:
                    row["what_if"] += 1
                if old != new:
                    row["entered" if cat == new else "left"] += 1
    return [{"division": d, "category": c, **v} for (d, c), v in sorted(table.items())]


def what_if_households(*, year: int, policy: str | None = None, province: str | None = None,
                       overrides: dict[str, float], scope: Scope,
                       objects: list[str]) -> list[dict[str, Any]]:
    """The households whose category changes under the changed parameters: ``enter`` when
    they become a monitoring object (a category in ``objects``), ``leave`` when they stop
    being one, ``change`` when they move between categories."""
    found = compare(year=year, policy=policy, province=province, overrides=overrides,
                    scope=scope)
    rows = []
    for hid, old in found.before.items():
        new = found.after[hid]
        if old == new:
            continue
        was, becomes = old in objects, new in objects
        change = "enter" if becomes and not was else "leave" if was and not becomes \
            else "change"
        rows.append({"household_id": hid, "village_code": found.villages[hid] or "",
                     "before": old, "after": new, "change": change,
                     "per_capita_income": found.incomes.get(hid)})
    rows.sort(key=lambda r: (r["village_code"], r["household_id"]))
    return rows


def latest_assessment(household: Household) -> Assessment | None:
    return (household.assessments.select_related("run").order_by("-run__year", "-run__pk")
            .first())


def latest_run_covering(household: Household) -> MonitoringRun | None:
    """The latest run whose division contains the household (the run its page speaks of)."""
    village = household.village_id
    codes = [NATION_CODE, *(village[:n].ljust(12, "0") for n in (2, 4, 6, 9, 12))]
    return MonitoringRun.objects.filter(division_code__in=codes).order_by(
        "-created_at", "-pk").first()


# Integrity runs (ADR 0037) are written by their own module; other apps reach them here.
from fupin.monitoring.integrity import (  # noqa: E402, F401
    flagged_signals,
    link_findings,
    run_integrity,
)
