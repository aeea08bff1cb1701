"""Opening the cases of a run (`fupin cases sync`, ADR 0053) against a bulk INSERT … SELECT.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<copy> FUPIN_DATA_KEY=… \\
        .venv/bin/python bench/cases_sync.py [--cases 50000] [--quick]

Needs a database with a monitoring run (``fupin monitor --year Y``) whose monitoring objects
have no open case yet. Everything happens inside one transaction that is rolled back at the
end: the database is left as it was. In it:

* a bench run is made of N of the latest run's monitoring objects (their assessments copied);
* **baseline**: the same case rows and their alerts written by two plain ``INSERT … SELECT``
  statements into the real tables (same indexes and constraints), then rolled back to a
  savepoint;
* **sync**: ``cases.services.sync_from_run`` over the bench run (cases, alerts, the village
  users' notices, the ledger record), checked to have opened N cases.

Prints the two times and their ratio against the budget (≤ 10×, issue 17).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fupin.config.settings")

BUDGET = 10.0


class Rollback(Exception):
    """Ends the bench's transaction."""


def bench_run(source, n: int):
    """A run holding ``n`` of ``source``'s monitoring objects without an open case."""
    from django.db import connection

    from fupin.monitoring import policy
    from fupin.monitoring.models import Assessment, MonitoringRun

    run = MonitoringRun.objects.create(
        run_key=f"bench-cases-{os.getpid()}", division_code=source.division_code,
        year=source.year, policy_name=source.policy_name,
        policy_version=source.policy_version, parameters=source.parameters,
        province_parameters=source.province_parameters, input_hash=source.input_hash,
        engine=source.engine, created_by="bench")
    categories = list(policy.monitoring_categories())
    names = [f.column for f in Assessment._meta.concrete_fields
             if not f.primary_key and f.name != "run"]
    cols = ", ".join(names)
    marks = ", ".join(["%s"] * len(categories))
    with connection.cursor() as cur:
        cur.execute(
            f"INSERT INTO monitoring_assessment (run_id, {cols}) "
            f"SELECT %s, {cols} FROM monitoring_assessment AS a WHERE a.run_id = %s "
            f"AND a.category IN ({marks}) AND NOT EXISTS (SELECT 1 FROM cases_case AS c "
            f"WHERE c.household_id = a.household_id AND c.closed = %s) "
            f"ORDER BY a.household_id LIMIT %s",
            [run.pk, source.pk, *categories, False, n])
        found = cur.rowcount
    return run, found


def baseline(run) -> float:
    """The same case and alert rows by two INSERT … SELECT (undone afterwards). The alerts
    join only the cases just written (``id >=`` the first new id, as the sync does): joined by
    household and time alone, the planner, without statistics on the fresh rows, loops."""
    from django.db import connection, transaction
    from django.utils import timezone

    from fupin.cases import sync

    now = timezone.now()
    started = time.perf_counter()
    try:
        with transaction.atomic():
            with connection.cursor() as cur:
                cur.execute("SELECT COALESCE(MAX(id), 0) FROM cases_case")
                first_id = cur.fetchone()[0] + 1
                cur.execute(
                    "INSERT INTO cases_case (household_id, village_code, state, channel, "
                    "category, risk_types, opened_at, state_since, due_at, closed, version, "
                    "consent_signed_by, compared_departments, comparison_findings, "
                    "elimination_kind, decision_note, warnings, created_at, updated_at) "
                    "SELECT a.household_id, h.village_code, 'alerted', 'engine', a.category, "
                    "a.risk_types, %s, %s, %s, %s, 1, '', '', '', '', '', %s, %s, %s "
                    "FROM monitoring_assessment AS a JOIN households_household AS h "
                    "ON h.id = a.household_id WHERE a.run_id = %s",
                    [now, now, now, False, "[]", now, now, run.pk])
                cur.execute(
                    "INSERT INTO cases_alert (case_id, channel, source, kind, date, amount, "
                    "details, consent, created_at) "
                    f"SELECT c.id, 'engine', 'bench', a.category, %s, NULL, "
                    f"{sync._details_sql('a')}, %s, %s FROM monitoring_assessment AS a "
                    "JOIN cases_case AS c ON c.household_id = a.household_id "
                    "AND c.id >= %s AND c.opened_at = %s WHERE a.run_id = %s",
                    [now.date(), run.year, False, now, first_id, now, run.pk])
            elapsed = time.perf_counter() - started
            raise Rollback
    except Rollback:
        pass
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=50_000)
    parser.add_argument("--quick", action="store_true", help="1,000 cases")
    opts = parser.parse_args(argv)
    n = 1000 if opts.quick else opts.cases

    import django
    django.setup()
    from django.db import connection, transaction

    from fupin.cases import services
    from fupin.monitoring.models import MonitoringRun

    source = MonitoringRun.objects.order_by("-pk").first()
    if source is None:
        print("no monitoring run: run `fupin monitor --year Y` first", file=sys.stderr)
        return 2
    try:
        with transaction.atomic():
            run, found = bench_run(source, n)
            if found < n:
                print(f"note: run {source.pk} has {found} monitoring objects without an "
                      f"open case; benching {found}", file=sys.stderr)
            base = baseline(run)
            started = time.perf_counter()
            counts = services.sync_from_run(actor="system:bench", run=run)
            elapsed = time.perf_counter() - started
            assert counts["opened"] == found, counts
            raise Rollback
    except Rollback:
        pass
    ratio = elapsed / base if base else float("inf")
    print(f"cases sync over {found:,} monitoring objects ({connection.vendor})")
    print(f"{'step':<44} {'seconds':>9} {'cases/s':>10}")
    print(f"{'bulk INSERT … SELECT (cases + alerts)':<44} {base:>9.2f} {found / base:>10,.0f}")
    print(f"{'cases sync (+ notices + ledger)':<44} {elapsed:>9.2f} {found / elapsed:>10,.0f}")
    print(f"ratio {ratio:.1f}× (budget ≤ {BUDGET:.0f}×: {'met' if ratio <= BUDGET else 'NOT met'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
