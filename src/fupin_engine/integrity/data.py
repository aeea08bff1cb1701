"""The running variables of a snapshot, read once into DuckDB for every integrity test.

Per-capita income follows the engine exactly (``household_net_income / size``, size = the
household's members; docs/formats/snapshot-v1.md, ``fupin_engine.sql.compile``); any numeric
economy column can be tested instead. Reading materialises one row per household of the year, so the
histograms, digit counts and placebo thresholds that follow scan a small table, not the
snapshot again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from fupin_engine import snapshot
from fupin_engine.executors.duckdb import DuckDBExecutor
from fupin_engine.source import ArrowSource, SnapshotSource

PER_CAPITA_INCOME = "per_capita_income"
NET_INCOME = "household_net_income"
#: Division levels and the length of their statistical code prefix.
LEVELS = {"province": 2, "city": 4, "county": 6, "township": 9, "village": 12}

class IntegrityInputError(ValueError):
    """An integrity test asked for something the data cannot give (unknown column, level)."""

def variables() -> tuple[str, ...]:
    """The running variables a test can use: per-capita and household net income, and every
    amount column of the economy table."""
    amounts = tuple(c.name for c in snapshot.SCHEMA["economy"] if c.kind == "amount")
    return (PER_CAPITA_INCOME, NET_INCOME, *amounts)

def level_digits(level: str) -> int:
    try:
        return LEVELS[level]
    except KeyError:
        raise IntegrityInputError(
            f"unknown division level {level!r}; one of {', '.join(LEVELS)}") from None

def _value_sql(variable: str) -> str:
    net, _ = snapshot.sql_sum("e.")
    if variable == PER_CAPITA_INCOME:
        return f"CAST({net} AS DOUBLE) / NULLIF(m.size, 0)"
    if variable == NET_INCOME:
        return f"CAST({net} AS DOUBLE)"
    if variable in variables():
        return f"CAST(e.{variable} AS DOUBLE)"
    raise IntegrityInputError(
        f"unknown running variable {variable!r}; one of {', '.join(variables())}")

@dataclass
class RunningTable:
    """One row per household of ``year``: ``household_id``, ``village_code``, ``value``.

    Lives in the DuckDB connection ``con`` as table ``running``; close it when done.
    """

    con: duckdb.DuckDBPyConnection
    year: int
    variable: str
    _executor: DuckDBExecutor | None = None

    def close(self) -> None:
        if self._executor is not None:
            self._executor.close()
        else:
            self.con.close()

def running_table(source: SnapshotSource | ArrowSource, year: int,
                  variable: str = PER_CAPITA_INCOME) -> RunningTable:
    """Read ``variable`` for every household with an economy row in ``year``."""
    value = _value_sql(variable)
    executor = DuckDBExecutor(source)
    # ``value`` is one of the fixed expressions of _value_sql, never user text.
    executor.con.execute(
        "CREATE TEMP TABLE running AS "  # noqa: S608
        "WITH m AS (SELECT household_id, count(*) AS size FROM members GROUP BY household_id) "
        f"SELECT h.household_id, h.village_code, {value} AS value "
        "FROM households h JOIN economy e ON e.household_id = h.household_id AND e.year = ? "
        "LEFT JOIN m ON m.household_id = h.household_id", [year])
    return RunningTable(executor.con, year, variable, executor)


def running_from_values(village_codes: Sequence[str], values: Sequence[float], *,
                        household_ids: Sequence[str] | None = None, year: int = 0,
                        variable: str = PER_CAPITA_INCOME) -> RunningTable:
    """A running table from values already in memory (simulations, the product's registry)."""
    ids = household_ids if household_ids is not None else [f"h{i}" for i in range(len(values))]
    con = duckdb.connect()
    data = pa.table({"household_id": pa.array(ids, pa.string()),
                     "village_code": pa.array(village_codes, pa.string()),
                     "value": pa.array(values, pa.float64())})
    con.register("running_input", data)
    con.execute("CREATE TEMP TABLE running AS SELECT * FROM running_input")
    con.unregister("running_input")
    return RunningTable(con, year, variable)
