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
import numpy as np
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
                  variable: str = PER_CAPITA_INCOME, *,
                  also: Sequence[str] = ()) -> RunningTable:
    """Read ``variable`` (column ``value``) for every household with an economy row in
    ``year``; each variable in ``also`` becomes one more column of the same name, read in the
    same pass (one join of the snapshot for every test that follows)."""
    value = _value_sql(variable)
    extra = "".join(f", {_value_sql(v)} AS {v}" for v in dict.fromkeys(also))
    executor = DuckDBExecutor(source)
    # ``value`` and ``extra`` are fixed expressions of _value_sql, never user text.
    executor.con.execute(
        "CREATE TEMP TABLE running AS "  # noqa: S608
        "WITH m AS (SELECT household_id, count(*) AS size FROM members GROUP BY household_id) "
        f"SELECT h.household_id, h.village_code, {value} AS value{extra} "
        "FROM households h JOIN economy e ON e.household_id = h.household_id AND e.year = ? "
        "LEFT JOIN m ON m.household_id = h.household_id", [year])
    return RunningTable(executor.con, year, variable, executor)


@dataclass(frozen=True)
class Groups:
    """Group labels already factorised: ``names[index[i]]`` is row i's group. The digit tests
    take it in place of a sequence of labels (factorising millions of strings in NumPy costs
    more than every test together)."""

    names: np.ndarray
    index: np.ndarray

    def __len__(self) -> int:
        return len(self.index)


def grouped_values(running: RunningTable, column: str = "value", *,
                   level: str = "village") -> tuple[Groups, np.ndarray]:
    """``(groups, values)`` of a running table's non-null ``column``, grouped by the division
    prefix of ``level``, factorised inside DuckDB."""
    if column != "value" and column not in variables():
        raise IntegrityInputError(f"unknown column {column!r}")
    digits = level_digits(level)
    # ``column`` is checked against the fixed list above; ``digits`` is an int.
    data = running.con.execute(
        "WITH r AS (SELECT substr(village_code, 1, ?) AS g, "  # noqa: S608
        f"{column} AS v FROM running WHERE {column} IS NOT NULL), "
        "n AS (SELECT g, (row_number() OVER (ORDER BY g) - 1)::INTEGER AS i "
        "      FROM (SELECT DISTINCT g FROM r)) "
        "SELECT n.i, r.v FROM r JOIN n USING (g)", [digits]).fetchnumpy()
    names = running.con.execute(
        f"SELECT DISTINCT substr(village_code, 1, {digits}) AS g FROM running "  # noqa: S608
        f"WHERE {column} IS NOT NULL ORDER BY g").fetchnumpy()["g"]
    return (Groups(np.asarray(names, dtype=str), np.asarray(data["i"], dtype=np.int64)),
            np.asarray(data["v"], dtype=float))


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
