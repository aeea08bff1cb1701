"""Validating a pack's expressions: only known names, whitelisted functions, no subqueries.

Every problem names the rule (or feature, category) and the character position in its
expression, so a province editing its pack sees exactly what to fix.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError

from fupin_engine.policy.schema import Pack

NUM, TEXT, BOOL, DATE = "number", "text", "boolean", "date"

#: Household-level names of the rule language (docs/formats/snapshot-v1.md, "Derived").
AMOUNTS = ("wage", "operating", "ecommerce_revenue", "ecommerce_cost", "ecommerce_debt",
           "property", "transfer", "production_cost", "medical_oop", "education_expense",
           "disaster_loss", "accident_loss")
HOUSEHOLD_COLUMNS: dict[str, str] = {
    "household_id": TEXT, "village_code": TEXT, "status": TEXT, "exit_year": NUM,
    "housing_grade": TEXT, "relocated": NUM, "water_quantity_ok": NUM,
    "water_quality_ok": NUM, "water_access_ok": NUM, "water_reliability_ok": NUM,
    "dibao": NUM, "tekun": NUM, "size": NUM, "has_economy": BOOL, "has_prev_economy": BOOL,
    "household_net_income": NUM, "per_capita_income": NUM, "rigid_expense": NUM,
    "prev_household_net_income": NUM, "prev_per_capita_income": NUM,
    "prev_rigid_expense": NUM,
    **dict.fromkeys(AMOUNTS, NUM), **{f"prev_{a}": NUM for a in AMOUNTS},
}
#: Member-level names, usable in ``member_features``.
MEMBER_COLUMNS: dict[str, str] = {
    "age": NUM, "sex": TEXT, "relation": TEXT, "birth_date": DATE, "health": TEXT,
    "disability_grade": NUM, "labor": TEXT, "in_school": NUM, "home_schooled": NUM,
    "medical_insurance": NUM, "employment": TEXT,
}
#: Functions whose meaning is the same on DuckDB, PostgreSQL and Spark (tested by the parity
#: suite). Anything else is refused.
ALLOWED_FUNCTIONS = (exp.Coalesce, exp.Greatest, exp.Least, exp.Abs, exp.Nullif)
ALLOWED_NODES = (
    exp.Column, exp.Identifier, exp.Literal, exp.Placeholder, exp.Paren, exp.Boolean,
    exp.Null, exp.And, exp.Or, exp.Not, exp.EQ, exp.NEQ, exp.GT, exp.GTE, exp.LT, exp.LTE,
    exp.Is, exp.In, exp.Between, exp.Add, exp.Sub, exp.Mul, exp.Div, exp.Neg, exp.Case,
    exp.If, exp.Tuple, *ALLOWED_FUNCTIONS,
)
#: Display values: per-capita incomes are binary floating point (a division), so no rule may
#: compare them — 0.7 × 1290 is 902.9999… in a double. Rules compare household amounts with
#: a parameter times ``size`` instead, exactly (DECIMAL) on every engine.
DISPLAY_ONLY = ("per_capita_income", "prev_per_capita_income")
EXACT_HINT = ("compare household_net_income with a parameter times size instead, e.g. "
              "household_net_income < :monitoring_line * size (exact on every engine)")
FORBIDDEN = (exp.Select, exp.Subquery, exp.Exists, exp.Union, exp.Insert, exp.Update,
             exp.Delete, exp.Create, exp.Drop, exp.Alter, exp.Command, exp.Window,
             exp.AggFunc)


@dataclass(frozen=True)
class Problem:
    where: str  # e.g. "rule INCOME_BELOW_LINE"
    position: int  # 0-based character offset in the expression
    message: str

    def __str__(self) -> str:
        return f"{self.where}, position {self.position}: {self.message}"


def _position(node: exp.Expression, source: str) -> int:
    for candidate in (node, getattr(node, "this", None)):
        meta = getattr(candidate, "meta", None) or {}
        if "start" in meta:
            return int(meta["start"])
    if isinstance(node, exp.Placeholder):
        return max(source.find(f":{node.name}"), 0)
    text = node.sql(dialect="duckdb")
    found = source.lower().find(text.lower())
    return max(found, 0)


def parse(source: str, where: str) -> tuple[exp.Expression | None, list[Problem]]:
    try:
        tree = sqlglot.parse_one(source, read="duckdb")
    except ParseError as exc:
        err = exc.errors[0] if exc.errors else {}
        col = int(err.get("col") or 1)
        return None, [Problem(where, max(col - 1, 0),
                              f"cannot parse: {err.get('description', str(exc))}")]
    return tree, []


class Checker:
    """Checks expressions against the names in scope; infers simple types."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self.params = set(pack.parameters)

    def check(self, source: str, where: str, names: dict[str, str],
              *, boolean: bool = False) -> tuple[exp.Expression | None, list[Problem]]:
        tree, problems = parse(source, where)
        if tree is None:
            return None, problems
        for node in tree.walk():
            if isinstance(node, FORBIDDEN):
                kind = "subquery" if isinstance(node, exp.Select | exp.Subquery | exp.Exists) \
                    else "aggregate" if isinstance(node, exp.AggFunc) else "statement"
                problems.append(Problem(where, _position(node, source),
                                        f"{kind} not allowed in a rule expression"))
            elif isinstance(node, exp.Anonymous) or (isinstance(node, exp.Func)
                                                      and not isinstance(node, ALLOWED_NODES)):
                name = node.name if isinstance(node, exp.Anonymous) else node.sql_name()
                problems.append(Problem(
                    where, _position(node, source),
                    f"function {name.upper()} is unknown or not allowed (allowed: COALESCE, "
                    "GREATEST, LEAST, ABS, NULLIF, CASE)"))
            elif isinstance(node, exp.Div):
                problems.append(Problem(where, _position(node.right, source),
                                        "division is not exact on every engine (DuckDB "
                                        "divides decimals into a double): multiply the other "
                                        f"side instead; {EXACT_HINT}"))
            elif isinstance(node, exp.Column):
                if not node.table and node.name in DISPLAY_ONLY:
                    problems.append(Problem(where, _position(node, source),
                                            f"{node.name} is a floating-point display value "
                                            f"and may not be compared; {EXACT_HINT}"))
                elif node.table:
                    problems.append(Problem(where, _position(node, source),
                                            f"qualified name {node.sql()} not allowed"))
                elif node.name not in names:
                    problems.append(Problem(where, _position(node, source),
                                            f"unknown column {node.name}"))
            elif isinstance(node, exp.Placeholder):
                if node.name not in self.params:
                    problems.append(Problem(where, _position(node, source),
                                            f"unknown parameter :{node.name}"))
            elif not isinstance(node, ALLOWED_NODES):
                problems.append(Problem(where, _position(node, source),
                                        f"{type(node).__name__} not allowed"))
        if not problems:
            problems += self._types(tree, source, where, names, boolean)
        return tree, problems

    def _type(self, node: exp.Expression, names: dict[str, str]) -> str | None:
        if isinstance(node, exp.Paren):
            return self._type(node.this, names)
        if isinstance(node, exp.Column):
            return names.get(node.name)
        if isinstance(node, exp.Literal):
            return TEXT if node.is_string else NUM
        if isinstance(node, exp.Placeholder):
            return NUM
        if isinstance(node, exp.Add | exp.Sub | exp.Mul | exp.Div | exp.Neg | exp.Abs):
            return NUM
        if isinstance(node, exp.Coalesce | exp.Greatest | exp.Least | exp.Nullif):
            return self._type(node.this, names)
        if isinstance(node, exp.And | exp.Or | exp.Not | exp.EQ | exp.NEQ | exp.GT | exp.GTE
                      | exp.LT | exp.LTE | exp.Is | exp.In | exp.Between | exp.Boolean):
            return BOOL
        return None

    def _types(self, tree, source, where, names, boolean) -> list[Problem]:
        problems = []
        for node in tree.walk():
            if isinstance(node, exp.EQ | exp.NEQ | exp.GT | exp.GTE | exp.LT | exp.LTE):
                left, right = self._type(node.left, names), self._type(node.right, names)
                if left and right and left != right and BOOL not in {left, right}:
                    problems.append(Problem(where, _position(node.left, source),
                                            f"compares {left} with {right}: "
                                            f"{node.sql(dialect='duckdb')}"))
            elif isinstance(node, exp.Add | exp.Sub | exp.Mul | exp.Div):
                for side in (node.left, node.right):
                    t = self._type(side, names)
                    if t in {TEXT, DATE, BOOL}:
                        problems.append(Problem(where, _position(side, source),
                                                f"arithmetic on a {t}: {side.sql()}"))
        if boolean and self._type(tree, names) not in {BOOL, None}:
            problems.append(Problem(where, 0, "must be a condition (true or false), not a "
                                              "value"))
        return problems


def check_pack(pack: Pack) -> list[Problem]:
    """Every problem of the pack's expressions, names and years."""
    checker = Checker(pack)
    problems: list[Problem] = []
    names = dict(HOUSEHOLD_COLUMNS)
    for mf in pack.member_features:
        _, p = checker.check(mf.count_where, f"member feature {mf.name}", MEMBER_COLUMNS,
                             boolean=True)
        problems += p
        names[mf.name] = NUM
    for f in pack.features:
        _, p = checker.check(f.expr, f"feature {f.name}", names)
        problems += p
        names[f.name] = NUM
    codes = set()
    for rule in pack.rules:
        where = f"rule {rule.code}"
        if rule.code in codes:
            problems.append(Problem(where, 0, "rule code used twice"))
        codes.add(rule.code)
        scope = names if rule.severity == "risk" else {
            **names, **{f"risk_{code}": BOOL for code in pack.risk_type_names}}
        _, p = checker.check(rule.when, where, scope, boolean=True)
        problems += p
        for rt in rule.risk_types:
            if rt.when:
                _, p = checker.check(rt.when, f"{where} risk type {rt.code}", names,
                                     boolean=True)
                problems += p
            if rt.code not in pack.risk_type_names:
                problems.append(Problem(where, 0, f"unknown risk type {rt.code}"))
        for ev in rule.evidence:
            if ev not in names and ev not in pack.parameters:
                problems.append(Problem(where, 0, f"evidence {ev} is neither a column nor a "
                                                  "parameter"))
        for name in _placeholders(rule.when):
            for year in pack.years:
                param = pack.parameters.get(name)
                if param and param.default is None and year not in param.years:
                    problems.append(Problem(where, rule.when.find(f":{name}"),
                                            f"parameter :{name} has no national value for "
                                            f"year {year}"))
    for group, members in pack.groups.items():
        for code in members:
            if code not in codes:
                problems.append(Problem(f"group {group}", 0, f"unknown rule {code}"))
    category_names = {**names, **dict.fromkeys(codes, BOOL), **dict.fromkeys(pack.groups, BOOL)}
    for i, cat in enumerate(pack.categories):
        if cat.when is None:
            if i != len(pack.categories) - 1:
                problems.append(Problem(f"category {cat.code}", 0,
                                        "only the last category may have no condition"))
            continue
        _, p = checker.check(cat.when, f"category {cat.code}", category_names, boolean=True)
        problems += p
    return problems


def _placeholders(source: str) -> list[str]:
    tree, _ = parse(source, "")
    if tree is None:
        return []
    return sorted({n.name for n in tree.find_all(exp.Placeholder)})
