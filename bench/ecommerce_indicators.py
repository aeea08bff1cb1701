"""Linkage quality indicators for a province of 100 counties with 1M benefit linkages, against
one hand-written DuckDB query over the same data (ratio printed).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> FUPIN_VAR_DIR=/tmp/var \\
        .venv/bin/python bench/ecommerce_indicators.py [--linkages 1000000] [--repeat 3]

Creates a throw-away test database (Django's test runner: ``test_<db>``; SQLite without
``DATABASE_URL``), and fills it set-based — one ``INSERT … SELECT`` over a recursive series per
table, no ORM loop: province 52 with 10 prefectures × 10 counties × 10 villages, 0.8 households
per linkage (30 % poor, 40 % exited), linkages over 2017–2021 (one in seven ended), 2021
amounts for every linkage active in 2021, one 2021 monitoring run per county with 2 % of its
households flagged ECOM_VENTURE_LOSS. Then it times ``ecommerce.indicators.linkage_quality``
for the province (the product path: the database) and the same indicators as one DuckDB query
over the same rows loaded into DuckDB (load time not counted), checks both give the same
figures for every county, and prints the times and their ratio.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fupin.config.settings")

YEAR = 2021
DUCKDB_QUERY = """
WITH act AS (
  SELECT l.id, l.household_id, l.started_on, l.ended_on, substr(l.division_code, 1, 6) AS county
  FROM linkage l
  WHERE l.started_on <= DATE '2021-12-31'
    AND (l.ended_on IS NULL OR l.ended_on >= DATE '2021-01-01')),
counts AS (
  SELECT county, count(DISTINCT a.household_id) AS linked,
    count(DISTINCT a.household_id) FILTER (WHERE h.status = 'poor') AS poor_linked,
    count(DISTINCT a.household_id) FILTER (WHERE h.status = 'exited') AS exited_linked,
    count(DISTINCT a.household_id) FILTER (WHERE
      (a.started_on <= DATE '2021-01-01'
       AND (a.ended_on IS NULL OR a.ended_on >= DATE '2021-12-31'))
      OR (year(a.ended_on) = 2021 AND a.ended_on >= a.started_on + INTERVAL 364 DAY)) AS linked_12,
    count(DISTINCT a.household_id) FILTER (WHERE year(a.ended_on) = 2021) AS ended_in_year
  FROM act a JOIN household h ON h.id = a.household_id GROUP BY county),
per_household AS (
  SELECT a.county, a.household_id,
         coalesce(sum(y.purchase_value + y.wages + y.dividends + y.rent), 0) AS income
  FROM act a LEFT JOIN linkage_year y ON y.linkage_id = a.id AND y.year = 2021
  GROUP BY a.county, a.household_id),
incomes AS (SELECT county, avg(income) AS mean, median(income) AS median
            FROM per_household GROUP BY county),
losses AS (
  SELECT substr(s.village_code, 1, 6) AS county, count(DISTINCT s.household_id) AS n,
         count(DISTINCT s.household_id) FILTER (
           WHERE s.household_id IN (SELECT household_id FROM act)) AS linked
  FROM assessment s JOIN run r ON r.id = s.run_id
  WHERE r.year = 2021 AND s.rules LIKE '%ECOM_VENTURE_LOSS%' GROUP BY 1)
SELECT c.county, c.linked, c.poor_linked, c.exited_linked, c.linked_12, c.ended_in_year,
       i.mean, i.median, coalesce(l.n, 0), coalesce(l.linked, 0)
FROM counts c LEFT JOIN incomes i USING (county) LEFT JOIN losses l USING (county)
ORDER BY c.county
"""


def series(n: int) -> str:
    """The numbers 1…n as ``s(i)``: generate_series on PostgreSQL, a recursive CTE on SQLite."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return f"WITH s(i) AS (SELECT generate_series(1, {n}))"
    return f"WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {n})"


def fill(linkages: int) -> None:
    from django.db import connection, transaction

    from fupin.regions.models import Division

    pg = connection.vendor == "postgresql"
    false = "false" if pg else "0"
    households = max(1, int(linkages * 0.8))

    def day(expr: str) -> str:
        return (f"(DATE '2017-01-01' + ({expr})::int)" if pg
                else f"date('2017-01-01', '+' || ({expr}) || ' days')")

    divisions = [Division(code="000000000000", name="全国", level="nation"),
                 Division(code="520000000000", name="省", level="province",
                          parent_id="000000000000")]
    villages = []
    for p in range(1, 11):
        pref = f"52{p:02d}"
        divisions.append(Division(code=pref.ljust(12, "0"), name=f"州{p}", level="prefecture",
                                  parent_id="520000000000"))
        for c in range(1, 11):
            county = f"{pref}{c:02d}"
            divisions.append(Division(code=county.ljust(12, "0"), name=f"县{county}",
                                      level="county", parent_id=pref.ljust(12, "0")))
            divisions.append(Division(code=f"{county}100000", name="镇", level="township",
                                      parent_id=county.ljust(12, "0")))
            for v in range(10):
                code = f"{county}100{201 + v}"
                villages.append(code)
                divisions.append(Division(code=code, name=f"村{v}", level="village",
                                          parent_id=f"{county}100000"))
    with transaction.atomic(), connection.cursor() as cur:
        Division.objects.bulk_create(divisions)
        cur.execute("CREATE TABLE bench_village (idx INTEGER PRIMARY KEY, code VARCHAR(12))")
        cur.executemany("INSERT INTO bench_village VALUES (%s, %s)", list(enumerate(villages)))
        cur.execute("INSERT INTO ecommerce_enterprise (created_at, updated_at, credit_code, name,"
                    " kind, division_code) SELECT CURRENT_TIMESTAMP, CURRENT_TIMESTAMP,"
                    " 'E' || i, '合作社' || i, 'cooperative', '' FROM (" + series(10)
                    + " SELECT i FROM s) e")
        cur.execute(series(households) + f"""
            INSERT INTO households_household (created_at, updated_at, household_id, status,
              exit_year, housing_grade, relocated, water_quantity_ok, water_quality_ok,
              water_access_ok, water_reliability_ok, dibao, tekun, head_name, village_code)
            SELECT CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'B' || i,
              CASE WHEN i % 10 < 3 THEN 'poor' WHEN i % 10 < 7 THEN 'exited' ELSE 'general' END,
              CASE WHEN i % 10 BETWEEN 3 AND 6 THEN 2019 END, 'B', {false}, {false}, {false},
              {false}, {false}, {false}, {false}, '', v.code
            FROM s JOIN bench_village v ON v.idx = i % 1000""")
        cur.execute("SELECT MIN(id) FROM households_household")
        hmin = cur.fetchone()[0]
        cur.execute("SELECT MIN(id) FROM ecommerce_enterprise")
        emin = cur.fetchone()[0]
        forms = ("order_dividend", "land_hiring", "shares", "employment", "consignment",
                 "training")
        form = "CASE i % 6 " + " ".join(f"WHEN {k} THEN '{f}'" for k, f in enumerate(forms)) \
            + " END"
        cur.execute(series(linkages) + f"""
            INSERT INTO ecommerce_linkage (created_at, updated_at, code, division_code, form,
              started_on, ended_on, enterprise_id, household_id)
            SELECT CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'L' || i, h.village_code, {form},
              {day("(i * 37) % 1800")},
              CASE WHEN i % 7 = 0 THEN {day("(i * 37) % 1800 + (i * 13) % 900")} END,
              {emin} + i % 10, h.id
            FROM s JOIN households_household h ON h.id = {hmin} + i % {households}""")
        cur.execute(f"""
            INSERT INTO ecommerce_linkageyear (created_at, updated_at, division_code, year,
              purchase_value, wages, dividends, rent, linkage_id)
            SELECT CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, division_code, {YEAR},
              (id * 31) % 5000, (id * 17) % 9000, (id * 7) % 800, (id * 3) % 600, id
            FROM ecommerce_linkage
            WHERE started_on <= '{YEAR}-12-31'
              AND (ended_on IS NULL OR ended_on >= '{YEAR}-01-01')""")
        empty = "'{}'"
        cur.execute(f"""
            INSERT INTO monitoring_monitoringrun (run_key, division_code, year, policy_name,
              policy_version, province, parameters, input_hash, engine, timings, counts,
              flagged, households, created_by, created_at)
            SELECT 'bench-' || code, code, {YEAR}, 'cn-national', '1', '52', {empty}, '',
              'duckdb', {empty}, {empty}, 0, 0, 'bench', CURRENT_TIMESTAMP
            FROM regions_division WHERE level = 'county'""")
        cur.execute(f"""
            INSERT INTO monitoring_assessment (village_code, category, rules, risk_types,
              data_checks, evidence, household_id, run_id)
            SELECT h.village_code, 'monitoring', 'ECOM_VENTURE_LOSS', '06', '', {empty}, h.id,
              r.id
            FROM households_household h JOIN monitoring_monitoringrun r
              ON r.division_code = substr(h.village_code, 1, 6) || '000000'
            WHERE h.id % 50 = 0""")
        if pg:
            cur.execute("ANALYZE")


def load_duckdb():
    import duckdb
    import pyarrow as pa
    from django.db import connection

    tables = {
        "linkage": "SELECT id, household_id, division_code, started_on, ended_on "
                   "FROM ecommerce_linkage",
        "household": "SELECT id, status FROM households_household",
        "linkage_year": "SELECT linkage_id, year, CAST(purchase_value AS FLOAT) AS "
                        "purchase_value, CAST(wages AS FLOAT) AS wages, CAST(dividends AS FLOAT)"
                        " AS dividends, CAST(rent AS FLOAT) AS rent FROM ecommerce_linkageyear",
        "assessment": "SELECT household_id, village_code, rules, run_id FROM monitoring_assessment",
        "run": "SELECT id, year FROM monitoring_monitoringrun",
    }
    db = duckdb.connect()
    with connection.cursor() as cur:
        for name, sql in tables.items():
            cur.execute(sql)
            cols = [c[0] for c in cur.description]
            rows = cur.fetchall()
            arrow = pa.table({c: [r[i] for r in rows] for i, c in enumerate(cols)})
            db.register(f"{name}_arrow", arrow)
            db.execute(f"CREATE TABLE {name} AS SELECT * FROM {name}_arrow")
    return db


def timed(fn, repeat: int) -> tuple[float, object]:
    result = fn()
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        out.append(time.perf_counter() - start)
    return statistics.median(out), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--linkages", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import get_runner

    runner = get_runner(settings)(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        from fupin.core.access import Scope
        from fupin.ecommerce.indicators import linkage_quality

        start = time.perf_counter()
        fill(args.linkages)
        filled = time.perf_counter() - start
        with connection.cursor() as cur:
            cur.execute("SELECT COUNT(*) FROM ecommerce_linkage")
            n_links = cur.fetchone()[0]
            cur.execute("SELECT COUNT(*) FROM ecommerce_linkageyear")
            n_years = cur.fetchone()[0]
        print(f"database: {connection.vendor}; linkages {n_links:,}; linkage years {n_years:,};"
              f" counties 100; filled in {filled:.1f} s")
        product_s, product = timed(lambda: linkage_quality(Scope("52"), YEAR), args.repeat)
        db = load_duckdb()
        duck_s, rows = timed(lambda: db.execute(DUCKDB_QUERY).fetchall(), args.repeat)
        for county, linked, poor, exited, l12, ended, mean, median, loss, loss_linked in rows:
            mine = product[county.ljust(12, "0")]
            assert (mine["linked"], mine["poor_linked"], mine["exited_linked"],
                    mine["ended_in_year"], mine["ecom_loss_households"],
                    mine["ecom_loss_linked"]) == (linked, poor, exited, ended, loss,
                                                   loss_linked), county
            assert abs(mine["linked_12_months_share"] - l12 / linked) < 1e-9, county
            assert abs(mine["income_mean"] - Decimal(str(round(mean, 2)))) <= Decimal("0.01")
            assert abs(mine["income_median"] - Decimal(str(round(median, 2)))) <= Decimal("0.01")
        assert len(rows) == len(product) == 100
        print(f"linkage_quality (product, {connection.vendor}): {product_s * 1000:8.0f} ms")
        print(f"one DuckDB query (same rows, in memory):      {duck_s * 1000:8.0f} ms")
        print(f"ratio product / DuckDB: {product_s / duck_s:.1f}×  (figures equal for all "
              "100 counties)")
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
