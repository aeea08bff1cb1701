"""The identification → assistance → risk-elimination procedure
(《关于建立防止返贫监测和帮扶机制的指导意见》) as data for
the core workflow engine: states, transitions with their level, guards and effects, and the
deadline rule. ``fupin.core.workflow.take`` does the rest (lock, region, version, legality,
level, audit, step record, notifications).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from fupin.cases.elimination import elimination_check
from fupin.cases.models import Case, EliminationKind
from fupin.core import deadlines
from fupin.core import workflow as engine
from fupin.core.errors import Conflict
from fupin.core.workflow import IllegalTransition, Move, Transition  # noqa: F401 - re-exported
from fupin.monitoring import policy
from fupin.monitoring.policy import monitoring_categories

CASES_NAME = "cases.case"

VILLAGE, TOWNSHIP, COUNTY = "village", "township", "county"
#: The permission that lets a user act at each level (lowest first: escalation goes up).
LEVEL_PERMISSION = {VILLAGE: "cases.act_village", TOWNSHIP: "cases.act_township",
                    COUNTY: "cases.act_county"}

STATES = {
    "alerted": _("Alerted: household visit due"),
    "visited": _("Visited, authorisation signed: data comparison due"),
    "compared": _("Data compared: village review due"),
    "reviewed": _("Village review passed: public notice due"),
    "notice": _("Public notice posted"),
    "township_approved": _("Township review passed: county decision due"),
    "monitored": _("Monitoring object: assistance under way"),
    "rejected": _("Not approved"),
    "elim_proposed": _("Elimination proposed: village review due"),
    "elim_reviewed": _("Elimination reviewed by the village: public notice due"),
    "elim_notice": _("Elimination notice posted"),
    "elim_township_approved": _("Elimination passed the township: county decision due"),
    "eliminated": _("Risk eliminated"),
}
CLOSED = frozenset({"rejected", "eliminated"})
NOTICE_STATES = {"notice", "elim_notice"}


# --- the public notice (公示): its span, per province -------------------------------------

def notice_days(case: Case) -> int:
    """How many days a notice stays up in the case's province (``FUPIN_PUBLIC_NOTICE_DAYS``,
    or the province's ``public_notice`` in ``FUPIN_DEADLINES_BY_PROVINCE``)."""
    return deadlines.days_for(CASES_NAME, "public_notice", case.village_code,
                              {"public_notice": settings.FUPIN_PUBLIC_NOTICE_DAYS})


def notice_end(case: Case) -> dt.date | None:
    """The last day of the notice: 5 days from the 1st are the 1st to the 5th."""
    if case.notice_start is None:
        return None
    return case.notice_start + dt.timedelta(days=notice_days(case) - 1)


def _last_step_day(case: Case, actions: tuple[str, ...]) -> dt.date | None:
    at = (case.steps.filter(action__in=actions).order_by("-at")
          .values_list("at", flat=True).first())
    return timezone.localdate(at) if at else None


# --- guards: the unmet conditions, in words ---------------------------------------------------

def notice_served(move: Move) -> list[str]:
    """The public notice has stayed up its days, and every objection has been answered."""
    case, days = move.obj, notice_days(move.obj)
    unmet = []
    minimum = case.notice_start + dt.timedelta(days=days)
    if timezone.localdate() < minimum:
        unmet.append(gettext("the public notice posted on %(start)s must stay up %(days)s "
                             "days: review from %(minimum)s on")
                     % {"start": case.notice_start, "minimum": minimum, "days": days})
    open_objections = case.objections.filter(answered_at=None).count()
    if open_objections:
        unmet.append(gettext("%(n)s objection(s) raised during the notice are not answered")
                     % {"n": open_objections})
    return unmet


def notice_dates(move: Move) -> list[str]:
    """A notice is posted today or yesterday, never before the village review."""
    today = timezone.localdate()
    start = move.param("notice_start", None) or today
    move.params["notice_start"] = start
    unmet = []
    if start > today:
        unmet.append(gettext("the notice cannot start in the future (%(start)s)")
                     % {"start": start})
    if start < today - dt.timedelta(days=1):
        unmet.append(gettext("a notice cannot be backdated: %(start)s is more than a day ago")
                     % {"start": start})
    review = _last_step_day(move.obj, ("village_review", "elim_village_review"))
    if review and start < review:
        unmet.append(gettext("the notice cannot start before the village review of %(day)s")
                     % {"day": review})
    return unmet


def reason_given(move: Move) -> list[str]:
    return [] if move.note.strip() else [gettext("give the reason")]


def consent_recorded(move: Move) -> list[str]:
    """The visit records the signed authorisation: yes, on which day, signed by whom."""
    unmet = []
    if move.param("consent", None) is not True:
        unmet.append(gettext("the household's signed authorisation is required to go on "
                             "(refuse the case with a reason otherwise)"))
    day = move.param("consent_date", None)
    if day is None:
        unmet.append(gettext("give the date of the signed authorisation"))
    elif day > timezone.localdate():
        unmet.append(gettext("the authorisation cannot be dated in the future"))
    if not str(move.param("consent_signed_by")).strip():
        unmet.append(gettext("say who signed the authorisation"))
    return unmet


def comparison_recorded(move: Move) -> list[str]:
    if str(move.param("compared_departments")).strip():
        return []
    return [gettext("name the departments whose data were compared")]


def review_recorded(move: Move) -> list[str]:
    """民主评议: the meeting's date and its votes."""
    unmet = []
    day = move.param("review_meeting_date", None)
    if day is None or day > timezone.localdate():
        unmet.append(gettext("give the date of the review meeting (not in the future)"))
    votes = [move.param(k, None) for k in ("votes_for", "votes_against", "votes_abstain")]
    if any(v is None or v < 0 for v in votes):
        unmet.append(gettext("give the votes for, against and abstaining"))
    elif votes[0] <= votes[1]:
        unmet.append(gettext("the review did not pass (%(for)s for, %(against)s against): "
                             "refuse the case with a reason")
                     % {"for": votes[0], "against": votes[1]})
    return unmet


def approval_checked(move: Move) -> list[str]:
    """The category follows the household's status and the run; a change from it, or from
    the risk types found, needs a reason; risk types are required."""
    case = move.obj
    derived = derived_category(case)
    category = move.param("category") or derived
    risk_types = _risk_codes(move.param("risk_types") or case.risk_types)
    move.params["category"], move.params["risk_types"] = category, ";".join(risk_types)
    unmet = []
    if category not in monitoring_categories():
        unmet.append(gettext("choose the category: unstable, marginal or sudden_hardship"))
    status = case.household.status
    if category in STATUS_OF_CATEGORY and status != STATUS_OF_CATEGORY[category]:
        unmet.append(gettext("a household of status %(status)s cannot be approved as "
                             "%(category)s") % {"status": status, "category": category})
    if category != derived and not move.note.strip():
        unmet.append(gettext("the category found is %(derived)s: give the reason for "
                             "%(category)s") % {"derived": derived or "—",
                                                "category": category})
    if not risk_types:
        unmet.append(gettext("give at least one risk type"))
    unknown = sorted(set(risk_types) - set(policy.pack().risk_type_names))
    if unknown:
        unmet.append(gettext("unknown risk types: %(codes)s") % {"codes": ", ".join(unknown)})
    found = _risk_codes(case.risk_types)
    if found and set(found) != set(risk_types) and not move.note.strip():
        unmet.append(gettext("the risk types found are %(found)s: give the reason for the "
                             "change") % {"found": ";".join(found)})
    return unmet


def elimination_criteria(move: Move) -> list[str]:
    """Every criterion of risk elimination that does not hold (the warnings are kept for the
    effect)."""
    kind = move.param("elimination_kind")
    if kind not in EliminationKind.values:
        return [gettext("choose the kind of elimination")]
    unmet, warnings = elimination_check(move.obj, kind, move.now)
    move.params["warnings"] = warnings
    return unmet


# --- category and risk types: derived, not chosen ---------------------------------------------

#: The household status a category requires (sudden hardship: any status).
STATUS_OF_CATEGORY = {"unstable": "exited", "marginal": "general"}
#: Alert kinds that mean sudden hardship (a run's category, a disaster, an accident).
SUDDEN_KINDS = frozenset({"sudden_hardship", "disaster", "accident"})


def _risk_codes(value: str) -> list[str]:
    return sorted({c.strip() for c in str(value or "").replace(",", ";").split(";")
                   if c.strip()})


def is_sudden_hardship(case: Case) -> bool:
    """The case's category or one of its alerts is a sudden hardship, disaster or accident."""
    return (case.category == "sudden_hardship"
            or case.alerts.filter(kind__in=SUDDEN_KINDS).exists())


def derived_category(case: Case) -> str:
    """The category the procedure finds: sudden hardship from the run or the alerts, else
    from the household's status (exited → unstable, general → marginal)."""
    if is_sudden_hardship(case):
        return "sudden_hardship"
    return {"exited": "unstable", "general": "marginal"}.get(case.household.status, "")


# --- effects: what a step changes besides the state -------------------------------------------

def record_consent(move: Move) -> None:
    case = move.obj
    case.consent = True
    case.consent_date = move.param("consent_date")
    case.consent_signed_by = str(move.param("consent_signed_by")).strip()[:50]


def record_comparison(move: Move) -> None:
    move.obj.compared_departments = str(move.param("compared_departments")).strip()[:300]
    move.obj.comparison_findings = str(move.param("comparison_findings")).strip()


def record_review(move: Move) -> None:
    case = move.obj
    case.review_meeting_date = move.param("review_meeting_date")
    case.votes_for = move.param("votes_for")
    case.votes_against = move.param("votes_against")
    case.votes_abstain = move.param("votes_abstain")


def post_notice(move: Move) -> None:
    move.obj.notice_start = move.param("notice_start", None) or timezone.localdate()


def approve(move: Move) -> None:
    move.obj.category = move.param("category")
    move.obj.risk_types = move.param("risk_types")
    move.obj.approved_at = move.now
    move.obj.monitored_since = move.now
    move.obj.decision_note = move.note


def record_decision(move: Move) -> None:
    move.obj.decision_note = move.note


def propose_elimination(move: Move) -> None:
    move.obj.elimination_kind = move.param("elimination_kind")
    move.obj.warnings = move.param("warnings", [])


def eliminate(move: Move) -> None:
    move.obj.eliminated_at = move.now


def roll_back(move: Move) -> None:
    """The risk is back: monitoring restarts today (the 6-month clock with it)."""
    case = move.obj
    if Case.objects.filter(household=case.household, closed=False).exclude(
            pk=case.pk).exists():
        raise Conflict(gettext("the household has another open case"))
    case.eliminated_at = None
    case.elimination_kind = ""
    case.warnings = []
    case.monitored_since = move.now
    case.decision_note = move.note


def _reject(state: str, action: str, to: str, level: str, label: Any,
            effect=None) -> Transition:
    return Transition(state, action, to, level, label, guard=reason_given, effect=effect)


TRANSITIONS = [
    Transition("alerted", "visit", "visited", VILLAGE,
               _("Household visited, authorisation signed"), guard=consent_recorded,
               effect=record_consent),
    _reject("alerted", "visit_reject", "rejected", VILLAGE,
            _("Visit: not eligible, refuse"), effect=record_decision),
    Transition("visited", "compare", "compared", VILLAGE,
               _("Data compared across departments"), guard=comparison_recorded,
               effect=record_comparison),
    _reject("visited", "compare_reject", "rejected", VILLAGE,
            _("Data comparison: not eligible, refuse"), effect=record_decision),
    Transition("compared", "village_review", "reviewed", VILLAGE,
               _("Village democratic review"), guard=review_recorded, effect=record_review),
    _reject("compared", "village_reject", "rejected", VILLAGE,
            _("Village democratic review: refuse"), effect=record_decision),
    Transition("reviewed", "post_notice", "notice", VILLAGE, _("Post the public notice"),
               guard=notice_dates, effect=post_notice),
    Transition("notice", "township_approve", "township_approved", TOWNSHIP,
               _("Township review: pass"), guard=notice_served),
    _reject("notice", "township_reject", "rejected", TOWNSHIP,
            _("Township review: refuse"), effect=record_decision),
    Transition("township_approved", "approve", "monitored", COUNTY,
               _("County decision: approve as monitoring object"),
               guard=approval_checked, effect=approve),
    _reject("township_approved", "reject", "rejected", COUNTY,
            _("County decision: not approved"), effect=record_decision),
    Transition("monitored", "propose_elimination", "elim_proposed", VILLAGE,
               _("Propose risk elimination"), guard=elimination_criteria,
               effect=propose_elimination),
    Transition("elim_proposed", "elim_village_review", "elim_reviewed", VILLAGE,
               _("Village review of the elimination")),
    Transition("elim_reviewed", "elim_post_notice", "elim_notice", VILLAGE,
               _("Post the elimination notice"), guard=notice_dates, effect=post_notice),
    Transition("elim_notice", "elim_township_approve", "elim_township_approved", TOWNSHIP,
               _("Township review of the elimination: pass"), guard=notice_served),
    _reject("elim_notice", "elim_township_reject", "monitored", TOWNSHIP,
            _("Township review of the elimination: refuse")),
    Transition("elim_township_approved", "eliminate", "eliminated", COUNTY,
               _("County decision: risk eliminated"), effect=eliminate),
    _reject("elim_township_approved", "elim_reject", "monitored", COUNTY,
            _("County decision: elimination refused")),
    _reject("eliminated", "rollback", "monitored", COUNTY,
            _("Roll back the elimination"), effect=roll_back),
]


# --- deadlines --------------------------------------------------------------------------------

def deadline_defaults() -> dict[str, int]:
    """Days per state (and ``step`` for the others, ``review`` after a notice,
    ``first_measure`` and ``visit_interval`` while monitored), from settings."""
    return dict(settings.FUPIN_CASE_DEADLINES)


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def case_due(case: Case, now: dt.datetime, wf: engine.Workflow) -> dt.datetime | None:
    """When the next step of ``case`` is due: a monitored case needs its first measure, then a
    visit every interval; a notice is reviewed after its minimum days; other states have days
    of their own."""
    if case.state == "monitored":
        if not case.measures.exists():
            return wf.due_in_state(case, case.approved_at or now, "first_measure")
        last = case.visits.order_by("-date").values_list("date", flat=True).first()
        start = _midnight(last) if last else case.approved_at or now
        return wf.due_in_state(case, start, "visit_interval")
    if case.state in NOTICE_STATES and case.notice_start:
        return wf.due_in_state(case, _midnight(case.notice_start), "review",
                               extra_days=notice_days(case))
    return wf.due_in_state(case, now)


def describe(case: Case) -> str:
    return f"{case.household.household_id} {case.household.head_name}"


CASES = engine.register(engine.Workflow(
    name=CASES_NAME, model=Case, noun=_("case"), states=STATES,
    transitions=TRANSITIONS, levels=LEVEL_PERMISSION, closed=CLOSED,
    deadline_defaults=deadline_defaults, due=case_due, describe=describe,
    url=lambda case: reverse("case-detail", args=[case.pk]),
    place=lambda case: case.household.village.name,
    lock_related=("household",), inbox_related=("household", "household__village"),
    # Steps that need no input of their own: a village's notices are posted together, a
    # township passes the notices that have served their days, the county decides on the
    # cases its township passed (category and risk types as found).
    batch_actions=frozenset({"post_notice", "township_approve", "approve",
                             "elim_village_review", "elim_post_notice",
                             "elim_township_approve", "eliminate"}),
))
BY_KEY = CASES.by_key


def transition(state: str, action: str) -> Transition:
    return CASES.transition(state, action)


def actions_from(state: str) -> list[Transition]:
    return CASES.actions_from(state)


def level_of(state: str) -> str | None:
    """Who must act next on a case in ``state``."""
    return CASES.level_of(state)
