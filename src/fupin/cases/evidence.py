"""Why a household is on a case: the evidence an approver reads on the case page, the
approvals batch and the printed decision — the latest assessment's reasons in words, the
per-capita income against the line, incomes by year and the five guarantees.

Read-only; everything comes from the monitoring app's public surface (``policy``,
``explain``, ``services.latest_assessment``) so the case page and the household page say the
same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import get_language, gettext

from fupin.cases import workflow
from fupin.core import labels
from fupin.core.errors import ValidationFailed
from fupin.monitoring import explain, policy
from fupin.monitoring import services as monitoring


def _lang() -> str:
    return "zh" if (get_language() or "zh").startswith("zh") else "en"


def yuan(value: float | Decimal | None) -> str:
    """An amount in whole yuan with thousands separators (``5,480``)."""
    return "—" if value is None else f"{float(value):,.0f}"


def income_sentence(income: float | None, line: float | None) -> str:
    """"人均纯收入 5,480 元，低于监测线 6,000 元" — the income against the line, in words."""
    if income is None:
        return gettext("No per-capita income recorded for the year")
    if line is None:
        return gettext("Per-capita net income %(income)s yuan; no monitoring line for the "
                       "year") % {"income": yuan(income)}
    if income < line:
        return gettext("Per-capita net income %(income)s yuan, below the monitoring line "
                       "%(line)s yuan") % {"income": yuan(income), "line": yuan(line)}
    return gettext("Per-capita net income %(income)s yuan, not below the monitoring line "
                   "%(line)s yuan") % {"income": yuan(income), "line": yuan(line)}


@dataclass
class YearIncome:
    year: int
    net_income: Decimal
    per_capita: float | None
    line: float | None

    @property
    def net_income_text(self) -> str:
        return yuan(self.net_income)

    @property
    def per_capita_text(self) -> str:
        return yuan(self.per_capita)

    @property
    def line_text(self) -> str:
        return yuan(self.line)

    @property
    def below(self) -> bool:
        return self.per_capita is not None and self.line is not None and \
            self.per_capita < self.line


@dataclass
class Evidence:
    """What the latest monitoring said about a household, and its incomes and guarantees."""

    assessment: Any = None
    year: int | None = None
    category_title: str = ""
    reasons: list = field(default_factory=list)
    risk_types: list[str] = field(default_factory=list)
    income_line: str = ""
    incomes: list[YearIncome] = field(default_factory=list)
    #: (label, holds: True/False/None when unknown) for each guarantee of the pack.
    guarantees: list[tuple[str, bool | None]] = field(default_factory=list)

    @property
    def failing_guarantees(self) -> list[str]:
        return [label for label, ok in self.guarantees if ok is False]


def _line(year: int, province: str, run=None) -> float | None:
    """The monitoring line of ``province`` for ``year``: the one ``run`` applied to that
    province when the run is of that year (it may be an override), else the pack's."""
    params = run.parameters_for(province) if run is not None and run.year == year else {}
    if "monitoring_line" in params:
        return float(params["monitoring_line"])
    try:
        return policy.monitoring_line(year, province)
    except ValidationFailed:
        return None


def step_word(action: str) -> str:
    """A workflow step in words: the vocabulary ``case_step``, else the transition's label."""
    found = labels.word("case_step", action)
    if found != action:
        return found
    return next((str(t.label) for t in workflow.TRANSITIONS if t.action == action), action)


def category_word(code: str, lang: str | None = None) -> str:
    """A category in words (the pack's title), ``""`` for none."""
    if not code:
        return ""
    return policy.category_titles(lang=lang or _lang()).get(code, code)


def risk_type_words(codes: str, lang: str | None = None) -> list[str]:
    """Risk type codes (``01;06``) as the pack names them (``因病``, ``因产业项目失败``)."""
    lang = lang or _lang()
    names = policy.pack().risk_type_names
    return [getattr(names[c], lang) if c in names else c for c in codes.split(";") if c]


def from_assessment(household, assessment) -> Evidence:
    """The evidence an assessment carries (no query beyond its run, already selected)."""
    lang = _lang()
    out = Evidence()
    if assessment is not None:
        run = assessment.run
        pack = explain.pack_named(run.policy_name)
        out.assessment, out.year = assessment, run.year
        out.reasons = explain.reasons(assessment, pack, lang)
        out.category_title = policy.category_titles(pack, lang).get(
            assessment.category, assessment.category) if pack else assessment.category
        out.risk_types = risk_type_words(assessment.risk_types, lang)
        out.income_line = income_sentence(assessment.per_capita_income,
                                          _line(run.year, assessment.village_code[:2], run))
        fired = {c for c in assessment.rules.split(";") if c}
        out.guarantees = [(policy.guarantee_label(code, lang), code not in fired)
                          for code in policy.guarantee_rules()]
    return out


def for_household(household, *, incomes: bool = True) -> Evidence:
    """The evidence on ``household`` (the region check is the caller's: pass a household the
    user may see): the latest assessment; without one, today's guarantees as the engine
    judges them; with ``incomes``, the incomes by year against each year's line."""
    lang = _lang()
    out = from_assessment(household, monitoring.latest_assessment(household))
    if out.assessment is None:
        years = list(household.economy.values_list("year", flat=True))
        year = policy.year_shown(years)
        found = policy.household_verdicts(household, year)
        out.year = year if found is not None else None
        out.guarantees = [(policy.guarantee_label(code, lang),
                           None if found is None else code not in found.fired)
                          for code in policy.guarantee_rules()]
    if incomes:
        province = household.village_id[:2]
        size = household.members.count()
        for e in household.economy.order_by("year"):
            per_capita = float(e.net_income) / size if size else None
            out.incomes.append(YearIncome(e.year, e.net_income, per_capita,
                                          _line(e.year, province, None)))
    return out
