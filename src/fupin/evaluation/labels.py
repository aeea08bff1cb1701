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
