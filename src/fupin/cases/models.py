"""Cases of the monitoring-object procedure (监测对象认定、帮扶、风险消除)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext_lazy as _

from fupin.core.limits import amount_validators, bounded
from fupin.core.models import RegionScopedQuerySet
from fupin.core.workflow import WorkflowObject

#: Longest alert kind (a category or risk code, or a department's alert type).
KIND_MAX = 60


class Channel(models.TextChoices):
    ENGINE = "engine", _("Monitoring run")
    SELF_REPORT = "self_report", _("Household self-report")
    CADRE_VISIT = "cadre_visit", _("Cadre visit")
    DEPARTMENT = "department", _("Department screening")


class MeasureType(models.TextChoices):
    INDUSTRY = "industry", _("Industry support")
    EMPLOYMENT = "employment", _("Employment")
    FINANCE = "finance", _("Finance (microcredit)")
    EDUCATION = "education", _("Education")
    HEALTH = "health", _("Health")
    HOUSING = "housing", _("Housing")
    WATER = "water", _("Water")
    SOCIAL_ASSISTANCE = "social_assistance", _("Social assistance")
    ECOMMERCE = "ecommerce", _("E-commerce")
    INSURANCE = "insurance", _("Insurance")
    OTHER = "other", _("Other")


class EliminationKind(models.TextChoices):
    ASSISTANCE = "assistance", _("Eliminated through assistance (帮扶消除)")
    NATURAL = "natural", _("Disappeared naturally (自然消除)")


class Case(WorkflowObject):
    """A household's way through the procedure (``cases.workflow``; its state, deadline and
    version come from ``WorkflowObject``). At most one open case per household."""

    household = models.ForeignKey("households.Household", on_delete=models.PROTECT,
                                  related_name="cases")
    village_code = models.CharField(max_length=12, db_index=True)
    channel = models.CharField(max_length=16, choices=Channel.choices)
    category = models.CharField(max_length=20, blank=True)
    risk_types = models.CharField(max_length=60, blank=True)
    opened_at = models.DateTimeField()
    notice_start = models.DateField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    #: When the 6-month monitoring clock started: the approval, or the last rollback.
    monitored_since = models.DateTimeField(null=True, blank=True)
    # Step records: the signed authorisation (入户核查, 承诺授权) ...
    consent = models.BooleanField(null=True, blank=True)
    consent_date = models.DateField(null=True, blank=True)
    consent_signed_by = models.CharField(max_length=50, blank=True)
    # ... the data comparison across departments (信息比对) ...
    compared_departments = models.CharField(max_length=300, blank=True)
    comparison_findings = models.TextField(blank=True)
    # ... and the village democratic review (民主评议).
    review_meeting_date = models.DateField(null=True, blank=True)
    votes_for = models.PositiveSmallIntegerField(null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(null=True, blank=True)
    votes_abstain = models.PositiveSmallIntegerField(null=True, blank=True)
    elimination_kind = models.CharField(max_length=12, choices=EliminationKind.choices,
                                        blank=True)
    eliminated_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    warnings = models.JSONField(default=list, blank=True)
    #: The timeline (``core.WorkflowStep``) and the notices about this case.
    steps = GenericRelation("core.WorkflowStep")
    notifications = GenericRelation("core.Notification")

    region_field = "village_code"
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ("due_at", "pk")
        permissions = [("act_village", "Can take village steps of cases"),
                       ("act_township", "Can take township steps of cases"),
                       ("act_county", "Can take county decisions on cases")]
        constraints = [models.UniqueConstraint(fields=["household"], condition=Q(closed=False),
                                               name="one_open_case_per_household")]

    def __str__(self) -> str:
        return f"case {self.pk} {self.household_id} {self.state}"


class Alert(models.Model):
    """A signal from a channel: a run, a self-report, a cadre, a department feed."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="alerts")
    channel = models.CharField(max_length=16, choices=Channel.choices)
    source = models.CharField(max_length=100)  # run:12, department name, user
    kind = models.CharField(max_length=KIND_MAX)
    date = models.DateField()
    amount = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True,
                                 validators=amount_validators(minimum=0))
    details = models.JSONField(default=dict, blank=True)
    consent = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at",)
        constraints = [
            models.UniqueConstraint(fields=["case", "source", "kind"],
                                    name="alert_once_per_source"),
            # SQLite does not enforce max_length; the database refuses long values anyway.
            models.CheckConstraint(condition=LessThanOrEqual(Length("kind"), KIND_MAX),
                                   name="alert_kind_length"),
            models.CheckConstraint(condition=LessThanOrEqual(Length("source"), 100),
                                   name="alert_source_length"),
            bounded("amount", minimum=0, nullable=True, name="alert_amount_range"),
        ]

    def __str__(self) -> str:
        return f"{self.channel} {self.kind}"



class Measure(models.Model):
    """An assistance measure with its responsible cadre (帮扶责任人)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="measures")
    type = models.CharField(_("type"), max_length=20, choices=MeasureType.choices)
    description = models.CharField(_("description"), max_length=300)
    responsible = models.CharField(_("responsible cadre"), max_length=50)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2, null=True,
                                 blank=True, validators=amount_validators(minimum=0))
    #: 先行落实: recorded before the case was approved (sudden hardship: help first).
    in_advance = models.BooleanField(_("in advance (先行落实)"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("start", "pk")
        constraints = [bounded("amount", minimum=0, nullable=True,
                               name="measure_amount_range")]

    def __str__(self) -> str:
        return f"{self.type} {self.description}"


class Visit(models.Model):
    """A follow-up visit; the per-capita income may be updated."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="visits")
    date = models.DateField(_("date"))
    situation = models.TextField(_("situation"))
    per_capita_income = models.DecimalField(_("per-capita income"), max_digits=14,
                                            decimal_places=2, null=True, blank=True,
                                            validators=amount_validators(minimum=None))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                           related_name="case_visits")

    class Meta:
        ordering = ("date", "pk")
        # A per-capita income may be negative (costs above income), never unbounded.
        constraints = [bounded("per_capita_income", minimum=None, nullable=True,
                               name="visit_income_range")]

    def __str__(self) -> str:
        return f"visit {self.date}"



class Objection(models.Model):
    """An objection raised while a public notice was up (公示异议), and its answer. An open
    objection blocks the township review."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="objections")
    raised_on = models.DateField(_("raised on"))
    raised_by = models.CharField(_("raised by"), max_length=50)
    content = models.TextField(_("objection"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="case_objections")
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("raised_on", "pk")

    def __str__(self) -> str:
        return f"objection {self.pk} on case {self.case_id}"


class Attachment(models.Model):
    """A document of a step (the signed authorisation, minutes of the review), stored under
    ``var/`` with mode 0600 and served only through the case's access check."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    step = models.CharField(max_length=24)
    name = models.CharField(max_length=200)
    stored_as = models.CharField(max_length=100, unique=True)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at", "pk")

    def __str__(self) -> str:
        return self.name
