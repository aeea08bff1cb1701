"""The vocabularies of accountability (问责): sources, categories, severities, action kinds.

One place: models, forms, the API, exports and labels read these.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    """Where a finding comes from: third-party and fund evaluation, media undercover visits,
    audits, inspections, 12317 and other complaints, the system's own checks
    (docs/accountability.md)."""

    EVALUATION = "evaluation", _("Third-party evaluation")
    FUND_PERFORMANCE = "fund_performance", _("Fund performance evaluation")
    MEDIA_VISIT = "media_visit", _("Media undercover visit")
    AUDIT = "audit", _("Audit")
    INSPECTION = "inspection", _("Inspection")
    HOTLINE_12317 = "hotline_12317", _("12317 hotline report")
    COMPLAINT = "complaint", _("Other complaint")
    DATA_CHECK = "data_check", _("System data check")
    INTEGRITY = "integrity", _("Integrity analytics")


class Category(models.TextChoices):
    FALSE_DATA = "false_data", _("False data")
    POLICY_NOT_IN_PLACE = "policy_not_in_place", _("Policy not in place")
    FUND_MISUSE = "fund_misuse", _("Fund misuse")
    WORK_STYLE = "work_style", _("Work style")
    POOR_SERVICE = "poor_service", _("Poor service")
    OTHER = "other", _("Other")


class Severity(models.TextChoices):
    MINOR = "minor", _("Minor")
    GENERAL = "general", _("General")
    SERIOUS = "serious", _("Serious")


class LinkKind(models.TextChoices):
    """What a finding is about."""

    HOUSEHOLD = "household", _("Household")
    CASE = "case", _("Case")
    EVALUATION_RESULT = "evaluation_result", _("Evaluation result")
    EXPENDITURE = "expenditure", _("Expenditure")
    PRODUCT = "product", _("Product")


class ActionKind(models.TextChoices):
    """Accountability actions (问责措施)."""

    NOTICE = "notice", _("Public notice (通报)")
    TALK = "talk", _("Summoning for talks (约谈)")
    DEADLINE = "deadline", _("Rectification by a deadline (限期整改)")
    OFFICIALS = "officials", _("Accountability of officials (问责)")
    DEDUCTION = "deduction", _("Deduction of evaluation points")
    NO_TOP_GRADE = "no_top_grade", _("No top grade this year")
    DEMONSTRATION_LOSS = "demonstration_loss", _("Loss of demonstration status")
    FUND_RECOVERY = "fund_recovery", _("Recovery of funds")


#: Who verifies a rectification: the family of the finding's source, as a permission. The
#: evaluator verifies what evaluations, media visits and the system's own checks found; the
#: auditor what audits and inspections found; the county approver how complaints were handled.
VERIFIER_PERMISSION = {
    Source.EVALUATION: "accountability.record_evaluation_finding",
    Source.FUND_PERFORMANCE: "accountability.record_evaluation_finding",
    Source.MEDIA_VISIT: "accountability.record_evaluation_finding",
    Source.DATA_CHECK: "accountability.record_evaluation_finding",
    Source.INTEGRITY: "accountability.record_evaluation_finding",
    Source.AUDIT: "accountability.record_audit_finding",
    Source.INSPECTION: "accountability.record_audit_finding",
    Source.HOTLINE_12317: "accountability.record_complaint",
    Source.COMPLAINT: "accountability.record_complaint",
}
#: Sources entered by people (the automatic ones come from ``services.sync_*``).
MANUAL_SOURCES = [s for s in Source if s not in {Source.DATA_CHECK, Source.INTEGRITY}]
COMPLAINT_SOURCES = frozenset({Source.HOTLINE_12317, Source.COMPLAINT})

#: The level that approves each kind of action: the county for its own deadlines and fund
#: recovery; the province for public notices, talks, officials' accountability and anything
#: that changes a county's evaluation.
ACTION_LEVEL = {
    ActionKind.NOTICE: "province",
    ActionKind.TALK: "province",
    ActionKind.DEADLINE: "county",
    ActionKind.OFFICIALS: "province",
    ActionKind.DEDUCTION: "province",
    ActionKind.NO_TOP_GRADE: "province",
    ActionKind.DEMONSTRATION_LOSS: "province",
    ActionKind.FUND_RECOVERY: "county",
}
#: Kinds the evaluation app reads when it scores the next round.
EVALUATION_KINDS = frozenset({ActionKind.DEDUCTION, ActionKind.NO_TOP_GRADE,
                              ActionKind.DEMONSTRATION_LOSS})
