"""Integrity-analytics benchmark: every signal for every county vs one hand-written query.

    .venv/bin/python bench/integrity.py                       # 4 counties × 5,000 households
    .venv/bin/python bench/integrity.py --counties 8 --households 20000 --replicates 100
    .venv/bin/python bench/integrity.py --generator duckdb --households 5000000   # 5M run

The data come from ``fupin_engine.generate`` (``--generator python``, several counties) or,
at 5M households, from the engine benchmark's vectorised generator (``bench/engine.py``).
Timed, each from the snapshot files with a fresh DuckDB connection: the baseline — one
hand-written DuckDB query computing the bunching histogram per county — and the engine's
signals: bunching at the monitoring and the poverty line (placebos, Benjamini–Hochberg) per
county, and round-number (100, 1,000), terminal-digit and Benford tests of household net
income per village. Checks the two histograms are equal, prints the ratio (budget ≤ 2×), and
size and power of the bunching test by simulation (``--replicates``; seed printed).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from fupin_engine.generate import generate  # noqa: E402
from fupin_engine.integrity.bunching import BunchingConfig, bunching, histogram  # noqa: E402
from fupin_engine.integrity.data import NET_INCOME, grouped_values, running_table  # noqa: E402
from fupin_engine.integrity.digits import benford, heaping, terminal_digit  # noqa: E402
from fupin_engine.integrity.simulate import size_and_power  # noqa: E402
from fupin_engine.policy.lines import monitoring_line, poverty_line  # noqa: E402
from fupin_engine.source import SnapshotSource  # noqa: E402

YEAR = 2021

HAND_WRITTEN = """
WITH m AS (SELECT household_id, count(*) AS size FROM read_parquet('{d}/members.parquet')
           GROUP BY household_id),
x AS (SELECT substr(h.village_code, 1, 6) AS county,
        CAST(e.wage + e.operating + e.ecommerce_revenue - e.ecommerce_cost + e.property
             + e.transfer - e.production_cost AS DOUBLE) / m.size AS pc
      FROM read_parquet('{d}/households.parquet') h
      JOIN read_parquet('{d}/economy.parquet') e
        ON e.household_id = h.household_id AND e.year = {y}
      JOIN m ON m.household_id = h.household_id)
SELECT county, CASE WHEN pc >= {lo} AND pc < {hi}
                    THEN CAST(floor((pc - {z}) / {h}) AS INTEGER) END AS bin, count(*) AS n
FROM x WHERE pc IS NOT NULL GROUP BY ALL ORDER BY ALL
"""


def python_snapshot(folder: Path, counties: int, households: int) -> None:
    """``counties`` generated counties of ``households`` each, written as Parquet."""
    tables: dict[str, list[dict]] = {"households": [], "members": [], "economy": []}
    for c in range(counties):
        code = f"5134{31 + c:02d}"
        snap = generate(county_code=code, villages=[f"{code}100{200 + v}" for v in range(20)],
                        households=households, years=[YEAR - 1, YEAR], seed=c + 1)
        for name in tables:
            tables[name] += getattr(snap, name)
    for name, rows in tables.items():
        pq.write_table(pa.Table.from_pylist(rows), folder / f"{name}.parquet")


def signals(folder: Path) -> tuple[dict, np.ndarray]:
    """Every signal for every county (and village), as the engine computes them."""
    source = SnapshotSource.at(folder)
    out: dict = {}
    running = running_table(source, YEAR, also=(NET_INCOME,))
    try:
        for name, z in (("monitoring", monitoring_line(YEAR)), ("poverty", poverty_line(YEAR))):
            out[f"bunching_{name}"] = bunching(running, z, level="county")
        cfg = BunchingConfig()
        z = monitoring_line(YEAR)
        _, _, counts = histogram(running, z, cfg.width(z), cfg.reach, "county")
        villages, values = grouped_values(running, NET_INCOME, level="village")
    finally:
        running.close()
    out["heaping_100"] = heaping(villages, values, base=100)
    out["heaping_1000"] = heaping(villages, values, base=1000)
    out["terminal_digit"] = terminal_digit(villages, values)
    out["benford"] = benford(villages, values)
    return out, counts


def baseline(folder: Path) -> np.ndarray:
    cfg = BunchingConfig()
    z = monitoring_line(YEAR)
    h = cfg.width(z)
    sql = HAND_WRITTEN.format(d=folder, y=YEAR, z=z, h=h, lo=z - cfg.reach * h,
                              hi=z + cfg.reach * h)
    con = duckdb.connect()
    rows = con.execute(sql).fetchall()
    con.close()
    counties = sorted({r[0] for r in rows})
    counts = np.zeros((len(counties), 2 * cfg.reach), dtype=np.int64)
    for county, b, n in rows:
        if b is not None:
            counts[counties.index(county), b + cfg.reach] += n
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generator", choices=["python", "duckdb"], default="python")
    parser.add_argument("--counties", type=int, default=4, help="python generator only")
    parser.add_argument("--households", type=int, default=5000,
                        help="per county (python) or in all (duckdb)")
    parser.add_argument("--replicates", type=int, default=20, help="size/power simulation")
    parser.add_argument("--repeat", type=int, default=3, help="timings: best of N")
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        if opts.generator == "python":
            python_snapshot(folder, opts.counties, opts.households)
        else:
            from bench.engine import generate as duckdb_generate

            duckdb_generate(folder, opts.households)
        print(f"generated in {time.perf_counter() - start:.0f} s ({opts.generator})")
        base_t, engine_t = [], []
        for _ in range(opts.repeat):
            t = time.perf_counter()
            hand = baseline(folder)
            base_t.append(time.perf_counter() - t)
            t = time.perf_counter()
            out, counts = signals(folder)
            engine_t.append(time.perf_counter() - t)
    b, e = min(base_t), min(engine_t)
    print(f"\n{'run':<48}{'seconds':>9}{'× baseline':>12}")
    print(f"{'hand-written DuckDB histogram (baseline)':<48}{b:9.2f}{1:12.2f}")
    print(f"{'all integrity signals (engine)':<48}{e:9.2f}{e / b:12.2f}")
    print(f"\nhistogram counts equal: {np.array_equal(hand, counts)}")
    for name, rows in out.items():
        tested = [s for s in rows if getattr(s, "applies", True)]
        print(f"{name:<20} divisions {len(rows):>6}  tested {len(tested):>6}  "
              f"flagged {sum(s.flagged for s in rows):>4}")
    print(f"budget: engine / hand-written = {e / b:.2f} (≤ 2 required): "
          f"{'OK' if e / b <= 2 else 'OVER'}")
    if opts.replicates:
        sp = size_and_power(replicates=opts.replicates)
        print(f"\nsize/power, {sp.replicates} replicates × {sp.counties} counties × "
              f"{sp.households:,} households, seed {sp.seed}: flagged clean counties "
              f"{sp.size:.3f} (nominal 0.05, after BH), unadjusted {sp.raw_size:.3f}, "
              f"power at 2 % moved {sp.power:.2f} (≥ 0.80 required)")


if __name__ == "__main__":
    main()
