"""Consolidation indicators (巩固提升期) for 5M households × 3 years, against one hand-written
DuckDB query computing the same headline indicators (ratio printed).

    .venv/bin/python bench/consolidation.py [--households 5000000] [--repeat 3]

Generates the engine's input relations in DuckDB with SQL only (``range`` and ``hash``, no
Python loop per row): 180 counties of province 51, 60 % of households exited in 2016–2020,
per-capita income per year around the line, 5 % of the exited households monitoring objects
in 2020–2021, help in two household-years out of three (one of the 11 types), the national
period 2021–2025. Then it times, as of 2021, the engine's exit quality per county
(:class:`fupin_engine.consolidation.Consolidation`, its views built on the same relations) and
the hand-written query, checks both give the same figures for every county, and prints the
times and their ratio; the other outputs (help by type, intensity, lost help) are timed too.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src")]

from fupin_engine.consolidation import POLICY_TYPES, TYPES, Consolidation  # noqa: E402

YEAR = 2021

GENERATE = """
CREATE TABLE hh AS
SELECT i, 'H' || lpad(CAST(i AS VARCHAR), 9, '0') AS household_id,
       '51' || lpad(CAST(i % 180 AS VARCHAR), 4, '0')
            || lpad(CAST((i // 180) % 999 AS VARCHAR), 6, '0') AS village_code,
       CASE WHEN hash(i, 1) % 10 < 6 THEN 2016 + CAST(hash(i, 2) % 5 AS INTEGER) END AS exit_year
FROM range({n}) AS t(i);
CREATE TABLE years AS
SELECT household_id, CAST(y AS BIGINT) AS year, village_code,
       CASE WHEN exit_year IS NULL THEN 'general' WHEN exit_year <= y THEN 'exited'
            ELSE 'poor' END AS status,
       CAST(CASE WHEN exit_year <= y THEN exit_year END AS BIGINT) AS exit_year,
       CAST(1 + hash(i, y, 3) % 5 AS BIGINT) AS size,
       CASE WHEN hash(i, y, 4) % 50 = 0 THEN NULL
            ELSE CAST(4000 + hash(i, y, 5) % 14000 AS DOUBLE) END AS per_capita_income,
       CASE WHEN y < 2020 THEN NULL ELSE hash(i, y, 6) % 40 <> 0 END AS guarantees_ok
FROM hh CROSS JOIN (VALUES (2019), (2020), (2021)) AS v(y);
CREATE TABLE lines AS SELECT * FROM (VALUES ('51', CAST(2019 AS BIGINT), 4000.0),
    ('51', CAST(2020 AS BIGINT), 6000.0), ('51', CAST(2021 AS BIGINT), 6000.0))
    AS l(province, year, line);
CREATE TABLE episodes AS
SELECT household_id, CAST(y AS BIGINT) AS year FROM hh CROSS JOIN (VALUES (2020), (2021)) AS v(y)
WHERE exit_year IS NOT NULL AND hash(i, 7) % 20 = 0;
CREATE TABLE help AS
SELECT household_id, village_code, CAST(y AS BIGINT) AS year,
       list_extract({types}, CAST(1 + hash(i, y, 8) % {ntypes} AS INTEGER)) AS type,
       CAST((hash(i, y, 9) % 500000) / 100.0 AS DECIMAL(14, 2)) AS amount
FROM hh CROSS JOIN (VALUES (2019), (2020), (2021)) AS v(y) WHERE hash(i, y, 10) % 3 <> 0;
CREATE TABLE periods AS SELECT '' AS province, CAST(2021 AS BIGINT) AS start_year,
    CAST(2025 AS BIGINT) AS end_year;
"""

#: The headline indicators per county, written by hand in one query.
HAND = """
WITH x AS (
  SELECT household_id, village_code, exit_year FROM years
  WHERE year = {year} AND status = 'exited' AND exit_year IS NOT NULL AND exit_year <= {year}),
above AS (
  SELECT y.household_id, count(y.per_capita_income >= l.line) AS known,
         bool_and(y.per_capita_income >= l.line) AS all_above
  FROM x JOIN years y ON y.household_id = x.household_id
    AND y.year BETWEEN x.exit_year AND {year}
  LEFT JOIN lines l ON l.province = substr(x.village_code, 1, 2) AND l.year = y.year
  GROUP BY y.household_id),
objects AS (
  SELECT DISTINCT e.household_id FROM episodes e JOIN x ON x.household_id = e.household_id
  WHERE e.year BETWEEN x.exit_year AND {year}),
helped AS (
  SELECT h.household_id, {flags}
  FROM help h JOIN x ON x.household_id = h.household_id
  WHERE h.year BETWEEN x.exit_year AND {year} GROUP BY h.household_id)
SELECT rpad(substr(x.village_code, 1, 6), 12, '0') AS division_code, count(*) AS exited,
  count(*) FILTER (WHERE a.known > 0 AND a.all_above) AS stayed_above,
  count(o.household_id) AS became_objects, {counts}
FROM x LEFT JOIN above a ON a.household_id = x.household_id
LEFT JOIN objects o ON o.household_id = x.household_id
LEFT JOIN helped p ON p.household_id = x.household_id
GROUP BY 1 ORDER BY 1
"""


def hand_query() -> str:
    flags = ", ".join(f"bool_or(h.type = '{t}') AS got_{t}" for t in POLICY_TYPES)
    counts = ", ".join(f"count(*) FILTER (WHERE p.got_{t}) AS help_{t}_households"
                       for t in POLICY_TYPES)
    return HAND.format(year=YEAR, flags=flags, counts=counts)


HEADLINE = ("division_code", "exited", "stayed_above", "became_objects",
            *(f"help_{t}_households" for t in POLICY_TYPES))


def timed(fn, repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--households", type=int, default=5_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--memory-limit", default="8GB")
    args = ap.parse_args()
    con = duckdb.connect()
    con.execute(f"SET threads = {int(args.threads)}")
    con.execute("SET memory_limit = ?", [args.memory_limit])
    t0 = time.perf_counter()
    types = "[" + ", ".join(f"'{t}'" for t in TYPES) + "]"
    con.execute(GENERATE.format(n=int(args.households), types=types, ntypes=len(TYPES)))
    made = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("years", "episodes", "help")}
    print(f"generated {args.households:,} households in {time.perf_counter() - t0:.1f} s: "
          + ", ".join(f"{n:,} {t} rows" for t, n in made.items()), flush=True)

    engine = Consolidation({name: name for name in ("years", "lines", "episodes", "help",
                                                      "periods")}, YEAR, con=con)
    engine_s, quality = timed(lambda: engine.exit_quality("county"), args.repeat)
    hand_s, hand = timed(lambda: con.sql(hand_query()).to_arrow_table(), args.repeat)
    ours = [tuple(r[k] for k in HEADLINE) for r in quality.select(list(HEADLINE)).to_pylist()]
    theirs = [tuple(r[k] for k in HEADLINE) for r in hand.select(list(HEADLINE)).to_pylist()]
    if ours != theirs:
        print("MISMATCH between the engine and the hand-written query", file=sys.stderr)
        for a, b in zip(ours, theirs, strict=False):
            if a != b:
                print(f"  engine {a}\n  hand   {b}", file=sys.stderr)
                break
        return 1
    exited = sum(r[1] for r in ours)
    print(f"exit quality per county ({len(ours)} counties, {exited:,} exited households): "
          f"engine {engine_s:.2f} s, hand-written query {hand_s:.2f} s, "
          f"ratio {engine_s / hand_s:.2f}; same figures for every county")
    for name, fn in (("help by type per county and year", lambda: engine.help_by_type()),
                     ("help intensity per county", lambda: engine.intensity()),
                     ("households that lost all help", lambda: engine.lost_help())):
        secs, out = timed(fn, args.repeat)
        print(f"{name}: {secs:.2f} s ({out.num_rows:,} rows)")
    engine.close()
    con.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
