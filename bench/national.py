"""National scale on one machine: a 30M-household snapshot through ``fupin monitor`` (DuckDB)
within a memory limit set by fupin, with the peak memory measured (ADR 0054).

    .venv/bin/python bench/national.py [--households 30000000] [--small 5000000]
        [--memory-limit 10GiB] [--keep /work/benchdata/national30m] [--quick]

Generates the small snapshot with ``bench/engine.py``'s DuckDB generator and the large one
as copies of it in further counties (``replicate``; ``--generate-large`` generates it
instead, which sorts 120M members and takes long on a shared machine); once: ``--keep DIR``
and ``--keep-small DIR`` reuse them. Then runs ``fupin monitor --snapshot … --out
result.parquet`` in a subprocess for the small size (the per-household baseline) and the
large one, each with ``FUPIN_DUCKDB_MEMORY_LIMIT`` and ``FUPIN_DUCKDB_TEMP_DIR`` set.
While it runs, the script polls ``/proc`` for the resident memory of the whole process tree
and the size of the spill folder; ``os.wait4`` gives the child's own peak (``ru_maxrss``).
Prints seconds, seconds per million households and its ratio to the small run, peak RSS,
its ratio to the 24 GiB budget, and the peak spill. Budget: the large run completes within
24 GiB peak RSS.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parent))

from engine import YEAR, generate

from fupin_engine.executors import duckdb_config

ROOT = Path(__file__).resolve().parents[1]
BUDGET = 24 * 2**30
PAGE = os.sysconf("SC_PAGE_SIZE")


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants now."""
    tree, total, todo = _children(), 0, [pid]
    while todo:
        p = todo.pop()
        todo.extend(tree.get(p, []))
        try:
            with open(f"/proc/{p}/statm") as fh:
                total += int(fh.read().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            continue
    return total


def folder_size(path: Path) -> int:
    total = 0
    for dirpath, _, files in os.walk(path):
        for name in files:
            try:
                total += os.stat(os.path.join(dirpath, name)).st_size
            except OSError:
                continue
    return total


@dataclass
class Measured:
    households: int
    seconds: float
    peak_tree_rss: int
    child_maxrss: int
    peak_spill: int
    spill_left: int


def measure(snap: Path, out: Path, limit: str, work: Path, households: int,
            nice: int) -> Measured:
    spill = work / "spill"
    spill.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "FUPIN_DUCKDB_MEMORY_LIMIT": limit,
           "FUPIN_DUCKDB_TEMP_DIR": str(spill), "FUPIN_VAR_DIR": str(work / "var"),
           "DATABASE_URL": f"sqlite:///{work / 'bench.sqlite3'}"}
    args = [sys.executable, "-m", "fupin.cli", "monitor", "--snapshot", str(snap),
            "--year", str(YEAR), "--out", str(out)]
    if nice:
        args = ["nice", "-n", str(nice), *args]
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    peak_rss = peak_spill = 0
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        peak_rss = max(peak_rss, tree_rss(proc.pid))
        peak_spill = max(peak_spill, folder_size(spill))
        time.sleep(0.2)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"fupin monitor failed ({proc.returncode}) on {snap}")
    return Measured(households, seconds, peak_rss, usage.ru_maxrss * 1024, peak_spill,
                    folder_size(spill))


def snapshot(folder: Path, n: int, limit: str) -> Path:
    """The generated snapshot in ``folder`` (made once, with the same memory limit)."""
    snap = folder / "snapshot"
    if (snap / "economy.parquet").exists():
        rows = pq.ParquetFile(snap / "households.parquet").metadata.num_rows
        if rows == n:
            return snap
        shutil.rmtree(snap)
    snap.mkdir(parents=True)
    start = time.perf_counter()
    with duckdb_config.connect(memory=limit, temp_dir=str(folder / "spill")) as con:
        generate(snap, n, con)
    print(f"generated {n:,} households in {time.perf_counter() - start:.0f} s ({snap})")
    return snap


def replicate(small: Path, folder: Path, copies: int, limit: str) -> Path:
    """The large snapshot as ``copies`` copies of the small one, copy ``c`` in county
    ``5134(31 + c)`` with household ids prefixed by ``c``: the generator's households, members
    and economy at ``copies`` × the size, without sorting 100M+ generated members again
    (the copies are written as they stream, in no particular order)."""
    snap = folder / "snapshot"
    snap.mkdir(parents=True, exist_ok=True)
    n = pq.ParquetFile(small / "households.parquet").metadata.num_rows * copies
    start = time.perf_counter()
    with duckdb_config.connect(memory=limit, temp_dir=str(folder / "spill")) as con:
        for table in ("households", "members", "economy"):
            final = snap / f"{table}.parquet"
            wanted = pq.ParquetFile(small / f"{table}.parquet").metadata.num_rows * copies
            if final.exists() and pq.ParquetFile(final).metadata.num_rows == wanted:
                continue  # made by an earlier (interrupted) call
            src = str(small / f"{table}.parquet").replace("'", "''")
            village = ("'5134' || CAST(31 + c AS VARCHAR) || substr(village_code, 7) "
                       "AS village_code, " if table == "households" else "")
            drop = ", village_code" if village else ""
            parts = " UNION ALL ".join(
                f"SELECT {c} AS c, * FROM read_parquet('{src}')" for c in range(copies))
            # The order of the copies does not matter: no buffering to keep it.
            con.execute(
                f"COPY (SELECT CAST(c AS VARCHAR) || household_id AS household_id, {village}"
                f"* EXCLUDE (c, household_id{drop}) FROM ({parts})) "
                f"TO '{snap / table}.parquet.part' (FORMAT parquet)")
            os.replace(snap / f"{table}.parquet.part", final)
    print(f"{n:,} households as {copies} copies ready in {time.perf_counter() - start:.0f} s "
          f"({snap})")
    return snap


def gib(n: int) -> str:
    return f"{n / 2**30:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=30_000_000)
    parser.add_argument("--small", type=int, default=5_000_000,
                        help="the per-household baseline size")
    parser.add_argument("--memory-limit", default="10GiB",
                        help="FUPIN_DUCKDB_MEMORY_LIMIT for the runs (and the generator)")
    parser.add_argument("--keep", type=Path, help="keep the large snapshot in this folder")
    parser.add_argument("--keep-small", type=Path, help="keep the small snapshot here")
    parser.add_argument("--nice", type=int, default=10)
    parser.add_argument("--quick", action="store_true",
                        help="200,000 and 1,000,000 households")
    parser.add_argument("--generate-large", action="store_true",
                        help="generate the large snapshot too (default: copies of the small "
                             "one when its size is a multiple)")
    parser.add_argument("--small-only", action="store_true",
                        help="only the small run (e.g. before the large one may run)")
    opts = parser.parse_args()
    if opts.quick:
        opts.small, opts.households = 200_000, 1_000_000
    temp = Path(tempfile.mkdtemp(prefix="fupin-national-"))
    sizes = [(opts.small, opts.keep_small or temp / "small")]
    if not opts.small_only:
        sizes.append((opts.households, opts.keep or temp / "large"))
    results = []
    small = None
    for n, folder in sizes:
        folder.mkdir(parents=True, exist_ok=True)
        if small is not None and n % opts.small == 0 and not opts.generate_large:
            snap = replicate(small, folder, n // opts.small, opts.memory_limit)
        else:
            snap = small = snapshot(folder, n, opts.memory_limit)
        work = Path(tempfile.mkdtemp(prefix="run-", dir=folder))
        try:
            out = work / "result.parquet"
            m = measure(snap, out, opts.memory_limit, work, n, opts.nice)
            written = pq.ParquetFile(out).metadata.num_rows
            if written != n:
                raise SystemExit(f"{out}: {written:,} rows for {n:,} households")
            results.append(m)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    shutil.rmtree(temp, ignore_errors=True)
    base = results[0].seconds / results[0].households * 1e6
    print(f"\nmemory limit set by fupin: {opts.memory_limit}; budget 24 GiB peak RSS; "
          f"load average now {os.getloadavg()[0]:.1f}")
    print(f"{'households':>12}{'seconds':>9}{'s/M hh':>9}{'× small':>9}{'peak RSS GiB':>14}"
          f"{'child max':>11}{'÷ 24 GiB':>10}{'spill GiB':>11}{'left':>6}")
    for m in results:
        per = m.seconds / m.households * 1e6
        print(f"{m.households:>12,}{m.seconds:9.1f}{per:9.1f}{per / base:9.2f}"
              f"{gib(m.peak_tree_rss):>14}{gib(m.child_maxrss):>11}"
              f"{m.peak_tree_rss / BUDGET:10.2f}{gib(m.peak_spill):>11}"
              f"{m.spill_left:>6}")
    large = results[-1]
    print(f"budget: peak RSS {gib(large.peak_tree_rss)} GiB at {large.households:,} households "
          f"(≤ 24 GiB required): {'met' if large.peak_tree_rss <= BUDGET else 'NOT met'}; "
          f"spill files left after the run: {large.spill_left} bytes")


if __name__ == "__main__":
    main()
