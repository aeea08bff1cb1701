"""The cost of the registry by year (ADR 0048): 5M households × 3 yearly states on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> \\
        .venv/bin/python bench/registry_history.py [--households 5000000] [--keep]

Creates a scratch database beside ``DATABASE_URL`` (``bench_history_<pid>``, dropped at the
end unless ``--keep``) holding only the registry's tables, made from the models themselves
(their indexes and constraints), and fills it set-based — one ``INSERT … SELECT
generate_series`` per table, the secondary indexes and constraints dropped during the load and
rebuilt after (as a bulk load would): N households in 5,000 villages, 1–5 members each (3 on
average), a state per household for 2019, 2020 and 2021, the members' states of each year,
economy rows for 2020 and 2021. The tables are UNLOGGED (a scratch database; sizes and reads
are the same; the foreign keys are not rebuilt). It prints the size of each table and its
indexes, the bytes per year of history, and the time to read the registry the way a run
does (``registry_views`` transpiled to PostgreSQL, ``COPY … TO STDOUT``, all three relations)
for one year as of its end against reading the current tables, whole and for one county, with
the ratio.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fupin.config.settings")

YEARS = (2019, 2020, 2021)
VILLAGES = 5000
#: The tables of the registry, as the models create them.
TABLES = ("households_household", "households_member", "households_economyyear",
          "households_householdstate", "households_memberstate")
FLAGS = ("relocated, water_quantity_ok, water_quality_ok, water_access_ok, "
         "water_reliability_ok, dibao, tekun")
PERSON = ("name, relation, sex, birth_date, health, disability_grade, labor, in_school, "
          "home_schooled, medical_insurance, employment")


def village(i: str) -> str:
    """A village code of county 5134NN (100 counties × 50 villages)."""
    return (f"'5134' || lpad(((({i}) % {VILLAGES}) / 50)::text, 2, '0') || '100' "
            f"|| lpad(((({i}) % {VILLAGES}) % 50)::text, 3, '0')")


def person(m: str, h: str) -> str:
    return (f"'人' || {m}, CASE WHEN {m} = 1 THEN 'head' ELSE 'child' END, "
            f"CASE WHEN {m} % 2 = 0 THEN 'F' ELSE 'M' END, "
            f"DATE '1950-01-01' + (({h} * 7 + {m} * 3653) % 25000)::int, 'healthy', NULL, "
            f"'full', false, false, true, 'local'")


def fill(cur, n: int) -> None:
    hh = f"FROM generate_series(1, {n}) AS g(i)"
    members = f"FROM generate_series(1, {n}) AS g(i), generate_series(1, 1 + g.i % 5) AS k(m)"
    cur.execute(
        f"INSERT INTO households_household (id, created_at, updated_at, household_id, "
        f"village_code, status, exit_year, housing_grade, {FLAGS}, head_name) "
        f"SELECT i, now(), now(), 'H' || lpad(i::text, 12, '0'), {village('i')}, "
        f"CASE WHEN i % 10 < 4 THEN 'exited' ELSE 'general' END, "
        f"CASE WHEN i % 10 < 4 THEN 2020 END, 'B', false, true, true, true, true, false, "
        f"false, '户主' || i {hh}")
    cur.execute(
        f"INSERT INTO households_member (created_at, updated_at, household_id, "
        f"id_number_encrypted, id_number_hash, id_number_masked, {PERSON}) "
        f"SELECT now(), now(), i, 'x', encode(sha256((i || ':' || m)::bytea), 'hex'), "
        f"'5134**********' || m, {person('m', 'i')} {members}")
    first, *later = YEARS
    cur.execute(
        f"INSERT INTO households_householdstate (created_at, updated_at, household_id, "
        f"year, village_code, status, exit_year, housing_grade, {FLAGS}) "
        f"SELECT now(), now(), i, {first}, {village('i')}, "
        f"CASE WHEN i % 10 < 4 THEN 'poor' ELSE 'general' END, NULL, 'B', "
        f"false, true, true, true, true, false, false {hh}")
    cur.execute(
        f"INSERT INTO households_memberstate (created_at, updated_at, household_id, year, "
        f"id_number_hash, id_number_masked, {PERSON}) "
        f"SELECT now(), now(), household_id, {first}, id_number_hash, id_number_masked, "
        f"{PERSON} FROM households_member")
    for year in later:  # the next years: the same people, the exits of 2020
        cur.execute(
            f"INSERT INTO households_householdstate (created_at, updated_at, household_id, "
            f"year, village_code, status, exit_year, housing_grade, {FLAGS}) "
            f"SELECT now(), now(), household_id, {year}, village_code, "
            f"CASE WHEN household_id % 10 < 4 THEN 'exited' ELSE status END, "
            f"CASE WHEN household_id % 10 < 4 THEN 2020 END, housing_grade, {FLAGS} "
            f"FROM households_householdstate WHERE year = {first}")
        cur.execute(
            f"INSERT INTO households_memberstate (created_at, updated_at, household_id, "
            f"year, id_number_hash, id_number_masked, {PERSON}) "
            f"SELECT now(), now(), household_id, {year}, id_number_hash, id_number_masked, "
            f"{PERSON} FROM households_memberstate WHERE year = {first}")
    for year in (2020, 2021):
        cur.execute(
            f"INSERT INTO households_economyyear (created_at, updated_at, household_id, year, "
            f"wage, operating, ecommerce_revenue, ecommerce_cost, ecommerce_debt, property, "
            f"transfer, production_cost, medical_oop, education_expense, disaster_loss, "
            f"accident_loss) SELECT now(), now(), i, {year}, 10000 + i % 20000, 3000, 0, 0, 0, "
            f"100, 1500, 800, 200, 300, 0, 0 {hh}")


def secondary(cur) -> tuple[list[str], list[str]]:
    """(drop, create) statements of the secondary indexes and constraints of TABLES."""
    names = ", ".join(f"'{t}'" for t in TABLES)
    cur.execute(
        f"SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
        f"WHERE conrelid::regclass::text IN ({names}) AND contype IN ('u', 'f', 'c')")
    cons = cur.fetchall()
    cur.execute(
        f"SELECT tablename, indexname, indexdef FROM pg_indexes WHERE tablename IN ({names}) "
        f"AND indexname NOT LIKE '%pkey' AND indexname NOT IN (SELECT conname FROM "
        f"pg_constraint)")
    idx = cur.fetchall()
    drop = ([f'ALTER TABLE {t} DROP CONSTRAINT "{c}"' for t, c, _ in cons]
            + [f'DROP INDEX "{i}"' for _, i, _ in idx])
    create = ([d for _, _, d in idx]
              + [f'ALTER TABLE {t} ADD CONSTRAINT "{c}" {d}' for t, c, d in cons
                 if not d.startswith("FOREIGN KEY")])
    return drop, create


def sizes(cur) -> dict[str, tuple[int, int, int]]:
    out = {}
    for t in TABLES:
        cur.execute("SELECT pg_table_size(%s), pg_indexes_size(%s), "
                    f"(SELECT count(*) FROM {t})", (t, t))
        out[t] = cur.fetchone()
    return out


def read(conn, views: dict[str, str]) -> tuple[float, dict[str, int]]:
    """Seconds to stream the three relations out of the database, and the rows of each."""
    import sqlglot

    rows, start = {}, time.perf_counter()
    with conn.cursor() as cur:
        for table, sql in views.items():
            pg = sqlglot.transpile(sql, read="duckdb", write="postgres")[0]
            n = 0
            with cur.copy(f"COPY ({pg}) TO STDOUT") as copy:
                for data in copy:
                    n += bytes(data).count(b"\n")
            rows[table] = n
    return time.perf_counter() - start, rows


def count(conn, views: dict[str, str]) -> tuple[float, dict[str, int]]:
    """Seconds to run the three relations' queries inside the database, and their rows."""
    import sqlglot

    rows, start = {}, time.perf_counter()
    with conn.cursor() as cur:
        for table, sql in views.items():
            pg = sqlglot.transpile(sql, read="duckdb", write="postgres")[0]
            cur.execute(f"SELECT count(*) FROM ({pg}) AS v")
            rows[table] = cur.fetchone()[0]
    return time.perf_counter() - start, rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--households", type=int, default=5_000_000)
    ap.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = ap.parse_args()
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        print("DATABASE_URL must name a PostgreSQL server", file=sys.stderr)
        return 2
    name = f"bench_history_{os.getpid()}"
    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = base.rsplit("/", 1)[0] + f"/{name}"
    try:
        return bench(url, args.households)
    finally:
        if not args.keep:
            with psycopg.connect(base, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def bench(url: str, n: int) -> int:
    os.environ["DATABASE_URL"] = url
    import django

    django.setup()
    from django.db import connection

    from fupin.core.access import Scope
    from fupin.households import models as registry
    from fupin.monitoring.registry import registry_views
    from fupin.regions.models import Division

    with connection.schema_editor() as editor:
        for model in (Division, registry.Household, registry.Member, registry.EconomyYear,
                      registry.HouseholdState, registry.MemberState):
            editor.create_model(model)
    conn = psycopg.connect(url, autocommit=True)
    with conn.cursor() as cur:
        cur.execute("SET maintenance_work_mem = '1GB'")
        drop, create = secondary(cur)
        for sql in drop:
            cur.execute(sql)
        for t in TABLES:
            cur.execute(f"ALTER TABLE {t} SET UNLOGGED")
        t0 = time.perf_counter()
        fill(cur, n)
        load = time.perf_counter() - t0
        t0 = time.perf_counter()
        for sql in create:
            cur.execute(sql)
        for t in TABLES:
            cur.execute(f"ANALYZE {t}")
        build = time.perf_counter() - t0
        table_sizes = sizes(cur)
    print(f"households {n:,}, years {YEARS}: load {load:.1f} s, indexes {build:.1f} s")
    print(f"{'table':<28}{'rows':>14}{'table MB':>12}{'index MB':>12}")
    for t, (data, index, n_rows) in table_sizes.items():
        print(f"{t:<28}{n_rows:>14,}{data / 2**20:>12.1f}{index / 2**20:>12.1f}")
    history = sum(sum(table_sizes[t][:2]) for t in TABLES[3:])
    current = sum(sum(table_sizes[t][:2]) for t in TABLES[:2])
    per_year = history / len(YEARS)
    print(f"history: {history / 2**30:.2f} GiB for {len(YEARS)} years = "
          f"{per_year / 2**20:.0f} MiB a year ({per_year / n:.0f} bytes per household-year); "
          f"current households+members {current / 2**30:.2f} GiB")
    county = Scope.of_code("513401000000")
    # The whole registry: the query run inside the database (its rows counted, not sent).
    times = {}
    for year in (None, 2020):
        times[year] = count(conn, registry_views(Scope.nation(), year=year))
        what = "current tables" if year is None else f"as of {year}"
        print(f"query all        {what:<15} {times[year][0]:8.2f} s  rows {times[year][1]}")
    print(f"ratio as-of / current (all, in the database): {times[2020][0] / times[None][0]:.2f}")
    # One county, the way a run reads it (COPY to the client); warmed once, then timed.
    for year in (None, 2020):
        read(conn, registry_views(county, year=year))
        times[year] = read(conn, registry_views(county, year=year))
        what = "current tables" if year is None else f"as of {year}"
        print(f"read one county  {what:<15} {times[year][0]:8.2f} s  rows {times[year][1]}")
    print(f"ratio as-of / current (one county, read): {times[2020][0] / times[None][0]:.2f}")
    conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
