"""Import/export benchmark: 100,000 generated households into SQLite and PostgreSQL.

    .venv/bin/python bench/import_export.py [--households 100000 | --quick] [--pg postgres://…/test]

Each step runs in its own process on a fresh database; the script prints wall time, rows per
second and peak RSS, and ratios against baselines measured in the same run: a bare
``csv.reader`` pass over the same files (what reading alone costs), the bulk load of the same
files into plain tables of the same database — ``COPY … FROM STDIN`` on PostgreSQL,
``executemany`` on SQLite (ADR 0051: an import within 10× of it) — and a 10,000-household
import (memory must stay flat: docs/performance.md asks for streaming with constant memory).
"""

from __future__ import annotations

import argparse
import csv
import os
import secrets
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
MEASURE = (
    "import resource, sys\n"
    "from fupin.cli import main\n"
    "try:\n"
    "    main(sys.argv[1:])\n"
    "finally:\n"
    "    print('MAXRSS', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
)
KEY = "pKQ7Q7mH9bQpQx1mGm3nOQ3bq6kP9fR3c0m8mDq2b1M="


def fupin(args: list[str], env: dict) -> tuple[float, int]:
    """Run one fupin command; (seconds, peak RSS in MB)."""
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", MEASURE, *args], env=env, cwd=ROOT,
                         capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if out.returncode != 0:
        sys.exit(f"fupin {' '.join(args)} failed:\n{out.stdout[-2000:]}\n{out.stderr[-2000:]}")
    rss = int(out.stderr.rsplit("MAXRSS", 1)[1].split()[0]) // 1024
    return seconds, rss


class Database:
    """A fresh database of one engine, set up with Sichuan's villages."""

    def __init__(self, engine: str, work: Path, pg: str) -> None:
        self.engine, self.work, self.pg = engine, work, pg
        self.name = f"fupin_bench_{secrets.token_hex(3)}"

    def __enter__(self) -> dict:
        if self.engine == "sqlite":
            url = f"sqlite:///{self.work / (self.name + '.sqlite3')}"
        else:
            with psycopg.connect(self.pg, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{self.name}"')
            url = self.pg.rsplit("/", 1)[0] + f"/{self.name}"
        env = {**os.environ, "DATABASE_URL": url, "FUPIN_DATA_KEY": KEY,
               "FUPIN_VAR_DIR": str(self.work / "var"),
               "FUPIN_NODE_MODULES": str(ROOT / "node_modules")}
        fupin(["setup", "--villages", "51"], env)
        return env

    def __exit__(self, *exc) -> None:
        if self.engine == "postgres":
            with psycopg.connect(self.pg, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE "{self.name}" WITH (FORCE)')


def rows_in(folder: Path) -> int:
    total = 0
    for f in folder.glob("*.csv"):
        with f.open(encoding="utf-8-sig") as fh:
            total += sum(1 for _ in csv.reader(fh)) - 1
    return total


def csv_baseline(folder: Path) -> float:
    start = time.perf_counter()
    rows_in(folder)
    return time.perf_counter() - start


def _plain_tables(folder: Path) -> dict[str, list[str]]:
    out = {}
    for f in sorted(folder.glob("*.csv")):
        with f.open(encoding="utf-8-sig") as fh:
            out[f.stem] = next(csv.reader(fh))
    return out


def copy_baseline(pg: str, folder: Path) -> float:
    """``COPY`` of the snapshot's CSV files into plain (text) tables of a fresh database."""
    name = f"fupin_bench_copy_{secrets.token_hex(3)}"
    with psycopg.connect(pg, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        with psycopg.connect(pg.rsplit("/", 1)[0] + f"/{name}") as conn:
            tables = _plain_tables(folder)
            for table, header in tables.items():
                conn.execute(f"CREATE TABLE {table} ({', '.join(f'{c} text' for c in header)})")
            conn.commit()
            start = time.perf_counter()
            with conn.cursor() as cur:
                for table in tables:
                    with (folder / f"{table}.csv").open("rb") as fh, cur.copy(
                            f"COPY {table} FROM STDIN (FORMAT csv, HEADER true)") as copy:
                        while data := fh.read(1 << 20):
                            copy.write(data)
            conn.commit()
            return time.perf_counter() - start
    finally:
        with psycopg.connect(pg, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def executemany_baseline(work: Path, folder: Path) -> float:
    """``csv.reader`` + ``executemany`` of the same files into plain tables of SQLite."""
    path = work / f"plain_{secrets.token_hex(3)}.sqlite3"
    conn = sqlite3.connect(path)
    try:
        tables = _plain_tables(folder)
        for table, header in tables.items():
            conn.execute(f"CREATE TABLE {table} ({', '.join(f'{c} text' for c in header)})")
        conn.commit()
        start = time.perf_counter()
        for table, header in tables.items():
            with (folder / f"{table}.csv").open(encoding="utf-8-sig", newline="") as fh:
                reader = csv.reader(fh)
                next(reader)
                conn.executemany(f"INSERT INTO {table} VALUES "
                                 f"({', '.join('?' * len(header))})", reader)
        conn.commit()
        return time.perf_counter() - start
    finally:
        conn.close()
        path.unlink(missing_ok=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument("--quick", action="store_true", help="10,000 households")
    parser.add_argument("--formats", default="csv,xlsx")
    opts = parser.parse_args()
    if opts.quick:
        opts.households = 10_000
    work = Path(tempfile.mkdtemp(prefix="fupin-bench-"))
    try:
        env0 = {**os.environ, "FUPIN_DATA_KEY": KEY, "FUPIN_VAR_DIR": str(work / "var"),
                "DATABASE_URL": f"sqlite:///{work / 'gen.sqlite3'}"}
        n = opts.households
        small = max(n // 10, 1000)
        data = {}
        for count in (n, small):
            for fmt in opts.formats.split(","):
                out = work / (f"h{count}.xlsx" if fmt == "xlsx" else f"h{count}")
                secs, _ = fupin(["generate", "--county", "513431", "--households", str(count),
                                 "--years", "2020-2021", "--seed", "11", "--out", str(out)],
                                env0)
                data[(count, fmt)] = out
                print(f"generated {count:>7} households as {fmt:<4} in {secs:6.1f} s")
        total = rows_in(data[(n, "csv")])
        base = csv_baseline(data[(n, "csv")])
        print(f"\n{total:,} rows in the {n:,}-household snapshot; csv.reader baseline "
              f"{base:.2f} s ({total / base:,.0f} rows/s)\n")
        print(f"{'step':<36}{'seconds':>9}{'rows/s':>11}{'peak MB':>9}{'× csv read':>11}"
              f"{'× bulk load':>12}")
        for engine in opts.engines.split(","):
            bulk = (copy_baseline(opts.pg, data[(n, "csv")]) if engine == "postgres"
                    else executemany_baseline(work, data[(n, "csv")]))
            what = "COPY" if engine == "postgres" else "executemany"
            print(f"{f'{what} → plain {engine} tables':<36}{bulk:9.1f}{total / bulk:11,.0f}"
                  f"{'':9}{bulk / base:11.1f}{1:11.1f}×")
            for fmt in opts.formats.split(","):
                with Database(engine, work, opts.pg) as env:
                    _, rss_small = fupin(["import", str(data[(small, fmt)])], env)
                with Database(engine, work, opts.pg) as env:
                    secs, rss = fupin(["import", str(data[(n, fmt)])], env)
                    print(f"{f'import {fmt} → {engine}':<36}{secs:9.1f}{total / secs:11,.0f}"
                          f"{rss:9d}{secs / base:11.1f}{secs / bulk:11.1f}×")
                    print(f"{f'  memory {n:,} vs {small:,} households':<36}{'':9}{'':11}"
                          f"{rss / rss_small:8.2f}×")
                    if fmt == "csv":
                        again, _ = fupin(["import", str(data[(n, fmt)])], env)
                        print(f"{'  re-import, nothing changed':<36}{again:9.1f}"
                              f"{total / again:11,.0f}{'':9}{again / base:11.1f}"
                              f"{again / bulk:11.1f}×")
                        for out_fmt in ("csv", "parquet", "xlsx"):
                            target = work / f"out.{out_fmt}" if out_fmt == "xlsx" else \
                                work / f"out-{out_fmt}"
                            secs, rss = fupin(["export", str(target), "--format", out_fmt], env)
                            print(f"{f'export {engine} → {out_fmt}':<36}{secs:9.1f}"
                                  f"{total / secs:11,.0f}{rss:9d}{secs / base:11.1f}")
                            if target.is_dir():
                                shutil.rmtree(target)
                            else:
                                target.unlink()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
