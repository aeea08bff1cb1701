"""Executors run a compiled plan where the data are: DuckDB (in process), PostgreSQL (in the
database), Spark (a province or the nation). They share one small protocol."""

from __future__ import annotations

from typing import Protocol

import pyarrow as pa

from fupin_engine.sql.compile import Plan


class Executor(Protocol):
    name: str
    dialect: str

    def execute(self, plan: Plan) -> pa.Table:
        """Run the plan; one row per household, ordered by household_id."""
        ...

    def provinces(self) -> list[str]:
        """The 2-digit provinces of the households it reads (``SUBSTR(village_code, 1, 2)``)."""
        ...

    def close(self) -> None: ...


#: The provinces present, in DuckDB's dialect (each executor transpiles it).
PROVINCES_SQL = "SELECT DISTINCT SUBSTR(village_code, 1, 2) AS province FROM households"


def get_executor(name: str, source, **options) -> Executor:
    """An executor for ``source`` (a :class:`fupin_engine.snapshot_source.SnapshotSource`,
    or a PostgreSQL connection string with ``views=`` over relations in that database)."""
    if name == "duckdb":
        from fupin_engine.executors.duckdb import DuckDBExecutor

        return DuckDBExecutor(source, **options)
    if name == "postgres":
        from fupin_engine.executors.postgres import PostgresExecutor

        return PostgresExecutor(source, **options)
    if name == "spark":
        from fupin_engine.executors.spark import SparkExecutor

        return SparkExecutor(source, **options)
    raise ValueError(f"unknown engine {name!r}: duckdb, postgres or spark")
