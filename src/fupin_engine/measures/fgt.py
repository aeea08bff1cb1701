"""Foster–Greer–Thorbecke poverty measures P0, P1, P2, people-weighted, by division.

Each household counts ``size`` people at its per-capita income ``y = Y / size`` (``Y`` the
household net income); a person is poor when ``y < z`` strictly, i.e. ``Y < z · size`` — compared
in exact decimals, so a household exactly at the line is not poor on any engine. With ``N``
people in the division:

    P0 = Σ_poor s_i / N
    P1 = Σ_poor s_i (z − y_i)/z / N = Σ_poor (z s_i − Y_i) / (z N)
    P2 = Σ_poor s_i ((z − y_i)/z)² / N = Σ_poor (z s_i − Y_i)² / s_i / (z² N)

The right-hand forms keep the sums exact (decimals) and divide once, so a worked example's
published figures come out as the nearest double (Foster, Greer & Thorbecke 1984; Haughton &
Khandker 2009, ch. 4).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from fupin_engine.measures.backend import SqlRunner
from fupin_engine.measures.relations import decimal_literal, digits, welfare_sql
from fupin_engine.source import ArrowSource

COLUMNS = ("division", "people", "P0", "P1", "P2")


@dataclass(frozen=True)
class FgtRow:
    """One division (or ``total``): its people and the three measures."""

    division: str
    people: int
    P0: float
    P1: float
    P2: float

    def values(self) -> tuple:
        return (self.division, self.people, self.P0, self.P1, self.P2)


def fgt_sql(line: float | Decimal | str, by: str = "county", relation: str = "welfare") -> str:
    """The measures per division plus ``total`` over ``relation`` (DuckDB dialect): it needs
    ``village_code``, ``size`` and ``household_net_income``."""
    z = decimal_literal(line)
    n = digits(by)
    poor = f"household_net_income < {z} * size"
    gap = f"({z} * size - household_net_income)"
    # Only checked values reach the text: decimal literals, digit counts, known names.
    return (
        f"SELECT COALESCE(division, 'total') AS division, SUM(size) AS people, "  # noqa: S608
        f"CAST(SUM(CASE WHEN {poor} THEN size ELSE 0 END) AS DOUBLE) "
        f"/ CAST(SUM(size) AS DOUBLE) AS P0, "
        f"CAST(SUM(CASE WHEN {poor} THEN {gap} ELSE 0 END) AS DOUBLE) "
        f"/ (CAST({z} AS DOUBLE) * CAST(SUM(size) AS DOUBLE)) AS P1, "
        f"SUM(CASE WHEN {poor} THEN CAST({gap} AS DOUBLE) * CAST({gap} AS DOUBLE) "
        f"/ CAST(size AS DOUBLE) ELSE 0 END) "
        f"/ (CAST({z} AS DOUBLE) * CAST({z} AS DOUBLE) * CAST(SUM(size) AS DOUBLE)) AS P2 "
        f"FROM (SELECT SUBSTRING(village_code, 1, {n}) AS division, size, "
        f"household_net_income FROM {relation} WHERE size > 0) AS w "
        f"GROUP BY ROLLUP (division)"
    )


def _rows(runner: SqlRunner, query: str) -> list[FgtRow]:
    # No household at all: the rollup's lone row has no people; there is no total either.
    out = [FgtRow(r["division"], int(r["people"]), r["P0"], r["P1"], r["P2"])
           for r in runner.rows(query) if r["people"] is not None]
    return sorted(out, key=lambda r: (r.division == "total", r.division))


def fgt_of(runner: SqlRunner, line: float | Decimal | str, by: str = "county",
           relation: str = "welfare") -> list[FgtRow]:
    """FGT over a relation already defined in ``runner`` (e.g. a registered worked example)."""
    return _rows(runner, fgt_sql(line, by, relation))


def fgt(snapshot: str | Path | ArrowSource, year: int, line: float | Decimal | str, *,
        by: str = "county", engine: str = "duckdb") -> list[FgtRow]:
    """FGT of a snapshot folder's (or an :class:`ArrowSource`'s) households for ``year``; one
    row per division, then total."""
    with SqlRunner(snapshot, engine=engine) as runner:
        runner.define("welfare", welfare_sql(year))
        return fgt_of(runner, line, by)
