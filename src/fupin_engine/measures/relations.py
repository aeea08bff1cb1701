"""The relations the measures read, as SQL in DuckDB's dialect over the snapshot tables.

``welfare``: one row per household with economy data for the year and at least one member —
``household_id, village_code, status, size, household_net_income`` (the engine's definition,
:data:`fupin_engine.snapshot.NET_INCOME_TERMS`). Households without an economy row for the year
or without members have no per-capita income and are left out of every measure.
"""

from __future__ import annotations

from decimal import Decimal

from fupin_engine import snapshot
from fupin_engine.measures import MeasureError

#: Division level → number of leading digits of the 12-digit village code.
LEVELS = {"province": 2, "county": 6, "township": 9, "village": 12}


def digits(level: str) -> int:
    try:
        return LEVELS[level]
    except KeyError:
        raise MeasureError(f"unknown division level {level!r}: "
                           f"{', '.join(LEVELS)}") from None


def decimal_literal(value: float | Decimal | str, name: str = "line") -> str:
    """An exact decimal SQL literal (``4000`` stays ``4000``; never a float's binary noise)."""
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        raise MeasureError(f"{name}: {value!r} is not a number") from None
    if not number.is_finite() or number <= 0:
        raise MeasureError(f"{name}: must be a positive number, not {value}")
    return format(number.normalize(), "f")


def welfare_sql(year: int) -> str:
    """Households with their size and net income for ``year`` (see the module docstring)."""
    net, _ = snapshot.sql_sum("e.")
    # The year is an int; the income terms come from the schema.
    return (
        "SELECT h.household_id, h.village_code, h.status, m.size, "  # noqa: S608
        f"{net} AS household_net_income "
        "FROM households AS h "
        "JOIN (SELECT household_id, COUNT(*) AS size FROM members GROUP BY household_id) AS m "
        "ON m.household_id = h.household_id "
        f"JOIN economy AS e ON e.household_id = h.household_id AND e.year = {int(year)}"
    )
