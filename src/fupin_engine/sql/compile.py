"""Compiling a resolved pack into one set-based query, then into each dialect.

The query is written once, in DuckDB's dialect, as a sqlglot tree; executors get it
transpiled (``Plan.sql("postgres")``, ``Plan.sql("spark")``). It reads three relations named
``households``, ``members`` and ``economy`` with the snapshot v1 columns (the executor
provides them) and returns one row per household.
"""

from __future__ import annotations

from collections.abc import Callable
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
    """The compiled query and what it needs to explain its results.

    A plan over several provinces (:func:`compile_provinces`) keeps each province's
    parameters in ``provinces``; ``params`` then holds the values every province shares.
    """

    pack: Pack
    year: int
    params: dict[str, float]
    query: exp.Expression
    rules: list[Rule]
    evidence_columns: list[str] = field(default_factory=list)
    #: Province (2 digits) → its resolved parameters; empty for a one-province plan.
    provinces: dict[str, dict[str, float]] = field(default_factory=dict)
    #: The province whose parameters a one-province plan applies (None: national values).
    province: str | None = None

    @property
    def lines(self) -> dict[str, dict[str, float]]:
        """The parameters applied, per province (``{}`` when the national values apply)."""
        if self.provinces:
            return self.provinces
        return {self.province: dict(self.params)} if self.province else {}

    def sql(self, dialect: str = "duckdb", *, pretty: bool = False) -> str:
        if dialect not in DIALECTS:
            raise ValueError(f"unknown dialect {dialect}")
        return self.query.sql(dialect=dialect, pretty=pretty)

    def params_for(self, village_code: str | None) -> dict[str, float]:
        """The parameters a household of ``village_code`` was assessed with."""
        if not self.provinces:
            return self.params
        province = (village_code or "")[:2]
        if province not in self.provinces:
            raise KeyError(f"the plan has no parameters for province {province!r}")
        return self.provinces[province]


#: The first step that sees ``village_code`` (a province filter can go there or later).
_BASE = "base"


def _steps(pack: Pack, params: dict[str, float], y: int,
           ref: Callable[[str], str] = str, where: tuple[str, str] | None = None,
           ) -> tuple[list[tuple[str, str]], str]:
    """The query's CTEs as (name, body) and its final SELECT (without ORDER BY).

    ``ref`` names a step where another refers to it (a branch's own steps get its prefix);
    ``where`` = (step, condition) adds a province filter to that step (``"select"``: the
    final SELECT).
    """
    def cond(step: str, column: str = "village_code") -> str:
        if where is None or where[0] != step:
            return ""
        return f" WHERE {where[1].format(column=column)}"

    def source(name: str) -> str:
        return name if ref(name) == name else f"{ref(name)} AS {name}"

    amounts = ", ".join(f"CAST(e.{a} AS DECIMAL(14, 2)) AS {a}" for a in AMOUNTS)
    prev_amounts = ", ".join(f"CAST(p.{a} AS DECIMAL(14, 2)) AS prev_{a}" for a in AMOUNTS)
    net, rigid = snapshot.sql_sum("{0}")
    member_aggs = "".join(
        f", SUM(CASE WHEN {_sql(_expr(mf.count_where, params))} THEN 1 ELSE 0 END) AS {mf.name}"
        for mf in pack.member_features)
    steps = [
        # A member born after the year was not yet a member in it (ADR 0048).
        ("m", f"SELECT household_id, COUNT(*) AS size{member_aggs} FROM (SELECT *, "
              f"{y} - EXTRACT(YEAR FROM birth_date) AS age FROM members "
              f"WHERE EXTRACT(YEAR FROM birth_date) <= {y}) AS mm GROUP BY household_id"),
        # Last year's income per person divides by last year's members (born by its end).
        ("pm", f"SELECT household_id, COUNT(*) AS prev_size FROM members "
               f"WHERE EXTRACT(YEAR FROM birth_date) <= {y - 1} GROUP BY household_id"),
        # The status as of the year: a household that exited after it was still poor in it.
        (_BASE, "SELECT h.household_id, h.village_code, "
                f"CASE WHEN h.status = 'exited' AND h.exit_year > {y} THEN 'poor' "
                "ELSE h.status END "
                "AS status, CASE WHEN h.exit_year > "
                f"{y} THEN NULL ELSE h.exit_year END AS exit_year, "
                "h.housing_grade, h.relocated, h.water_quantity_ok, h.water_quality_ok, "
                "h.water_access_ok, h.water_reliability_ok, h.dibao, h.tekun, "
                "COALESCE(m.size, 0) AS size, COALESCE(pm.prev_size, 0) AS prev_size"
                + "".join(f", COALESCE(m.{mf.name}, 0) AS {mf.name}"
                          for mf in pack.member_features)
                + f", e.household_id IS NOT NULL AS has_economy, "
                f"p.household_id IS NOT NULL AS has_prev_economy, {amounts}, {prev_amounts} "
                f"FROM households AS h LEFT JOIN {source('m')} ON m.household_id = h.household_id "
                f"LEFT JOIN {source('pm')} ON pm.household_id = h.household_id "
                f"LEFT JOIN economy AS e ON e.household_id = h.household_id AND e.year = {y} "
                f"LEFT JOIN economy AS p ON p.household_id = h.household_id AND p.year = {y - 1}"
                + cond(_BASE, "h.village_code")),
    ]
    steps.append(
        ("d", f"SELECT *, {net.format('')} AS household_net_income, "
              f"{net.format('prev_')} AS prev_household_net_income, "
              f"{rigid.format('')} AS rigid_expense, "
              f"{rigid.format('prev_')} AS prev_rigid_expense, "
              f"CAST({net.format('')} AS DOUBLE) / NULLIF(size, 0) AS per_capita_income, "
              f"CAST({net.format('prev_')} AS DOUBLE) / NULLIF(prev_size, 0) "
              f"AS prev_per_capita_income FROM {ref(_BASE)}{cond('d')}"))
    previous = "d"
    for i, feature in enumerate(pack.features):
        name = f"f{i}"
        steps.append((name, f"SELECT *, {_sql(_expr(feature.expr, params))} AS "
                            f"{feature.name} FROM {ref(previous)}{cond(name)}"))
        previous = name

    def rule_column(rule: Rule, rename: dict[str, exp.Expression] | None = None) -> str:
        test = _sql(_expr(rule.when, params, rename))
        guard = "has_economy AND " if rule.needs_economy else ""
        return f"CASE WHEN {guard}COALESCE({test}, FALSE) THEN 1 ELSE 0 END AS r_{rule.code}"

    risk_rules = [r for r in pack.rules if r.severity == "risk"]
    check_rules = [r for r in pack.rules if r.severity == "data_check"]
    steps.append(("r", f"SELECT *{''.join(', ' + rule_column(r) for r in risk_rules)} "
                       f"FROM {ref(previous)}{cond('r')}"))

    # Risk types: for each code, whether some fired rule indicates it (rt_<code> = 1).
    risk_terms: dict[str, list[str]] = {}
    for rule in risk_rules:
        whens = []
        for rt in rule.risk_types:
            if rt.when:
                term = f"COALESCE({_sql(_expr(rt.when, params))}, FALSE)"
                whens.append(term)
                risk_terms.setdefault(rt.code, []).append(f"(r_{rule.code} = 1 AND {term})")
            else:
                risk_terms.setdefault(rt.code, []).append(f"r_{rule.code} = 1")
        if rule.otherwise:
            none = " AND ".join(f"NOT {w}" for w in whens) or "TRUE"
            risk_terms.setdefault(rule.otherwise, []).append(
                f"(r_{rule.code} = 1 AND {none})")
    risk_codes = sorted(risk_terms)
    rt_cols = "".join(f", CASE WHEN {' OR '.join(risk_terms[code])} THEN 1 ELSE 0 END "
                      f"AS rt_{code}" for code in risk_codes)
    steps.append(("t", f"SELECT *{rt_cols} FROM {ref('r')}{cond('t')}"))
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
        steps.append(("c", f"SELECT *, "
                           f"{', '.join(rule_column(r, risk_names) for r in check_rules)} "
                           f"FROM {ref('t')}{cond('c')}"))
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
    select = (
        f"SELECT household_id, village_code, status, {category} AS category, "
        f"{listing(risks)} AS rules, "
        f"{('CONCAT_WS(' + repr(';') + ', ' + risk_types + ')') if risk_types else repr('')}"
        f" AS risk_types, per_capita_income, prev_per_capita_income, "
        f"{listing(checks)} AS data_checks"
        + "".join(f", r_{r.code}" for r in pack.rules)
        + "".join(f", {e} AS ev_{e}" for e in _evidence(pack))
        + " FROM " + ref(last) + cond("select")
    )
    return steps, select


def _evidence(pack: Pack) -> list[str]:
    return sorted({e for r in pack.rules for e in r.evidence if e not in pack.parameters}
                  - {"per_capita_income", "prev_per_capita_income"})


def _check(pack: Pack) -> None:
    problems = check_pack(pack)
    if problems:
        raise PolicyError("; ".join(str(p) for p in problems), [str(p) for p in problems])


def _with(ctes: list[tuple[str, str]], select: str) -> str:
    return f"WITH {', '.join(f'{name} AS ({body})' for name, body in ctes)} {select}"


def compile_pack(pack: Pack, params: dict[str, float], year: int) -> Plan:
    """One query computing features, rules, risk types and the category of every household."""
    _check(pack)
    y = int(year)
    steps, select = _steps(pack, params, y)
    query = sqlglot.parse_one(_with(steps, select) + " ORDER BY household_id", read="duckdb")
    return Plan(pack, y, params, query, list(pack.rules), _evidence(pack))


def compile_provinces(pack: Pack, by_province: dict[str, dict[str, float]],
                      year: int) -> Plan:
    """One query over the households of several provinces, each with its own parameters
    (ADR 0049).

    Provinces whose resolved parameters are equal share a branch. The steps that do not
    depend on the parameters (members, economy, the features before the first parameter) are
    written once and shared; from the first step that differs, each branch has its own steps,
    over the households of its provinces (the first two digits of ``village_code``); the
    branches are joined by UNION ALL and ordered by household_id. Households of a province
    not in ``by_province`` are not assessed: the caller passes the provinces present.
    """
    _check(pack)
    if not by_province:
        raise ValueError("a plan over provinces needs at least one province")
    for code in by_province:
        if not (len(code) == 2 and code.isdigit()):
            raise ValueError(f"province {code!r}: a 2-digit code")
    y = int(year)
    groups: dict[tuple, list[str]] = {}
    for code in sorted(by_province):
        groups.setdefault(tuple(sorted(by_province[code].items())), []).append(code)
    branches = [(dict(key), codes) for key, codes in groups.items()]
    canonical = [_steps(pack, params, y) for params, _codes in branches]
    names = [name for name, _body in canonical[0][0]]
    # Each branch has its own steps from the first whose text differs between branches (its
    # parameters); the province filter goes there, or on the first step that has
    # village_code; on the final SELECT when only the categories differ.
    base = names.index(_BASE)
    first = base
    if len(branches) > 1:
        first = next((i for i, _name in enumerate(names)
                      if len({steps[i][1] for steps, _select in canonical}) > 1), len(names))
    own = set(names[first:])
    at = names[max(first, base)] if max(first, base) < len(names) else "select"
    ctes: list[tuple[str, str]] = []
    selects: list[str] = []
    for i, (params, codes) in enumerate(branches):
        prefix = f"p{i}_" if len(branches) > 1 else ""
        inside = ", ".join(_text(c) for c in codes)
        steps, select = _steps(
            pack, params, y, ref=lambda n, p=prefix: f"{p}{n}" if n in own else n,
            where=(at, f"SUBSTR({{column}}, 1, 2) IN ({inside})"))
        if i == 0:
            ctes.extend(steps[:first])
        ctes.extend((f"{prefix}{name}", body) for name, body in steps[first:])
        selects.append(select)
    query = sqlglot.parse_one(_with(ctes, " UNION ALL ".join(selects))
                              + " ORDER BY household_id", read="duckdb")
    shared = {k: v for k, v in branches[0][0].items()
              if all(params.get(k) == v for params, _codes in branches)}
    return Plan(pack, y, shared, query, list(pack.rules), _evidence(pack),
                provinces={code: dict(by_province[code]) for code in sorted(by_province)})
