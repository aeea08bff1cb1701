"""The risk-elimination criteria (DOMAIN.md §4), checked by the workflow's guard."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext as _

from fupin.cases.models import Case, EliminationKind
from fupin.monitoring.models import Assessment
from fupin_engine.policy.loader import load_pack, resolve_parameters

MONITORING_CATEGORIES = ("unstable", "marginal", "sudden_hardship")
GUARANTEE_RULES = ("EDU_DROPOUT", "NO_MEDICAL_INSURANCE", "UNSAFE_HOUSING", "UNSAFE_WATER")


def elimination_check(case: Case, kind: str, now: dt.datetime) -> tuple[list[str], list[str]]:
    """The criteria of DOMAIN.md §4; returns (unmet criteria, warnings)."""
    unmet: list[str] = []
    warnings: list[str] = []
    six_months = now - dt.timedelta(days=182)
    if case.approved_at is None or case.approved_at > six_months:
        since = case.approved_at.date() if case.approved_at else "—"
        unmet.append(_("monitored for less than 6 months (approved %(since)s)")
                     % {"since": since})
    if kind == EliminationKind.ASSISTANCE and not case.measures.exists():
        unmet.append(_("no assistance measure in place"))
    household = case.household
    members = list(household.members.all())
    if not any(m.labor in {"full", "partial"} for m in members):
        unmet.append(_("no member is able to work: such a household is never marked "
                       "eliminated"))
    year = now.year - 1
    line = _monitoring_line(year, household.village_id[:2])
    incomes = list(case.visits.filter(date__gte=six_months.date(),
                                      per_capita_income__isnull=False)
                   .values_list("date", "per_capita_income"))
    if not incomes:
        unmet.append(_("no income recorded at visits in the last 6 months"))
    elif line is not None and any(v < Decimal(str(line)) for _, v in incomes):
        low = min(v for _, v in incomes)
        unmet.append(_("income not stably above the line: %(low).0f < %(line).0f yuan in the "
                       "last 6 months") % {"low": low, "line": line})
    elif min(d for d, _ in incomes) > (six_months + dt.timedelta(days=31)).date():
        unmet.append(_("income above the line for less than 6 months"))
    latest = (Assessment.objects.filter(household=household)
              .order_by("-run__year", "-run__pk").first())
    fired = set(latest.rules.split(";")) if latest and latest.rules else set()
    if "RIGID_EXPENSE_OVER_INCOME" in fired:
        unmet.append(_("large rigid spending is not resolved (latest monitoring run)"))
    failing = sorted(fired & set(GUARANTEE_RULES))
    if not household.housing_safe:
        failing.append("UNSAFE_HOUSING")
    if not household.water_safe:
        failing.append("UNSAFE_WATER")
    if any(not m.medical_insurance for m in members):
        failing.append("NO_MEDICAL_INSURANCE")
    if failing:
        unmet.append(_("guarantees or water do not hold: %(rules)s")
                     % {"rules": ", ".join(sorted(set(failing)))})
    if case.approved_at and case.approved_at > now - dt.timedelta(days=61):
        warnings.append(_("elimination within 2 months of identification (national data "
                          "check)"))
    if "EDU_DROPOUT" in fired:
        warnings.append(_("a school-age child is out of school (national data check)"))
    return unmet, warnings


def _monitoring_line(year: int, province: str) -> float | None:
    pack = load_pack("cn-national")
    for y in (year, year - 1, year + 1):
        try:
            return resolve_parameters(pack, y, province)["monitoring_line"]
        except Exception:  # noqa: S112 - a year without a line: try the next one
            continue
    return None

