"""The product's one reader of policy facts (categories, rule groups, lines, the default pack).

Everything the screens, cases and exports need to know about the policy comes from the pack
through these functions; nothing in the product keeps its own copy of a category list, a rule
code group or a line. The household page's ticks are the engine's own verdicts (:func:`
household_verdicts`), so the page and a monitoring run cannot disagree (age counted at
31 December of the year shown, as the engine counts it).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.utils.translation import gettext_lazy

from fupin.core.access import Scope
from fupin.core.errors import ValidationFailed
from fupin_engine.executors import get_executor
from fupin_engine.policy.loader import PolicyError, load_pack, resolve_parameters
from fupin_engine.policy.schema import Pack
from fupin_engine.run import prepare
from fupin_engine.source import ArrowSource

#: Categories that are not monitoring objects (the fallback and the states beside the procedure).
NOT_OBJECTS = ("none", "registered_poor", "no_data")
#: The group of rules whose failure is a guarantee failure (两不愁三保障 and water).
GUARANTEE_GROUP = "guarantee_failure"
#: Rules the elimination criteria name by what they watch (the monitoring guidance: "large
#: rigid spending is resolved"; the national data check "an eliminated household with a
#: school dropout").
RIGID_SPENDING_RULE = "RIGID_EXPENSE_OVER_INCOME"
SCHOOL_RULE = "EDU_DROPOUT"


def default_pack_name() -> str:
    """The pack the product runs unless told otherwise (``FUPIN_POLICY_PACK``)."""
    return settings.FUPIN_POLICY_PACK


@lru_cache(maxsize=16)
def pack(name: str | None = None) -> Pack:
    """A pack by name (built-in) — the default pack when no name is given."""
    return load_pack(name or default_pack_name())


def categories(p: Pack | None = None) -> list[str]:
    """Every category code of the pack, in the pack's order."""
    return [c.code for c in (p or pack()).categories]


def monitoring_categories(p: Pack | None = None) -> list[str]:
    """The categories that make a household a monitoring object (监测对象)."""
    return [c for c in categories(p) if c not in NOT_OBJECTS]


def category_titles(p: Pack | None = None, lang: str = "zh") -> dict[str, str]:
    return {c.code: getattr(c.title, lang) for c in (p or pack()).categories}


def guarantee_rules(p: Pack | None = None) -> list[str]:
    """Rule codes whose failure is a guarantee failure."""
    return list((p or pack()).groups.get(GUARANTEE_GROUP, []))


#: How a guarantee is named where it holds (the rule's title names its failure).
_GUARANTEE_LABELS = {
    "EDU_DROPOUT": gettext_lazy("Compulsory education"),
    "NO_MEDICAL_INSURANCE": gettext_lazy("Basic medical insurance"),
    "UNSAFE_HOUSING": gettext_lazy("Safe housing"),
    "UNSAFE_WATER": gettext_lazy("Safe drinking water"),
}


def guarantee_label(code: str, lang: str = "zh") -> str:
    """The guarantee a rule watches, in words (the rule's own title for a pack's new rule)."""
    if code in _GUARANTEE_LABELS:
        return str(_GUARANTEE_LABELS[code])
    return rule_titles(lang=lang).get(code, code)


def rule_titles(p: Pack | None = None, lang: str = "zh") -> dict[str, str]:
    return {r.code: getattr(r.title, lang) for r in (p or pack()).rules}


def parameter(name: str, year: int, province: str | None = None,
              overrides: dict[str, float] | None = None, p: Pack | None = None) -> float:
    """One parameter for a year and province (2-digit code); refused, never guessed, when the
    pack has no value for that year and province."""
    try:
        return resolve_parameters(p or pack(), year, province, overrides)[name]
    except PolicyError as exc:
        raise ValidationFailed(str(exc)) from exc


def monitoring_line(year: int, province: str | None = None,
                    overrides: dict[str, float] | None = None) -> float:
    """The monitoring line (防止返贫监测线) for ``year`` in ``province``."""
    return parameter("monitoring_line", year, province, overrides)


def year_shown(years: list[int], p: Pack | None = None) -> int:
    """The year a household page speaks of: its latest economy year the pack covers, else the
    pack's latest year."""
    covered = sorted(set((p or pack()).years))
    inside = [y for y in years if y in covered]
    return max(inside) if inside else covered[-1]


@lru_cache(maxsize=64)
def _plan(name: str, year: int, province: str | None):
    return prepare(pack(name), year, province)


@dataclass(frozen=True)
class Verdicts:
    """The engine's verdicts on one household for one year."""

    year: int
    category: str
    fired: frozenset[str]

    def holds(self, rule: str) -> bool:
        return rule not in self.fired


def household_verdicts(household, year: int) -> Verdicts | None:
    """Run the default pack over this one household, as a run would (``None`` when the
    household cannot be evaluated, e.g. no members)."""
    from fupin.monitoring.registry import registry_tables

    province = household.village_id[:2]
    try:
        plan = _plan(default_pack_name(), year, province)
    except PolicyError:
        return None
    tables = registry_tables(Scope.of_code(household.village_id),
                             household_id=household.household_id, year=year)
    if tables["members"].num_rows == 0:
        return None
    executor = get_executor("duckdb", ArrowSource(tables))
    try:
        rows = executor.execute(plan).to_pylist()
    finally:
        executor.close()
    if not rows:
        return None
    row = rows[0]
    fired = frozenset(code for code in (row.get("rules") or "").split(";") if code)
    return Verdicts(year, row["category"], fired)
