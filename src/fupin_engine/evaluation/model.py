"""The indicator system as data: frozen dataclasses built by :mod:`.parse` from the YAML.

See docs/formats/indicator-system.md for the file format and docs/adr/0046 for the choices.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

KINDS = ("base", "bonus", "deduction")
METHODS = ("threshold", "linear", "ratio", "boolean", "count", "deduction")
SOURCES = ("computed", "submitted")
GRADE_CODES = ("excellent", "good", "fair", "poor")
COMPUTED_KEYS = (
    "admin_village_coverage", "poor_village_coverage", "township_express_coverage",
    "training_person_times", "linked_poor_households", "linked_poor_share",
    "linkage_income_median", "certified_products", "fund_execution_rate",
    "negative_list_expenditures", "negative_list_amount", "overdue_rectifications",
)
"""The values fupin computes for a county (rounds/funds); ``computed_key`` must be one of them."""

Kind = Literal["base", "bonus", "deduction"]
Method = Literal["threshold", "linear", "ratio", "boolean", "count", "deduction"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an indicator system: where (source, path, line) and which rule."""

    source: str
    path: str
    line: int | None
    rule: str
    message: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.path or '(top)'}: {self.message} [{self.rule}]"


class SystemError_(ValueError):  # noqa: N801 (the API's name; avoids the builtin)
    """An indicator system that cannot be used; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems) or "invalid indicator system")


@dataclass(frozen=True)
class Text:
    """A text in Chinese and English."""

    zh: str
    en: str

    def __str__(self) -> str:
        return self.zh


@dataclass(frozen=True)
class Grade:
    """A grade and the lowest total that earns it (grades are ordered best first)."""

    code: str
    min_score: Decimal
    name: Text | None = None


@dataclass(frozen=True)
class Indicator:
    """One scored item: how its value (``unit``) turns into points (``method``)."""

    code: str
    name: Text
    kind: Kind
    module: str | None
    points: Decimal
    unit: str
    method: Method
    target: Decimal | None = None
    floor: Decimal | None = None
    per_event: Decimal | None = None
    higher_is_better: bool = True
    evidence: tuple[str, ...] = ()
    source: Literal["computed", "submitted"] = "submitted"
    computed_key: str | None = None
    tolerance: Decimal | None = Decimal("0.05")
    explanation: Text = field(default_factory=lambda: Text("", ""))


@dataclass(frozen=True)
class Module:
    """A first-level module of the base score; ``points`` is the sum of its indicators'."""

    code: str
    name: Text
    points: Decimal
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True)
class IndicatorSystem:
    """A versioned indicator system: base modules, bonus and deduction items, grades.

    ``digest`` is the sha256 of a canonical form (same content → same digest whatever the
    formatting); ``text`` is the YAML as given. ``is_default`` marks a shipped default that a
    province copies and edits.
    """

    code: str
    version: str
    name: Text
    province: str | None
    base: Decimal
    bonus_cap: Decimal
    deduction_cap: Decimal | None
    modules: tuple[Module, ...]
    bonus: tuple[Indicator, ...]
    deductions: tuple[Indicator, ...]
    grades: tuple[Grade, ...]
    digest: str
    text: str
    is_default: bool = False
    description: Text | None = None

    def indicators(self) -> list[Indicator]:
        """Every indicator: the modules' in order, then bonus, then deductions."""
        out = [i for m in self.modules for i in m.indicators]
        return out + list(self.bonus) + list(self.deductions)

    def indicator(self, code: str) -> Indicator:
        """The indicator ``code``; KeyError naming the system if there is none."""
        for ind in self.indicators():
            if ind.code == code:
                return ind
        raise KeyError(f"indicator system {self.code} {self.version} has no indicator {code!r}")

    def module(self, code: str) -> Module:
        """The module ``code``; KeyError if there is none."""
        for m in self.modules:
            if m.code == code:
                return m
        raise KeyError(f"indicator system {self.code} {self.version} has no module {code!r}")

    def grade(self, code: str) -> Grade:
        """The grade ``code``; KeyError if the system has none."""
        for g in self.grades:
            if g.code == code:
                return g
        raise KeyError(f"indicator system {self.code} has no grade {code!r}; it has "
                       f"{', '.join(g.code for g in self.grades)}")
