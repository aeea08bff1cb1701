"""Monitoring runs over the registry and the assessments they produced."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from fupin.core.models import RegionScopedQuerySet


class MonitoringRun(models.Model):
    """One run of a policy pack over (part of) the registry for a year.

    ``run_key`` hashes the policy (name, version, parameters of every province, compiled
    SQL), the year and the state of the input (the ledger's last registry record in scope):
    the same input and policy give the same key, and a second run stores nothing.

    A run over several provinces applies each province's parameters to its own households
    (ADR 0049): ``province_parameters`` holds them per province, ``parameters`` the values
    every province shared (a line that differs between provinces is only in the former).
    """

    run_key = models.CharField(max_length=64, unique=True)
    division_code = models.CharField(max_length=12, db_index=True)
    year = models.PositiveSmallIntegerField()
    policy_name = models.CharField(max_length=64)
    policy_version = models.CharField(max_length=32)
    province = models.CharField(max_length=2, blank=True)
    parameters = models.JSONField()
    #: Province (2 digits) → the parameters its households were assessed with; ``{}`` when
    #: the national values applied.
    province_parameters = models.JSONField(default=dict, blank=True)
    input_hash = models.CharField(max_length=100)
    engine = models.CharField(max_length=16)
    timings = models.JSONField(default=dict)
    counts = models.JSONField(default=dict)
    flagged = models.PositiveIntegerField(default=0)
    households = models.PositiveIntegerField(default=0)
    created_by = models.CharField(max_length=150)
    created_at = models.DateTimeField(auto_now_add=True)

    region_field = "division_code"
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ("-created_at",)
        permissions = [("start_monitoringrun", "Can start monitoring runs"),
                       # Poverty measures by region (dashboards), derived from the registry.
                       ("view_measures", "Can see poverty measures by region")]

    def __str__(self) -> str:
        return f"run {self.pk} {self.policy_name} {self.year}"

    def parameters_for(self, province: str | None) -> dict:
        """The parameters the run applied to households of ``province`` (2 digits)."""
        return (self.province_parameters or {}).get((province or "")[:2]) or self.parameters


class Assessment(models.Model):
    """A household's result in a run: category, fired rules, risk types and evidence.

    Stored for households that are monitoring objects, registered poor with fired rules, or
    have data-check findings; ``none`` without findings is not stored.
    """

    run = models.ForeignKey(MonitoringRun, on_delete=models.CASCADE, related_name="assessments")
    household = models.ForeignKey("households.Household", on_delete=models.CASCADE,
                                  related_name="assessments")
    village_code = models.CharField(max_length=12, db_index=True)
    category = models.CharField(_("category"), max_length=20, db_index=True)
    rules = models.CharField(max_length=300, blank=True)
    risk_types = models.CharField(max_length=60, blank=True)
    data_checks = models.CharField(max_length=200, blank=True)
    per_capita_income = models.FloatField(null=True)
    prev_per_capita_income = models.FloatField(null=True)
    #: For every fired rule: the values it read and the thresholds it compared them with.
    evidence = models.JSONField(default=dict)

    region_field = "village_code"
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["run", "category"], name="assessment_run_cat_idx"),
                   models.Index(fields=["household", "run"], name="assessment_household_idx")]

    def __str__(self) -> str:
        return f"{self.household_id} {self.category}"


# Integrity runs live in their own module; imported here so Django finds the models.
from fupin.monitoring.integrity_models import IntegrityRun, IntegritySignal  # noqa: E402

__all__ = ["Assessment", "IntegrityRun", "IntegritySignal", "MonitoringRun"]
