"""Staging tables of a bulk import in the registry's own database (ADR 0051).

The import's clean rows are loaded into temporary tables of the connection — ``COPY … FROM
STDIN`` on PostgreSQL, ``executemany`` on SQLite — and merged into the registry with
set-based SQL (``fupin.households.bulk_write``). The tables live only inside the import's
transaction (PostgreSQL: ``ON COMMIT DROP``; SQLite: temporary tables dropped when the import
ends, and with the connection in any case): a killed import leaves nothing behind.

The SQL here is written once for both databases: ``%s`` placeholders (turned into ``?`` for
SQLite), ``UPDATE … FROM`` (SQLite ≥ 3.33) and a null-safe "differs" operator per vendor.
"""

from __future__ import annotations

import datetime as dt
import decimal
import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.db import connection, models
from django.utils import timezone

#: Rows per ``executemany`` call and per fetch of a streamed query.
CHUNK = 2000
_CURSORS = itertools.count()


def is_pg() -> bool:
    return connection.vendor == "postgresql"


def differs() -> str:
    """The null-safe "is different from" operator of the connection's database."""
    return "IS DISTINCT FROM" if is_pg() else "IS NOT"


def _raw():
    connection.ensure_connection()
    return connection.connection


def _sql(sql: str) -> str:
    return sql if is_pg() else sql.replace("%s", "?")


def execute(sql: str, params: Sequence[Any] = ()) -> int:
    """Run one statement on the raw connection; the number of rows it touched."""
    cur = _raw().cursor()
    try:
        cur.execute(_sql(sql), [_adapt(v) for v in params])
        return cur.rowcount
    finally:
        cur.close()


def scalar(sql: str, params: Sequence[Any] = ()) -> Any:
    cur = _raw().cursor()
    try:
        cur.execute(_sql(sql), [_adapt(v) for v in params])
        row = cur.fetchone()
        return row[0] if row else None
    finally:
        cur.close()


def stream(sql: str, params: Sequence[Any] = ()) -> Iterator[tuple]:
    """The rows of a query, fetched a chunk at a time (a server-side cursor on PostgreSQL:
    memory stays flat whatever the number of rows)."""
    if is_pg():
        with _raw().cursor(name=f"fupin_stage_{next(_CURSORS)}") as cur:
            cur.itersize = CHUNK
            cur.execute(sql, list(params))
            yield from cur
        return
    cur = _raw().cursor()
    try:
        cur.execute(_sql(sql), [_adapt(v) for v in params])
        while rows := cur.fetchmany(CHUNK):
            yield from rows
    finally:
        cur.close()


def _adapt(value: Any) -> Any:
    """A Python value as the connection stores it (SQLite: what Django's backend writes)."""
    if is_pg():
        return value
    return _adapt_sqlite(value)


def _adapt_sqlite(value: Any) -> Any:
    if value is None:
        return value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def now() -> Any:
    """The time to stamp created/updated columns with, as the database stores it."""
    return timezone.now()


class Stage:
    """One temporary staging table: ``columns`` are (name, SQL type)."""

    def __init__(self, name: str, columns: Sequence[tuple[str, str]]) -> None:
        self.name = name
        self.columns = list(columns)

    def create(self) -> None:
        execute(f"DROP TABLE IF EXISTS {self.name}")
        cols = ", ".join(f"{n} {t}" for n, t in self.columns)
        drop = " ON COMMIT DROP" if is_pg() else ""
        execute(f"CREATE TEMPORARY TABLE {self.name} ({cols}){drop}")

    def load(self, names: Sequence[str], chunks: Iterable[Sequence[Sequence[Any]]]) -> int:
        """Append the rows of ``chunks`` (values in the order of ``names``); the number loaded.

        One ``COPY`` (PostgreSQL) or ``executemany`` (SQLite) per chunk, so that the code
        producing a chunk may query the database between two of them."""
        n = 0
        if is_pg():
            sql = f"COPY {self.name} ({', '.join(names)}) FROM STDIN"
            for chunk in chunks:
                with _raw().cursor() as cur, cur.copy(sql) as copy:
                    for row in chunk:
                        copy.write_row(row)
                n += len(chunk)
            return n
        sql = (f"INSERT INTO {self.name} ({', '.join(names)}) "  # noqa: S608
               f"VALUES ({', '.join('?' * len(names))})")
        cur = _raw().cursor()
        try:
            for chunk in chunks:
                cur.executemany(sql, [[_adapt_sqlite(v) for v in row] for row in chunk])
                n += len(chunk)
        finally:
            cur.close()
        return n

    def index(self, *columns: str) -> None:
        """Index ``columns`` (after loading), so that the merge's joins on them are lookups
        — SQLite would otherwise nest loops over two staging tables."""
        execute(f"CREATE INDEX {self.name}_{'_'.join(columns)} "
                f"ON {self.name} ({', '.join(columns)})")

    def analyze(self) -> None:
        """Statistics for the planner (PostgreSQL's autovacuum never analyzes temp tables)."""
        execute(f"ANALYZE {self.name}")

    def drop(self) -> None:
        execute(f"DROP TABLE IF EXISTS {self.name}")


def copy_table(name: str, select: str) -> int:
    """A temporary table holding the rows of ``select`` (e.g. before-images); its row count.
    (No bound parameters: PostgreSQL does not take them in ``CREATE TABLE … AS``.)"""
    execute(f"DROP TABLE IF EXISTS {name}")
    drop = " ON COMMIT DROP" if is_pg() else ""
    execute(f"CREATE TEMPORARY TABLE {name}{drop} AS {select}")
    return scalar(f"SELECT count(*) FROM {name}")  # noqa: S608


def snapshot_columns(model: type[models.Model], *,
                     exclude: Iterable[str] = ()) -> list[models.Field]:
    """The fields :func:`fupin.core.audit.snapshot` records for ``model``, in its order."""
    skip = set(exclude) | set(getattr(model, "audit_exclude", ())) | {"created_at", "updated_at"}
    return [f for f in model._meta.concrete_fields if f.name not in skip]


def snapshot_row(fields: Sequence[models.Field], values: Sequence[Any]) -> dict[str, Any]:
    """The row's values as :func:`fupin.core.audit.snapshot` gives them for an instance."""
    out: dict[str, Any] = {}
    for f, v in zip(fields, values, strict=True):
        if v is None:
            out[f.attname] = None
        elif isinstance(f, models.BooleanField):
            out[f.attname] = bool(v)
        elif isinstance(f, models.DecimalField):
            out[f.attname] = f"{decimal.Decimal(str(v)):.{f.decimal_places}f}"
        elif isinstance(f, models.DateTimeField):
            out[f.attname] = (v if isinstance(v, str) else v.astimezone(dt.UTC).isoformat())
        elif isinstance(f, models.DateField):
            out[f.attname] = v if isinstance(v, str) else v.isoformat()
        else:
            out[f.attname] = v
    return out
