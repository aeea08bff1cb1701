"""The procedure's codes in words (:mod:`fupin.core.labels`): states, steps, measures,
channels, alert kinds, departments, and what the cases app writes on the audit ledger.

States and steps come from the workflow definition itself (``cases.workflow``), so a new step
has its word where it is defined.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from fupin.cases.models import Channel, EliminationKind, MeasureType
from fupin.core import labels


def _states() -> dict[str, str]:
    from fupin.cases.workflow import STATES

    return dict(STATES)


def _steps() -> dict[str, str]:
    from fupin.cases.workflow import TRANSITIONS

    return {t.action: t.label for t in TRANSITIONS}


#: What a self-report, a cadre or a department says happened (besides the pack's categories
#: and risk types, which are kinds too: a run's alert is its category).
ALERT_KINDS = {
    "illness": gettext_lazy("Illness"),
    "disaster": gettext_lazy("Natural disaster"),
    "accident": gettext_lazy("Accident"),
    "income_drop": gettext_lazy("Sharp drop in income"),
    "ecommerce_loss": gettext_lazy("E-commerce loss"),
    "other": gettext_lazy("Other"),
}


def _alert_kinds() -> dict[str, str]:
    return {**labels.vocabulary("risk_type"), **ALERT_KINDS, **labels.vocabulary("category")}


#: The departments that send screening feeds (行业部门筛查预警).
DEPARTMENTS = {
    "health_insurance": gettext_lazy("Medical insurance bureau"),
    "civil_affairs": gettext_lazy("Civil affairs"),
    "education": gettext_lazy("Education department"),
    "housing": gettext_lazy("Housing and construction"),
    "emergency": gettext_lazy("Emergency management"),
    "disability": gettext_lazy("Disabled persons' federation"),
}

_ACTIONS = {
    "cases.open": gettext_lazy("Case opened"),
    "cases.alert": gettext_lazy("Alert received"),
    "cases.sync": gettext_lazy("Cases of a monitoring run opened"),
    "cases.raise_objection": gettext_lazy("Objection raised"),
    "cases.answer_objection": gettext_lazy("Objection answered"),
    "cases.attach": gettext_lazy("Evidence attached"),
    "cases.add_measure": gettext_lazy("Assistance measure recorded"),
    "cases.add_visit": gettext_lazy("Follow-up visit recorded"),
}


def _audit_actions() -> dict[str, str]:
    """Every step is written ``cases.<action>`` by the workflow engine."""
    return {**_ACTIONS, **{f"cases.{code}": word for code, word in _steps().items()}}


VOCABULARIES = {
    "case_state": _states,
    "case_step": _steps,
    "measure": dict(MeasureType.choices),
    "channel": dict(Channel.choices),
    "elimination_kind": dict(EliminationKind.choices),
    "alert_kind": _alert_kinds,
    "department": DEPARTMENTS,
    "audit_action": _audit_actions,
    "object_type": {
        "cases.case": gettext_lazy("case"),
        "cases.alert": gettext_lazy("alert"),
        "cases.objection": gettext_lazy("objection"),
        "cases.attachment": gettext_lazy("attachment"),
        "cases.measure": gettext_lazy("assistance measure"),
        "cases.visit": gettext_lazy("follow-up visit"),
    },
}
