"""Assessment codes in words (:mod:`fupin.core.labels`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from fupin.assessment.choices import Channel, Decision, Outcome, Role, Stratum
from fupin.assessment.workflows import APPEAL_STATES, STATES

INDICATORS = {
    "wrong_exit_rate": gettext_lazy("Wrong exit rate (错退率)"),
    "omission_rate": gettext_lazy("Omission rate (漏评率)"),
    "approval_rate": gettext_lazy("Approval rate (群众认可度)"),
    "comprehensive_poverty_rate": gettext_lazy("Comprehensive poverty rate (综合贫困发生率)"),
}

VOCABULARIES = {
    "assessment_state": STATES,
    "appeal_state": APPEAL_STATES,
    "assessment_stratum": dict(Stratum.choices),
    "assessment_outcome": dict(Outcome.choices),
    "sample_role": dict(Role.choices),
    "submission_channel": dict(Channel.choices),
    "appeal_decision": dict(Decision.choices),
    "assessment_indicator": INDICATORS,
    "assessment_verdict": {
        "passes": gettext_lazy("passes"),
        "fails": gettext_lazy("fails"),
        "undecided": gettext_lazy("undecided: the interval straddles the threshold"),
    },
    "assessment_step": {
        "complete_fieldwork": gettext_lazy("Field results complete"),
        "estimate": gettext_lazy("Estimated"),
        "reopen_fieldwork": gettext_lazy("Field work reopened"),
        "publish": gettext_lazy("Report published"),
        "uphold": gettext_lazy("Appeal upheld"),
        "reject": gettext_lazy("Appeal rejected"),
    },
}
VOCABULARIES["audit_action"] = {
    "assessment.open": gettext_lazy("Assessment opened and sample drawn"),
    "assessment.record_interview": gettext_lazy("Interview recorded"),
    "assessment.record_unavailable": gettext_lazy("Household refused or absent, replaced"),
    "assessment.import_submissions": gettext_lazy("Field submissions imported"),
    "assessment.export_submissions": gettext_lazy("Field submissions exported"),
    "assessment.complete_fieldwork": gettext_lazy("Assessment field results complete"),
    "assessment.estimate": gettext_lazy("Assessment estimated"),
    "assessment.reopen_fieldwork": gettext_lazy("Assessment field work reopened"),
    "assessment.publish": gettext_lazy("Assessment report published"),
    "assessment.file_appeal": gettext_lazy("Assessment appeal filed"),
    "assessment.uphold": gettext_lazy("Assessment appeal upheld"),
    "assessment.reject": gettext_lazy("Assessment appeal rejected"),
    "assessment.add_evidence": gettext_lazy("Appeal evidence added"),
    "assessment.download_evidence": gettext_lazy("Appeal evidence downloaded"),
}
VOCABULARIES["object_type"] = {
    "assessment.assessment": gettext_lazy("Assessment"),
    "assessment.appeal": gettext_lazy("Assessment appeal"),
    "assessment.submission": gettext_lazy("Field submission"),
    "assessment.evidence": gettext_lazy("Appeal evidence"),
}
