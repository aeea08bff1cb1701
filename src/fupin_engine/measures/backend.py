"""Where the measures' SQL runs: DuckDB (default, in process) or Spark, over a snapshot, over
the three snapshot relations handed in as Arrow tables (an :class:`ArrowSource`: the product
reads its registry so, ``fupin.monitoring.registry.registry_tables``), or over relations
registered by name. The SQL is written once in DuckDB's dialect and
transpiled by sqlglot for Spark, as the engine's rules are."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa
import sqlglot

from fupin_engine.executors import get_executor
from fupin_engine.measures import MeasureError
from fupin_engine.source import ArrowSource, SnapshotSource


class SqlRunner:
    """One connection: the snapshot's tables (if any) plus views and tables added by name.
    ``snapshot`` is a snapshot folder or an :class:`ArrowSource` (DuckDB only)."""

    def __init__(self, snapshot: str | Path | ArrowSource | None = None, *,
                 engine: str = "duckdb") -> None:
        if engine not in {"duckdb", "spark"}:
            raise MeasureError(f"unknown engine {engine!r}: duckdb or spark")
        self.engine = engine
        self.executor: Any = None
        if isinstance(snapshot, ArrowSource):
            if engine != "duckdb":
                raise MeasureError("relations in memory are for the DuckDB engine")
            self.executor = get_executor(engine, snapshot)
        elif snapshot is not None:
            try:
                source = SnapshotSource.at(snapshot)
            except FileNotFoundError as exc:
                raise MeasureError(str(exc)) from exc
            self.executor = get_executor(engine, source)
        elif engine == "duckdb":
            import duckdb

            self._con = duckdb.connect()
        else:
            raise MeasureError("Spark reads a snapshot folder; pass snapshot=")

    @property
    def con(self):
        return self.executor.con if self.executor is not None else self._con

    def sql(self, text: str) -> str:
        """``text`` (DuckDB dialect) in this runner's dialect."""
        if self.engine == "duckdb":
            return text
        return sqlglot.transpile(text, read="duckdb", write="spark")[0]

    def define(self, name: str, query: str) -> None:
        """A view ``name`` over ``query`` (DuckDB dialect)."""
        if self.engine == "duckdb":
            self.con.execute(f"CREATE OR REPLACE VIEW {name} AS {query}")
        else:
            self.executor.spark.sql(self.sql(query)).createOrReplaceTempView(name)

    def register(self, name: str, table: pa.Table | Mapping[str, list]) -> None:
        """An in-memory relation (DuckDB only): worked examples and tests use it."""
        if self.engine != "duckdb":
            raise MeasureError("in-memory relations are for the DuckDB engine")
        if not isinstance(table, pa.Table):
            table = pa.table(dict(table))
        self.con.register(name, table)

    def rows(self, query: str) -> list[dict[str, Any]]:
        """The query's rows as dicts (column name → value)."""
        if self.engine == "duckdb":
            return self.con.sql(query).to_arrow_table().to_pylist()
        return self.executor.spark.sql(self.sql(query)).toArrow().to_pylist()

    def close(self) -> None:
        if self.executor is not None:
            self.executor.close()
        else:
            self._con.close()

    def __enter__(self) -> SqlRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
