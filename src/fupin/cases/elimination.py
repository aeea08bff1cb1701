"""The risk-elimination criteria (《关于建立防止返贫监测和帮扶机制的指导意见》, 2020, and its
2021 refinement), checked by the workflow's guard."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from fupin.cases.models import Case, Channel, EliminationKind
from fupin.core import labels
from fupin.core.errors import ValidationFailed
from fupin.monitoring import policy
from fupin.monitoring.models import Assessment, MonitoringRun


def elimination_check(case: Case, kind: str, now: dt.datetime) -> tuple[list[str], list[str]]:
    """The elimination criteria of the monitoring guidance; returns (unmet criteria, warnings)."""
    unmet: list[str] = []
    warnings: list[str] = []
    six_months = now - dt.timedelta(days=182)
    since = case.monitored_since or case.approved_at
    # 自然消除 (the risk went away by itself) is not bound to the 6-month clock; that is why
    # the national "within 2 months" check exists (ADR 0025).
    if kind == EliminationKind.ASSISTANCE and (since is None or since > six_months):
        unmet.append(_("monitored for less than 6 months (since %(since)s)")
                     % {"since": since.date() if since else "—"})
    if kind == EliminationKind.ASSISTANCE and not case.measures.exists():
        unmet.append(_("no assistance measure in place"))
    household = case.household
    members = list(household.members.all())
    if not any(m.labor in {"full", "partial"} for m in members):
        unmet.append(_("no member is able to work: such a household is never marked "
                       "eliminated"))
    year, province = now.year - 1, household.village_id[:2]
    try:
        line = Decimal(str(policy.monitoring_line(year, province, run_overrides(case, year))))
    except ValidationFailed:
        line = None
        unmet.append(_("no monitoring line for %(year)s in province %(province)s: the income "
                       "criterion cannot be checked") % {"year": year, "province": province})
    incomes = list(case.visits.filter(date__gte=six_months.date(),
                                      per_capita_income__isnull=False)
                   .values_list("date", "per_capita_income"))
    if not incomes:
        unmet.append(_("no income recorded at visits in the last 6 months"))
    elif line is not None and any(v < line for _, v in incomes):
        low = min(v for _, v in incomes)
        unmet.append(_("income not stably above the line: %(low).0f < %(line).0f yuan in the "
                       "last 6 months") % {"low": low, "line": line})
    elif (kind == EliminationKind.ASSISTANCE
          and min(d for d, _ in incomes) > (six_months + dt.timedelta(days=31)).date()):
        unmet.append(_("income above the line for less than 6 months"))
    latest = (Assessment.objects.filter(household=household)
              .order_by("-run__year", "-run__pk").first())
    fired = set(latest.rules.split(";")) if latest and latest.rules else set()
    if policy.RIGID_SPENDING_RULE in fired:
        unmet.append(_("large rigid spending is not resolved (latest monitoring run)"))
    guarantees = set(policy.guarantee_rules())
    failing = sorted(fired & guarantees)
    # Today's registry as the engine judges it (one definition of every guarantee).
    years = list(household.economy.values_list("year", flat=True))
    now_verdicts = policy.household_verdicts(household, policy.year_shown(years))
    if now_verdicts is not None:
        failing += sorted(now_verdicts.fired & guarantees)
    if failing:
        unmet.append(_("guarantees or water do not hold: %(rules)s")
                     % {"rules": _list_sep().join(labels.words("guarantee", sorted(set(failing))))})
    # Counted from the identification (the approval), not from a rollback.
    if case.approved_at and case.approved_at > now - dt.timedelta(days=61):
        warnings.append(_("elimination within 2 months of identification (national data "
                          "check)"))
    if policy.SCHOOL_RULE in fired:
        warnings.append(_("a school-age child is out of school (national data check)"))
    return unmet, warnings


def _list_sep() -> str:
    return "、" if (get_language() or "zh").startswith("zh") else ", "


def run_overrides(case: Case, year: int) -> dict[str, float] | None:
    """The parameters of the monitoring run the case came from, when that run was for
    ``year`` (its line may be an override of the pack's)."""
    sources = case.alerts.filter(channel=Channel.ENGINE, source__startswith="run:")
    ids = [int(s.split(":", 1)[1]) for s in sources.values_list("source", flat=True)
           if s.split(":", 1)[1].isdigit()]
    run = MonitoringRun.objects.filter(pk__in=ids, year=year).order_by("-pk").first()
    if run is None:
        return None
    # The line the run applied to this household's province (the village it was assessed
    # in; a run over several provinces has one line per province, ADR 0049).
    assessed = (run.assessments.filter(household_id=case.household_id)
                .values_list("village_code", flat=True).first())
    params = run.parameters_for(assessed or case.village_code)
    if "monitoring_line" not in params:
        return None
    return {"monitoring_line": float(params["monitoring_line"])}
