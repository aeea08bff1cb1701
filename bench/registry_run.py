"""A monitoring run over the registry against the snapshot run over the same data (ADR 0053).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<copy> FUPIN_DATA_KEY=… \\
        .venv/bin/python bench/registry_run.py [--year 2021] [--quick] [--profile F]

Needs a database holding a registry (``fupin import``); use a copy (``createdb -T``), never a
shared one. In the same run:

1. **export**: the registry to Parquet with ``fupin export`` (``export_snapshot``; not timed
   against the budget — it is the baseline's input);
2. **snapshot run**: ``fupin monitor --snapshot`` over that folder on DuckDB (the engine reads
   Parquet natively, writes the result file) — the baseline;
3. **registry run**: ``fupin monitor --year Y`` (``monitoring.services.run_monitoring``): the
   registry as of the year read with ``COPY … TO STDOUT`` into Arrow, the engine on DuckDB, the
   result stored in bulk (``monitoring.store``) — inside one transaction, rolled back at the
   end, so the database is left as it was.

Prints each step's time, the registry run's phases, and the ratio registry / snapshot against
the budget (≤ 3× at 1M households, issue 17). ``--profile F`` writes a cProfile of step 3.
``--quick`` runs over the registry's first county only.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fupin.config.settings")

BUDGET = 3.0


class Rollback(Exception):
    """Ends the bench's transaction."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2021)
    parser.add_argument("--quick", action="store_true", help="the first county only")
    parser.add_argument("--profile", type=Path, help="write a cProfile of the registry run")
    parser.add_argument("--tmp", type=Path, default=None, help="folder for the export")
    opts = parser.parse_args(argv)

    import django
    django.setup()
    from django.db import connection, transaction

    from fupin.core.access import Scope
    from fupin.households.exporter import export_snapshot
    from fupin.households.models import Household
    from fupin.monitoring import services
    from fupin.monitoring.models import MonitoringRun
    from fupin.monitoring.policy import default_pack_name
    from fupin_engine.executors import get_executor
    from fupin_engine.run import plan_key, provinces_present, run_to_file
    from fupin_engine.source import SnapshotSource

    if connection.settings_dict["NAME"] == "bench_1m":
        print("refusing to write into bench_1m: bench a copy (createdb -T bench_1m …)",
              file=sys.stderr)
        return 2
    first = Household.objects.order_by("village_id").values_list("village_id", flat=True)
    county = first.first()
    if county is None:
        print("no households: import a snapshot first", file=sys.stderr)
        return 2
    scope = Scope.of_code(county[:6].ljust(12, "0")) if opts.quick else Scope.nation()
    households = Household.objects.filter(scope.q("village_id")).count()
    work = Path(tempfile.mkdtemp(prefix="bench-run-", dir=opts.tmp))
    timings: dict[str, float] = {}
    try:
        with transaction.atomic():
            started = time.perf_counter()
            export_snapshot(work / "snap", "parquet", actor="system:bench", scope=scope)
            timings["export to Parquet (input of the baseline)"] = time.perf_counter() - started

            started = time.perf_counter()
            source = SnapshotSource.at(str(work / "snap"))
            executor = get_executor("duckdb", source)
            try:
                result = run_to_file(default_pack_name(), executor, opts.year, work / "out.parquet",
                                     provinces=provinces_present(executor))
            finally:
                executor.close()
            snapshot_s = time.perf_counter() - started
            timings["snapshot run (fupin monitor --snapshot)"] = snapshot_s

            phases: dict[str, float] = {}
            last = [time.perf_counter(), "prepare"]

            def progress(phase: str, done: int = 0) -> None:
                now = time.perf_counter()
                phases[last[1]] = phases.get(last[1], 0.0) + now - last[0]
                last[:] = [now, phase]

            # An identical run already stored would be returned as it is: set it aside (this
            # transaction is rolled back, so it is back afterwards).
            key = plan_key(services.plan_over(year=opts.year, scope=scope),
                           services.input_state(scope))
            MonitoringRun.objects.filter(run_key=key).delete()
            profiler = cProfile.Profile() if opts.profile else None
            started = time.perf_counter()
            if profiler:
                profiler.enable()
            outcome = services.run_monitoring(actor="system:bench", year=opts.year,
                                              scope=scope, progress=progress)
            if profiler:
                profiler.disable()
                profiler.dump_stats(opts.profile)
            registry_s = time.perf_counter() - started
            progress("end")
            timings["registry run (fupin monitor --year)"] = registry_s
            if not outcome.created:
                print("note: an identical run was already stored; delete it in the copy",
                      file=sys.stderr)
            stored = outcome.run.flagged
            raise Rollback
    except Rollback:
        pass
    finally:
        shutil.rmtree(work, ignore_errors=True)
    ratio = registry_s / snapshot_s
    print(f"registry run over {households:,} households ({connection.vendor}, "
          f"{result.households:,} assessed by the snapshot run, {stored:,} stored)")
    print(f"{'step':<48} {'seconds':>9}")
    for name, seconds in timings.items():
        print(f"{name:<48} {seconds:>9.2f}")
    for name, seconds in phases.items():
        print(f"{'  registry run: ' + name:<48} {seconds:>9.2f}")
    print(f"ratio registry / snapshot {ratio:.2f}× (budget ≤ {BUDGET:.0f}×: "
          f"{'met' if ratio <= BUDGET else 'NOT met'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
