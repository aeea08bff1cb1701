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
}
OBJECTS_FUNDS: dict = {
}
FUND_VOCABULARIES: dict = {
}

VOCABULARIES = {
    "audit_action": {**AUDIT_ROUNDS, **AUDIT_SCORECARDS, **AUDIT_FUNDS},
    "object_type": {**OBJECTS_ROUNDS, **OBJECTS_SCORECARDS, **OBJECTS_FUNDS},
    **ROUND_VOCABULARIES,
    **FUND_VOCABULARIES,
}
