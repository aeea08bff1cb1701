"""The round workflow on the platform engine (rounds): a county evaluation as data for
``fupin.core.workflow`` (ADR 0022, ADR 0045). The engine does the rest: lock, region,
version, legality, level, guard, effect, step record, audit and notifications.

opened → ``submit_evaluation`` (the county: officer or approver) → submitted →
``verify_evaluation`` (the evaluator, at the county) → verified → ``review_evaluation`` (the
province) → reviewed → ``publish_evaluation`` (the province; ``services.grade_county`` writes
the result in the same transaction) → published. ``send_back``: the evaluator returns a
submission to the county (submitted → opened), the province returns a verification to the
evaluator (verified → submitted); both need the reasons. Levels are division levels;
``evaluation.act_county`` / ``act_province`` let a user act there at all and the guards say
which role takes which step (a wrong role is 403). Deadlines: the round's ``submit_by`` and
``verify_by`` (end of day, China time), then ``FUPIN_EVALUATION_REVIEW_DAYS`` for the
province; overdue county steps escalate to the province.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from fupin.core import labels
from fupin.core import workflow as engine
from fupin.core.errors import Forbidden
from fupin.core.workflow import Move, Transition
from fupin.evaluation.models import CountyEvaluation

EVALUATION_NAME = "evaluation.county"
COUNTY, PROVINCE = "county", "province"

STATES = {
    "opened": _("Opened: the county's submission is due"),
    "submitted": _("Submitted: verification due"),
    "verified": _("Verified: province review due"),
    "reviewed": _("Reviewed: ready to publish"),
    "published": _("Published"),
}
CLOSED = frozenset({"published"})

SUBMIT = "evaluation.submit_evaluation"
VERIFY = "evaluation.verify_evaluation"
REVIEW = "evaluation.review_evaluation"
PUBLISH = "evaluation.publish_evaluation"


def _needs(permission: str, message: Any):
    def guard(move: Move) -> list[str]:
        if not move.actor.has_perm(permission):
            raise Forbidden(str(message))
        return _reasons(move)
    return guard


def _reasons(move: Move) -> list[str]:
    if move.transition.action == "send_back" and not move.note.strip():
        return [gettext("give the reasons for sending it back")]
    return []


def _submitter(move: Move) -> list[str]:
    if not move.actor.has_perm(SUBMIT):
        raise Forbidden(gettext("only the county may submit its values"))
    return []


def _verifier(move: Move) -> list[str]:
    """The evaluator verifies, never who submitted (four eyes); every flagged value has a
    verified value before the evaluation is verified."""
    if not move.actor.has_perm(VERIFY):
        raise Forbidden(gettext("only an evaluator may verify a county's values"))
    if move.obj.submitted_by_id == move.actor.pk:
        raise Forbidden(gettext("who submitted the values may not verify them"))
    if move.transition.action == "send_back":
        return _reasons(move)
    open_flags = move.obj.values.filter(flagged=True, verified__isnull=True).count()
    if open_flags:
        return [gettext("verify the %(n)s flagged values first") % {"n": open_flags}]
    return []


def _submit(move: Move) -> None:
    move.obj.submitted_by = move.actor
    move.obj.submitted_at = move.now


def _verify(move: Move) -> None:
    move.obj.verified_by = move.actor
    move.obj.verified_at = move.now


def _review(move: Move) -> None:
    move.obj.reviewed_by = move.actor
    move.obj.reviewed_at = move.now


TRANSITIONS = [
    Transition("opened", "submit_evaluation", "submitted", COUNTY,
               _("Submit the county's values"), guard=_submitter, effect=_submit),
    Transition("submitted", "verify_evaluation", "verified", COUNTY,
               _("Verify the evaluation"), guard=_verifier, effect=_verify),
    Transition("submitted", "send_back", "opened", COUNTY,
               _("Send back to the county with reasons"), guard=_verifier),
    Transition("verified", "review_evaluation", "reviewed", PROVINCE,
               _("Review the evaluation"),
               guard=_needs(REVIEW, _("only the province may review an evaluation")),
               effect=_review),
    Transition("verified", "send_back", "submitted", PROVINCE,
               _("Send back to the evaluator with reasons"),
               guard=_needs(REVIEW, _("only the province may review an evaluation"))),
    Transition("reviewed", "publish_evaluation", "published", PROVINCE,
               _("Publish the result"),
               guard=_needs(PUBLISH, _("only the province may publish a result"))),
]


def end_of_day(day: dt.date) -> dt.datetime:
    """The end of ``day`` (China time): overdue from the next morning."""
    tz = dt.timezone(dt.timedelta(hours=8))
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=tz)


def evaluation_deadlines() -> dict[str, int]:
    return {"step": int(getattr(settings, "FUPIN_EVALUATION_REVIEW_DAYS", 15))}


def evaluation_due(obj: CountyEvaluation, now: dt.datetime,
                   wf: engine.Workflow) -> dt.datetime | None:
    """The round's dates for the county and the evaluator; the province's review days
    after that."""
    if obj.state == "opened":
        return end_of_day(obj.round.submit_by)
    if obj.state == "submitted":
        return end_of_day(obj.round.verify_by)
    return wf.due_in_state(obj, now)


def evaluations_waiting_for(user: Any) -> Q:
    """At the county: the submission is the county's (officer, approver), the verification
    the evaluator's; at the province everything after verification."""
    mine = Q(pk__isnull=True)
    if user.has_perm(SUBMIT):
        mine |= Q(state="opened")
    if user.has_perm(VERIFY):
        mine |= Q(state="submitted")
    if user.has_perm(REVIEW):
        mine |= Q(state="verified")
    if user.has_perm(PUBLISH):
        mine |= Q(state="reviewed")
    return mine


def _describe(obj: CountyEvaluation) -> str:
    return f"{gettext('County evaluation')} {obj.round.year} " \
        f"{labels.word('division', obj.division_code)}"


EVALUATION = engine.register(engine.Workflow(
    name=EVALUATION_NAME, model=CountyEvaluation, noun=_("county evaluation"), states=STATES,
    transitions=TRANSITIONS,
    levels={COUNTY: "evaluation.act_county", PROVINCE: "evaluation.act_province"},
    closed=CLOSED, deadline_defaults=evaluation_deadlines, due=evaluation_due,
    describe=_describe, url=lambda e: reverse("evaluation-county", kwargs={"pk": e.pk}),
    place=lambda e: labels.word("division", e.division_code),
    lock_related=("round",), inbox_related=("round",),
    batch_actions=frozenset(), waiting_for=evaluations_waiting_for,
))


def describe_state(state: str) -> Any:
    return STATES.get(state, state)
