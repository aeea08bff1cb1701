"""Run the benchmarks one after the other, each in its own process, and summarise.

    .venv/bin/python bench/run_all.py                 # the ones that need no database
    .venv/bin/python bench/run_all.py --quick         # small sizes, a smoke run
    DATABASE_URL=postgres://… .venv/bin/python bench/run_all.py --with-db
    .venv/bin/python bench/run_all.py --only evaluation_scoring

Each benchmark asserts its own checks (equal results against its baseline); a non-zero exit
is reported as FAILED. Sizes and budgets are in docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# name → (full-size arguments, quick arguments, needs a database)
BENCHES: dict[str, tuple[list[str], list[str], bool]] = {
    "evaluation_scoring": ([], ["--counties", "300", "--draws", "200", "--repeat", "1"], False),
    "integrity": ([], ["--replicates", "5", "--repeat", "1"], False),
    "assessment_coverage": ([], ["--replicates", "50", "--villages", "50"], False),
    "engine": (["--skip-spark"], ["--households", "20000", "--loop-households", "2000",
                                  "--skip-spark"], False),
    "provinces": ([], ["--households", "20000", "--repeat", "1"], False),
    "import_export": ([], ["--households", "5000", "--engines", "sqlite"], False),
    "bench_inbox": ([], ["--cases", "500", "--repeat", "5"], True),
    "ecommerce_indicators": ([], ["--linkages", "20000", "--repeat", "1"], True),
    "consolidation": ([], ["--households", "200000", "--repeat", "1"], False),
    "registry_history": ([], ["--households", "100000"], True),
    "ledger": ([], ["--quick"], False),
}


def main() -> int:
    """Run the chosen benchmarks; exit 1 if any failed."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small sizes")
    ap.add_argument("--with-db", action="store_true", help="also those needing DATABASE_URL")
    ap.add_argument("--only", action="append", choices=sorted(BENCHES), help="repeatable")
    args = ap.parse_args()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)}
    results = []
    for name, (full, quick, needs_db) in BENCHES.items():
        if args.only and name not in args.only:
            continue
        if needs_db and not (args.with_db or args.only):
            continue
        cmd = [sys.executable, str(ROOT / "bench" / f"{name}.py"), *(quick if args.quick else full)]
        print(f"== {name}: {' '.join(cmd[1:])}", flush=True)
        t0 = time.perf_counter()
        rc = subprocess.call(cmd, cwd=ROOT, env=env)
        results.append((name, rc, time.perf_counter() - t0))
    print("\nsummary")
    for name, rc, secs in results:
        print(f"  {name:<22} {'ok' if rc == 0 else f'FAILED ({rc})':<12} {secs:8.1f} s")
    return 0 if all(rc == 0 for _, rc, _ in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
