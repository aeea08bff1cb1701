"""Reading the registry as the engine's three relations (Arrow), on SQLite or PostgreSQL.

PostgreSQL is read with ``COPY … TO STDOUT``; SQLite through Python (DESIGN.md decision 4:
no DuckDB scanner extensions). The view SQL is the PostgreSQL executor's, transpiled.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pyarrow as pa
import pyarrow.csv as pacsv
import sqlglot
from django.db import connection

from fupin_engine.executors.postgres import REGISTRY_VIEWS, scope_condition
from fupin_engine.source import column_types

ARROW = {"VARCHAR": pa.string(), "INTEGER": pa.int64(), "DATE": pa.date32(),
         "DECIMAL(14, 2)": pa.decimal128(14, 2)}


def _schema(table: str) -> pa.Schema:
    return pa.schema([(c, ARROW[t]) for c, t in column_types(table).items()])


def registry_tables(prefix: str = "") -> dict[str, pa.Table]:
    out = {}
    for table, sql in REGISTRY_VIEWS.items():
        query = sql.format(scope=scope_condition(prefix))
        schema = _schema(table)
        if connection.vendor == "postgresql":
            pg = sqlglot.transpile(query, read="duckdb", write="postgres")[0]
            buf = io.BytesIO()
            with connection.cursor() as cur, cur.cursor.copy(
                    f"COPY ({pg}) TO STDOUT WITH (FORMAT csv, HEADER true)") as copy:
                for data in copy:
                    buf.write(data)
            buf.seek(0)
            out[table] = pacsv.read_csv(buf, convert_options=pacsv.ConvertOptions(
                column_types=schema))
        else:
            lite = sqlglot.transpile(query, read="duckdb", write="sqlite")[0]
            with connection.cursor() as cur:
                cur.execute(lite)
                rows = cur.fetchall()
            columns = list(zip(*rows, strict=True)) if rows else [[] for _ in schema]
            arrays = []
            for field, values in zip(schema, columns, strict=True):
                if pa.types.is_date(field.type):
                    values = [None if v is None else _date(v) for v in values]
                elif pa.types.is_decimal(field.type):
                    values = [None if v is None else _decimal(v) for v in values]
                arrays.append(pa.array(values, type=field.type))
            out[table] = pa.Table.from_arrays(arrays, schema=schema)
    return out


def _date(v):
    return v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v)[:10])


def _decimal(v):
    return Decimal(str(v)).quantize(Decimal("0.01"))
