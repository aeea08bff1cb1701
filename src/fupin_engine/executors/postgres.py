"""PostgreSQL executor: the plan runs inside the database.

Two inputs: a snapshot (loaded into temporary tables with ``COPY``), or relations already in
the database (``views``: for each snapshot table, a SELECT in DuckDB's dialect that the caller
writes over its own tables — the engine knows no table of the product). Results come back with
``COPY (…) TO STDOUT`` into Arrow.
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

OUTPUT_TYPES = {"per_capita_income": pa.float64(), "prev_per_capita_income": pa.float64()}


class PostgresExecutor:
    name = "postgres"
    dialect = "postgres"

    def __init__(self, source: SnapshotSource | str, *, dsn: str | None = None,
                 views: dict[str, str] | None = None) -> None:
        if views is not None:
            missing = set(ENGINE_COLUMNS) - set(views)
            if missing:
                raise ValueError(f"views missing for {', '.join(sorted(missing))}")
            self.conn = psycopg.connect(source if isinstance(source, str) else dsn)
            with self.conn.cursor() as cur:
                for table in ENGINE_COLUMNS:
                    body = sqlglot.transpile(views[table], read="duckdb", write="postgres")[0]
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

    def provinces(self) -> list[str]:
        from fupin_engine.executors import PROVINCES_SQL

        with self.conn.cursor() as cur:
            cur.execute(sqlglot.transpile(PROVINCES_SQL, read="duckdb", write="postgres")[0])
            return [r[0] for r in cur.fetchall()]

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
