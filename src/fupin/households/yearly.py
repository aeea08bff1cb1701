"""A household's history by year (ADR 0048), as the household page and the API show it.

Read set-based: the states, the members' states and the economy of every year in three
queries (plus one for the villages' names), whatever the number of years. Per year: status,
village, members (who was born, who joined, who is gone — died or left — against the previous
state year), per-capita income against that year's monitoring line, and the guarantees
(housing, water, medical insurance, compulsory schooling) as they stood at the end of the year.

The monitoring line comes from the product's policy pack (``FUPIN_POLICY_PACK``) through the
engine's resolver, as the importer's checks read the poverty line: the monitoring app's policy
reader sits above the registry and reads the same pack the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.conf import settings

from fupin.households import personal
from fupin.households.models import EconomyYear, Household, HouseholdState, MemberState
from fupin.regions.models import Division
from fupin_engine import snapshot
from fupin_engine.policy.loader import PolicyError, load_pack, resolve_parameters


@lru_cache(maxsize=4)
def _pack(name: str):
    return load_pack(name)


def monitoring_line(year: int, province: str) -> float | None:
    """The pack's monitoring line for ``year`` in ``province``; ``None`` when it sets none."""
    try:
        return resolve_parameters(_pack(settings.FUPIN_POLICY_PACK), year, province)[
            "monitoring_line"]
    except PolicyError:
        return None


@dataclass
class YearState:
    """One year of a household's history."""

    year: int
    state: HouseholdState
    village_name: str
    members: list[dict[str, Any]] = field(default_factory=list)
    born: list[str] = field(default_factory=list)
    joined: list[str] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)
    net_income: Decimal | None = None
    per_capita: Decimal | None = None
    line: float | None = None
    housing_safe: bool = False
    water_safe: bool = False
    insured: bool = False
    schooled: bool = False

    @property
    def below_line(self) -> bool | None:
        """Net income against the line times the household's size, unrounded, as a run
        compares it (the per-capita income shown is rounded to cents)."""
        if self.net_income is None or not self.members or self.line is None:
            return None
        return self.net_income < Decimal(str(self.line)) * len(self.members)

    def as_dict(self) -> dict[str, Any]:
        s = self.state
        return {
            "year": self.year, "status": s.status, "exit_year": s.exit_year,
            "village_code": s.village_code, "village_name": self.village_name,
            "housing_grade": s.housing_grade, "relocated": s.relocated, "dibao": s.dibao,
            "tekun": s.tekun, "members": self.members, "born": self.born,
            "joined": self.joined, "gone": self.gone, "net_income": self.net_income,
            "per_capita_income": self.per_capita, "monitoring_line": self.line,
            "below_line": self.below_line, "housing_safe": self.housing_safe,
            "water_safe": self.water_safe, "medical_insurance": self.insured,
            "schooling": self.schooled,
        }


def household_history(household: Household, *, reveal: bool = False,
                      economy: list[EconomyYear] | None = None) -> list[YearState]:
    """The household's yearly states, newest first (``economy``: its rows, if already read)."""
    states = list(HouseholdState.objects.filter(household=household).order_by("year"))
    if not states:
        return []
    people: dict[int, list[MemberState]] = {}
    for m in MemberState.objects.filter(household=household).order_by("year", "id"):
        people.setdefault(m.year, []).append(m)
    if economy is None:
        economy = list(EconomyYear.objects.filter(household=household))
    income = {e.year: e.net_income for e in economy}
    names = dict(Division.objects.filter(code__in={s.village_code for s in states})
                 .values_list("code", "name"))
    out, previous = [], None
    for s in states:
        members = people.get(s.year, [])
        y = YearState(year=s.year, state=s, village_name=names.get(s.village_code, ""))
        y.members = [{
            "name": m.name, "relation": m.relation, "sex": m.sex,
            "id_number_masked": personal.masked_id(m.id_number_masked),
            "birth": personal.birth_display(m.birth_date, reveal=reveal),
            "health": m.health, "in_school": m.in_school, "home_schooled": m.home_schooled,
            "medical_insurance": m.medical_insurance} for m in members]
        if previous is not None:
            before = {m.id_number_hash: m for m in people.get(previous, [])}
            now = {m.id_number_hash for m in members}
            for m in members:
                if m.id_number_hash not in before:
                    (y.born if m.birth_date.year > previous else y.joined).append(m.name)
            y.gone = [m.name for h, m in before.items() if h not in now]
        y.net_income = income.get(s.year)
        if y.net_income is not None and members:
            y.per_capita = (y.net_income / len(members)).quantize(Decimal("0.01"))
        y.line = monitoring_line(s.year, s.village_code[:2])
        y.housing_safe = s.housing_grade in {"A", "B"} or s.relocated
        y.water_safe = all((s.water_quantity_ok, s.water_quality_ok, s.water_access_ok,
                            s.water_reliability_ok))
        y.insured = bool(members) and all(m.medical_insurance for m in members)
        y.schooled = all(m.in_school or m.home_schooled for m in members
                         if snapshot.in_compulsory_school_age(
                             snapshot.age_at_year_end(m.birth_date, s.year)))
        out.append(y)
        previous = s.year
    return out[::-1]
