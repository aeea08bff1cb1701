"""Evaluation codes in words (:mod:`fupin.core.labels`), one block per area."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

# --- rounds (audit actions, object types, actors and vocabularies of the rounds area)
AUDIT_ROUNDS: dict = {
}
OBJECTS_ROUNDS: dict = {
}
ROUND_VOCABULARIES: dict = {
}

# --- scorecards
AUDIT_SCORECARDS: dict = {
}
OBJECTS_SCORECARDS: dict = {
}

# --- funds
AUDIT_FUNDS: dict = {
    "evaluation.record_allocation": gettext_lazy("Fund allocation recorded"),
    "evaluation.record_recovery": gettext_lazy("Fund recovery recorded"),
    "evaluation.add_project": gettext_lazy("Fund project added"),
    "evaluation.add_expenditure": gettext_lazy("Expenditure recorded"),
    "evaluation.import_funds": gettext_lazy("Fund tables imported"),
    "evaluation.export_funds": gettext_lazy("Fund tables exported"),
}
OBJECTS_FUNDS: dict = {
    "evaluation.allocation": gettext_lazy("Fund allocation"),
    "evaluation.project": gettext_lazy("Fund project"),
    "evaluation.expenditure": gettext_lazy("Expenditure"),
    "evaluation.funds": gettext_lazy("Fund tables"),
}


def _negative_rules() -> dict:
    """A word per rule of the negative list, in the language of the moment."""
    from django.utils.translation import gettext

    from fupin.evaluation.choices import NEGATIVE_LIST, FundCategory

    rules = {}
    for item in NEGATIVE_LIST:
        label = FundCategory(item).label
        rules[f"category:{item}"] = gettext("Negative-list category: %(item)s") % {
            "item": label}
        rules[f"keyword:{item}"] = gettext("Negative-list keyword: %(item)s") % {
            "item": label}
    return rules


def _fund_choices(name: str):
    def read() -> dict:
        from fupin.evaluation import choices

        return dict(getattr(choices, name).choices)
    return read


FUND_VOCABULARIES: dict = {
    "allocation_level": _fund_choices("AllocationLevel"),
    "project_state": _fund_choices("ProjectState"),
    "fund_category": _fund_choices("FundCategory"),
    "negative_rule": _negative_rules,
}

VOCABULARIES = {
    "audit_action": {**AUDIT_ROUNDS, **AUDIT_SCORECARDS, **AUDIT_FUNDS},
    "object_type": {**OBJECTS_ROUNDS, **OBJECTS_SCORECARDS, **OBJECTS_FUNDS},
    **ROUND_VOCABULARIES,
    **FUND_VOCABULARIES,
}
