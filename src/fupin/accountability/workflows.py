"""Rectification (整改) and the approval of accountability actions as data for the core
workflow engine (ADR 0022). ``fupin.core.workflow.take`` does the rest: lock, region,
version, legality, level, guard, effect, step record, audit and notifications.

Levels are division levels. At the county level the responsible unit (county officer or
approver, ``rectify``) plans, reports and claims completion, and the source (the evaluator,
auditor or complaint handler, by ``choices.VERIFIER_PERMISSION``) verifies or sends back;
``accountability.act_county`` lets a county-bound user act at all, and the guards below say
which of those steps the user's role may take (a wrong role is 403, not 400). Overdue
rectifications escalate to the province (``act_province``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from fupin.accountability.choices import ACTION_LEVEL, VERIFIER_PERMISSION
from fupin.accountability.models import AccountabilityAction, Rectification, Report
from fupin.core import workflow as engine
from fupin.core.errors import Forbidden
from fupin.core.workflow import Move, Transition

RECTIFICATION_NAME = "accountability.rectification"
ACTION_NAME = "accountability.action"
COUNTY, PROVINCE = "county", "province"

STATES = {
    "assigned": _("Assigned: rectification plan due"),
    "planned": _("Plan submitted: rectification under way"),
    "in_progress": _("Rectification under way"),
    "claimed": _("Completion claimed: verification due"),
    "verified": _("Verified and closed"),
}
CLOSED = frozenset({"verified"})


# --- guards -----------------------------------------------------------------------------------

def _rectifier(move: Move) -> list[str]:
    """The responsible unit acts: a county officer or approver (``rectify``); the text of
    the plan or report is required."""
    if not move.actor.has_perm("accountability.rectify"):
        raise Forbidden(gettext("only the responsible unit may report on its rectification"))
    return [] if move.note.strip() else [gettext("write the plan or the report")]


def _verifier(move: Move) -> list[str]:
    """The source verifies: the permission of the finding's source family, and never the
    person who claimed completion (four eyes)."""
    rect = move.obj
    needed = VERIFIER_PERMISSION[rect.finding.source]
    if not (move.actor.has_perm("accountability.verify_rectification")
            and move.actor.has_perm(needed)):
        raise Forbidden(gettext("only the source of the finding may verify its rectification"))
    if rect.claimed_by_id == move.actor.pk:
        raise Forbidden(gettext("who claimed completion may not verify it"))
    if move.transition.action == "send_back" and not move.note.strip():
        return [gettext("give the reasons for sending it back")]
    return []


# --- effects ----------------------------------------------------------------------------------

_REPORT_KIND = {"submit_plan": Report.Kind.PLAN, "report_progress": Report.Kind.PROGRESS,
                "claim_completion": Report.Kind.COMPLETION,
                "verify": Report.Kind.VERIFICATION, "send_back": Report.Kind.SENT_BACK}


def _report(move: Move) -> None:
    report = Report.objects.create(rectification=move.obj,
                                   kind=_REPORT_KIND[move.transition.action],
                                   text=move.note.strip() or str(STATES[move.transition.to]),
                                   actor=move.actor, at=move.now)
    move.params["report"] = report


def _claim(move: Move) -> None:
    _report(move)
    move.obj.claimed_by = move.actor


def _verify(move: Move) -> None:
    _report(move)
    rect = move.obj
    rect.verified_by = move.actor
    rect.verified_at = move.now
    rect.on_time = move.now < deadline_at(rect.deadline)


def _send_back(move: Move) -> None:
    _report(move)
    move.obj.claimed_by = None


RECTIFICATION_TRANSITIONS = [
    Transition("assigned", "submit_plan", "planned", COUNTY, _("Submit the rectification plan"),
               guard=_rectifier, effect=_report),
    Transition("planned", "report_progress", "in_progress", COUNTY, _("Report progress"),
               guard=_rectifier, effect=_report),
    Transition("in_progress", "report_progress", "in_progress", COUNTY, _("Report progress"),
               guard=_rectifier, effect=_report),
    Transition("planned", "claim_completion", "claimed", COUNTY, _("Claim completion"),
               guard=_rectifier, effect=_claim),
    Transition("in_progress", "claim_completion", "claimed", COUNTY, _("Claim completion"),
               guard=_rectifier, effect=_claim),
    Transition("claimed", "verify", "verified", COUNTY, _("Verify and close"),
               guard=_verifier, effect=_verify),
    Transition("claimed", "send_back", "in_progress", COUNTY, _("Send back with reasons"),
               guard=_verifier, effect=_send_back),
]


def deadline_at(day: dt.date) -> dt.datetime:
    """The end of the deadline's day (China time): overdue from the next morning."""
    tz = dt.timezone(dt.timedelta(hours=8))
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=tz)


def rectification_due(rect: Rectification, now: dt.datetime,
                      wf: engine.Workflow) -> dt.datetime | None:
    """The rectification's own deadline, whatever step it is at."""
    return deadline_at(rect.deadline)


def rectifications_waiting_for(user) -> Q:
    """The rectification steps that are the user's: planning and reporting for those who
    rectify, verification for the source of the finding (its family's permission) — so an
    auditor's inbox does not list what an evaluator verifies, nor plans nobody asked of it."""
    mine = Q(pk__isnull=True)  # nothing
    if user.has_perm("accountability.rectify"):
        mine |= ~Q(state="claimed")
    if user.has_perm("accountability.verify_rectification"):
        sources = [s for s, perm in VERIFIER_PERMISSION.items() if user.has_perm(perm)]
        mine |= Q(state="claimed", finding__source__in=sources)
    return mine


RECTIFICATION = engine.register(engine.Workflow(
    name=RECTIFICATION_NAME, model=Rectification, noun=_("rectification"), states=STATES,
    transitions=RECTIFICATION_TRANSITIONS,
    levels={COUNTY: "accountability.act_county", PROVINCE: "accountability.act_province"},
    closed=CLOSED, due=rectification_due,
    describe=lambda r: f"{gettext('Rectification')} #{r.finding_id} {r.finding.title}",
    url=lambda r: reverse("finding-detail", args=[r.finding_id]),
    place=lambda r: r.finding.responsible_unit,
    lock_related=("finding",), inbox_related=("finding",),
    waiting_for=rectifications_waiting_for,
))


# --- accountability actions: approval at the action's level ---------------------------------

ACTION_STATES = {
    "proposed_county": _("Proposed: county approval due"),
    "proposed_province": _("Proposed: province approval due"),
    "approved": _("Approved"),
    "rejected": _("Not approved"),
}


def initial_action_state(kind: str) -> str:
    return f"proposed_{ACTION_LEVEL[kind]}"


def _approver(move: Move) -> list[str]:
    """Four eyes: who proposed an action does not approve it; a refusal gives reasons."""
    if move.obj.proposed_by_id == move.actor.pk:
        raise Forbidden(gettext("who proposed an action may not approve it"))
    if move.transition.action == "reject" and not move.note.strip():
        return [gettext("give the reasons for not approving")]
    return []


def _approve(move: Move) -> None:
    move.obj.approved_at = move.now


ACTION_TRANSITIONS = [
    Transition(f"proposed_{level}", action, to, level, label, guard=_approver,
               effect=_approve if action == "approve" else None)
    for level in (COUNTY, PROVINCE)
    for action, to, label in (("approve", "approved", _("Approve")),
                              ("reject", "rejected", _("Do not approve")))
]


def action_deadlines() -> dict[str, int]:
    return {"step": int(getattr(settings, "FUPIN_ACTION_APPROVAL_DAYS", 15))}


ACTIONS = engine.register(engine.Workflow(
    name=ACTION_NAME, model=AccountabilityAction, noun=_("accountability action"),
    states=ACTION_STATES, transitions=ACTION_TRANSITIONS,
    levels={COUNTY: "accountability.approve_county_action",
            PROVINCE: "accountability.approve_province_action"},
    closed=frozenset({"approved", "rejected"}), deadline_defaults=action_deadlines,
    describe=lambda a: f"{a.get_kind_display()} {a.decision_document}",
    url=lambda a: reverse("finding-detail", args=[a.finding_id]),
    place=lambda a: a.finding.responsible_unit,
    lock_related=("finding",), inbox_related=("finding",),
))


def describe_state(state: str, wf: engine.Workflow = RECTIFICATION) -> Any:
    return wf.states.get(state, state)
