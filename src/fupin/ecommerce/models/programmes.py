"""Programmes of a county, their training sessions and their beneficiaries."""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from fupin.core.models import RegionOwnedModel, RegionScopedQuerySet
from fupin.ecommerce.choices import Outcome, ProgrammeKind
from fupin.ecommerce.models.common import (
    amount_field,
    amounts_bounded,
    year_field,
    year_range,
)


class Programme(RegionOwnedModel):
    """One commerce programme of a county (e-commerce, domestic service, labour placement,
    border trade) over a span of years, run by a lead unit."""

    code = models.CharField(_("programme code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ProgrammeKind.choices)
    division_code = models.CharField(_("county"), max_length=12, db_index=True)
    name = models.CharField(_("name"), max_length=120)
    lead_unit = models.CharField(_("lead unit"), max_length=100, blank=True)
    start_year = year_field(_("start year"))
    end_year = year_field(_("end year"), null=True, blank=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ("division_code", "kind", "code")
        verbose_name = _("programme")
        permissions = [("manage_programme", "Can record a county's commerce programme")]
        constraints = [
            year_range("programme_start_year_range", "start_year"),
            year_range("programme_end_year_range", "end_year", nullable=True),
            models.CheckConstraint(condition=Q(end_year__isnull=True)
                                   | Q(end_year__gte=F("start_year")),
                                   name="programme_end_after_start"),
        ]

    def __str__(self) -> str:
        return self.name


class TrainingSession(RegionOwnedModel):
    """A training session of a programme (date, topic, provider) with its person-times;
    ``poor_trainees`` and ``exited_trainees`` count registered poor and exited people."""

    code = models.CharField(_("session code"), max_length=40, unique=True)
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="sessions",
                                  verbose_name=_("programme"))
    division_code = models.CharField(_("county"), max_length=12, db_index=True)
    held_on = models.DateField(_("held on"))
    topic = models.CharField(_("topic"), max_length=200)
    provider = models.CharField(_("provider"), max_length=100)
    person_times = models.PositiveIntegerField(_("person-times"))
    poor_trainees = models.PositiveIntegerField(_("poor trainees"), default=0)
    exited_trainees = models.PositiveIntegerField(_("exited trainees"), default=0)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ("-held_on", "code")
        verbose_name = _("training session")
        constraints = [
            models.CheckConstraint(
                condition=Q(poor_trainees__lte=F("person_times"))
                & Q(exited_trainees__lte=F("person_times")),
                name="training_trainees_within_person_times"),
        ]

    def __str__(self) -> str:
        return f"{self.held_on} {self.topic}"


class Beneficiary(RegionOwnedModel):
    """A household (one of its members, if named) that a programme reached in a year, and the
    outcome: trained, opened a shop, employed, placed, trading — with the wage income it
    brought when known."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT,
                                  related_name="beneficiaries", verbose_name=_("programme"))
    session = models.ForeignKey(TrainingSession, on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="trainees",
                                verbose_name=_("training session"))
    household = models.ForeignKey("households.Household", on_delete=models.PROTECT,
                                  related_name="programme_outcomes",
                                  verbose_name=_("household"))
    member_name = models.CharField(_("member"), max_length=50, blank=True)
    division_code = models.CharField(_("village"), max_length=12, db_index=True)
    year = year_field(_("year"))
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    wage_income = amount_field(_("wage income"), null=True)
    months = models.PositiveSmallIntegerField(_("months"), null=True, blank=True,
                                              validators=[MinValueValidator(0)])

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ("-year", "programme", "household")
        verbose_name = _("beneficiary")
        constraints = [
            year_range("beneficiary_year_range"),
            *amounts_bounded("beneficiary", ["wage_income"], nullable=True),
            models.UniqueConstraint(fields=["programme", "household", "member_name", "year",
                                            "outcome"], name="beneficiary_once"),
        ]

    def __str__(self) -> str:
        return f"{self.household_id} {self.outcome} {self.year}"
