"""Accountability codes in words (:mod:`fupin.core.labels`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from fupin.accountability.choices import ActionKind, Category, LinkKind, Severity, Source
from fupin.accountability.workflows import ACTION_STATES, STATES

VOCABULARIES = {
    "finding_source": dict(Source.choices),
    "finding_category": dict(Category.choices),
    "finding_severity": dict(Severity.choices),
    "finding_link": dict(LinkKind.choices),
    "action_kind": dict(ActionKind.choices),
    "rectification_state": STATES,
    "action_state": ACTION_STATES,
    "rectification_step": {
        "submit_plan": gettext_lazy("Plan submitted"),
        "report_progress": gettext_lazy("Progress reported"),
        "claim_completion": gettext_lazy("Completion claimed"),
        "verify": gettext_lazy("Verified"), "send_back": gettext_lazy("Sent back"),
        "approve": gettext_lazy("Approved"), "reject": gettext_lazy("Not approved"),
    },
}
VOCABULARIES["audit_action"] = {
    "accountability.record_finding": gettext_lazy("Finding recorded"),
    "accountability.assign": gettext_lazy("Rectification assigned"),
    "accountability.submit_plan": gettext_lazy("Rectification plan submitted"),
    "accountability.report_progress": gettext_lazy("Rectification progress reported"),
    "accountability.claim_completion": gettext_lazy("Rectification completion claimed"),
    "accountability.verify": gettext_lazy("Rectification verified"),
    "accountability.send_back": gettext_lazy("Rectification sent back"),
    "accountability.propose_action": gettext_lazy("Accountability action proposed"),
    "accountability.approve": gettext_lazy("Accountability action approved"),
    "accountability.reject": gettext_lazy("Accountability action not approved"),
    "accountability.record_recovery": gettext_lazy("Recovered funds recorded"),
    "accountability.add_evidence": gettext_lazy("Evidence added"),
    "accountability.acknowledge_complaint": gettext_lazy("Complaint acknowledged"),
    "accountability.extend_complaint": gettext_lazy("Complaint handling extended"),
    "accountability.reply_complaint": gettext_lazy("Complainant answered"),
    "accountability.reveal_complainant": gettext_lazy("Complainant revealed"),
    "accountability.download_evidence": gettext_lazy("Evidence file downloaded"),
    "accountability.export": gettext_lazy("Findings exported"),
}
VOCABULARIES["actor"] = {
    "system:accountability": gettext_lazy("System (findings sync)"),
}
VOCABULARIES["object_type"] = {
    "accountability.finding": gettext_lazy("Finding"),
    "accountability.rectification": gettext_lazy("Rectification"),
    "accountability.accountabilityaction": gettext_lazy("Accountability action"),
    "accountability.evidence": gettext_lazy("Evidence"),
}
