"""Monitoring-engine benchmark: 5M households (≈20M members, 2 years of economy) as Parquet.

    .venv/bin/python bench/engine.py [--households 5000000] [--skip-spark]

Times, each in its own process, whole process included: ``fupin monitor --snapshot`` (the
engine, DuckDB), one hand-written DuckDB SQL query computing the same rules and categories
(the baseline), pandas, a row-by-row Python loop over 200k households (extrapolated), and
``fupin monitor --engine spark`` (local). Prints each and its ratio to the baseline, and
checks that the engine, the baseline and Spark give identical results.
Budget (docs/performance.md): the engine within 1.5× of the hand-written query.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
YEAR = 2021
AMOUNTS = ("wage", "operating", "ecommerce_revenue", "ecommerce_cost", "ecommerce_debt",
           "property", "transfer", "production_cost", "medical_oop", "education_expense",
           "disaster_loss", "accident_loss")


def generate(folder: Path, n: int, con: duckdb.DuckDBPyConnection | None = None) -> None:
    """A reproducible synthetic nation-sized county set, written by DuckDB (vectorised);
    ``con``: a connection with limits (bench/national.py), closed by its owner."""
    own = con is None
    con = duckdb.connect() if own else con
    villages = [f"513431{100 + t:03d}{200 + v:03d}" for t in range(40) for v in range(25)]
    con.execute("CREATE TABLE v AS SELECT code, CAST(row_number() OVER () - 1 AS BIGINT) AS idx "
                "FROM (SELECT unnest(?) AS code)", [villages])
    r = "(hash(i * 97 + {k}) % 1000000) / 1000000.0"
    con.execute(f"""
        CREATE TABLE hh AS SELECT i,
          '5134310' || lpad(CAST(i AS VARCHAR), 9, '0') AS household_id,
          v.code AS village_code,
          {r.format(k=1)} AS r1, {r.format(k=2)} AS r2, {r.format(k=3)} AS r3,
          {r.format(k=4)} AS r4, {r.format(k=5)} AS r5,
          CAST(1 + hash(i * 31) % 7 AS BIGINT) AS size
        FROM range({n}) t(i) JOIN v ON v.idx = hash(i) % {len(villages)}""")
    con.execute(f"""COPY (SELECT household_id, village_code,
          CASE WHEN r1 < 0.04 THEN 'poor' WHEN r1 < 0.40 THEN 'exited' ELSE 'general' END
            AS status,
          CASE WHEN r1 >= 0.04 AND r1 < 0.40 THEN CAST(2016 + hash(i) % 5 AS SMALLINT) END
            AS exit_year,
          CASE WHEN r2 < 0.55 THEN 'A' WHEN r2 < 0.95 THEN 'B' WHEN r2 < 0.99 THEN 'C'
               ELSE 'D' END AS housing_grade,
          CAST(r3 < 0.08 AS TINYINT) AS relocated,
          CAST(r4 > 0.01 AS TINYINT) AS water_quantity_ok,
          CAST(r4 < 0.985 AS TINYINT) AS water_quality_ok,
          CAST(r5 > 0.01 AS TINYINT) AS water_access_ok,
          CAST(r5 < 0.99 AS TINYINT) AS water_reliability_ok,
          CAST(r3 > 0.9 AS TINYINT) AS dibao, CAST(r3 > 0.995 AS TINYINT) AS tekun
        FROM hh ORDER BY i) TO '{folder}/households.parquet' (FORMAT parquet)""")
    con.execute(f"""COPY (SELECT household_id, 'x' AS id_number, '某' AS name,
          CASE WHEN k = 0 THEN 'head' WHEN k = 1 THEN 'spouse' ELSE 'child' END AS relation,
          CASE WHEN hash(i, k) % 2 = 0 THEN 'M' ELSE 'F' END AS sex,
          CAST(DATE '1940-01-01' + CAST(CASE WHEN k < 2 THEN hash(i, k) % 20000
               ELSE 20000 + hash(i, k) % 9000 END AS INTEGER) AS DATE) AS birth_date,
          CASE WHEN hash(i, k, 1) % 100 < 85 THEN 'healthy'
               WHEN hash(i, k, 1) % 100 < 93 THEN 'chronic'
               WHEN hash(i, k, 1) % 100 < 97 THEN 'major_illness' ELSE 'disabled' END AS health,
          CAST(NULL AS SMALLINT) AS disability_grade,
          CASE WHEN k < 2 THEN 'full' ELSE 'none' END AS labor,
          CAST(k >= 2 AND hash(i, k, 2) % 100 > 0 AS TINYINT) AS in_school,
          CAST(0 AS TINYINT) AS home_schooled,
          CAST(hash(i, k, 3) % 100 > 0 AS TINYINT) AS medical_insurance,
          CASE WHEN k < 2 THEN 'local' ELSE 'none' END AS employment
        FROM (SELECT i, household_id, unnest(range(size)) AS k FROM hh) ORDER BY i, k)
        TO '{folder}/members.parquet' (FORMAT parquet)""")
    amounts = ", ".join(
        f"CAST({expr} AS DECIMAL(14, 2)) AS {name}" for name, expr in (
            ("wage", "base * size * 0.6"), ("operating", "base * size * 0.3"),
            ("ecommerce_revenue", "CASE WHEN venture THEN 20000 * u1 ELSE 0 END"),
            ("ecommerce_cost", "CASE WHEN venture THEN 20000 * u1 * (0.7 + 0.6 * u2) ELSE 0 END"),
            ("ecommerce_debt", "CASE WHEN venture AND u3 < 0.3 THEN 30000 * u2 ELSE 0 END"),
            ("property", "base * size * 0.02"), ("transfer", "base * size * 0.1"),
            ("production_cost", "base * size * 0.08"),
            ("medical_oop", "CASE WHEN u3 > 0.97 THEN 50000 * u1 ELSE 1000 * u2 END"),
            ("education_expense", "2000 * u1"),
            ("disaster_loss", "CASE WHEN u3 BETWEEN 0.95 AND 0.97 THEN 20000 * u2 ELSE 0 END"),
            ("accident_loss", "CASE WHEN u3 BETWEEN 0.94 AND 0.95 THEN 30000 * u1 ELSE 0 END")))
    con.execute(f"""COPY (SELECT household_id, CAST(year AS SMALLINT) AS year, {amounts} FROM (
          SELECT household_id, size, year, r4 < 0.12 AS venture,
            exp(ln(CASE status WHEN 'poor' THEN 4200 WHEN 'exited' THEN 8200 ELSE 11000 END)
                + 0.45 * (r2 + r3 + r5 - 1.5) * 2 + (year - 2020) * 0.08
                + CASE WHEN hash(i, year) % 100 < 3 THEN -0.8 ELSE 0 END) AS base,
            (hash(i, year, 1) % 1000) / 1000.0 AS u1, (hash(i, year, 2) % 1000) / 1000.0 AS u2,
            (hash(i, year, 3) % 1000) / 1000.0 AS u3
          FROM (SELECT *, CASE WHEN r1 < 0.04 THEN 'poor' WHEN r1 < 0.40 THEN 'exited'
                               ELSE 'general' END AS status FROM hh),
               (SELECT unnest([2020, 2021]) AS year)) ORDER BY household_id, year)
        TO '{folder}/economy.parquet' (FORMAT parquet)""")
    con.execute("DROP TABLE hh")
    con.execute("DROP TABLE v")
    if own:
        con.close()


HAND_WRITTEN = """
WITH m AS (
  SELECT household_id, count(*) AS size,
    sum(CASE WHEN {y} - year(birth_date) BETWEEN 6 AND 15 AND in_school = 0
             AND home_schooled = 0 THEN 1 ELSE 0 END) AS dropouts,
    sum(CASE WHEN medical_insurance = 0 THEN 1 ELSE 0 END) AS uninsured,
    sum(CASE WHEN labor IN ('full', 'partial') THEN 1 ELSE 0 END) AS able,
    sum(CASE WHEN health IN ('chronic', 'major_illness') THEN 1 ELSE 0 END) AS ill,
    sum(CASE WHEN health = 'disabled' THEN 1 ELSE 0 END) AS disabled
  FROM read_parquet('{d}/members.parquet') GROUP BY household_id),
e AS (SELECT * FROM read_parquet('{d}/economy.parquet') WHERE year = {y}),
p AS (SELECT * FROM read_parquet('{d}/economy.parquet') WHERE year = {y} - 1),
x AS (
  SELECT h.household_id, h.village_code, h.status, h.housing_grade, h.relocated,
    h.water_quantity_ok * h.water_quality_ok * h.water_access_ok * h.water_reliability_ok
      AS water_ok,
    coalesce(m.size, 0) AS size, coalesce(m.dropouts, 0) AS dropouts,
    coalesce(m.uninsured, 0) AS uninsured, coalesce(m.able, 0) AS able,
    coalesce(m.ill, 0) AS ill, coalesce(m.disabled, 0) AS disabled,
    e.household_id IS NOT NULL AS has_e,
    e.wage, e.operating, e.ecommerce_revenue AS er, e.ecommerce_cost AS ec,
    e.ecommerce_debt AS ed, e.medical_oop AS med, e.disaster_loss AS dis,
    e.accident_loss AS acc, e.education_expense AS eduexp,
    p.wage AS pwage, p.operating AS pop, p.ecommerce_revenue AS per, p.ecommerce_cost AS pec,
    e.wage + e.operating + e.ecommerce_revenue - e.ecommerce_cost + e.property + e.transfer
      - e.production_cost AS net,
    p.wage + p.operating + p.ecommerce_revenue - p.ecommerce_cost + p.property + p.transfer
      - p.production_cost AS pnet,
    e.medical_oop + e.education_expense + e.disaster_loss + e.accident_loss AS rigid
  FROM read_parquet('{d}/households.parquet') h
  LEFT JOIN m ON m.household_id = h.household_id
  LEFT JOIN e ON e.household_id = h.household_id
  LEFT JOIN p ON p.household_id = h.household_id),
y AS (SELECT *, CAST(net AS DOUBLE) / nullif(size, 0) AS pc,
         CAST(pnet AS DOUBLE) / nullif(size, 0) AS ppc, coalesce(pnet, net) AS base FROM x),
r AS (SELECT *,
    has_e AND coalesce(size > 0 AND net < {line} * size, false) AS below,
    has_e AND coalesce(size > 0 AND pnet > 0 AND net <= (1 - 0.3) * pnet, false) AS drop_,
    has_e AND coalesce(rigid > 0 AND rigid > base, false) AS rig,
    dropouts > 0 AS edu, uninsured > 0 AS nomed,
    housing_grade IN ('C', 'D') AND relocated = 0 AS house, water_ok = 0 AS water,
    has_e AND coalesce((ec > er AND ec - er >= 0.5 * greatest(base, 0))
                       OR (ed > 0 AND ed > greatest(net, 0)), false) AS ecom,
    has_e AND coalesce(wage > 0 AND wage < 100, false) AS dc_wage,
    has_e AND coalesce(status = 'exited' AND size > 0 AND net < 4000 * size, false) AS dc_pov,
    size > 12 AS dc_large FROM y)
SELECT household_id, village_code, status,
  CASE WHEN status = 'poor' THEN 'registered_poor' WHEN NOT has_e THEN 'no_data'
       WHEN status = 'exited' AND (below OR edu OR nomed OR house OR water) THEN 'unstable'
       WHEN status = 'general' AND (below OR edu OR nomed OR house OR water) THEN 'marginal'
       WHEN drop_ OR rig OR ecom THEN 'sudden_hardship' ELSE 'none' END AS category,
  concat_ws(';', CASE WHEN ecom THEN 'ECOM_VENTURE_LOSS' END,
    CASE WHEN edu THEN 'EDU_DROPOUT' END, CASE WHEN below THEN 'INCOME_BELOW_LINE' END,
    CASE WHEN drop_ THEN 'INCOME_SHARP_DROP' END,
    CASE WHEN nomed THEN 'NO_MEDICAL_INSURANCE' END,
    CASE WHEN rig THEN 'RIGID_EXPENSE_OVER_INCOME' END,
    CASE WHEN house THEN 'UNSAFE_HOUSING' END, CASE WHEN water THEN 'UNSAFE_WATER' END)
    AS rules,
  concat_ws(';',
    CASE WHEN nomed OR (rig AND coalesce(med > 0, false)) OR (below AND ill > 0)
         THEN '01' END,
    CASE WHEN rig AND coalesce(dis > 0, false) THEN '02' END,
    CASE WHEN below AND disabled > 0 THEN '03' END,
    CASE WHEN (below AND able = 0) OR (drop_ AND coalesce(wage < pwage, false) AND able = 0)
         THEN '04' END,
    CASE WHEN rig AND coalesce(acc > 0, false) THEN '05' END,
    CASE WHEN ecom OR (drop_ AND coalesce(operating + er - ec < pop + per - pec, false))
         THEN '06' END,
    CASE WHEN drop_ AND coalesce(wage < pwage, false) AND able > 0 THEN '07' END,
    CASE WHEN edu OR (rig AND coalesce(eduexp > 0, false)) THEN '09' END,
    CASE WHEN (below AND able > 0 AND disabled = 0 AND ill = 0) OR house OR water
              OR (drop_ AND NOT coalesce(wage < pwage, false)
                  AND NOT coalesce(operating + er - ec < pop + per - pec, false)) THEN '99' END)
    AS risk_types,
  pc AS per_capita_income, ppc AS prev_per_capita_income,
  concat_ws(';', CASE WHEN dc_pov THEN 'DC_EXITED_BELOW_POVERTY_LINE' END,
    CASE WHEN dc_large THEN 'DC_LARGE_HOUSEHOLD' END,
    CASE WHEN dc_wage THEN 'DC_WAGE_SUSPICIOUS' END) AS data_checks
FROM r ORDER BY household_id
"""

BASELINE = """
import sys, duckdb
con = duckdb.connect()
con.execute("COPY (" + sys.argv[1] + ") TO '" + sys.argv[2] + "' (FORMAT parquet)")
"""

PANDAS = """
import sys, numpy as np, pandas as pd
d, y = sys.argv[1], 2021
h = pd.read_parquet(d + '/households.parquet')
m = pd.read_parquet(d + '/members.parquet', columns=['household_id', 'birth_date',
    'in_school', 'home_schooled', 'medical_insurance'])
age = y - pd.to_datetime(m.birth_date).dt.year
m['drop'] = ((age >= 6) & (age <= 15) & (m.in_school == 0) & (m.home_schooled == 0))
m['unins'] = m.medical_insurance == 0
g = m.groupby('household_id').agg(size=('drop', 'size'), drop=('drop', 'sum'),
                                  unins=('unins', 'sum'))
e = pd.read_parquet(d + '/economy.parquet')
for c in e.columns[2:]:
    e[c] = e[c].astype(float)
e['net'] = (e.wage + e.operating + e.ecommerce_revenue - e.ecommerce_cost + e.property
            + e.transfer - e.production_cost)
cur = e[e.year == y].set_index('household_id')
prev = e[e.year == y - 1].set_index('household_id')[['net']].rename(columns={'net': 'pnet'})
x = h.set_index('household_id').join(g).join(cur).join(prev)
x['pc'] = x.net / x['size']
x['ppc'] = x.pnet / x['size']
has = x.net.notna()
below = has & (x.pc < 6000)
guar = (x['drop'] > 0) | (x.unins > 0) | (x.housing_grade.isin(['C', 'D'])
        & (x.relocated == 0)) | ((x.water_quantity_ok * x.water_quality_ok
        * x.water_access_ok * x.water_reliability_ok) == 0)
base = x.pnet.fillna(x.net)
hard = has & (((x.ppc > 0) & (x.pc <= 0.7 * x.ppc))
              | ((x.medical_oop + x.education_expense + x.disaster_loss + x.accident_loss > 0)
                 & (x.medical_oop + x.education_expense + x.disaster_loss + x.accident_loss
                    > base))
              | ((x.ecommerce_cost > x.ecommerce_revenue)
                 & (x.ecommerce_cost - x.ecommerce_revenue >= 0.5 * base.clip(lower=0)))
              | ((x.ecommerce_debt > 0) & (x.ecommerce_debt > x.net.clip(lower=0))))
cat = np.select([x.status == 'poor', ~has, (x.status == 'exited') & (below | guar),
                 (x.status == 'general') & (below | guar), hard],
                ['registered_poor', 'no_data', 'unstable', 'marginal', 'sudden_hardship'],
                'none')
pd.Series(cat, index=x.index, name='category').reset_index().to_parquet(sys.argv[2])
"""

LOOP = """
import sys, datetime as dt, pyarrow.parquet as pq, pyarrow.compute as pc
d, y, limit = sys.argv[1], 2021, int(sys.argv[3])
h = pq.read_table(d + '/households.parquet').slice(0, limit).to_pylist()
last = h[-1]['household_id']
m = pq.read_table(d + '/members.parquet', filters=[('household_id', '<=', last)]).to_pylist()
e = pq.read_table(d + '/economy.parquet', filters=[('household_id', '<=', last)]).to_pylist()
members, econ = {}, {}
for r in m:
    members.setdefault(r['household_id'], []).append(r)
for r in e:
    econ[(r['household_id'], r['year'])] = r
def net(r):
    return float(r['wage'] + r['operating'] + r['ecommerce_revenue'] - r['ecommerce_cost']
                 + r['property'] + r['transfer'] - r['production_cost'])
out = []
for hh in h:
    ms = members.get(hh['household_id'], [])
    size = len(ms)
    cur, prev = econ.get((hh['household_id'], y)), econ.get((hh['household_id'], y - 1))
    drop = any(6 <= y - r['birth_date'].year <= 15 and not r['in_school']
               and not r['home_schooled'] for r in ms)
    unins = any(not r['medical_insurance'] for r in ms)
    house = hh['housing_grade'] in ('C', 'D') and not hh['relocated']
    water = not (hh['water_quantity_ok'] and hh['water_quality_ok'] and hh['water_access_ok']
                 and hh['water_reliability_ok'])
    guar = drop or unins or house or water
    if hh['status'] == 'poor':
        cat = 'registered_poor'
    elif cur is None:
        cat = 'no_data'
    else:
        n = net(cur); pc = n / size
        pn = net(prev) if prev else None
        ppc = pn / size if pn is not None else None
        base = pn if pn is not None else n
        rigid = float(cur['medical_oop'] + cur['education_expense'] + cur['disaster_loss']
                      + cur['accident_loss'])
        loss = float(cur['ecommerce_cost'] - cur['ecommerce_revenue'])
        hard = ((ppc is not None and ppc > 0 and pc <= 0.7 * ppc)
                or (rigid > 0 and rigid > base)
                or (loss > 0 and loss >= 0.5 * max(base, 0))
                or (cur['ecommerce_debt'] > 0 and float(cur['ecommerce_debt']) > max(n, 0)))
        if (pc < 6000 or guar) and hh['status'] == 'exited':
            cat = 'unstable'
        elif (pc < 6000 or guar) and hh['status'] == 'general':
            cat = 'marginal'
        else:
            cat = 'sudden_hardship' if hard else 'none'
    out.append(cat)
print(len(out))
"""


def timed(args: list[str], env: dict | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=5_000_000)
    parser.add_argument("--loop-households", type=int, default=200_000)
    parser.add_argument("--skip-spark", action="store_true")
    parser.add_argument("--keep", type=Path, help="keep the snapshot in this folder")
    opts = parser.parse_args()
    work = opts.keep or Path(tempfile.mkdtemp(prefix="fupin-engine-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    snap = work / "snapshot"
    n = opts.households
    if not (snap / "economy.parquet").exists():
        snap.mkdir(exist_ok=True)
        start = time.perf_counter()
        generate(snap, n)
        print(f"generated {n:,} households in {time.perf_counter() - start:.0f} s")
    rows = {t: pq.ParquetFile(snap / f"{t}.parquet").metadata.num_rows
            for t in ("households", "members", "economy")}
    print("rows: " + ", ".join(f"{t} {v:,}" for t, v in rows.items()))
    env = {**os.environ, "FUPIN_VAR_DIR": str(work / "var"), "FUPIN_SPARK_DRIVER_MEMORY": "10g",
           "DATABASE_URL": f"sqlite:///{work / 'bench.sqlite3'}"}
    fupin = [sys.executable, "-m", "fupin.cli", "monitor", "--snapshot", str(snap),
             "--year", str(YEAR)]
    results = {}
    hand = HAND_WRITTEN.format(d=snap, y=YEAR, line=6000)
    results["hand-written DuckDB SQL (baseline)"] = timed(
        [sys.executable, "-c", BASELINE, hand, str(work / "hand.parquet")])
    results["fupin monitor (DuckDB)"] = timed([*fupin, "--out", str(work / "engine.parquet")],
                                              env)
    results["pandas"] = timed([sys.executable, "-c", PANDAS, str(snap),
                               str(work / "pandas.parquet")])
    loop = timed([sys.executable, "-c", LOOP, str(snap), "-", str(opts.loop_households)])
    results[f"row-by-row Python ({opts.loop_households:,}, extrapolated)"] = \
        loop * n / opts.loop_households
    if not opts.skip_spark:
        results["fupin monitor --engine spark (local)"] = timed(
            [*fupin, "--engine", "spark", "--out", str(work / "spark.parquet")], env)
    base = results["hand-written DuckDB SQL (baseline)"]
    print(f"\n{'run':<52}{'seconds':>9}{'× baseline':>12}")
    for name, secs in results.items():
        print(f"{name:<52}{secs:9.1f}{secs / base:12.2f}")
    engine = pq.read_table(work / "engine.parquet")
    hand_t = pq.read_table(work / "hand.parquet").cast(engine.schema)
    print(f"\nengine = hand-written query, row for row: {engine.equals(hand_t)}")
    if not opts.skip_spark:
        spark = pq.read_table(work / "spark.parquet").cast(engine.schema)
        print(f"engine (DuckDB) = engine (Spark), row for row: {engine.equals(spark)}")
    pandas_cat = pq.read_table(work / "pandas.parquet").column("category").to_pylist()
    print("pandas categories = engine categories: "
          f"{pandas_cat == engine.column('category').to_pylist()}")
    budget = results["fupin monitor (DuckDB)"] / base
    print(f"budget: engine / hand-written = {budget:.2f} (≤ 1.5 required): "
          f"{'met' if budget <= 1.5 else 'NOT met'}")
    if not opts.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
