"""Bulk scoring with DuckDB: a long table (county, indicator, value) → one row per county.

The same numbers as :func:`score_county`, exactly: values are DECIMAL(20,6) (more decimal
places are rounded half-up as score_county does; NaN is missing), points DECIMAL(18,2); the
divisions of ``linear`` and ``ratio`` are rounded half-up exactly (a double estimate of the
quotient, corrected against exact decimal products).
"""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from fupin_engine.evaluation.model import IndicatorSystem

VALUE_TYPE = "DECIMAL(20,6)"
POINTS_TYPE = "DECIMAL(18,2)"

_MACROS = f"""
CREATE OR REPLACE TEMP MACRO _est(n, d) AS
    CAST(floor(CAST(n AS DOUBLE) * 100 / CAST(d AS DOUBLE)) AS DECIMAL(14,0));
CREATE OR REPLACE TEMP MACRO _fix(c, n, d) AS
    c - CASE WHEN c * d > n * 100 THEN 1 ELSE 0 END
      + CASE WHEN (c + 1) * d <= n * 100 THEN 1 ELSE 0 END;
CREATE OR REPLACE TEMP MACRO _half(c, n, d) AS
    CAST((c + CASE WHEN 2 * (n * 100 - c * d) >= d THEN 1 ELSE 0 END) / 100 AS {POINTS_TYPE});
CREATE OR REPLACE TEMP MACRO div_half_up(n, d) AS _half(_fix(_est(n, d), n, d), n, d);
"""

POINTS_SQL = """
CASE
  WHEN v IS NULL THEN 0
  WHEN method = 'threshold' THEN
    CASE WHEN (hib AND v >= target) OR (NOT hib AND v <= target) THEN points ELSE 0 END
  WHEN method = 'linear' AND hib THEN
    CASE WHEN v <= floor THEN 0 WHEN v >= target THEN points
         ELSE div_half_up(points * (v - floor), target - floor) END
  WHEN method = 'linear' THEN
    CASE WHEN v >= floor THEN 0 WHEN v <= target THEN points
         ELSE div_half_up(points * (floor - v), floor - target) END
  WHEN method = 'ratio' AND hib THEN
    CASE WHEN v <= 0 THEN 0 WHEN v >= target THEN points
         ELSE div_half_up(points * v, target) END
  WHEN method = 'ratio' THEN
    CASE WHEN v <= target THEN points ELSE div_half_up(points * target, v) END
  WHEN method = 'boolean' THEN CASE WHEN v >= 1 THEN points ELSE 0 END
  ELSE CASE WHEN v <= 0 THEN 0 ELSE round(least(points, per_event * v), 2) END
END
"""
"""Points of one indicator row (columns v, method, hib, points, target, floor, per_event)."""


def parameter_table(system: IndicatorSystem) -> pa.Table:
    """One row per indicator: code, kind, module, method, hib, points, target, floor,
    per_event (exact decimals), for joining against values."""
    inds = system.indicators()
    dec6 = pa.decimal128(20, 6)
    return pa.table({
        "code": pa.array([i.code for i in inds], pa.string()),
        "kind": pa.array([i.kind for i in inds], pa.string()),
        "module": pa.array([i.module for i in inds], pa.string()),
        "method": pa.array([i.method for i in inds], pa.string()),
        "hib": pa.array([i.higher_is_better for i in inds], pa.bool_()),
        "points": pa.array([i.points for i in inds], pa.decimal128(18, 2)),
        "target": pa.array([i.target for i in inds], dec6),
        "floor": pa.array([i.floor for i in inds], dec6),
        "per_event": pa.array([i.per_event for i in inds], dec6),
    })


def _finite(values: pa.Table) -> pa.Table:
    """NaN and infinite doubles become nulls (missing), as in score_county."""
    col = values.column("value")
    if not pa.types.is_floating(col.type):
        return values
    clean = pc.if_else(pc.is_finite(col), col, pa.scalar(None, col.type))
    return values.set_column(2, "value", clean)


def _check_range(con: duckdb.DuckDBPyConnection) -> None:
    bad = con.execute(f"SELECT county, indicator, CAST(value AS VARCHAR) FROM vals_in "  # noqa: S608
                      f"WHERE value IS NOT NULL AND TRY_CAST(value AS {VALUE_TYPE}) IS NULL "
                      "LIMIT 1").fetchall()
    if bad:
        county, code, value = bad[0]
        raise ValueError(f"county {county}, indicator {code}: value {value} is out of range "
                         f"(at most 14 digits before the decimal point)")


def _check_input(con: duckdb.DuckDBPyConnection, system: IndicatorSystem) -> None:
    dups = con.execute("SELECT county, indicator, count(*) FROM vals GROUP BY 1, 2 "
                       "HAVING count(*) > 1 ORDER BY 1, 2 LIMIT 1").fetchall()
    dup = dups[0] if dups else None
    if dup:
        raise ValueError(f"county {dup[0]} has {dup[2]} values for indicator {dup[1]}; "
                         "give one value per county and indicator")
    bad = con.execute("SELECT DISTINCT indicator FROM vals WHERE indicator NOT IN "
                      "(SELECT code FROM params) OR indicator IS NULL ORDER BY 1 LIMIT 5"
                      ).fetchall()
    if bad:
        raise ValueError(f"indicator system {system.code} {system.version} has no indicator "
                         f"{', '.join(repr(b[0]) for b in bad)}")
    if con.execute("SELECT count(*) FROM vals WHERE county IS NULL").fetchall()[0][0]:
        raise ValueError("a row has no county")


def score_many(system: IndicatorSystem, values: pa.Table) -> pa.Table:
    """Score every county in ``values`` (columns county, indicator, value; value decimal,
    double or null; a county's absent indicators are missing).

    Returns one row per county, ordered by county: county, base_score, bonus, deduction, total,
    grade and one ``module_<code>`` column per module (decimals to 0.01) — the same numbers as
    :func:`score_county` with no extra deduction and no grade cap.
    """
    missing = {"county", "indicator", "value"} - set(values.column_names)
    if missing:
        raise ValueError(f"the values table needs columns county, indicator, value; missing "
                         f"{', '.join(sorted(missing))}")
    con = duckdb.connect()
    try:
        for statement in _MACROS.split(";"):
            if statement.strip():
                con.execute(statement).fetchall()
        con.register("vals_in", _finite(values.select(["county", "indicator", "value"])))
        _check_range(con)
        con.execute("CREATE TEMP TABLE vals AS SELECT CAST(county AS VARCHAR) AS county, "  # noqa: S608
                    "CAST(indicator AS VARCHAR) AS indicator, "
                    f"CAST(value AS {VALUE_TYPE}) AS value FROM vals_in").fetchall()
        con.register("params", parameter_table(system))
        _check_input(con, system)
        return con.sql(score_sql(system)).to_arrow_table()
    finally:
        con.close()


def _lit(d: Decimal) -> str:
    return f"CAST('{d}' AS {POINTS_TYPE})"


def score_sql(system: IndicatorSystem) -> str:
    """The scoring query over tables ``vals`` (county, indicator, value) and ``params``
    (:func:`parameter_table`), with the ``div_half_up`` macro defined."""
    mods = ",\n".join(
        f"  CAST(coalesce(sum(pts) FILTER (WHERE module = '{m.code}'), 0) AS {POINTS_TYPE}) "
        f"AS \"module_{m.code}\"" for m in system.modules)
    dcap = ("deduction_raw" if system.deduction_cap is None
            else f"least(deduction_raw, {_lit(system.deduction_cap)})")
    grades = list(system.grades)
    grade_case = "CASE " + " ".join(
        f"WHEN total >= {_lit(g.min_score)} THEN '{g.code}'" for g in grades[:-1]
    ) + f" ELSE '{grades[-1].code}' END" if len(grades) > 1 else f"'{grades[0].code}'"
    mod_cols = ", ".join(f'"module_{m.code}"' for m in system.modules)
    # identifiers and literals come from a validated system (codes match ^[a-z][a-z0-9_]*$)
    return f"""
WITH counties AS (SELECT DISTINCT county FROM vals),
joined AS (
  SELECT c.county, p.*, x.value AS v
  FROM counties c CROSS JOIN params p
  LEFT JOIN vals x ON x.county = c.county AND x.indicator = p.code
),
lines AS (
  SELECT county, kind, module, CAST(({POINTS_SQL}) AS {POINTS_TYPE}) AS pts FROM joined
),
agg AS (
  SELECT county,
  CAST(coalesce(sum(pts) FILTER (WHERE kind = 'base'), 0) AS {POINTS_TYPE}) AS base_score,
  CAST(coalesce(sum(pts) FILTER (WHERE kind = 'bonus'), 0) AS {POINTS_TYPE}) AS bonus_raw,
  CAST(coalesce(sum(pts) FILTER (WHERE kind = 'deduction'), 0) AS {POINTS_TYPE})
      AS deduction_raw,
{mods}
  FROM lines GROUP BY county
),
capped AS (
  SELECT *, CAST(least(bonus_raw, {_lit(system.bonus_cap)}) AS {POINTS_TYPE}) AS bonus,
         CAST({dcap} AS {POINTS_TYPE}) AS deduction
  FROM agg
),
totals AS (
  SELECT *, CAST(greatest(0, base_score + bonus - deduction) AS {POINTS_TYPE}) AS total
  FROM capped
)
SELECT county, base_score, bonus, deduction, total, {grade_case} AS grade, {mod_cols}
FROM totals ORDER BY county
"""  # noqa: S608
