"""The Alkire–Foster multidimensional measure: H, A and M0, people-weighted, by division, with
its decomposition by dimension and by division (Alkire & Foster 2011).

A household is deprived in a dimension when the engine's own rule fires (education
``EDU_DROPOUT``, medical ``NO_MEDICAL_INSURANCE``, housing ``UNSAFE_HOUSING``, water
``UNSAFE_WATER``: the pack's rules, run by :func:`fupin_engine.run.run` on the snapshot), or, for
income, when its per-capita income is strictly below the line. Dimension weights ``w_j`` sum to
``d`` (the number of dimensions; equal weights are all 1), as in Alkire & Foster (2011, §4.1);
the deprivation score is ``c_i = Σ_j w_j g_ij`` and a household is poor when ``c_i ≥ k``. Each
household counts ``size`` people. With ``N`` people and ``q`` poor people:

    H  = q / N
    A  = Σ_poor s_i c_i / (d q)
    M0 = Σ_poor s_i c_i / (d N) = H · A

Censored headcount of dimension j: ``h_j = Σ_poor s_i g_ij / N``; its contribution to M0 is
``w_j h_j / (d M0)``. A division r contributes ``(N_r / N) M0_r / M0``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from fupin_engine.measures import MeasureError
from fupin_engine.measures.backend import SqlRunner
from fupin_engine.measures.relations import decimal_literal, digits, welfare_sql
from fupin_engine.source import ArrowSource

COLUMNS = ("division", "people", "H", "A", "M0")
#: Dimension → the pack rule that marks a deprivation (income is measured against the line).
RULES = {"education": "EDU_DROPOUT", "medical": "NO_MEDICAL_INSURANCE",
         "housing": "UNSAFE_HOUSING", "water": "UNSAFE_WATER"}
DIMENSIONS = ("income", *RULES)


@dataclass(frozen=True)
class AfRow:
    """One division (or ``total``); ``A`` is None where nobody is poor (undefined)."""

    division: str
    people: int
    H: float
    A: float | None
    M0: float
    censored: dict[str, float] = field(default_factory=dict)

    def values(self) -> tuple:
        return (self.division, self.people, self.H, self.A, self.M0)


def check_dimensions(dimensions: Sequence[str], weights: Mapping[str, float] | None,
                     k: float) -> dict[str, Decimal]:
    """The weights to use (equal by default), checked: known dimensions, no repeats, weights
    positive and summing to d, 0 < k ≤ d."""
    dims = list(dimensions)
    if not dims:
        raise MeasureError("dimensions: give at least one of " + ", ".join(DIMENSIONS))
    unknown = [d for d in dims if d not in DIMENSIONS]
    if unknown:
        raise MeasureError(f"dimensions: unknown {', '.join(unknown)}; known: "
                           f"{', '.join(DIMENSIONS)}")
    if len(set(dims)) != len(dims):
        raise MeasureError("dimensions: each dimension once")
    if weights is None:
        chosen = dict.fromkeys(dims, Decimal(1))
    else:
        if set(weights) != set(dims):
            raise MeasureError("weights: one weight per dimension")
        chosen = {d: Decimal(decimal_literal(weights[d], f"weight of {d}")) for d in dims}
        if sum(chosen.values()) != len(dims):
            raise MeasureError(f"weights: must sum to the number of dimensions ({len(dims)})")
    kk = Decimal(str(k))
    if not (0 < kk <= len(dims)):
        raise MeasureError(f"k: must be above 0 and at most {len(dims)} (the number of "
                           f"dimensions), not {k}")
    return chosen


def af_sql(dimensions: Sequence[str], k: float, *, by: str = "county",
           weights: Mapping[str, float] | None = None, relation: str = "deprived") -> str:
    """H, A, M0 and censored headcounts per division plus ``total`` over ``relation``
    (DuckDB dialect): ``village_code``, ``size`` and a 0/1 column ``d_<dimension>`` each."""
    w = check_dimensions(dimensions, weights, k)
    d = len(w)
    n = digits(by)
    score = " + ".join(f"{format(v.normalize(), 'f')} * d_{name}" for name, v in w.items())
    kk = format(Decimal(str(k)).normalize(), "f")
    censored = "".join(
        f", CAST(SUM(CASE WHEN poor THEN size * d_{name} ELSE 0 END) AS DOUBLE) "
        f"/ CAST(SUM(size) AS DOUBLE) AS h_{name}" for name in w)
    # Only checked values reach the text: decimal literals, digit counts, known names.
    return (
        "SELECT COALESCE(division, 'total') AS division, SUM(size) AS people, "  # noqa: S608
        "CAST(SUM(CASE WHEN poor THEN size ELSE 0 END) AS DOUBLE) "
        "/ CAST(SUM(size) AS DOUBLE) AS H, "
        "CAST(SUM(CASE WHEN poor THEN size * c ELSE 0 END) AS DOUBLE) "
        f"/ (CAST({d} AS DOUBLE) * CAST(NULLIF(SUM(CASE WHEN poor THEN size ELSE 0 END), 0) "
        "AS DOUBLE)) AS A, "
        "CAST(SUM(CASE WHEN poor THEN size * c ELSE 0 END) AS DOUBLE) "
        f"/ (CAST({d} AS DOUBLE) * CAST(SUM(size) AS DOUBLE)) AS M0{censored} "
        f"FROM (SELECT *, c >= {kk} AS poor FROM (SELECT SUBSTRING(village_code, 1, {n}) "
        f"AS division, size, {', '.join(f'd_{x}' for x in w)}, ({score}) AS c "
        f"FROM {relation} WHERE size > 0) AS s) AS p GROUP BY ROLLUP (division)"
    )


def deprived_sql(year: int, line: float | Decimal | str, plan_sql: str,
                 dimensions: Sequence[str]) -> str:
    """The ``deprived`` relation of a snapshot: the welfare rows joined with the engine's rule
    results (``plan_sql``, the compiled pack in DuckDB's dialect)."""
    z = decimal_literal(line)
    cols = []
    for name in dimensions:
        if name == "income":
            cols.append(f"CASE WHEN w.household_net_income < {z} * w.size THEN 1 ELSE 0 END "
                        "AS d_income")
        else:
            cols.append(f"CAST(a.r_{RULES[name]} AS INTEGER) AS d_{name}")
    # Only checked values reach the text: decimal literals, digit counts, known names.
    return (
        f"SELECT w.household_id, w.village_code, w.size, {', '.join(cols)} "  # noqa: S608
            f"FROM ({welfare_sql(year)}) AS w JOIN ({plan_sql}) AS a "
            "ON a.household_id = w.household_id")


def _rows(runner: SqlRunner, query: str, dims: Sequence[str]) -> list[AfRow]:
    out = [AfRow(r["division"], int(r["people"]), r["H"], r["A"], r["M0"],
                 {d: r[f"h_{d}"] for d in dims}) for r in runner.rows(query)
           if r["people"] is not None]  # no household at all: no rows, no total
    return sorted(out, key=lambda r: (r.division == "total", r.division))


def af_of(runner: SqlRunner, dimensions: Sequence[str], k: float, *, by: str = "county",
          weights: Mapping[str, float] | None = None, relation: str = "deprived"
          ) -> list[AfRow]:
    """AF over a relation already defined in ``runner`` (e.g. a worked example's matrix)."""
    return _rows(runner, af_sql(dimensions, k, by=by, weights=weights, relation=relation),
                 list(dimensions))


def af(snapshot: str | Path | ArrowSource, year: int, line: float | Decimal | str,
       k: float, *, dimensions: Sequence[str] = DIMENSIONS, by: str = "county",
       weights: Mapping[str, float] | None = None, policy: str = "cn-national",
       engine: str = "duckdb") -> list[AfRow]:
    """AF of a snapshot folder's (or an :class:`ArrowSource`'s) households for ``year``; one
    row per division, then total."""
    from fupin_engine.run import prepare  # the compiler, not an executor

    check_dimensions(dimensions, weights, k)
    plan = prepare(policy, year)
    with SqlRunner(snapshot, engine=engine) as runner:
        runner.define("deprived", deprived_sql(year, line, plan.sql("duckdb"), dimensions))
        return af_of(runner, dimensions, k, by=by, weights=weights)


@dataclass(frozen=True)
class Decomposition:
    """Shares of M0 (each set sums to 1 when M0 > 0)."""

    by_dimension: dict[str, float]
    by_division: dict[str, float]


def decompose(rows: Sequence[AfRow], weights: Mapping[str, float] | None = None
              ) -> Decomposition:
    """M0's contributions by dimension (``w_j h_j / (d M0)``) and by division
    (``N_r M0_r / (N M0)``), from the rows of :func:`af` or :func:`af_of`."""
    total = next((r for r in rows if r.division == "total"), None)
    if total is None:
        raise MeasureError("decompose needs the total row")
    dims = list(total.censored)
    w = {d: float((weights or {}).get(d, 1.0)) for d in dims}
    if total.M0 == 0:
        return Decomposition(dict.fromkeys(dims, 0.0),
                             {r.division: 0.0 for r in rows if r is not total})
    d = len(dims)
    by_dim = {j: w[j] * total.censored[j] / (d * total.M0) for j in dims}
    by_div = {r.division: r.people * r.M0 / (total.people * total.M0)
              for r in rows if r is not total}
    return Decomposition(by_dim, by_div)
