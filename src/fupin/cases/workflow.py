"""The identification → assistance → risk-elimination procedure (DOMAIN.md §4) as data for
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

from fupin.cases.elimination import MONITORING_CATEGORIES, elimination_check
from fupin.cases.models import Case, EliminationKind
from fupin.core import workflow as engine
from fupin.core.errors import Conflict
from fupin.core.workflow import IllegalTransition, Move, Transition  # noqa: F401 - re-exported

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


# --- guards: the unmet conditions, in words ---------------------------------------------------

def notice_served(move: Move) -> list[str]:
    """The public notice has stayed up the minimum number of days."""
    case, days = move.obj, settings.FUPIN_PUBLIC_NOTICE_DAYS
    minimum = case.notice_start + dt.timedelta(days=days)
    if timezone.localdate() < minimum:
        return [gettext("the public notice posted on %(start)s must stay up %(days)s days: "
                        "review from %(minimum)s on")
                % {"start": case.notice_start, "minimum": minimum, "days": days}]
    return []


def reason_given(move: Move) -> list[str]:
    return [] if move.note.strip() else [gettext("give the reason")]


def category_chosen(move: Move) -> list[str]:
    if move.param("category") in MONITORING_CATEGORIES:
        return []
    return [gettext("choose the category: unstable, marginal or sudden_hardship")]


def elimination_criteria(move: Move) -> list[str]:
    """Every criterion of risk elimination that does not hold (the warnings are kept for the
    effect)."""
    kind = move.param("elimination_kind")
    if kind not in EliminationKind.values:
        return [gettext("choose the kind of elimination")]
    unmet, warnings = elimination_check(move.obj, kind, move.now)
    move.params["warnings"] = warnings
    return unmet


# --- effects: what a step changes besides the state -------------------------------------------

def post_notice(move: Move) -> None:
    move.obj.notice_start = move.param("notice_start", None) or timezone.localdate()


def approve(move: Move) -> None:
    move.obj.category = move.param("category")
    move.obj.approved_at = move.now
    move.obj.decision_note = move.note


def record_decision(move: Move) -> None:
    move.obj.decision_note = move.note


def propose_elimination(move: Move) -> None:
    move.obj.elimination_kind = move.param("elimination_kind")
    move.obj.warnings = move.param("warnings", [])


def eliminate(move: Move) -> None:
    move.obj.eliminated_at = move.now


def roll_back(move: Move) -> None:
    case = move.obj
    if Case.objects.filter(household=case.household, closed=False).exclude(
            pk=case.pk).exists():
        raise Conflict(gettext("the household has another open case"))
    case.eliminated_at = None
    case.elimination_kind = ""


def _reject(state: str, action: str, to: str, level: str, label: Any,
            effect=None) -> Transition:
    return Transition(state, action, to, level, label, guard=reason_given, effect=effect)


TRANSITIONS = [
    Transition("alerted", "visit", "visited", VILLAGE,
               _("Household visited, authorisation signed")),
    Transition("visited", "compare", "compared", VILLAGE,
               _("Data compared across departments")),
    Transition("compared", "village_review", "reviewed", VILLAGE,
               _("Village democratic review")),
    Transition("reviewed", "post_notice", "notice", VILLAGE, _("Post the public notice"),
               effect=post_notice),
    Transition("notice", "township_approve", "township_approved", TOWNSHIP,
               _("Township review: pass"), guard=notice_served),
    _reject("notice", "township_reject", "rejected", TOWNSHIP,
            _("Township review: refuse")),
    Transition("township_approved", "approve", "monitored", COUNTY,
               _("County decision: approve as monitoring object"),
               guard=category_chosen, effect=approve),
    _reject("township_approved", "reject", "rejected", COUNTY,
            _("County decision: not approved"), effect=record_decision),
    Transition("monitored", "propose_elimination", "elim_proposed", VILLAGE,
               _("Propose risk elimination"), guard=elimination_criteria,
               effect=propose_elimination),
    Transition("elim_proposed", "elim_village_review", "elim_reviewed", VILLAGE,
               _("Village review of the elimination")),
    Transition("elim_reviewed", "elim_post_notice", "elim_notice", VILLAGE,
               _("Post the elimination notice"), effect=post_notice),
    Transition("elim_notice", "elim_township_approve", "elim_township_approved", TOWNSHIP,
               _("Township review of the elimination: pass"), guard=notice_served),
    _reject("elim_notice", "elim_township_reject", "monitored", TOWNSHIP,
            _("Township review of the elimination: refuse")),
    Transition("elim_township_approved", "eliminate", "eliminated", COUNTY,
               _("County decision: risk eliminated"), effect=eliminate),
    _reject("elim_township_approved", "elim_reject", "monitored", COUNTY,
            _("County decision: elimination refused")),
    Transition("eliminated", "rollback", "monitored", COUNTY,
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
                               extra_days=settings.FUPIN_PUBLIC_NOTICE_DAYS)
    return wf.due_in_state(case, now)


def describe(case: Case) -> str:
    return f"{case.household.household_id} {case.household.head_name}"


CASES = engine.register(engine.Workflow(
    name="cases.case", model=Case, noun=_("case"), states=STATES,
    transitions=TRANSITIONS, levels=LEVEL_PERMISSION, closed=CLOSED,
    deadline_defaults=deadline_defaults, due=case_due, describe=describe,
    url=lambda case: reverse("case-detail", args=[case.pk]),
    place=lambda case: case.household.village.name,
    lock_related=("household",), inbox_related=("household", "household__village"),
))
BY_KEY = CASES.by_key


def transition(state: str, action: str) -> Transition:
    return CASES.transition(state, action)


def actions_from(state: str) -> list[Transition]:
    return CASES.actions_from(state)


def level_of(state: str) -> str | None:
    """Who must act next on a case in ``state``."""
    return CASES.level_of(state)
