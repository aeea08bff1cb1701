"""Integrity runs over the registry and the signals they stored (issue 16, ADR 0037).

A run is the engine's integrity tests (``fupin_engine.integrity``) over the registry inside
the starting user's division for one year: bunching at a line per division, heaping and
digit tests per village and per recording cadre, process anomalies. Each test result is an
:class:`IntegritySignal` — a lead for verification, never a verdict: a flagged signal opens a
finding in accountability through ``FUPIN_AFTER_INTEGRITY_RUN`` (this app does not import
accountability), which writes the finding's number back here for the screens.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from fupin.core.models import RegionScopedQuerySet


class IntegrityRun(models.Model):
    """One integrity run: what was tested (year, running variable, line, level, FDR) over
    which division, by whom, and how many signals each test gave and flagged."""

    division_code = models.CharField(max_length=12, db_index=True)
    year = models.PositiveSmallIntegerField()
    variable = models.CharField(max_length=40)
    line_parameter = models.CharField(max_length=40)
    line = models.FloatField()
    level = models.CharField(max_length=12)
    fdr = models.FloatField()
    policy_name = models.CharField(max_length=64)
    #: Per test: {"signals": n, "flagged": k}.
    counts = models.JSONField(default=dict)
    timings = models.JSONField(default=dict)
    flagged = models.PositiveIntegerField(default=0)
    households = models.PositiveIntegerField(default=0)
    #: What the follow-ups reported (findings opened / already open).
    follow_up = models.JSONField(default=dict)
    created_by = models.CharField(max_length=150)
    created_at = models.DateTimeField(auto_now_add=True)

    region_field = "division_code"
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ("-created_at",)
        permissions = [("start_integrityrun", "Can start integrity runs")]

    def __str__(self) -> str:
        return f"integrity run {self.pk} {self.year}"


class IntegritySignal(models.Model):
    """One test's result for one group: a division (bunching, village digit tests, process
    anomalies) or a recording cadre (``group_kind`` cadre; its division is the smallest one
    holding the households the cadre recorded).

    ``p_value`` is ``None`` for a rule (fast elimination, duplicate records): every one found
    is a lead. ``households`` are household IDs (the registry's, not personal data); the
    screens show them masked and behind the household pages' own gate.
    """

    run = models.ForeignKey(IntegrityRun, on_delete=models.CASCADE, related_name="signals")
    division_code = models.CharField(max_length=12, db_index=True)
    test = models.CharField(_("test"), max_length=40, db_index=True)
    group_kind = models.CharField(max_length=12, default="division")
    group = models.CharField(max_length=150)
    n = models.PositiveIntegerField(default=0)
    statistic = models.FloatField(default=0)
    p_value = models.FloatField(null=True)
    score = models.FloatField(null=True)
    flagged = models.BooleanField(default=False, db_index=True)
    applies = models.BooleanField(default=True)
    reason = models.CharField(max_length=200, blank=True)
    households = models.JSONField(default=list)
    plot = models.JSONField(default=dict)
    detail = models.JSONField(default=dict)
    #: Idempotency key of the finding a flagged signal opens (one per test, year and group).
    source_key = models.CharField(max_length=120, blank=True)
    #: The finding it opened or found open (set by the follow-up; 0 = none).
    finding_id = models.PositiveIntegerField(default=0)

    region_field = "division_code"
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ("run", "test", "division_code", "group")
        indexes = [models.Index(fields=["run", "test"], name="integrity_run_test_idx")]

    def __str__(self) -> str:
        return f"{self.test} {self.group}"
