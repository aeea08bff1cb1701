"""The consolidation period (巩固提升期) of exited households, set-based in DuckDB over Arrow.

No Django here (the engine boundary, ADR 0003): the product hands in five relations and reads
Arrow tables back (docs/consolidation.md explains every indicator; ADR 0050 the choices).

Inputs
  ``years``     household_id, year, village_code, status, exit_year, size, per_capita_income,
                guarantees_ok — one row per household and analysed year, the registry as of the
                end of that year (:func:`yearly_rows` builds it from the snapshot relations);
  ``lines``     province (2 digits), year, line — the monitoring line of the year;
  ``episodes``  household_id, year — years in which the household was a monitoring object;
  ``help``      household_id, village_code, year, type, amount — help received (the register,
                case measures, benefit linkages), one row per source and year; a row with
                amount 0 is help that reached the household without an amount booked that year;
  ``periods``   province ('' = every other province), start_year, end_year.

"Since exit" means the exit year and every later year up to the year analysed (``year``).
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pyarrow as pa

from fupin_engine import snapshot

#: Help types: the five the consolidation policy names first (产业, 就业, 金融/小额信贷, 教育,
#: 健康), then the other measure types of the monitoring procedure. The product's
#: ``MeasureType`` holds the same codes (a test keeps them together).
POLICY_TYPES = ("industry", "employment", "finance", "education", "health")
TYPES = (*POLICY_TYPES, "housing", "water", "social_assistance", "ecommerce", "insurance",
         "other")
#: Prefix length of each division level's code.
LEVELS = {"province": 2, "prefecture": 4, "county": 6, "township": 9, "village": 12}

SCHEMAS = {
    "years": pa.schema([("household_id", pa.string()), ("year", pa.int64()),
                        ("village_code", pa.string()), ("status", pa.string()),
                        ("exit_year", pa.int64()), ("size", pa.int64()),
                        ("per_capita_income", pa.float64()), ("guarantees_ok", pa.bool_())]),
    "lines": pa.schema([("province", pa.string()), ("year", pa.int64()),
                        ("line", pa.float64())]),
    "episodes": pa.schema([("household_id", pa.string()), ("year", pa.int64())]),
    "help": pa.schema([("household_id", pa.string()), ("village_code", pa.string()),
                       ("year", pa.int64()), ("type", pa.string()),
                       ("amount", pa.decimal128(14, 2))]),
    "periods": pa.schema([("province", pa.string()), ("start_year", pa.int64()),
                          ("end_year", pa.int64())]),
}


def empty(name: str) -> pa.Table:
    """An empty input relation of the documented shape."""
    return SCHEMAS[name].empty_table()


def _ident(code: str) -> str:
    if code not in TYPES and not code.replace("_", "").isalnum():
        raise ValueError(f"not a help type code: {code!r}")
    return code


def yearly_rows(con: duckdb.DuckDBPyConnection, year: int,
                guarantee_flags: pa.Table | None = None) -> pa.Table:
    """The ``years`` rows of one year from the snapshot relations ``households``, ``members``
    and ``economy`` registered on ``con`` (the registry as of the end of ``year``).

    As the monitoring run counts them (ADR 0048): a member born after the year is not yet a
    member; a household that exited after the year was still poor in it; per-capita income is
    snapshot v1's household net income over that size (NULL without an economy row of the
    year). ``guarantee_flags`` (household_id, guarantees_ok) are the run's own verdicts on the
    guarantees for that year; without them the guarantees are unknown (NULL)."""
    y = int(year)
    net, _ = snapshot.sql_sum("e.")
    if guarantee_flags is not None:
        con.register("consolidation_guarantees", guarantee_flags)
        flags = ("LEFT JOIN consolidation_guarantees AS g ON g.household_id = h.household_id",
                 "CASE WHEN COALESCE(m.size, 0) > 0 THEN CAST(g.guarantees_ok AS BOOLEAN) END")
    else:
        flags = ("", "CAST(NULL AS BOOLEAN)")
    sql = (
        "WITH m AS (SELECT household_id, COUNT(*) AS size FROM members "  # noqa: S608
        f"WHERE EXTRACT(YEAR FROM birth_date) <= {y} GROUP BY household_id) "
        f"SELECT h.household_id, CAST({y} AS BIGINT) AS year, h.village_code, "
        f"CASE WHEN h.status = 'exited' AND h.exit_year > {y} THEN 'poor' ELSE h.status END "
        f"AS status, CAST(CASE WHEN h.exit_year > {y} THEN NULL ELSE h.exit_year END AS BIGINT) "
        "AS exit_year, CAST(COALESCE(m.size, 0) AS BIGINT) AS size, "
        f"CAST({net} AS DOUBLE) / NULLIF(m.size, 0) AS per_capita_income, "
        f"{flags[1]} AS guarantees_ok "
        "FROM households AS h LEFT JOIN m ON m.household_id = h.household_id "
        f"LEFT JOIN economy AS e ON e.household_id = h.household_id AND e.year = {y} "
        f"{flags[0]} ORDER BY h.household_id")
    table = con.sql(sql).to_arrow_table()
    if guarantee_flags is not None:
        con.unregister("consolidation_guarantees")
    return table.cast(SCHEMAS["years"])


def spans_to_years(spans: pa.Table, *, last_year: int, amount: bool = False) -> pa.Table:
    """Rows with ``first_year`` and ``last_year`` (NULL = still running) as one row per year
    up to ``last_year``: monitoring-object episodes, or case measures (``amount``: booked in
    the first year, 0 in the later ones — a measure reaches the household every year it
    runs, its amount is counted once)."""
    con = duckdb.connect()
    try:
        con.register("spans", spans)
        keep = [c for c in spans.column_names if c not in {"first_year", "last_year", "amount"}]
        cols = ", ".join(keep)
        money = (", CASE WHEN y = first_year THEN amount ELSE 0 END AS amount"
                 if amount else "")
        sql = (f"SELECT {cols}, CAST(y AS BIGINT) AS year{money} FROM (SELECT *, UNNEST("  # noqa: S608
               f"RANGE(first_year, LEAST(COALESCE(last_year, {int(last_year)}), "
               f"{int(last_year)}) + 1)) AS y FROM spans) AS s ORDER BY ALL")
        return con.sql(sql).to_arrow_table()
    finally:
        con.close()


@dataclass
class Consolidation:
    """The indicators as of ``year`` over the five input relations (Arrow tables or, for the
    bench, relation names already on ``con``)."""

    inputs: dict
    year: int
    types: tuple[str, ...] = TYPES
    con: duckdb.DuckDBPyConnection | None = None

    def __post_init__(self) -> None:
        self._own = self.con is None
        if self.con is None:
            self.con = duckdb.connect()
        for name in SCHEMAS:
            source = self.inputs.get(name)
            if source is None:
                source = empty(name)
            if isinstance(source, str):
                self.con.execute(f"CREATE OR REPLACE TEMP VIEW c_{name} AS "  # noqa: S608
                                 f"SELECT * FROM {source}")
            else:
                self.con.register(f"c_{name}_arrow", source)
                self.con.execute(f"CREATE OR REPLACE TEMP VIEW c_{name} AS "  # noqa: S608
                                 f"SELECT * FROM c_{name}_arrow")
        self._views()

    def close(self) -> None:
        if self._own and self.con is not None:
            self.con.close()

    # --- the base views ----------------------------------------------------------------------

    def _views(self) -> None:
        y = int(self.year)
        types = [_ident(t) for t in self.types]
        per_type = ", ".join(
            f"SUM(CASE WHEN type = '{t}' THEN amount END) AS help_{t}" for t in types)
        got = ", ".join(f"BOOL_OR(h.type = '{t}') AS got_{t}" for t in types)
        statements = [
            # Exited households as of the year, with their province's period.
            "CREATE OR REPLACE TEMP VIEW c_exited AS SELECT y.household_id, y.village_code, "  # noqa: S608
            "y.exit_year, SUBSTR(y.village_code, 1, 2) AS province, "
            "COALESCE(p.start_year, d.start_year) AS period_start, "
            "COALESCE(p.end_year, d.end_year) AS period_end "
            "FROM c_years AS y LEFT JOIN c_periods AS p ON p.province = "
            "SUBSTR(y.village_code, 1, 2) LEFT JOIN c_periods AS d ON d.province = '' "
            f"WHERE y.year = {y} AND y.status = 'exited' AND y.exit_year IS NOT NULL "
            f"AND y.exit_year <= {y}",
            f"CREATE OR REPLACE TEMP VIEW c_help_year AS SELECT household_id, year, {per_type}, "  # noqa: S608
            f"SUM(amount) AS help_total FROM c_help WHERE year <= {y} "
            "GROUP BY household_id, year",
            "CREATE OR REPLACE TEMP VIEW c_episode AS SELECT DISTINCT household_id, year "
            "FROM c_episodes",
            # Per exited household and year since exit.
            "CREATE OR REPLACE TEMP VIEW c_household_years AS SELECT x.household_id, "
            "x.village_code, x.exit_year, y.year, y.size, y.per_capita_income, l.line, "
            "CASE WHEN y.per_capita_income IS NULL OR l.line IS NULL THEN NULL "
            "ELSE y.per_capita_income >= l.line END AS above_line, y.guarantees_ok, "
            "e.household_id IS NOT NULL AS monitoring_object, "
            + ", ".join(f"h.help_{t}" for t in types) + ", h.help_total "
            "FROM c_exited AS x JOIN c_years AS y ON y.household_id = x.household_id "
            f"AND y.year >= x.exit_year AND y.year <= {y} "
            "LEFT JOIN c_lines AS l ON l.province = x.province AND l.year = y.year "
            "LEFT JOIN c_episode AS e ON e.household_id = x.household_id AND e.year = y.year "
            "LEFT JOIN c_help_year AS h ON h.household_id = x.household_id AND h.year = y.year",
            # Help per household and year in total (the intensity and lost help need no type).
            "CREATE OR REPLACE TEMP VIEW c_help_total AS SELECT household_id, year, "  # noqa: S608
            f"SUM(amount) AS help_total FROM c_help WHERE year <= {y} "
            "GROUP BY household_id, year",
            # Per exited household, the whole time since exit: each flag straight from its
            # relation (income against the line; episodes; help of each type), aggregated per
            # household and joined once — no per-year pivot on this path.
            "CREATE OR REPLACE TEMP VIEW c_households AS WITH above AS ("  # noqa: S608
            "SELECT x.household_id, COUNT(y.per_capita_income >= l.line) AS known_years, "
            "BOOL_AND(y.per_capita_income >= l.line) AS all_above "
            "FROM c_exited AS x JOIN c_years AS y ON y.household_id = x.household_id "
            f"AND y.year BETWEEN x.exit_year AND {y} "
            "LEFT JOIN c_lines AS l ON l.province = x.province AND l.year = y.year "
            "GROUP BY x.household_id), "
            "objects AS (SELECT DISTINCT x.household_id FROM c_exited AS x JOIN c_episodes AS e "
            f"ON e.household_id = x.household_id AND e.year BETWEEN x.exit_year AND {y}), "
            f"helped AS (SELECT x.household_id, {got} FROM c_exited AS x JOIN c_help AS h "
            f"ON h.household_id = x.household_id AND h.year BETWEEN x.exit_year AND {y} "
            "GROUP BY x.household_id) "
            "SELECT x.household_id, x.village_code, x.exit_year, "
            f"{y} - x.exit_year AS years_since_exit, x.period_start, x.period_end, "
            f"COALESCE({y} BETWEEN x.period_start AND x.period_end, FALSE) AS inside_period, "
            "COALESCE(a.known_years, 0) AS known_years, "
            "COALESCE(a.known_years > 0 AND a.all_above, FALSE) AS stayed_above, "
            "o.household_id IS NOT NULL AS became_object, "
            + ", ".join(f"COALESCE(p.got_{t}, FALSE) AS got_{t}" for t in types) + " "
            "FROM c_exited AS x LEFT JOIN above AS a ON a.household_id = x.household_id "
            "LEFT JOIN objects AS o ON o.household_id = x.household_id "
            "LEFT JOIN helped AS p ON p.household_id = x.household_id",
        ]
        for sql in statements:
            self.con.execute(sql)

    def _sql(self, sql: str) -> pa.Table:
        return self.con.sql(sql).to_arrow_table()

    # --- outputs -----------------------------------------------------------------------------

    def household_years(self, household_id: str | None = None) -> pa.Table:
        """Per exited household and year since exit: income against the line, guarantees,
        monitoring object, help by type (NULL = none of that type) and in total."""
        if household_id is not None:
            return self.con.sql("SELECT * FROM c_household_years WHERE household_id = $id "
                                "ORDER BY year", params={"id": household_id}).to_arrow_table()
        return self._sql("SELECT * FROM c_household_years ORDER BY household_id, year")

    def households(self) -> pa.Table:
        """Per exited household: years since exit, inside the period, stayed above the line
        every known year, became a monitoring object, got help of each type since exit."""
        return self._sql("SELECT * FROM c_households ORDER BY household_id")

    def exit_quality(self, level: str = "county") -> pa.Table:
        """Per division of ``level``: exited households, inside the period, and the shares
        that stayed above the line, became monitoring objects and received each help type."""
        code = _division(level, "village_code")
        counts = "".join(
            f", CAST(SUM(CAST(got_{t} AS INTEGER)) AS BIGINT) AS help_{t}_households, "
            f"SUM(CAST(got_{t} AS INTEGER)) / COUNT(*) AS help_{t}_share" for t in self.types)
        return self._sql(
            f"SELECT {code} AS division_code, COUNT(*) AS exited, "  # noqa: S608
            "CAST(SUM(CAST(inside_period AS INTEGER)) AS BIGINT) AS inside_period, "
            "CAST(SUM(CAST(stayed_above AS INTEGER)) AS BIGINT) AS stayed_above, "
            "SUM(CAST(stayed_above AS INTEGER)) / COUNT(*) AS stayed_above_share, "
            "CAST(SUM(CAST(became_object AS INTEGER)) AS BIGINT) AS became_objects, "
            f"SUM(CAST(became_object AS INTEGER)) / COUNT(*) AS became_objects_share{counts} "
            "FROM c_households GROUP BY 1 ORDER BY 1")

    def help_by_type(self, level: str = "county") -> pa.Table:
        """Help per division of ``level``, year and type: amount and households reached (all
        households, exited or not)."""
        code = _division(level, "village_code")
        return self._sql(
            f"SELECT {code} AS division_code, year, type, SUM(amount) AS amount, "  # noqa: S608
            f"COUNT(DISTINCT household_id) AS households FROM c_help WHERE year <= {self.year} "
            "GROUP BY 1, 2, 3 ORDER BY 1, 2, 3")

    def intensity(self, level: str = "county") -> pa.Table:
        """Per division (county): help per household-year of the exited households in the
        years before their exit and in the years since exit inside their period (mean amount,
        share of household-years reached), the ratio and whether it was kept up/increased."""
        return self._intensity(_division(level, "x.village_code"), int(self.year))

    def _intensity(self, code: str, y: int) -> pa.Table:
        base = (
            "WITH hy AS (SELECT x.village_code, "  # noqa: S608
            "y.year < x.exit_year AS before_exit, "
            "y.year >= x.exit_year AND y.year BETWEEN x.period_start AND x.period_end "
            "AS during, COALESCE(h.help_total, 0) AS amount, h.household_id IS NOT NULL "
            "AS reached FROM c_exited AS x JOIN c_years AS y ON y.household_id = "
            f"x.household_id AND y.year <= {y} LEFT JOIN c_help_total AS h "
            "ON h.household_id = x.household_id AND h.year = y.year), "
            f"agg AS (SELECT {code.replace('x.', '')} AS division_code, "
            "COUNT(*) FILTER (WHERE before_exit) AS before_household_years, "
            "COALESCE(SUM(amount) FILTER (WHERE before_exit), 0) AS before_amount, "
            "COUNT(*) FILTER (WHERE before_exit AND reached) AS before_reached, "
            "COUNT(*) FILTER (WHERE during) AS during_household_years, "
            "COALESCE(SUM(amount) FILTER (WHERE during), 0) AS during_amount, "
            "COUNT(*) FILTER (WHERE during AND reached) AS during_reached "
            "FROM hy GROUP BY 1), "
            "m AS (SELECT *, CAST(before_amount AS DOUBLE) / NULLIF(before_household_years, 0) "
            "AS before_mean, CAST(during_amount AS DOUBLE) / NULLIF(during_household_years, 0) "
            "AS during_mean, CAST(before_reached AS DOUBLE) / NULLIF(before_household_years, 0)"
            " AS before_reached_share, CAST(during_reached AS DOUBLE) / "
            "NULLIF(during_household_years, 0) AS during_reached_share FROM agg) "
            "SELECT *, during_mean / NULLIF(before_mean, 0) AS ratio, "
            "during_mean >= before_mean AS kept_up, during_mean > before_mean AS increased "
            "FROM m ORDER BY 1")
        return self._sql(base)

    def lost_help(self) -> pa.Table:
        """Exited households inside their period that had help in an earlier year since their
        exit (the exit year included) and none in the year analysed: the last year with help
        and the types of that year. Help only before the exit — while the household was poor —
        is not help lost after it."""
        y = int(self.year)
        return self._sql(
            "WITH last AS (SELECT h.household_id, MAX(h.year) AS last_help_year "  # noqa: S608
            "FROM c_help AS h JOIN c_exited AS x ON x.household_id = h.household_id "
            f"WHERE h.year <= {y} AND h.year >= x.exit_year "
            "GROUP BY h.household_id), "
            "types AS (SELECT h.household_id, STRING_AGG(DISTINCT h.type, ';' ORDER BY h.type) "
            "AS last_help_types FROM c_help AS h JOIN last AS l ON l.household_id = "
            "h.household_id AND h.year = l.last_help_year GROUP BY h.household_id) "
            "SELECT x.household_id, x.village_code, x.exit_year, x.years_since_exit, "
            "x.period_start, x.period_end, l.last_help_year, t.last_help_types "
            "FROM c_households AS x JOIN last AS l ON l.household_id = x.household_id "
            "JOIN types AS t ON t.household_id = x.household_id "
            f"WHERE x.inside_period AND l.last_help_year < {y} "
            "ORDER BY x.village_code, x.household_id")


def _division(level: str, column: str) -> str:
    if level not in LEVELS:
        raise ValueError(f"level is one of {', '.join(LEVELS)}, not {level!r}")
    n = LEVELS[level]
    return f"RPAD(SUBSTR({column}, 1, {n}), 12, '0')"
