"""kill -9 at scale (issue 17, item 6; ADR 0053): a registry run, `cases sync` and an export
killed half-way leave no partial run, no half-opened case and no file under the export's name.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<copy> FUPIN_DATA_KEY=… \\
        .venv/bin/python bench/faults.py [--year 2021] [--quick] [--param NAME=VALUE]

Use a copy of a registry database (``createdb -T bench_1m …``), never a shared one. Each step
starts ``fupin …`` as its own process with ``FUPIN_PAUSE_AT`` (``fupin.core.faults``): it stops
where everything of the step is written and nothing committed; this script then kills it with
SIGKILL and checks the tables (and the export's folder) against what they held before. The
`cases sync` step needs a stored run without its cases (it is skipped, saying so, otherwise).
``--quick`` exports and runs the first county only. Prints what it checked.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fupin.config.settings")

FUPIN = [sys.executable, "-m", "fupin.cli"]
TABLES = ("monitoring_monitoringrun", "monitoring_assessment", "cases_case", "cases_alert",
          "core_notification", "core_auditrecord")


def counts() -> dict[str, int]:
    from django.db import connection
    with connection.cursor() as cur:
        out = {}
        for table in TABLES:
            cur.execute(f"SELECT count(*) FROM {table}")
            out[table] = cur.fetchone()[0]
    return out


def kill_at(point: str, args: list[str]) -> float:
    """Run ``fupin args`` to pause point ``point`` and SIGKILL it; seconds until paused."""
    started = time.perf_counter()
    proc = subprocess.Popen([*FUPIN, *args], env={**os.environ, "FUPIN_PAUSE_AT": point},
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen = []
    for line in proc.stderr:
        seen.append(line)
        if f"paused at {point}" in line:
            break
    else:
        proc.wait()
        raise SystemExit(f"{args} ended without reaching {point}:\n{''.join(seen[-20:])}")
    paused = time.perf_counter() - started
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, proc.returncode
    return paused


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2021)
    parser.add_argument("--quick", action="store_true", help="the first county only")
    parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                        help="passed to the registry run (a database whose data has a run "
                             "already stores nothing new without a changed parameter)")
    opts = parser.parse_args(argv)

    import django
    django.setup()
    from django.db import connection

    from fupin.cases.models import Case
    from fupin.households.exporter import remove_abandoned
    from fupin.households.models import Household
    from fupin.monitoring.models import MonitoringRun

    if connection.settings_dict["NAME"] == "bench_1m":
        print("refusing to kill writers in bench_1m: use a copy", file=sys.stderr)
        return 2
    households = Household.objects.count()
    first = Household.objects.order_by("village_id").values_list("village_id", flat=True)
    division = (first.first() or "")[:6] if opts.quick else ""
    where = ["--division", division] if division else []
    rows: list[tuple[str, float, str, str]] = []

    before = counts()
    params = [arg for p in opts.param for arg in ("--param", p)]
    paused = kill_at("monitor:store", ["monitor", "--year", str(opts.year), *where, *params])
    after = counts()
    rows.append(("registry run killed at store", paused,
                 "nothing stored" if after == before else f"LEFT {after} (was {before})", ""))

    run = MonitoringRun.objects.order_by("-pk").first()
    if run is None or Case.objects.filter(household__assessments__run=run).exists():
        rows.append(("cases sync", 0.0, "skipped: no run without its cases", ""))
    else:
        before = counts()
        paused = kill_at("cases.sync:ledger", ["cases", "sync", "--run", str(run.pk)])
        after = counts()
        rows.append(("cases sync killed before commit", paused,
                     "no case, alert or notice" if after == before
                     else f"LEFT {after} (was {before})", ""))

    with tempfile.TemporaryDirectory(prefix="bench-faults-") as tmp:
        target = Path(tmp) / "registry"
        before = counts()
        paused = kill_at("export:members", ["export", str(target), "--format", "parquet",
                                            *(["--division", division] if division else [])])
        after = counts()
        left = sorted(p.name for p in Path(tmp).iterdir())
        removed = remove_abandoned(target)
        rest = sorted(p.name for p in Path(tmp).iterdir())
        rows.append(("export killed half-way", paused,
                     ("no file under its name, not audited" if not target.exists()
                      and after == before else f"LEFT {left}"),
                     f"{len(removed)} partial removed; left {rest or 'nothing'}"))

    print(f"kill -9 over {households:,} households ({connection.vendor}"
          f"{', division ' + division if division else ''})")
    print(f"{'fault':<34} {'paused after s':>14}  {'checked':<40} cleanup")
    for name, seconds, checked, cleanup in rows:
        print(f"{name:<34} {seconds:>14.1f}  {checked:<40} {cleanup}")
    return 0 if all("LEFT" not in r[2] for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
