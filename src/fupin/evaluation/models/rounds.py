"""Indicator systems, rounds, county evaluations, indicator values and results (rounds).

An :class:`IndicatorSystem` is one published version of an indicator table (the engine's
YAML, ``fupin_engine.evaluation``): the shipped national default or a province's edit. A
province opens a :class:`Round` for a year on one system version; each county of the round
gets a :class:`CountyEvaluation` that moves through ``evaluation.workflows`` (opened →
submitted → verified → reviewed → published). Its :class:`IndicatorValue` rows hold the
value fupin computed, the value the county submitted (with :class:`ValueEvidence`) and the
value the evaluator verified. Publishing writes the :class:`Result`, which never changes
afterwards. Writes go through ``evaluation.services`` and are on the audit ledger
(docs/evaluation.md).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fupin.core.models import RegionOwnedModel, RegionScopedQuerySet, TimestampedModel
from fupin.core.workflow import WorkflowObject
from fupin.evaluation.choices import Consequence, Grade, ValueUsed, VerifyMethod

__all__ = [
    "CountyEvaluation", "IndicatorSystem", "IndicatorValue", "Result", "Round",
    "ValueEvidence",
]

#: Parsed engine systems by digest (the text of a published version never changes).
_PARSED: dict[str, Any] = {}

SCORE = {"max_digits": 7, "decimal_places": 2}
VALUE = {"max_digits": 18, "decimal_places": 4, "null": True, "blank": True}


class IndicatorSystem(TimestampedModel):
    """One published version of an indicator system: its YAML text exactly as published,
    the digest of its canonical form, and who published it. Public (every user who may see
    the programme reads it); a province publishes only its own (``province_code``, two
    digits; empty for the shipped national default). A change is a new version."""

    code = models.CharField(_("code"), max_length=60)
    version = models.CharField(_("version"), max_length=20)
    province_code = models.CharField(_("province"), max_length=2, blank=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    text = models.TextField(_("text"))
    digest = models.CharField(_("digest"), max_length=64)
    is_default = models.BooleanField(_("shipped default"), default=False)
    source_name = models.CharField(_("file"), max_length=200, blank=True)
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="+")

    class Meta:
        ordering = ("code", "province_code", "-published_at", "-pk")
        verbose_name = _("indicator system")
        permissions = [("publish_system", "Can publish a province's indicator system")]
        constraints = [models.UniqueConstraint(fields=["code", "version", "province_code"],
                                               name="indicator_system_version_once")]

    def __str__(self) -> str:
        where = self.province_code or "national"
        return f"{self.code} {self.version} ({where})"

    def system(self) -> Any:
        """The parsed engine system (``fupin_engine.evaluation.IndicatorSystem``), cached by
        digest."""
        parsed = _PARSED.get(self.digest)
        if parsed is None:
            from fupin_engine.evaluation import parse_system

            parsed = parse_system(self.text, source=f"{self.code}-{self.version}")
            _PARSED[self.digest] = parsed
        return parsed


class Round(RegionOwnedModel):
    """An evaluation round a province opens for a year on one system version, with the
    deadlines for the counties' submissions and the evaluators' verification. Owned by the
    province's division (``division_code``)."""

    division_code = models.CharField(_("province"), max_length=12, db_index=True)
    year = models.PositiveSmallIntegerField(_("year"))
    system = models.ForeignKey(IndicatorSystem, on_delete=models.PROTECT,
                               related_name="rounds", verbose_name=_("indicator system"))
    title = models.CharField(_("title"), max_length=200)
    submit_by = models.DateField(_("submit by"))
    verify_by = models.DateField(_("verify by"))
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+")
    opened_at = models.DateTimeField(_("opened at"))
    #: The seed of the published rank stability (derived from the round, stored for replay).
    seed = models.BigIntegerField(null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    region_field = "division_code"
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ("-year", "division_code", "-pk")
        verbose_name = _("evaluation round")
        permissions = [
            ("open_round", "Can open an evaluation round of the province"),
            ("act_province", "Can take province-level evaluation steps"),
            ("review_evaluation", "Can review county evaluations"),
            ("publish_evaluation", "Can publish county evaluation results"),
        ]
        constraints = [models.CheckConstraint(condition=Q(verify_by__gte=models.F("submit_by")),
                                              name="round_verify_after_submit")]

    def __str__(self) -> str:
        return self.title or f"{self.year}"


class CountyEvaluation(WorkflowObject):
    """One county's evaluation in a round, moved by ``evaluation.workflows.EVALUATION``.
    ``division_code`` is the county."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="evaluations",
                              verbose_name=_("round"))
    division_code = models.CharField(_("county"), max_length=12, db_index=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    verified_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    computed_at = models.DateTimeField(null=True, blank=True)
    steps = GenericRelation("core.WorkflowStep")

    region_field = "division_code"
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ("round", "division_code")
        verbose_name = _("county evaluation")
        permissions = [
            ("act_county", "Can take county-level evaluation steps"),
            ("submit_evaluation", "Can enter and submit the county's values"),
            ("verify_evaluation", "Can verify a county's submitted values"),
        ]
        constraints = [models.UniqueConstraint(fields=["round", "division_code"],
                                               name="county_evaluation_once_per_round")]

    def __str__(self) -> str:
        return f"{self.round} {self.division_code}"


class IndicatorValue(models.Model):
    """One indicator of one county evaluation: computed by fupin, submitted by the county,
    verified by the evaluator (with the method, and the reason when it differs from the
    submitted value). ``flagged``: the submitted value differs from the computed one beyond
    the indicator's tolerance. ``used``: which value the score takes."""

    evaluation = models.ForeignKey(CountyEvaluation, on_delete=models.CASCADE,
                                   related_name="values")
    code = models.CharField(_("indicator"), max_length=60)
    computed = models.DecimalField(_("computed"), **VALUE)
    computed_note = models.CharField(max_length=300, blank=True)
    submitted = models.DecimalField(_("submitted"), **VALUE)
    submitted_note = models.TextField(_("note"), blank=True, max_length=2000)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    verified = models.DecimalField(_("verified"), **VALUE)
    verify_method = models.CharField(_("verification method"), max_length=10, blank=True,
                                     choices=VerifyMethod.choices)
    verify_reason = models.TextField(_("reason"), blank=True, max_length=2000)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    verified_at = models.DateTimeField(null=True, blank=True)
    flagged = models.BooleanField(_("flagged"), default=False)
    used = models.CharField(_("value used"), max_length=10, choices=ValueUsed.choices,
                            default=ValueUsed.MISSING)

    region_field = "evaluation__division_code"
    access_permissions = {"view": "evaluation.view_countyevaluation"}
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ("evaluation", "pk")
        verbose_name = _("indicator value")
        constraints = [models.UniqueConstraint(fields=["evaluation", "code"],
                                               name="indicator_value_once")]

    def __str__(self) -> str:
        return f"{self.evaluation_id}:{self.code}"


class ValueEvidence(models.Model):
    """An evidence file of a submitted value, stored under ``var/`` with mode 0600 under a
    random name and served only through an audited download."""

    value = models.ForeignKey(IndicatorValue, on_delete=models.CASCADE,
                              related_name="evidence")
    name = models.CharField(_("file"), max_length=200)
    stored_as = models.CharField(max_length=100, unique=True)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    region_field = "value__evaluation__division_code"
    access_permissions = {"view": "evaluation.view_countyevaluation"}
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ("created_at", "pk")
        verbose_name = _("evidence file")

    def __str__(self) -> str:
        return self.name


class Result(models.Model):
    """The published result of one county evaluation, written once when it is published and
    never changed afterwards: the system version and digest it was scored with, the scores,
    grade and cap, the modules and lines as they were (every value a string decimal), the
    rank in the round and its stability, and the consequence (with the finding opened for
    a 较差)."""

    evaluation = models.OneToOneField(CountyEvaluation, on_delete=models.PROTECT,
                                      related_name="result")
    system_code = models.CharField(max_length=60)
    system_version = models.CharField(max_length=20)
    system_digest = models.CharField(max_length=64)
    total = models.DecimalField(_("total"), **SCORE)
    base_score = models.DecimalField(_("base score"), **SCORE)
    bonus = models.DecimalField(_("bonus"), **SCORE)
    deduction = models.DecimalField(_("deduction"), **SCORE)
    extra_deduction = models.DecimalField(_("accountability deduction"), **SCORE)
    grade = models.CharField(_("grade"), max_length=10, choices=Grade.choices)
    grade_cap = models.CharField(_("grade cap"), max_length=10, blank=True,
                                 choices=Grade.choices)
    #: [{code, name_zh, name_en, points, max}]
    modules = models.JSONField(default=list)
    #: [{code, module, kind, name_zh, name_en, unit, method, value, source, points, max,
    #:   evidence, flagged, computed, submitted, verified, verify_method}]
    lines = models.JSONField(default=list)
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    #: {median_rank, low, high, max_move, same_rank_share, seed, draws}
    stability = models.JSONField(default=dict, blank=True)
    consequence = models.CharField(_("consequence"), max_length=16,
                                   choices=Consequence.choices)
    consequence_note = models.TextField(_("consequence note"), blank=True)
    finding = models.ForeignKey("accountability.Finding", on_delete=models.PROTECT, null=True,
                                blank=True, related_name="+")
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+")

    region_field = "evaluation__division_code"
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ("evaluation__round", "rank", "evaluation__division_code")
        verbose_name = _("evaluation result")

    def __str__(self) -> str:
        return f"{self.evaluation} {self.total} {self.grade}"
