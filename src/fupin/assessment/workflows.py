"""The assessment and its appeals as data for the core workflow engine (ADR 0022, 0038).
``fupin.core.workflow.take`` does the rest: lock, region, version, legality, level, guard,
effect, step record, audit and notifications (the inbox).

Both procedures are the third-party evaluator's at the county level: an evaluator bound to
the county (``assessment.conduct_assessment``) moves the assessment from field work to a
published report; one holding ``assessment.decide_appeal`` upholds or rejects the county's
appeals. The county files appeals (``services.file_appeal``) while the estimates are out
and before publication: publishing waits until every appeal is decided.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from fupin.assessment import estimates
from fupin.assessment.choices import Decision, Outcome
from fupin.assessment.models import Appeal, Assessment
from fupin.core import labels
from fupin.core import workflow as engine
from fupin.core.errors import Forbidden
from fupin.core.workflow import Move, Transition

ASSESSMENT_NAME = "assessment.assessment"
APPEAL_NAME = "assessment.appeal"
COUNTY = "county"

STATES = {
    "fieldwork": _("Sample drawn: field work under way"),
    "results_complete": _("Field results complete: estimation due"),
    "estimated": _("Estimated: open to appeals, publication due"),
    "published": _("Report published"),
}


def _fieldwork_done(move: Move) -> list[str]:
    pending = move.obj.units.filter(active=True, outcome=Outcome.PENDING).count()
    if pending:
        return [gettext("%(n)d sampled households have no result yet") % {"n": pending}]
    return []


def _estimate(move: Move) -> None:
    estimates.store(move.obj, estimates.compute(move.obj))
    move.obj.estimated_at = move.now


def _reasons(move: Move) -> list[str]:
    return [] if move.note.strip() else [gettext("give the reason")]


def _no_open_appeal(move: Move) -> list[str]:
    pending = move.obj.appeals.filter(closed=False).count()
    if pending:
        return [gettext("%(n)d appeals are not decided yet") % {"n": pending}]
    return []


def _publish(move: Move) -> None:
    move.obj.published_at = move.now


TRANSITIONS = [
    Transition("fieldwork", "complete_fieldwork", "results_complete", COUNTY,
               _("Field results complete"), guard=_fieldwork_done),
    Transition("results_complete", "estimate", "estimated", COUNTY,
               _("Estimate the rates"), effect=_estimate),
    Transition("results_complete", "reopen_fieldwork", "fieldwork", COUNTY,
               _("Reopen field work"), guard=_reasons),
    Transition("estimated", "reopen_fieldwork", "fieldwork", COUNTY,
               _("Reopen field work"), guard=_reasons),
    Transition("estimated", "publish", "published", COUNTY, _("Publish the report"),
               guard=_no_open_appeal, effect=_publish),
]


def _no_deadline(obj: Any, now: Any, wf: engine.Workflow) -> None:
    """An assessment runs on the evaluator's field schedule, not a statutory clock."""
    return None


def county_name(code: str) -> str:
    return labels.word("division", code)


ASSESSMENT = engine.register(engine.Workflow(
    name=ASSESSMENT_NAME, model=Assessment, noun=_("assessment"), states=STATES,
    transitions=TRANSITIONS, levels={COUNTY: "assessment.conduct_assessment"},
    closed=frozenset({"published"}), due=_no_deadline,
    describe=lambda a: f"{gettext('Assessment')} {county_name(a.county_code)} {a.year}",
    url=lambda a: reverse("assessment-detail", args=[a.pk]),
    place=lambda a: county_name(a.county_code),
))

# --- appeals ---------------------------------------------------------------------------------

APPEAL_STATES = {
    "filed": _("Appeal filed: the evaluator's decision due"),
    "upheld": _("Appeal upheld"),
    "rejected": _("Appeal rejected"),
}


def _decider(move: Move) -> list[str]:
    if not move.actor.has_perm("assessment.decide_appeal"):
        raise Forbidden(gettext("only the evaluator decides an appeal"))
    return _reasons(move)


def _decide(move: Move) -> None:
    appeal = move.obj
    appeal.decision = (Decision.UPHOLD if move.transition.action == "uphold"
                       else Decision.REJECT)
    appeal.decision_reason = move.note.strip()
    appeal.decided_by = move.actor
    appeal.decided_at = move.now


APPEAL_TRANSITIONS = [
    Transition("filed", "uphold", "upheld", COUNTY, _("Uphold the appeal"),
               guard=_decider, effect=_decide),
    Transition("filed", "reject", "rejected", COUNTY, _("Reject the appeal"),
               guard=_decider, effect=_decide),
]


def appeal_deadlines() -> dict[str, int]:
    return {"step": int(getattr(settings, "FUPIN_APPEAL_DECISION_DAYS", 15))}


APPEAL = engine.register(engine.Workflow(
    name=APPEAL_NAME, model=Appeal, noun=_("appeal"), states=APPEAL_STATES,
    transitions=APPEAL_TRANSITIONS, levels={COUNTY: "assessment.decide_appeal"},
    closed=frozenset({"upheld", "rejected"}), deadline_defaults=appeal_deadlines,
    describe=lambda a: f"{gettext('Appeal')} #{a.pk} · {a.assessment}",
    url=lambda a: reverse("appeal-detail", args=[a.pk]),
    place=lambda a: county_name(a.county_code),
    lock_related=("assessment",), inbox_related=("assessment",),
))
