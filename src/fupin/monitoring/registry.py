"""Reading the registry as the engine's three relations (Arrow), on SQLite or PostgreSQL.

PostgreSQL is read with ``COPY … TO STDOUT``; SQLite through Python (ADR 0003, the engine boundary:
no DuckDB scanner extensions). The SQL over fupin's tables lives here, in the product: the
engine only ever sees the snapshot relations (``households``, ``members``, ``economy``).
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pyarrow as pa
import pyarrow.csv as pacsv
import sqlglot
from django.db import connection

from fupin.core.access import Scope
from fupin_engine import snapshot
from fupin_engine.source import column_types

#: The registry as snapshot relations, written once (DuckDB dialect) and transpiled.
REGISTRY_VIEWS = {
    "households": (
        "SELECT h.household_id, h.village_code, h.status, h.exit_year, h.housing_grade, "
        "CAST(h.relocated AS INTEGER) AS relocated, "
        "CAST(h.water_quantity_ok AS INTEGER) AS water_quantity_ok, "
        "CAST(h.water_quality_ok AS INTEGER) AS water_quality_ok, "
        "CAST(h.water_access_ok AS INTEGER) AS water_access_ok, "
        "CAST(h.water_reliability_ok AS INTEGER) AS water_reliability_ok, "
        "CAST(h.dibao AS INTEGER) AS dibao, CAST(h.tekun AS INTEGER) AS tekun "
        "FROM households_household AS h WHERE {scope}"),
    "members": (
        "SELECT h.household_id, m.birth_date, m.sex, m.relation, m.health, "
        "m.disability_grade, m.labor, CAST(m.in_school AS INTEGER) AS in_school, "
        "CAST(m.home_schooled AS INTEGER) AS home_schooled, "
        "CAST(m.medical_insurance AS INTEGER) AS medical_insurance, m.employment "
        "FROM households_member AS m JOIN households_household AS h "
        "ON h.id = m.household_id WHERE {scope}"),
    "economy": (
        "SELECT h.household_id, e.year, " + ", ".join(
            f"e.{c.name}" for c in snapshot.SCHEMA["economy"] if c.kind == "amount")
        + " FROM households_economyyear AS e JOIN households_household AS h "
        "ON h.id = e.household_id WHERE {scope}"),
}


#: The state chosen per household for a year (ADR 0048): ``0`` the current rows, ``-1`` left out,
#: otherwise the year of the state row read. ``ys`` is the village's snapshot year for the run
#: (its greatest year ≤ the run's with a state of the village), ``vmax`` its latest snapshot
#: year, ``latest``/``earliest`` the household's own state years. No snapshot of the village by
#: then: read as today (earliest state). Else the household is in the registry only if it is in
#: that snapshot (a state at ``ys``); the current rows stand for the village's latest snapshot
#: (a household registered by hand, never in a snapshot, belongs to it only).
_PICK = (
    "WITH base AS (SELECT h.id AS hpk, h.household_id, "
    "(SELECT MAX(v.year) FROM households_householdstate AS v "
    "WHERE v.village_code = h.village_code AND v.year <= {year}) AS ys, "
    "(SELECT MAX(v.year) FROM households_householdstate AS v "
    "WHERE v.village_code = h.village_code) AS vmax, "
    "(SELECT MAX(s.year) FROM households_householdstate AS s "
    "WHERE s.household_id = h.id) AS latest, "
    "(SELECT MIN(s.year) FROM households_householdstate AS s "
    "WHERE s.household_id = h.id) AS earliest "
    "FROM households_household AS h WHERE {scope}), "
    "pick AS (SELECT b.hpk, b.household_id, CASE "
    "WHEN b.ys IS NULL THEN CASE WHEN b.earliest IS NULL OR b.earliest = b.latest THEN 0 "
    "ELSE b.earliest END "
    "WHEN b.ys = b.vmax AND (b.latest IS NULL OR b.latest = b.vmax) THEN 0 "
    "WHEN b.latest IS NULL THEN -1 "
    "WHEN NOT EXISTS (SELECT 1 FROM households_householdstate AS s "
    "WHERE s.household_id = b.hpk AND s.year = b.ys) THEN -1 "
    "ELSE b.ys END AS state_year FROM base AS b) ")
_HOUSEHOLD = (
    "{a}.status, {a}.exit_year, {a}.housing_grade, CAST({a}.relocated AS INTEGER) AS relocated, "
    "CAST({a}.water_quantity_ok AS INTEGER) AS water_quantity_ok, "
    "CAST({a}.water_quality_ok AS INTEGER) AS water_quality_ok, "
    "CAST({a}.water_access_ok AS INTEGER) AS water_access_ok, "
    "CAST({a}.water_reliability_ok AS INTEGER) AS water_reliability_ok, "
    "CAST({a}.dibao AS INTEGER) AS dibao, CAST({a}.tekun AS INTEGER) AS tekun")
_MEMBER = (
    "{a}.birth_date, {a}.sex, {a}.relation, {a}.health, {a}.disability_grade, {a}.labor, "
    "CAST({a}.in_school AS INTEGER) AS in_school, "
    "CAST({a}.home_schooled AS INTEGER) AS home_schooled, "
    "CAST({a}.medical_insurance AS INTEGER) AS medical_insurance, {a}.employment")
#: The registry as of the end of a year: the same relations, each household's chosen state.
REGISTRY_AS_OF = {
    "households": _PICK + (
        "SELECT p.household_id, c.village_code, " + _HOUSEHOLD.format(a="c")
        + " FROM pick AS p JOIN households_household AS c ON c.id = p.hpk "
        "WHERE p.state_year = 0 UNION ALL "
        "SELECT p.household_id, s.village_code, " + _HOUSEHOLD.format(a="s")
        + " FROM pick AS p JOIN households_householdstate AS s "
        "ON s.household_id = p.hpk AND s.year = p.state_year WHERE p.state_year > 0"),
    "members": _PICK + (
        "SELECT p.household_id, " + _MEMBER.format(a="m")
        + " FROM pick AS p JOIN households_member AS m ON m.household_id = p.hpk "
        "WHERE p.state_year = 0 UNION ALL "
        "SELECT p.household_id, " + _MEMBER.format(a="s")
        + " FROM pick AS p JOIN households_memberstate AS s "
        "ON s.household_id = p.hpk AND s.year = p.state_year WHERE p.state_year > 0"),
    "economy": _PICK + (
        "SELECT p.household_id, e.year, " + ", ".join(
            f"e.{c.name}" for c in snapshot.SCHEMA["economy"] if c.kind == "amount")
        + " FROM pick AS p JOIN households_economyyear AS e ON e.household_id = p.hpk "
        "WHERE p.state_year >= 0 AND e.year <= {year}"),
}


def scope_condition(scope: Scope) -> str:
    """``village_code`` inside ``scope``, as a range (index-friendly)."""
    if not isinstance(scope, Scope):
        raise TypeError("scope must be a Scope (Scope.nation() for the whole country)")
    if scope.is_nation:
        return "TRUE"
    prefix = scope.prefix
    upper = str(int(prefix) + 1).zfill(len(prefix))
    return f"h.village_code >= '{prefix}' AND h.village_code < '{upper}'"


def registry_views(scope: Scope, *, household_id: str | None = None,
                   year: int | None = None) -> dict[str, str]:
    """The snapshot relations over the registry inside ``scope`` (DuckDB dialect); one
    household's rows only when ``household_id`` is given (quoted as a SQL literal).

    With ``year``, the registry as of the end of that year (ADR 0048, "which state a run
    reads"): a village's snapshot of the greatest year ≤ ``year`` decides who is in it and with
    which values; the current rows stand for its latest snapshot; a village without a snapshot
    by then is read as today. Economy rows after ``year`` are not known at its end and are left
    out. Without ``year``: the current rows.
    """
    condition = scope_condition(scope)
    if household_id is not None:
        literal = sqlglot.exp.Literal.string(str(household_id)).sql(dialect="duckdb")
        condition = f"{condition} AND h.household_id = {literal}"
    if year is None:
        return {table: sql.format(scope=condition) for table, sql in REGISTRY_VIEWS.items()}
    year = int(year)
    return {table: sql.format(scope=condition, year=year) for table, sql in REGISTRY_AS_OF.items()}

ARROW = {"VARCHAR": pa.string(), "INTEGER": pa.int64(), "DATE": pa.date32(),
         "DECIMAL(14, 2)": pa.decimal128(14, 2)}


def _schema(table: str) -> pa.Schema:
    return pa.schema([(c, ARROW[t]) for c, t in column_types(table).items()])


def registry_tables(scope: Scope, *, household_id: str | None = None,
                    year: int | None = None) -> dict[str, pa.Table]:
    """The registry inside ``scope`` as the engine's three relations (as of ``year``)."""
    out = {}
    for table, query in registry_views(scope, household_id=household_id, year=year).items():
        schema = _schema(table)
        if connection.vendor == "postgresql":
            pg = sqlglot.transpile(query, read="duckdb", write="postgres")[0]
            buf = io.BytesIO()
            with connection.cursor() as cur, cur.cursor.copy(
                    f"COPY ({pg}) TO STDOUT WITH (FORMAT csv, HEADER true)") as copy:
                for data in copy:
                    buf.write(data)
            buf.seek(0)
            out[table] = pacsv.read_csv(buf, convert_options=pacsv.ConvertOptions(
                column_types=schema))
        else:
            lite = sqlglot.transpile(query, read="duckdb", write="sqlite")[0]
            with connection.cursor() as cur:
                cur.execute(lite)
                rows = cur.fetchall()
            columns = list(zip(*rows, strict=True)) if rows else [[] for _ in schema]
            arrays = []
            for field, values in zip(schema, columns, strict=True):
                if pa.types.is_date(field.type):
                    values = [None if v is None else _date(v) for v in values]
                elif pa.types.is_decimal(field.type):
                    values = [None if v is None else _decimal(v) for v in values]
                arrays.append(pa.array(values, type=field.type))
            out[table] = pa.Table.from_arrays(arrays, schema=schema)
    return out


def _date(v):
    return v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v)[:10])


def _decimal(v):
    return Decimal(str(v)).quantize(Decimal("0.01"))
