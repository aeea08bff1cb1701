"""Runs over many provinces (ADR 0049): the plan with each province's parameters against the
plan with one province's, over the same households, DuckDB.

    .venv/bin/python bench/provinces.py [--households 1000000] [--repeat 3]

The households of bench/engine.py's generator are spread over three provinces (51 keeps the
national 2021 line of 6,000; a crafted pack gives 13 a line of 7,000 and 21 one of 6,500:
three branches). Prints the best of ``--repeat`` runs of each plan and their ratio, and checks
that each province's rows equal its own one-province plan's.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from bench.engine import generate  # noqa: E402
from fupin_engine.executors import get_executor  # noqa: E402
from fupin_engine.policy.loader import PACKS  # noqa: E402
from fupin_engine.run import (  # noqa: E402
    prepare,
    prepare_present,
    provinces_present,
    run_plan,
)
from fupin_engine.source import SnapshotSource  # noqa: E402

YEAR = 2021
LINES = {"13": 7000, "21": 6500}


def spread(folder: Path) -> None:
    """Move a third of the households each to 13 and 21 (their village codes' first digits)."""
    con = duckdb.connect()
    path = folder / "households.parquet"
    con.execute(f"CREATE TABLE h AS SELECT * FROM read_parquet('{path}')")
    con.execute("UPDATE h SET village_code = CASE hash(household_id) % 3 WHEN 0 THEN '13' "
                "WHEN 1 THEN '21' ELSE '51' END || substr(village_code, 3)")
    con.execute(f"COPY (SELECT * FROM h ORDER BY household_id) TO '{path}' (FORMAT parquet)")
    con.close()


def crafted(folder: Path) -> Path:
    data = yaml.safe_load((PACKS / "cn-national.yaml").read_text(encoding="utf-8"))
    data["parameters"]["monitoring_line"]["provinces"] = {
        p: {YEAR: v} for p, v in LINES.items()}
    path = folder / "crafted.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def best(plan, source, repeat: int):
    times, table = [], None
    for _ in range(repeat):
        executor = get_executor("duckdb", source)
        start = time.perf_counter()
        table = run_plan(plan, executor).table
        times.append(time.perf_counter() - start)
        executor.close()
    return min(times), table


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "snap"
        folder.mkdir()
        generate(folder, args.households)
        spread(folder)
        pack = crafted(Path(tmp))
        source = SnapshotSource.at(folder)
        executor = get_executor("duckdb", source)
        present = provinces_present(executor)
        executor.close()
        many = prepare_present(pack, YEAR, present)
        one = prepare(pack, YEAR, "51")
        t_many, rows = best(many, source, args.repeat)
        t_one, _ = best(one, source, args.repeat)
        print(f"{args.households:,} households in provinces {', '.join(present)}")
        print(f"one province's parameters:   {t_one:7.2f} s")
        print(f"each province's parameters:  {t_many:7.2f} s  "
              f"({len(set(map(str, many.provinces.values())))} branches, "
              f"ratio {t_many / t_one:.2f})")
        got = rows.to_pylist()
        for p in present:
            _t, own = best(prepare(pack, YEAR, p), source, 1)
            mine = [r for r in own.to_pylist() if r["village_code"][:2] == p]
            assert [r for r in got if r["village_code"][:2] == p] == mine, p
        print("each province's rows equal its own plan's: yes")


if __name__ == "__main__":
    main()
