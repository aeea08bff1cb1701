"""Findings, their rectification and the accountability actions they lead to (问责机制).

A :class:`Finding` comes from any source (docs/accountability.md lists them) and belongs to
the division responsible for it; its :class:`Rectification` moves through the core workflow engine
(``accountability.workflows``); an :class:`AccountabilityAction` cites a finding and its
decision document and is approved at its level, also through the engine. Every write goes
through ``accountability.services`` and is on the audit ledger.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fupin.accountability.choices import ActionKind, Category, LinkKind, Severity, Source
from fupin.core.models import RegionOwnedModel, RegionScopedQuerySet
from fupin.core.workflow import WorkflowObject


class Finding(RegionOwnedModel):
    """A problem found by an evaluation, audit, inspection, media visit, complaint or the
    system's own checks, in the division responsible for it.

    ``source_key`` makes automatic findings idempotent: the same data-check result (or the
    same county graded 较差 in the same round) never opens two findings. Complaints carry the
    statutory clock (``received_at`` → ``handle_due``, 15 days, once extendable to 20) and the
    complainant's name and phone, encrypted and shown masked.
    """

    source = models.CharField(_("source"), max_length=20, choices=Source.choices,
                              db_index=True)
    source_key = models.CharField(max_length=120, blank=True)
    found_on = models.DateField(_("found on"))
    division_code = models.CharField(_("division"), max_length=12, db_index=True)
    responsible_unit = models.CharField(_("responsible unit"), max_length=100)
    responsible_person = models.CharField(_("responsible person"), max_length=50, blank=True)
    category = models.CharField(_("category"), max_length=24, choices=Category.choices)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    # A media visit (暗访): the outlet and its report.
    outlet = models.CharField(_("outlet"), max_length=100, blank=True)
    report = models.TextField(_("report"), blank=True)
    #: Evidence of automatic findings (check codes, households, statistics).
    details = models.JSONField(default=dict, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    # 12317 and other complaints: the statutory clock and the complainant (encrypted).
    complainant_name = models.TextField(blank=True)
    complainant_phone = models.TextField(blank=True)
    received_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    handle_due = models.DateTimeField(_("handle by"), null=True, blank=True)
    extension_reason = models.TextField(blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    reply = models.TextField(blank=True)

    region_field = "division_code"
    audit_exclude = ("complainant_name", "complainant_phone")
    #: Fernet tokens, re-encrypted by `fupin datakey rotate` (ADR 0056).
    encrypted_fields = ("complainant_name", "complainant_phone")
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ("-found_on", "-pk")
        verbose_name = _("finding")
        permissions = [
            ("record_evaluation_finding",
             "Can record and verify findings of evaluations, media visits and data checks"),
            ("record_audit_finding", "Can record and verify findings of audits and inspections"),
            ("record_complaint", "Can record and handle 12317 reports and complaints"),
            ("reveal_complainant", "Can reveal a complainant's name and phone (audited)"),
        ]
        constraints = [models.UniqueConstraint(fields=["source_key"], condition=~Q(source_key=""),
                                               name="finding_once_per_source_key")]
        indexes = [models.Index(fields=["division_code", "found_on"], name="finding_div_idx")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.title}"

    @property
    def is_complaint(self) -> bool:
        return self.source in {Source.HOTLINE_12317, Source.COMPLAINT}


class FindingLink(models.Model):
    """What a finding is about: a household, a case, an evaluation result, an expenditure or
    a product, named by its reference and checked against the recorder's region."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(max_length=20, choices=LinkKind.choices)
    ref = models.CharField(max_length=64)
    division_code = models.CharField(max_length=12)

    region_field = "division_code"
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ("kind", "ref")
        constraints = [models.UniqueConstraint(fields=["finding", "kind", "ref"],
                                               name="finding_link_once")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.ref}"


class Rectification(WorkflowObject):
    """The responsible unit's rectification of one finding (整改), through
    ``accountability.workflows.RECTIFICATION``: assigned with a deadline → plan → progress →
    completion claimed → verified by the source, or sent back with reasons."""

    finding = models.OneToOneField(Finding, on_delete=models.CASCADE,
                                   related_name="rectification")
    division_code = models.CharField(max_length=12, db_index=True)
    deadline = models.DateField(_("deadline"))
    assigned_at = models.DateTimeField()
    claimed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    verified_at = models.DateTimeField(null=True, blank=True)
    #: Closed by its deadline (set when verified).
    on_time = models.BooleanField(null=True, blank=True)
    steps = GenericRelation("core.WorkflowStep")

    region_field = "division_code"
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ("deadline", "pk")
        verbose_name = _("rectification")
        permissions = [
            ("act_county", "Can take county-level rectification steps"),
            ("act_province", "Is told about overdue rectifications of the province"),
            ("rectify", "Can plan, report and claim completion of a rectification"),
            ("verify_rectification", "Can verify or send back a claimed rectification"),
        ]

    def __str__(self) -> str:
        return f"{self.finding.title}"


class Report(models.Model):
    """A plan, progress report, completion claim, verification or send-back of a
    rectification, with its text; evidence files attach to it."""

    class Kind(models.TextChoices):
        PLAN = "plan", _("Plan")
        PROGRESS = "progress", _("Progress report")
        COMPLETION = "completion", _("Completion claimed")
        VERIFICATION = "verification", _("Verified")
        SENT_BACK = "sent_back", _("Sent back")

    rectification = models.ForeignKey(Rectification, on_delete=models.CASCADE,
                                      related_name="reports")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    text = models.TextField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ("at", "pk")

    def __str__(self) -> str:
        return f"{self.kind} {self.at:%Y-%m-%d}"


class Evidence(models.Model):
    """An evidence file of a finding (or of one of its reports), stored under ``var/`` with
    mode 0600 under a random name and served only through ``access.access_evidence``."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="evidence")
    report = models.ForeignKey(Report, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="evidence")
    name = models.CharField(max_length=200)
    stored_as = models.CharField(max_length=100, unique=True)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at", "pk")

    def __str__(self) -> str:
        return self.name


class AccountabilityAction(WorkflowObject):
    """One accountability measure (问责措施) citing its finding and decision document,
    approved at its level (``choices.ACTION_LEVEL``) through
    ``accountability.workflows.ACTIONS``. Deductions, grade caps and the loss of
    demonstration status for ``year`` are read by the evaluation app
    (``services.evaluation_adjustments``)."""

    finding = models.ForeignKey(Finding, on_delete=models.PROTECT, related_name="actions")
    division_code = models.CharField(max_length=12, db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ActionKind.choices)
    decision_document = models.CharField(_("decision document"), max_length=120)
    decision_date = models.DateField(_("decision date"))
    #: Officials held accountable, as the document names them: [{name, unit, post}].
    officials = models.JSONField(default=list, blank=True)
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2, null=True,
                                 blank=True)
    #: The evaluation year the action affects (deductions, grade cap, demonstration status).
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2, null=True,
                                 blank=True)
    recovered = models.DecimalField(_("recovered"), max_digits=14, decimal_places=2,
                                    default=0)
    note = models.TextField(blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    steps = GenericRelation("core.WorkflowStep")

    region_field = "division_code"
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ("-decision_date", "-pk")
        verbose_name = _("accountability action")
        permissions = [
            ("approve_county_action", "Can approve county-level accountability actions"),
            ("approve_province_action", "Can approve province-level accountability actions"),
            ("record_recovery", "Can record recovered funds"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.decision_document}"
