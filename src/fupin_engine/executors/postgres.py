"""PostgreSQL executor: the plan runs inside the database.

Two inputs: a snapshot (loaded into temporary tables with ``COPY``), or the registry itself
(``registry=True``: temporary views over fupin's tables, nothing extracted). Results come back
with ``COPY (…) TO STDOUT`` into Arrow.
"""

from __future__ import annotations

import io

import psycopg
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import sqlglot

from fupin_engine.source import ENGINE_COLUMNS, SnapshotSource, column_types
from fupin_engine.sql.compile import Plan

#: The registry as snapshot relations, written once (DuckDB dialect) and transpiled.
REGISTRY_VIEWS = {
    "households": (
        "SELECT h.household_id, h.village_code, h.status, h.exit_year, h.housing_grade, "
        "CAST(h.relocated AS INTEGER) AS relocated, "
        "CAST(h.water_quantity_ok AS INTEGER) AS water_quantity_ok, "
        "CAST(h.water_quality_ok AS INTEGER) AS water_quality_ok, "
        "CAST(h.water_access_ok AS INTEGER) AS water_access_ok, "
        "CAST(h.water_reliability_ok AS INTEGER) AS water_reliability_ok, "
        "CAST(h.dibao AS INTEGER) AS dibao, CAST(h.tekun AS INTEGER) AS tekun "
        "FROM households_household AS h WHERE {scope}"),
    "members": (
        "SELECT h.household_id, m.birth_date, m.sex, m.relation, m.health, "
        "m.disability_grade, m.labor, CAST(m.in_school AS INTEGER) AS in_school, "
        "CAST(m.home_schooled AS INTEGER) AS home_schooled, "
        "CAST(m.medical_insurance AS INTEGER) AS medical_insurance, m.employment "
        "FROM households_member AS m JOIN households_household AS h "
        "ON h.id = m.household_id WHERE {scope}"),
    "economy": (
        "SELECT h.household_id, e.year, " + ", ".join(
            f"e.{a}" for a in ("wage", "operating", "ecommerce_revenue", "ecommerce_cost",
                               "ecommerce_debt", "property", "transfer", "production_cost",
                               "medical_oop", "education_expense", "disaster_loss",
                               "accident_loss"))
        + " FROM households_economyyear AS e JOIN households_household AS h "
        "ON h.id = e.household_id WHERE {scope}"),
}

OUTPUT_TYPES = {"per_capita_income": pa.float64(), "prev_per_capita_income": pa.float64()}


def scope_condition(prefix: str) -> str:
    """``village_code`` starts with ``prefix``, as a range (index-friendly)."""
    if not prefix:
        return "TRUE"
    if not prefix.isdigit():
        raise ValueError("a division prefix is digits")
    upper = str(int(prefix) + 1).zfill(len(prefix))
    return f"h.village_code >= '{prefix}' AND h.village_code < '{upper}'"


class PostgresExecutor:
    name = "postgres"
    dialect = "postgres"

    def __init__(self, source: SnapshotSource | str, *, dsn: str | None = None,
                 registry: bool = False, prefix: str = "") -> None:
        if registry:
            self.conn = psycopg.connect(source if isinstance(source, str) else dsn)
            with self.conn.cursor() as cur:
                for table, sql in REGISTRY_VIEWS.items():
                    body = sqlglot.transpile(sql.format(scope=scope_condition(prefix)),
                                             read="duckdb", write="postgres")[0]
                    cur.execute(f"CREATE TEMP VIEW {table} AS {body}")
        else:
            if dsn is None:
                raise ValueError("the postgres engine needs a database (DATABASE_URL)")
            self.conn = psycopg.connect(dsn)
            self._load(source)

    def _load(self, source: SnapshotSource) -> None:
        with self.conn.cursor() as cur:
            for table in ENGINE_COLUMNS:
                types = column_types(table)
                cols = ", ".join(f"{c} {t}" for c, t in types.items())
                ddl = sqlglot.transpile(f"CREATE TEMP TABLE {table} ({cols})", read="duckdb",
                                        write="postgres")[0]
                cur.execute(ddl)
                names = ", ".join(types)
                with cur.copy(f"COPY {table} ({names}) FROM STDIN WITH (FORMAT csv)") as copy:
                    for chunk in _csv_chunks(source, table, list(types)):
                        copy.write(chunk)
                cur.execute(f"ANALYZE {table}")

    def execute(self, plan: Plan) -> pa.Table:
        buf = io.BytesIO()
        with self.conn.cursor() as cur, cur.copy(
                f"COPY ({plan.sql('postgres')}) TO STDOUT WITH (FORMAT csv, HEADER true)"
        ) as copy:
            for data in copy:
                buf.write(data)
        buf.seek(0)
        names = pacsv.read_csv(io.BytesIO(buf.getvalue().split(b"\n", 1)[0] + b"\n"),
                               ).column_names
        types = {n: pa.string() for n in names}
        types.update(OUTPUT_TYPES)
        for n in names:
            if n.startswith(("r_", "ev_")):
                types.pop(n)
        return pacsv.read_csv(buf, convert_options=pacsv.ConvertOptions(
            column_types=types, strings_can_be_null=False, quoted_strings_can_be_null=False))

    def close(self) -> None:
        self.conn.rollback()
        self.conn.close()


def _csv_chunks(source: SnapshotSource, table: str, columns: list[str]):
    """The table's engine columns as CSV bytes, from CSV or Parquet, in chunks."""
    if source.fmt == "parquet":
        pf = pq.ParquetFile(source.path(table))
        for batch in pf.iter_batches(batch_size=200_000, columns=columns):
            out = io.BytesIO()
            pacsv.write_csv(pa.Table.from_batches([batch]), out,
                            pacsv.WriteOptions(include_header=False))
            yield out.getvalue()
        return
    reader = pacsv.open_csv(source.path(table), convert_options=pacsv.ConvertOptions(
        include_columns=columns, column_types=dict.fromkeys(columns, pa.string()),
        strings_can_be_null=True))
    for batch in reader:
        out = io.BytesIO()
        pacsv.write_csv(pa.Table.from_batches([batch]).select(columns), out,
                        pacsv.WriteOptions(include_header=False))
        yield out.getvalue()
