"""The identification → assistance → risk-elimination procedure as a pure state machine.

No ORM here: a table of transitions (state, action) → next state, who may take it, and the
deadline of the state it leads to. Services apply it to cases (DOMAIN.md §4).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

VILLAGE, TOWNSHIP, COUNTY = "village", "township", "county"
#: The permission that lets a user act at each level.
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
CLOSED = {"rejected", "eliminated"}
NOTICE_STATES = {"notice", "elim_notice"}


@dataclass(frozen=True)
class Transition:
    state: str
    action: str
    to: str
    level: str
    label: object


TRANSITIONS = [
    Transition("alerted", "visit", "visited", VILLAGE,
               _("Household visited, authorisation signed")),
    Transition("visited", "compare", "compared", VILLAGE, _("Data compared across departments")),
    Transition("compared", "village_review", "reviewed", VILLAGE, _("Village democratic review")),
    Transition("reviewed", "post_notice", "notice", VILLAGE, _("Post the public notice")),
    Transition("notice", "township_approve", "township_approved", TOWNSHIP,
               _("Township review: pass")),
    Transition("notice", "township_reject", "rejected", TOWNSHIP, _("Township review: refuse")),
    Transition("township_approved", "approve", "monitored", COUNTY,
               _("County decision: approve as monitoring object")),
    Transition("township_approved", "reject", "rejected", COUNTY,
               _("County decision: not approved")),
    Transition("monitored", "propose_elimination", "elim_proposed", VILLAGE,
               _("Propose risk elimination")),
    Transition("elim_proposed", "elim_village_review", "elim_reviewed", VILLAGE,
               _("Village review of the elimination")),
    Transition("elim_reviewed", "elim_post_notice", "elim_notice", VILLAGE,
               _("Post the elimination notice")),
    Transition("elim_notice", "elim_township_approve", "elim_township_approved", TOWNSHIP,
               _("Township review of the elimination: pass")),
    Transition("elim_notice", "elim_township_reject", "monitored", TOWNSHIP,
               _("Township review of the elimination: refuse")),
    Transition("elim_township_approved", "eliminate", "eliminated", COUNTY,
               _("County decision: risk eliminated")),
    Transition("elim_township_approved", "elim_reject", "monitored", COUNTY,
               _("County decision: elimination refused")),
    Transition("eliminated", "rollback", "monitored", COUNTY, _("Roll back the elimination")),
]
BY_KEY = {(t.state, t.action): t for t in TRANSITIONS}


class IllegalTransition(Exception):
    """The action is not possible from the case's state."""


def transition(state: str, action: str) -> Transition:
    try:
        return BY_KEY[(state, action)]
    except KeyError:
        allowed = ", ".join(t.action for t in TRANSITIONS if t.state == state) or "none"
        raise IllegalTransition(
            f"{action} is not possible while the case is {state} (possible: {allowed})"
        ) from None


def actions_from(state: str) -> list[Transition]:
    return [t for t in TRANSITIONS if t.state == state]


def level_of(state: str) -> str | None:
    """Who must act next on a case in ``state``."""
    options = actions_from(state)
    return options[0].level if options and state != "eliminated" else None
