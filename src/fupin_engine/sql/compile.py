"""Compiling a resolved pack into one set-based query, then into each dialect.

The query is written once, in DuckDB's dialect, as a sqlglot tree; executors get it
transpiled (``Plan.sql("postgres")``, ``Plan.sql("spark")``). It reads three relations named
``households``, ``members`` and ``economy`` with the snapshot v1 columns (the executor
provides them) and returns one row per household.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import sqlglot
from sqlglot import exp

from fupin_engine import snapshot
from fupin_engine.policy.loader import PolicyError
from fupin_engine.policy.schema import Pack, Rule
from fupin_engine.sql.validate import AMOUNTS, check_pack

DIALECTS = ("duckdb", "postgres", "spark")
OUTPUT_COLUMNS = ("household_id", "village_code", "status", "category", "rules",
                  "risk_types", "per_capita_income", "prev_per_capita_income", "data_checks")


def _literal(value: float) -> exp.Expression:
    # Exact decimal literals: 0.3 stays 0.3 (DECIMAL) on every engine.
    text = format(Decimal(str(value)).normalize(), "f")
    return exp.Literal.number(text)


def _text(value: str) -> str:
    """A string value as a SQL literal, quoted by sqlglot (never by concatenation)."""
    return exp.Literal.string(value).sql(dialect="duckdb")


def _expr(source: str, params: dict[str, float],
          rename: dict[str, exp.Expression] | None = None) -> exp.Expression:
    tree = sqlglot.parse_one(source, read="duckdb")

    def substitute(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Placeholder):
            return _literal(params[node.name])
        if rename and isinstance(node, exp.Column) and node.name in rename:
            return rename[node.name].copy()
        return node

    return exp.paren(tree.transform(substitute), copy=False)


def _sql(tree: exp.Expression) -> str:
    return tree.sql(dialect="duckdb")


@dataclass
class Plan:
    """The compiled query and what it needs to explain its results."""

    pack: Pack
    year: int
    params: dict[str, float]
    query: exp.Expression
    rules: list[Rule]
    evidence_columns: list[str] = field(default_factory=list)

    def sql(self, dialect: str = "duckdb", *, pretty: bool = False) -> str:
        if dialect not in DIALECTS:
            raise ValueError(f"unknown dialect {dialect}")
        return self.query.sql(dialect=dialect, pretty=pretty)


def compile_pack(pack: Pack, params: dict[str, float], year: int) -> Plan:
    """One query computing features, rules, risk types and the category of every household."""
    problems = check_pack(pack)
    if problems:
        raise PolicyError("; ".join(str(p) for p in problems), [str(p) for p in problems])
    y = int(year)
    amounts = ", ".join(f"CAST(e.{a} AS DECIMAL(14, 2)) AS {a}" for a in AMOUNTS)
    prev_amounts = ", ".join(f"CAST(p.{a} AS DECIMAL(14, 2)) AS prev_{a}" for a in AMOUNTS)
    net, rigid = snapshot.sql_sum("{0}")
    member_aggs = "".join(
        f", SUM(CASE WHEN {_sql(_expr(mf.count_where, params))} THEN 1 ELSE 0 END) AS {mf.name}"
        for mf in pack.member_features)
    ctes = [
        # A member born after the year was not yet a member in it (ADR 0048).
        f"m AS (SELECT household_id, COUNT(*) AS size{member_aggs} FROM (SELECT *, "
        f"{y} - EXTRACT(YEAR FROM birth_date) AS age FROM members "
        f"WHERE EXTRACT(YEAR FROM birth_date) <= {y}) AS mm GROUP BY household_id)",
        # Last year's income per person divides by last year's members (born by its end).
        f"pm AS (SELECT household_id, COUNT(*) AS prev_size FROM members "
        f"WHERE EXTRACT(YEAR FROM birth_date) <= {y - 1} GROUP BY household_id)",
        # The status as of the year: a household that exited after it was still poor in it.
        "base AS (SELECT h.household_id, h.village_code, "
        f"CASE WHEN h.status = 'exited' AND h.exit_year > {y} THEN 'poor' ELSE h.status END "
        "AS status, CASE WHEN h.exit_year > "
        f"{y} THEN NULL ELSE h.exit_year END AS exit_year, "
        "h.housing_grade, h.relocated, h.water_quantity_ok, h.water_quality_ok, "
        "h.water_access_ok, h.water_reliability_ok, h.dibao, h.tekun, "
        "COALESCE(m.size, 0) AS size, COALESCE(pm.prev_size, 0) AS prev_size"
        + "".join(f", COALESCE(m.{mf.name}, 0) AS {mf.name}" for mf in pack.member_features)
        + f", e.household_id IS NOT NULL AS has_economy, "
        f"p.household_id IS NOT NULL AS has_prev_economy, {amounts}, {prev_amounts} "
        f"FROM households AS h LEFT JOIN m ON m.household_id = h.household_id "
        f"LEFT JOIN pm ON pm.household_id = h.household_id "
        f"LEFT JOIN economy AS e ON e.household_id = h.household_id AND e.year = {y} "
        f"LEFT JOIN economy AS p ON p.household_id = h.household_id AND p.year = {y - 1})",
        f"d AS (SELECT *, {net.format('')} AS household_net_income, "
        f"{net.format('prev_')} AS prev_household_net_income, "
        f"{rigid.format('')} AS rigid_expense, {rigid.format('prev_')} AS prev_rigid_expense, "
        f"CAST({net.format('')} AS DOUBLE) / NULLIF(size, 0) AS per_capita_income, "
        f"CAST({net.format('prev_')} AS DOUBLE) / NULLIF(prev_size, 0) AS prev_per_capita_income "
        f"FROM base)",
    ]
    previous = "d"
    for i, feature in enumerate(pack.features):
        name = f"f{i}"
        ctes.append(f"{name} AS (SELECT *, {_sql(_expr(feature.expr, params))} AS "
                    f"{feature.name} FROM {previous})")
        previous = name
    def rule_column(rule: Rule, rename: dict[str, exp.Expression] | None = None) -> str:
        cond = _sql(_expr(rule.when, params, rename))
        guard = "has_economy AND " if rule.needs_economy else ""
        return f"CASE WHEN {guard}COALESCE({cond}, FALSE) THEN 1 ELSE 0 END AS r_{rule.code}"

    risk_rules = [r for r in pack.rules if r.severity == "risk"]
    check_rules = [r for r in pack.rules if r.severity == "data_check"]
    ctes.append(f"r AS (SELECT *{''.join(', ' + rule_column(r) for r in risk_rules)} "
                f"FROM {previous})")

    # Risk types: for each code, whether some fired rule indicates it (rt_<code> = 1).
    risk_terms: dict[str, list[str]] = {}
    for rule in risk_rules:
        whens = []
        for rt in rule.risk_types:
            if rt.when:
                cond = f"COALESCE({_sql(_expr(rt.when, params))}, FALSE)"
                whens.append(cond)
                risk_terms.setdefault(rt.code, []).append(f"(r_{rule.code} = 1 AND {cond})")
            else:
                risk_terms.setdefault(rt.code, []).append(f"r_{rule.code} = 1")
        if rule.otherwise:
            none = " AND ".join(f"NOT {w}" for w in whens) or "TRUE"
            risk_terms.setdefault(rule.otherwise, []).append(
                f"(r_{rule.code} = 1 AND {none})")
    risk_codes = sorted(risk_terms)
    rt_cols = "".join(f", CASE WHEN {' OR '.join(risk_terms[code])} THEN 1 ELSE 0 END "
                      f"AS rt_{code}" for code in risk_codes)
    ctes.append(f"t AS (SELECT *{rt_cols} FROM r)")
    risk_types = ", ".join(f"CASE WHEN rt_{code} = 1 THEN {_text(code)} END"
                           for code in risk_codes)
    # Data checks see the risk types the pack assigned (risk_<code>), so a pack that assigns
    # a type against the national checks is flagged by them.
    risk_names: dict[str, exp.Expression] = {
        f"risk_{code}": (exp.paren(exp.EQ(this=exp.column(f"rt_{code}"),
                                          expression=exp.Literal.number(1)))
                         if code in risk_terms else exp.false())
        for code in pack.risk_type_names}
    last = "t"
    if check_rules:
        ctes.append(f"c AS (SELECT *, "
                    f"{', '.join(rule_column(r, risk_names) for r in check_rules)} FROM t)")
        last = "c"
    risks = sorted(r.code for r in pack.rules if r.severity == "risk")
    checks = sorted(r.code for r in pack.rules if r.severity == "data_check")

    def listing(codes: list[str]) -> str:
        if not codes:
            return "''"
        return "CONCAT_WS(';', " + ", ".join(
            f"CASE WHEN r_{c} = 1 THEN {_text(c)} END" for c in codes) + ")"

    rename: dict[str, exp.Expression] = {
        r.code: exp.paren(exp.EQ(this=exp.column(f"r_{r.code}"),
                                 expression=exp.Literal.number(1)))
        for r in pack.rules}
    for group, members in pack.groups.items():
        rename[group] = exp.paren(exp.or_(*[rename[c].copy() for c in members]))
    whens = []
    fallback = "none"
    for cat in pack.categories:
        if cat.when is None:
            fallback = cat.code
            continue
        whens.append(f"WHEN COALESCE({_sql(_expr(cat.when, params, rename))}, FALSE) "
                     f"THEN {_text(cat.code)}")
    category = f"CASE {' '.join(whens)} ELSE {_text(fallback)} END"
    evidence = sorted({e for r in pack.rules for e in r.evidence if e not in pack.parameters}
                      - {"per_capita_income", "prev_per_capita_income"})
    select = (
        f"SELECT household_id, village_code, status, {category} AS category, "
        f"{listing(risks)} AS rules, "
        f"{('CONCAT_WS(' + repr(';') + ', ' + risk_types + ')') if risk_types else repr('')}"
        f" AS risk_types, per_capita_income, prev_per_capita_income, "
        f"{listing(checks)} AS data_checks"
        + "".join(f", r_{r.code}" for r in pack.rules)
        + "".join(f", {e} AS ev_{e}" for e in evidence)
        + " FROM " + last + " ORDER BY household_id"
    )
    query = sqlglot.parse_one(f"WITH {', '.join(ctes)} {select}", read="duckdb")
    return Plan(pack, y, params, query, list(pack.rules), evidence)
