"""The third-party assessment of a county (三率一度; docs/assessment.md).

An :class:`Assessment` is opened by the evaluator for one county and year: opening draws the
two-stage sample from the registry with a published seed (``fupin_engine.measures.sampling``)
and stores every drawn unit — sampled households and the ordered replacement lists — with its
stratum, inclusion probability and weight (:class:`SampledUnit`). Field results arrive as
:class:`Submission` rows (phone form or an ODK/KoboToolbox export), estimates are computed by
the engine and stored as :class:`EstimateRow` rows, and the county may file an
:class:`Appeal` with evidence. The assessment and the appeals move through the core workflow
engine (``assessment.workflows``); every write goes through ``assessment.services``.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fupin.assessment.choices import Channel, Decision, Outcome, Role, Stratum
from fupin.core.models import RegionScopedQuerySet
from fupin.core.workflow import WorkflowObject


class Assessment(WorkflowObject):
    """One county's assessment in one year, with the design that drew its sample."""

    county_code = models.CharField(_("county"), max_length=12, db_index=True)
    year = models.PositiveSmallIntegerField(_("year"))
    seed = models.BigIntegerField(_("seed"))
    #: What the evaluator asked for (None: the engine's defaults from margin, rate, deff).
    villages_requested = models.PositiveIntegerField(null=True, blank=True)
    households_requested = models.PositiveIntegerField(null=True, blank=True)
    margin = models.FloatField(_("target margin of error"), default=0.01)
    expected_rate = models.FloatField(_("expected rate"), default=0.02)
    deff = models.FloatField(_("design effect"), default=2.0)
    #: What the draw did: households per stratum and village, the frame it drew from.
    per_stratum = models.PositiveIntegerField(default=0)
    frame_households = models.PositiveIntegerField(default=0)
    frame_villages = models.PositiveIntegerField(default=0)
    population = models.PositiveIntegerField(_("rural population"), default=0)
    registered_poor = models.PositiveIntegerField(_("registered poor people"), default=0)
    #: SHA-256 of the frame (household, village, status, size in order): the same seed and
    #: the same digest redraw the same sample.
    frame_digest = models.CharField(max_length=64, blank=True)
    western = models.BooleanField(default=False)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+")
    estimated_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    steps = GenericRelation("core.WorkflowStep")

    region_field = "county_code"
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ("-year", "county_code")
        verbose_name = _("assessment")
        permissions = [
            ("conduct_assessment", "Can open an assessment, draw its sample, record field "
                                   "results, estimate and publish (third-party evaluator)"),
            ("file_appeal", "Can appeal an assessment result with evidence (county)"),
            ("decide_appeal", "Can uphold or reject an appeal (third-party evaluator)"),
        ]
        constraints = [models.UniqueConstraint(fields=["county_code", "year"],
                                               name="assessment_once_per_county_year")]

    def __str__(self) -> str:
        return f"{self.county_code[:6]} {self.year}"


class SampledUnit(models.Model):
    """A household drawn for the assessment: into the sample (``role=sampled``) or onto its
    village and stratum's replacement list at position ``replacement_order`` (1, 2, …).
    Status and size are those of the frame at the draw, so the estimates do not move when
    the registry changes afterwards."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="units")
    household_id = models.CharField(_("household ID"), max_length=32)
    village_code = models.CharField(_("village"), max_length=12)
    stratum = models.CharField(_("stratum"), max_length=12, choices=Stratum.choices)
    role = models.CharField(max_length=12, choices=Role.choices)
    replacement_order = models.PositiveIntegerField(default=0)
    village_probability = models.FloatField()
    probability = models.FloatField(_("inclusion probability"))
    weight = models.FloatField(_("weight"))
    status = models.CharField(max_length=8)
    size = models.PositiveIntegerField()
    #: In the current sample: drawn and not replaced, or a replacement taken into it.
    active = models.BooleanField(default=False)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices,
                               default=Outcome.PENDING)
    replaces = models.OneToOneField("self", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="replaced_by")

    region_field = "village_code"
    access_permissions = {"view": "assessment.view_assessment"}
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ("village_code", "stratum", "role", "replacement_order", "household_id")
        constraints = [models.UniqueConstraint(fields=["assessment", "household_id"],
                                               name="unit_once_per_assessment")]
        indexes = [models.Index(fields=["assessment", "active"], name="unit_active_idx")]

    def __str__(self) -> str:
        return self.household_id


class Submission(models.Model):
    """The interview of one sampled household (at most one). ``None`` means not asked:
    ``wrongly_exited`` is asked of exited households, ``omitted`` of households outside the
    register, ``approves`` of everybody. An interview with officials present is recorded as
    such and its approval is not counted (interviews without officials)."""

    unit = models.OneToOneField(SampledUnit, on_delete=models.CASCADE,
                                related_name="submission")
    wrongly_exited = models.BooleanField(_("wrongly exited"), null=True, blank=True)
    omitted = models.BooleanField(_("omitted"), null=True, blank=True)
    approves = models.BooleanField(_("approves"), null=True, blank=True)
    officials_present = models.BooleanField(_("officials present"), default=False)
    interviewer = models.CharField(_("interviewer"), max_length=50, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=2000)
    channel = models.CharField(max_length=8, choices=Channel.choices)
    #: The ODK/Kobo instance id (``_uuid``, ``meta/instanceID``): a second import skips it.
    uuid = models.CharField(max_length=64, blank=True)
    submitted_at = models.DateTimeField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")

    region_field = "unit__village_code"
    access_permissions = {"view": "assessment.view_assessment"}
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ("submitted_at", "pk")
        constraints = [models.UniqueConstraint(fields=["uuid"], condition=~Q(uuid=""),
                                               name="submission_uuid_once")]

    def __str__(self) -> str:
        return f"{self.unit.household_id}"


class EstimateRow(models.Model):
    """One indicator's estimate with its 95% interval, threshold and verdict, as the engine
    computed it when the assessment was estimated."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE,
                                   related_name="estimates")
    indicator = models.CharField(max_length=32)
    estimate = models.FloatField(null=True)
    ci_low = models.FloatField(null=True)
    ci_high = models.FloatField(null=True)
    sampled = models.PositiveIntegerField()
    side = models.CharField(max_length=2)
    threshold = models.FloatField()
    verdict = models.CharField(max_length=12)

    class Meta:
        ordering = ("pk",)
        constraints = [models.UniqueConstraint(fields=["assessment", "indicator"],
                                               name="estimate_once_per_indicator")]

    def __str__(self) -> str:
        return self.indicator


class Appeal(WorkflowObject):
    """A county's appeal against a result of its assessment (a household's finding, or an
    indicator), with evidence files, decided by the evaluator through
    ``assessment.workflows.APPEAL``."""

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="appeals")
    county_code = models.CharField(max_length=12, db_index=True)
    unit = models.ForeignKey(SampledUnit, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="appeals")
    indicator = models.CharField(_("indicator"), max_length=32, blank=True)
    reason = models.TextField(_("reason"), max_length=5000)
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+")
    decision = models.CharField(_("decision"), max_length=8, choices=Decision.choices,
                                blank=True)
    decision_reason = models.TextField(_("reasons of the decision"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    steps = GenericRelation("core.WorkflowStep")

    region_field = "county_code"
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ("-pk",)
        verbose_name = _("appeal")

    def __str__(self) -> str:
        return f"#{self.pk}"


class AppealEvidence(models.Model):
    """An evidence file of an appeal, stored under ``var/`` with mode 0600 under a random
    name and served only through ``access.access_evidence`` (the accountability pattern)."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="evidence")
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
