"""Evaluation codes in words (:mod:`fupin.core.labels`), one block per area."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from fupin.evaluation.choices import Consequence, Grade, ValueUsed, VerifyMethod
from fupin.evaluation.workflows import STATES, TRANSITIONS

# --- rounds (audit actions, object types, actors and vocabularies of the rounds area)
AUDIT_ROUNDS: dict = {
    "evaluation.load_system": gettext_lazy("Default indicator system loaded"),
    "evaluation.publish_system": gettext_lazy("Indicator system published"),
    "evaluation.open_round": gettext_lazy("Evaluation round opened"),
    "evaluation.compute_values": gettext_lazy("Evaluation values computed"),
    "evaluation.submit_value": gettext_lazy("Evaluation value submitted"),
    "evaluation.verify_value": gettext_lazy("Evaluation value verified"),
    "evaluation.add_evidence": gettext_lazy("Evaluation evidence added"),
    "evaluation.download_evidence": gettext_lazy("Evaluation evidence downloaded"),
    "evaluation.submit_evaluation": gettext_lazy("County evaluation submitted"),
    "evaluation.verify_evaluation": gettext_lazy("County evaluation verified"),
    "evaluation.send_back": gettext_lazy("County evaluation sent back"),
    "evaluation.review_evaluation": gettext_lazy("County evaluation reviewed"),
    "evaluation.publish_evaluation": gettext_lazy("County evaluation published"),
    "evaluation.publish_result": gettext_lazy("Evaluation result written"),
    "evaluation.import_submissions": gettext_lazy("Evaluation submissions imported"),
    "evaluation.import_verifications": gettext_lazy("Evaluation verifications imported"),
    "evaluation.export_values": gettext_lazy("Evaluation values exported"),
}
OBJECTS_ROUNDS: dict = {
    "evaluation.indicatorsystem": gettext_lazy("Indicator system"),
    "evaluation.round": gettext_lazy("Evaluation round"),
    "evaluation.county": gettext_lazy("County evaluation"),
    "evaluation.countyevaluation": gettext_lazy("County evaluation"),
    "evaluation.indicatorvalue": gettext_lazy("Indicator value"),
    "evaluation.valueevidence": gettext_lazy("Evaluation evidence file"),
    "evaluation.result": gettext_lazy("Evaluation result"),
}
ROUND_VOCABULARIES: dict = {
    "evaluation_state": STATES,
    "evaluation_step": {t.action: t.label for t in TRANSITIONS},
    "evaluation_grade": dict(Grade.choices),
    "verify_method": dict(VerifyMethod.choices),
    "value_used": dict(ValueUsed.choices),
    "evaluation_consequence": dict(Consequence.choices),
    "scoring_method": {
        "threshold": gettext_lazy("Threshold (met or not)"),
        "linear": gettext_lazy("Linear between floor and target"),
        "ratio": gettext_lazy("Ratio to the target"),
        "boolean": gettext_lazy("Yes or no"),
        "count": gettext_lazy("Points per event"),
        "deduction": gettext_lazy("Deduction per event"),
    },
    "actor": {"system:evaluation": gettext_lazy("System (evaluation)")},
}

# --- scorecards
AUDIT_SCORECARDS: dict = {
    "evaluation.export_scorecard": gettext_lazy("Evaluation scorecard exported to Excel"),
    "evaluation.print_scorecard": gettext_lazy("Evaluation scorecard printed (PDF)"),
}
OBJECTS_SCORECARDS: dict = {
    "evaluation.countyevaluation": gettext_lazy("County evaluation"),
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
