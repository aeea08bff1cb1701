"""Evaluation scoring benchmark: 3,000 counties × 60 indicators, ``score_many`` against one
hand-written DuckDB query, and ``rank_stability`` over 1,000 draws.

    .venv/bin/python bench/evaluation_scoring.py [--counties 3000] [--indicators 60]
                                                 [--draws 1000] [--repeat 3]

The system is ``fupin_engine.evaluation.synthetic`` (seeded; every method, base 100 in six
modules, 4 bonus and 4 deduction items); the values are seeded too (5 % missing, many exactly
at floor or target). Timed, best of ``--repeat``, each from the same Arrow long table: the
engine's ``score_many`` (DuckDB, exact decimals) and the baseline — one hand-written DuckDB
query with a CASE per method over the values joined to a parameter table, in DOUBLE with
ROUND(x + 1e-9, 2) per indicator (the usual nudge so that a tie such as 0.125, which a double
may hold as 0.12499…, rounds up). Asserts that the totals are equal for every county and that
``score_many`` equals ``score_county`` for a sample of counties. Then times
``rank_stability`` (scoring included) for all counties. Budget (docs/performance.md):
``score_many`` within 3× of the baseline; ``rank_stability`` in seconds.
"""

from __future__ import annotations

import argparse
import sys
import time
from decimal import Decimal
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from fupin_engine.evaluation import rank_stability, score_county, score_many  # noqa: E402
from fupin_engine.evaluation.bulk import parameter_table  # noqa: E402
from fupin_engine.evaluation.synthetic import (  # noqa: E402
    long_table,
    synthetic_system,
    synthetic_values,
)

HAND_WRITTEN = """
WITH x AS (
  SELECT c.county, p.kind, p.module, p.method, p.hib,
         CAST(p.points AS DOUBLE) AS pt, CAST(p.target AS DOUBLE) AS t,
         CAST(p.floor AS DOUBLE) AS f, CAST(p.per_event AS DOUBLE) AS pe,
         CAST(v.value AS DOUBLE) AS v
  FROM (SELECT DISTINCT county FROM vals) c CROSS JOIN params p
  LEFT JOIN vals v ON v.county = c.county AND v.indicator = p.code),
s AS (
  SELECT county, kind, round(CASE
    WHEN v IS NULL THEN 0
    WHEN method = 'threshold' THEN CASE WHEN (hib AND v >= t) OR (NOT hib AND v <= t)
                                        THEN pt ELSE 0 END
    WHEN method = 'linear' THEN pt * least(1, greatest(0,
        CASE WHEN hib THEN (v - f) / (t - f) ELSE (f - v) / (f - t) END))
    WHEN method = 'ratio' THEN CASE WHEN hib THEN pt * least(1, greatest(0, v / t))
                                    WHEN v <= t THEN pt ELSE pt * t / v END
    WHEN method = 'boolean' THEN CASE WHEN v >= 1 THEN pt ELSE 0 END
    ELSE least(pt, pe * greatest(v, 0)) END + 1e-9, 2) AS pts
  FROM x)
SELECT county, greatest(0,
  sum(pts) FILTER (WHERE kind = 'base')
  + least(coalesce(sum(pts) FILTER (WHERE kind = 'bonus'), 0), {bonus_cap})
  - least(coalesce(sum(pts) FILTER (WHERE kind = 'deduction'), 0), {deduction_cap})) AS total
FROM s GROUP BY county ORDER BY county
"""


def best(fn, repeat: int) -> tuple[float, object]:
    """Best wall time of ``repeat`` calls, and the last result."""
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), out


def main() -> None:
    """Run the benchmark and print the times, the ratio and the checks."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--counties", type=int, default=3000)
    ap.add_argument("--indicators", type=int, default=60)
    ap.add_argument("--draws", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args()

    system = synthetic_system(args.indicators, seed=args.seed)
    values = synthetic_values(system, args.counties, seed=args.seed)
    table = long_table(values)
    print(f"{args.counties} counties × {len(system.indicators())} indicators "
          f"({table.num_rows} value rows), seed {args.seed}")

    t_engine, scored = best(lambda: score_many(system, table), args.repeat)

    sql = HAND_WRITTEN.format(bonus_cap=system.bonus_cap,
                              deduction_cap=system.deduction_cap or "1e18")

    def baseline():
        con = duckdb.connect()
        try:
            con.register("vals", table)
            con.register("params", parameter_table(system))
            return con.sql(sql).to_arrow_table()
        finally:
            con.close()

    t_base, hand = best(baseline, args.repeat)
    engine_totals = dict(zip(scored.column("county").to_pylist(),
                             scored.column("total").to_pylist(), strict=True))
    hand_totals = dict(zip(hand.column("county").to_pylist(),
                           hand.column("total").to_pylist(), strict=True))
    assert engine_totals.keys() == hand_totals.keys()
    off = {c: (engine_totals[c], hand_totals[c]) for c in engine_totals
           if Decimal(str(round(hand_totals[c], 2))) != engine_totals[c]}
    assert not off, f"totals differ (engine, baseline): {list(off.items())[:5]}"
    sample = list(values)[:: max(1, args.counties // 200)]
    for county in sample:
        assert score_county(system, values[county]).total == engine_totals[county], county

    print(f"score_many (engine, exact):     {t_engine:8.3f} s")
    print(f"hand-written DuckDB (double):   {t_base:8.3f} s")
    print(f"ratio engine / baseline:        {t_engine / t_base:8.2f}×")
    print(f"totals equal for all {len(engine_totals)} counties; "
          f"score_many == score_county on {len(sample)} sampled counties")

    t0 = time.perf_counter()
    stability = rank_stability(system, values, seed=args.seed, draws=args.draws)
    t_stab = time.perf_counter() - t0
    moved = sum(1 for s in stability.values() if s.max_move > 0)
    print(f"rank_stability ({args.counties} counties × {args.draws} draws): {t_stab:8.3f} s; "
          f"{moved} counties move in some draw")
    assert Decimal(0) <= min(engine_totals.values())


if __name__ == "__main__":
    main()
