"""Snapshot v1, the interchange tables: names, Chinese labels, types, rules, row validation.

Import, export, the generator and the engine all speak this format (docs/formats/snapshot-v1.md;
documented column by column in ``docs/formats/snapshot-v1.md``). This module knows the shape
of one row; checks that span rows or tables (one head per household, duplicate numbers, known
villages) live with the importer.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from fupin_engine import idcard

TABLES = ("households", "members", "economy")
#: Sheet / file names accepted for each table (English first, then Chinese).
TABLE_NAMES = {
    "households": ("households", "农户"),
    "members": ("members", "家庭成员"),
    "economy": ("economy", "收支"),
}

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Column:
    """One column: its English name, Chinese label, type and rule."""

    name: str
    label: str
    kind: str  # text, code12, id_number, enum, bool, int, date, amount, year
    required: bool = True
    choices: tuple[tuple[str, str], ...] = ()  # (code, Chinese label)
    rule: str = ""
    max_length: int = 0
    minimum: int | None = None
    maximum: int | None = None
    pattern: str = ""  # a regular expression a text value must match

    def choice_codes(self) -> list[str]:
        return [c for c, _ in self.choices]

    def choice_labels(self) -> list[str]:
        return [label for _, label in self.choices]


STATUS = (("poor", "贫困户"), ("exited", "脱贫户"), ("general", "一般农户"))
HOUSING = (("A", "A"), ("B", "B"), ("C", "C"), ("D", "D"))
RELATION = (("head", "户主"), ("spouse", "配偶"), ("child", "子女"), ("parent", "父母"),
            ("grandchild", "孙子女"), ("other", "其他"))
SEX = (("M", "男"), ("F", "女"))
HEALTH = (("healthy", "健康"), ("chronic", "长期慢性病"), ("major_illness", "大病"),
          ("disabled", "残疾"))
LABOR = (("full", "普通劳动力"), ("partial", "弱劳动力或半劳动力"), ("none", "无劳动力"))
EMPLOYMENT = (("local", "本地务工"), ("migrant", "外出务工"), ("none", "未就业"))

#: Amounts are strictly below this many yuan (and ≥ 0 in files); the database checks it too.
MAX_AMOUNT = Decimal("1e10")
AMOUNT_RULE = "yuan, ≥ 0 and < 10,000,000,000 (losses are costs, never negative income)"
#: A household id: letters, digits, ``_`` and ``-``, 1 to 32 characters (no ``/``, no blanks:
#: it is part of page addresses and file names).
HOUSEHOLD_ID_PATTERN = r"^[0-9A-Za-z_-]{1,32}$"
HOUSEHOLD_ID = re.compile(HOUSEHOLD_ID_PATTERN)


def valid_household_id(value: str) -> bool:
    """Whether ``value`` is a household id (the whole string; a trailing newline is not)."""
    return isinstance(value, str) and HOUSEHOLD_ID.fullmatch(value) is not None

_HOUSEHOLD_ID_RULE = "letters, digits, _ and - only, at most 32 characters"

SCHEMA: dict[str, tuple[Column, ...]] = {
    "households": (
        Column("household_id", "户编号", "text", max_length=32, pattern=HOUSEHOLD_ID_PATTERN,
               rule=f"{_HOUSEHOLD_ID_RULE}; unique; the key households are matched by"),
        Column("village_code", "村代码", "code12",
               rule="12-digit statistical code of a village in the loaded division tree"),
        Column("status", "户类型", "enum", choices=STATUS),
        Column("exit_year", "脱贫年度", "year", required=False,
               rule="required when status is exited; not in the future"),
        Column("housing_grade", "住房安全等级", "enum", choices=HOUSING,
               rule="A/B safe; C partly dangerous; D dangerous"),
        Column("relocated", "易地扶贫搬迁", "bool"),
        Column("water_quantity_ok", "水量达标", "bool", rule="≥ 35 L/person/day (20 in dry areas)"),
        Column("water_quality_ok", "水质达标", "bool"),
        Column("water_access_ok", "取水方便", "bool",
               rule="piped in, or one trip ≤ 20 min / ≤ 800 m / ≤ 80 m climb"),
        Column("water_reliability_ok", "供水保证率达标", "bool",
               rule="supply interrupted ≤ 36 days a year"),
        Column("dibao", "低保", "bool"),
        Column("tekun", "特困供养", "bool"),
    ),
    "members": (
        Column("household_id", "户编号", "text", max_length=32, pattern=HOUSEHOLD_ID_PATTERN,
               rule=f"{_HOUSEHOLD_ID_RULE}; a household of the households table"),
        Column("id_number", "身份证号", "id_number",
               rule="18 characters, GB 11643 check character; birth date = birth_date; "
                    "unique in the file and the registry"),
        Column("name", "姓名", "text", max_length=50),
        Column("relation", "与户主关系", "enum", choices=RELATION,
               rule="exactly one head per household"),
        Column("sex", "性别", "enum", choices=SEX),
        Column("birth_date", "出生日期", "date", rule="YYYY-MM-DD, not in the future"),
        Column("health", "健康状况", "enum", choices=HEALTH),
        Column("disability_grade", "残疾等级", "int", required=False, minimum=1, maximum=4,
               rule="1–4, or empty"),
        Column("labor", "劳动技能", "enum", choices=LABOR),
        Column("in_school", "在校生", "bool"),
        Column("home_schooled", "送教上门", "bool"),
        Column("medical_insurance", "基本医疗保险", "bool"),
        Column("employment", "务工状况", "enum", choices=EMPLOYMENT),
    ),
    "economy": (
        Column("household_id", "户编号", "text", max_length=32, pattern=HOUSEHOLD_ID_PATTERN,
               rule=f"{_HOUSEHOLD_ID_RULE}; a household of the households table"),
        Column("year", "年度", "year", rule="one row per household and year; not in the future"),
        Column("wage", "工资性收入", "amount", rule=AMOUNT_RULE),
        Column("operating", "生产经营性收入", "amount", rule=AMOUNT_RULE),
        Column("ecommerce_revenue", "电商经营收入", "amount", rule=AMOUNT_RULE),
        Column("ecommerce_cost", "电商经营成本", "amount", rule=AMOUNT_RULE),
        Column("ecommerce_debt", "电商负债", "amount", rule=AMOUNT_RULE),
        Column("property", "财产性收入", "amount", rule=AMOUNT_RULE),
        Column("transfer", "转移性收入", "amount", rule=AMOUNT_RULE),
        Column("production_cost", "生产经营支出", "amount", rule=AMOUNT_RULE),
        Column("medical_oop", "医疗自付支出", "amount", rule=AMOUNT_RULE),
        Column("education_expense", "教育支出", "amount", rule=AMOUNT_RULE),
        Column("disaster_loss", "灾害损失", "amount", rule=AMOUNT_RULE),
        Column("accident_loss", "意外事故损失", "amount", rule=AMOUNT_RULE),
    ),
}

COLUMNS = {table: {c.name: c for c in cols} for table, cols in SCHEMA.items()}
TRUE = {"1", "true", "yes", "y", "是", "t"}
FALSE = {"0", "false", "no", "n", "否", "f"}
_CODE12 = re.compile(r"^\d{12}$")


@dataclass
class Issue:
    """A problem with a value: ``code`` names the rule, ``params`` fill its message."""

    column: str
    value: str
    severity: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)


def canonical(value: Any) -> str:
    """A raw cell (CSV text, Parquet or Excel value) as text, the form rules are checked on."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value).strip()


def resolve_headers(table: str, headers: Iterable[Any],
                    columns: Iterable[Column] | None = None
                    ) -> tuple[list[str | None], list[Issue]]:
    """Map each header (English name or Chinese label) to a column name.

    Unknown headers and missing required columns are errors (row 0 = the header row).
    ``columns`` are the table's columns when it is not a snapshot table (another dataset).
    """
    columns = tuple(SCHEMA[table] if columns is None else columns)
    by_key = {}
    for col in columns:
        by_key[col.name.lower()] = col.name
        by_key[col.label] = col.name
    names: list[str | None] = []
    issues: list[Issue] = []
    seen: set[str] = set()
    for h in headers:
        text = canonical(h)
        name = by_key.get(text.lower()) or by_key.get(text)
        if name is None:
            issues.append(Issue(text, text, ERROR, "unknown_column", {"table": table}))
        elif name in seen:
            issues.append(Issue(text, text, ERROR, "duplicate_column", {"table": table}))
            name = None
        else:
            seen.add(name)
        names.append(name)
    for col in columns:
        if col.required and col.name not in seen:
            issues.append(Issue(col.name, "", ERROR, "missing_column",
                                {"table": table, "label": col.label, "column": col.name}))
    return names, issues


def _choice(col: Column, text: str) -> str | None:
    for code, label in col.choices:
        if text in (code, label) or text.lower() == code.lower():
            return code
    return None


def parse_value(col: Column, text: str, *, today: dt.date) -> tuple[Any, Issue | None]:
    """Parse one canonical value; an :class:`Issue` when it breaks the column's rule."""
    if text == "":
        if col.required:
            return None, Issue(col.name, text, ERROR, "required", {"label": col.label})
        return None, None
    kind = col.kind
    if kind == "text":
        if col.max_length and len(text) > col.max_length:
            return None, Issue(col.name, text[:40], ERROR, "too_long", {"max": col.max_length})
        if col.pattern and not re.fullmatch(col.pattern, text):
            return None, Issue(col.name, text, ERROR, "pattern", {"pattern": col.pattern})
        return text, None
    if kind == "code12":
        if not _CODE12.match(text):
            return None, Issue(col.name, text, ERROR, "type", {"expected": "12 digits"})
        return text, None
    if kind == "enum":
        code = _choice(col, text)
        if code is None:
            allowed = " | ".join(f"{c} ({label})" if c != label else c
                                 for c, label in col.choices)
            return None, Issue(col.name, text, ERROR, "enum", {"allowed": allowed})
        return code, None
    if kind == "bool":
        low = text.lower()
        if low in TRUE:
            return True, None
        if low in FALSE:
            return False, None
        return None, Issue(col.name, text, ERROR, "type", {"expected": "0/1 (是/否)"})
    if kind in {"int", "year"}:
        try:
            number = int(Decimal(text))
            if Decimal(text) != number:
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            return None, Issue(col.name, text, ERROR, "type", {"expected": "a whole number"})
        if kind == "year":
            if number < 1900 or number > 2200:
                return None, Issue(col.name, text, ERROR, "type", {"expected": "a year"})
            if number > today.year:
                return None, Issue(col.name, text, ERROR, "future_year", {"year": today.year})
        if (col.minimum is not None and number < col.minimum) or (
                col.maximum is not None and number > col.maximum):
            return None, Issue(col.name, text, ERROR, "range",
                               {"min": col.minimum, "max": col.maximum})
        return number, None
    if kind == "date":
        try:
            value = dt.date.fromisoformat(text[:10]) if len(text) >= 10 else None
            if value is None or len(text) not in {10, 19}:
                raise ValueError(text)
        except ValueError:
            return None, Issue(col.name, text, ERROR, "date", {"expected": "YYYY-MM-DD"})
        if value > today:
            return None, Issue(col.name, text, ERROR, "future_date", {})
        return value, None
    if kind == "amount":
        try:
            amount = Decimal(text)
            if not amount.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            return None, Issue(col.name, text, ERROR, "type", {"expected": "an amount in yuan"})
        if amount < 0:
            return None, Issue(col.name, text, ERROR, "negative", {})
        if amount >= MAX_AMOUNT:
            return None, Issue(col.name, text[:40], ERROR, "too_large",
                               {"max": f"{MAX_AMOUNT:,.0f}"})
        return amount.quantize(Decimal("0.01")), None
    if kind == "id_number":
        try:
            return idcard.validate(text), None
        except idcard.IdNumberError as exc:
            return None, Issue(col.name, idcard.mask(text), ERROR, exc.code,
                               {"detail": str(exc)})
    raise ValueError(f"unknown column kind {kind}")


def parse_row(table: str, raw: Mapping[str, Any], *, today: dt.date
              ) -> tuple[dict[str, Any], list[Issue]]:
    """Parse a row (column name → raw value); return clean values and the issues found.

    Row-level cross-column rules are checked too: a member's ID birth date against
    ``birth_date``; an exited household's exit year.
    """
    clean: dict[str, Any] = {}
    issues: list[Issue] = []
    for col in SCHEMA[table]:
        value, issue = parse_value(col, canonical(raw.get(col.name)), today=today)
        clean[col.name] = value
        if issue is not None:
            issues.append(issue)
    if table == "members" and clean.get("id_number") and clean.get("birth_date"):
        carried = idcard.birth_date_of(clean["id_number"])
        if carried != clean["birth_date"]:
            issues.append(Issue("id_number", idcard.mask(clean["id_number"]), ERROR,
                                "id_birth_mismatch",
                                {"carried": carried.isoformat(),
                                 "birth_date": clean["birth_date"].isoformat()}))
    if (table == "households" and clean.get("status") == "exited"
            and not clean.get("exit_year") and not any(i.column == "exit_year" for i in issues)):
            issues.append(Issue("exit_year", "", ERROR, "required_when_exited", {}))
    if table == "members" and clean.get("disability_grade") and clean.get("health") not in {
            "disabled", None}:
        issues.append(Issue("disability_grade", str(clean["disability_grade"]), WARNING,
                            "disability_grade_without_disability", {}))
    return clean, issues


def format_value(col: Column, value: Any, *, labels: bool = False) -> Any:
    """A clean value as written by the exporter (codes, or Chinese labels for Excel)."""
    if value is None:
        return ""
    if col.kind == "bool":
        if labels:
            return "是" if value else "否"
        return 1 if value else 0
    if col.kind == "enum" and labels:
        return dict(col.choices).get(value, value)
    if col.kind == "amount":
        return f"{Decimal(value):.2f}"
    if col.kind == "date":
        return value.isoformat() if hasattr(value, "isoformat") else str(value)
    return value


#: household_net_income of snapshot v1, as signed terms: the one definition, used by the engine's
#: SQL, the importer's checks and the household page.
NET_INCOME_TERMS = (("wage", 1), ("operating", 1), ("ecommerce_revenue", 1),
                    ("ecommerce_cost", -1), ("property", 1), ("transfer", 1),
                    ("production_cost", -1))
#: rigid_expense of snapshot v1 (large rigid spending: illness, schooling, disaster, accident).
RIGID_EXPENSE_TERMS = ("medical_oop", "education_expense", "disaster_loss", "accident_loss")


def net_income(row: Mapping[str, Decimal]) -> Decimal:
    """household_net_income of snapshot v1."""
    total = Decimal(0)
    for name, sign in NET_INCOME_TERMS:
        total += sign * row[name]
    return total


def rigid_expense(row: Mapping[str, Decimal]) -> Decimal:
    """rigid_expense of snapshot v1."""
    total = Decimal(0)
    for name in RIGID_EXPENSE_TERMS:
        total += row[name]
    return total


def sql_sum(prefix: str = "") -> tuple[str, str]:
    """The two sums as SQL over columns named ``{prefix}{term}`` (net income, rigid expense)."""
    net = " ".join(f"{'+' if sign > 0 else '-'} {prefix}{name}"
                   for name, sign in NET_INCOME_TERMS).lstrip("+ ")
    rigid = " + ".join(f"{prefix}{name}" for name in RIGID_EXPENSE_TERMS)
    return f"({net})", f"({rigid})"


#: Compulsory education (义务教育): ages 6–15 at 31 December, as the national pack's
#: ``school_dropouts`` counts them (a test keeps the two together).
COMPULSORY_SCHOOL_AGES = (6, 15)


def in_compulsory_school_age(age: int) -> bool:
    low, high = COMPULSORY_SCHOOL_AGES
    return low <= age <= high


def age_at_year_end(birth: dt.date, year: int) -> int:
    """Whole years at 31 December of ``year`` (snapshot v1: age of a member)."""
    return year - birth.year
