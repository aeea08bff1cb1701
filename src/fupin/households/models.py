"""The registry: households, members, yearly economy (snapshot v1, docs/formats/snapshot-v1.md)."""

from __future__ import annotations

import builtins
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fupin.core import crypto
from fupin.core.limits import amount_validators, bounded
from fupin.core.models import RegionOwnedModel, RegionScopedQuerySet, TimestampedModel
from fupin.households.choices import (
    ECONOMY_AMOUNTS,
    Employment,
    Health,
    HousingGrade,
    Labor,
    Relation,
    Sex,
    Status,
)
from fupin_engine import snapshot


def validate_household_id(value: str) -> None:
    """Letters, digits, ``_`` and ``-`` only (snapshot v1): an id is part of page addresses."""
    if not snapshot.valid_household_id(value):
        raise ValidationError(
            _("a household ID has only letters, digits, _ and - (at most 32 characters)"),
            code="pattern")


class Household(RegionOwnedModel):
    """A rural household (农户) in a village, with its status and guarantees (两不愁三保障)."""

    household_id = models.CharField(_("household ID"), max_length=32, unique=True,
                                    validators=[validate_household_id])
    village = models.ForeignKey(
        "regions.Division", on_delete=models.PROTECT, db_column="village_code",
        related_name="households", verbose_name=_("village"),
    )
    status = models.CharField(_("status"), max_length=8, choices=Status.choices,
                              db_index=True)
    exit_year = models.PositiveSmallIntegerField(
        _("exit year"), null=True, blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2200)])
    housing_grade = models.CharField(_("housing grade"), max_length=1,
                                     choices=HousingGrade.choices)
    relocated = models.BooleanField(_("relocated (易地扶贫搬迁)"), default=False)
    water_quantity_ok = models.BooleanField(_("water quantity sufficient"))
    water_quality_ok = models.BooleanField(_("water quality certified"))
    water_access_ok = models.BooleanField(_("water access convenient"))
    water_reliability_ok = models.BooleanField(_("water supply reliable"))
    dibao = models.BooleanField(_("minimum living allowance (低保)"), default=False)
    tekun = models.BooleanField(_("extreme-poverty support (特困供养)"), default=False)
    #: Name of the head, kept on the household for search and lists.
    head_name = models.CharField(_("head of household"), max_length=50, blank=True,
                                 db_index=True)

    region_field = "village_id"
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ("household_id",)
        permissions = [("reveal_idnumber", "Can reveal identity numbers (audited)")]
        indexes = [models.Index(fields=["village", "status"], name="household_village_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(exit_year__gte=1900, exit_year__lte=2200) | Q(exit_year__isnull=True),
                name="household_exit_year_range"),
        ]

    def __str__(self) -> str:
        return f"{self.household_id} {self.head_name}"

    @property
    def housing_safe(self) -> bool:
        return self.housing_grade in {"A", "B"} or self.relocated

    @property
    def water_safe(self) -> bool:
        return all((self.water_quantity_ok, self.water_quality_ok, self.water_access_ok,
                    self.water_reliability_ok))


class Member(TimestampedModel):
    """A member of a household. The identity number is stored encrypted, never in clear."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="members")
    id_number_encrypted = models.TextField()
    #: HMAC-SHA256 of the number: lookup and duplicate detection without decrypting.
    id_number_hash = models.CharField(max_length=64, unique=True)
    id_number_masked = models.CharField(_("ID number"), max_length=18)
    name = models.CharField(_("name"), max_length=50, db_index=True)
    relation = models.CharField(_("relation"), max_length=12, choices=Relation.choices)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("birth date"))
    health = models.CharField(_("health"), max_length=16, choices=Health.choices)
    disability_grade = models.PositiveSmallIntegerField(
        _("disability grade"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)])
    labor = models.CharField(_("labour"), max_length=8, choices=Labor.choices)
    in_school = models.BooleanField(_("in school"))
    home_schooled = models.BooleanField(_("taught at home (送教上门)"), default=False)
    medical_insurance = models.BooleanField(_("basic medical insurance"))
    employment = models.CharField(_("employment"), max_length=8, choices=Employment.choices)

    audit_exclude = ("id_number_encrypted", "id_number_hash")
    #: Fernet tokens, re-encrypted by `fupin datakey rotate` (ADR 0056).
    encrypted_fields = ("id_number_encrypted",)

    #: Members live in their household's region and are guarded by its permissions.
    region_field = "household__village_id"
    access_permissions = {"view": "households.view_household",
                          "change": "households.change_household"}

    class Meta:
        ordering = ("household", "id")
        constraints = [
            models.CheckConstraint(
                condition=Q(disability_grade__gte=1, disability_grade__lte=4)
                | Q(disability_grade__isnull=True), name="member_disability_grade_range"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.id_number_masked})"

    @property
    def region_code(self) -> str:
        return self.household.village_id

    def reveal_id_number(self) -> str:
        """The clear number. Call only through ``services.reveal_id_number`` (audited)."""
        return crypto.decrypt(self.id_number_encrypted)


AMOUNT = amount_validators(minimum=0)
YEARS = (1900, 2200)


class EconomyYear(TimestampedModel):
    """A household's income and spending in one year (yuan), as in snapshot v1 ``economy``."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="economy")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(YEARS[0]), MaxValueValidator(YEARS[1])])
    wage = models.DecimalField(_("wage income"), max_digits=14, decimal_places=2,
                               default=Decimal(0), validators=AMOUNT)
    operating = models.DecimalField(_("operating income"), max_digits=14, decimal_places=2,
                                    default=Decimal(0), validators=AMOUNT)
    ecommerce_revenue = models.DecimalField(_("e-commerce revenue"), max_digits=14,
                                            decimal_places=2, default=Decimal(0), validators=AMOUNT)
    ecommerce_cost = models.DecimalField(_("e-commerce cost"), max_digits=14,
                                         decimal_places=2, default=Decimal(0), validators=AMOUNT)
    ecommerce_debt = models.DecimalField(_("e-commerce debt"), max_digits=14,
                                         decimal_places=2, default=Decimal(0), validators=AMOUNT)
    property = models.DecimalField(_("property income"), max_digits=14, decimal_places=2,
                                   default=Decimal(0), validators=AMOUNT)
    transfer = models.DecimalField(_("transfer income"), max_digits=14, decimal_places=2,
                                   default=Decimal(0), validators=AMOUNT)
    production_cost = models.DecimalField(_("production cost"), max_digits=14,
                                          decimal_places=2, default=Decimal(0), validators=AMOUNT)
    medical_oop = models.DecimalField(_("medical out-of-pocket"), max_digits=14,
                                      decimal_places=2, default=Decimal(0), validators=AMOUNT)
    education_expense = models.DecimalField(_("education expense"), max_digits=14,
                                            decimal_places=2, default=Decimal(0), validators=AMOUNT)
    disaster_loss = models.DecimalField(_("disaster loss"), max_digits=14, decimal_places=2,
                                        default=Decimal(0), validators=AMOUNT)
    accident_loss = models.DecimalField(_("accident loss"), max_digits=14, decimal_places=2,
                                        default=Decimal(0), validators=AMOUNT)

    region_field = "household__village_id"
    access_permissions = {"view": "households.view_household",
                          "change": "households.change_household"}

    class Meta:
        ordering = ("household", "year")
        constraints = [
            models.UniqueConstraint(fields=["household", "year"], name="economy_household_year"),
            models.CheckConstraint(condition=Q(year__gte=YEARS[0], year__lte=YEARS[1]),
                                   name="economy_year_range"),
            *(bounded(f, name=f"economy_{f}_range") for f in ECONOMY_AMOUNTS),
        ]

    def __str__(self) -> str:
        return f"{self.household_id} {self.year}"

    @builtins.property
    def region_code(self) -> str:
        return self.household.village_id

    @builtins.property
    def net_income(self) -> Decimal:
        """household_net_income of snapshot v1 (the engine's one definition)."""
        return snapshot.net_income(vars(self))

    @builtins.property
    def rigid_expense(self) -> Decimal:
        """rigid_expense of snapshot v1 (the engine's one definition)."""
        return snapshot.rigid_expense(vars(self))


class HouseholdState(TimestampedModel):
    """A household as it stood at the end of one year (31 December): the registry by year.

    Written by the import of that year's snapshot (``fupin.households.history``, ADR 0048); an
    earlier year's import never rewrites a later year's state, nor the other way round.
    """

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="states")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(YEARS[0]), MaxValueValidator(YEARS[1])])
    #: The village that year (a household may move); a plain code, kept when villages merge.
    village_code = models.CharField(_("village"), max_length=12)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices)
    exit_year = models.PositiveSmallIntegerField(
        _("exit year"), null=True, blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2200)])
    housing_grade = models.CharField(_("housing grade"), max_length=1,
                                     choices=HousingGrade.choices)
    relocated = models.BooleanField(_("relocated (易地扶贫搬迁)"), default=False)
    water_quantity_ok = models.BooleanField(_("water quantity sufficient"))
    water_quality_ok = models.BooleanField(_("water quality certified"))
    water_access_ok = models.BooleanField(_("water access convenient"))
    water_reliability_ok = models.BooleanField(_("water supply reliable"))
    dibao = models.BooleanField(_("minimum living allowance (低保)"), default=False)
    tekun = models.BooleanField(_("extreme-poverty support (特困供养)"), default=False)

    #: A household's history is seen by whoever may see the household (its current region).
    region_field = "household__village_id"
    access_permissions = {"view": "households.view_household",
                          "change": "households.change_household"}

    class Meta:
        ordering = ("household", "year")
        indexes = [models.Index(fields=["village_code", "year"], name="hstate_village_year_idx")]
        constraints = [
            models.UniqueConstraint(fields=["household", "year"], name="hstate_household_year"),
            models.CheckConstraint(condition=Q(year__gte=YEARS[0], year__lte=YEARS[1]),
                                   name="hstate_year_range"),
            models.CheckConstraint(
                condition=Q(exit_year__gte=1900, exit_year__lte=2200) | Q(exit_year__isnull=True),
                name="hstate_exit_year_range"),
        ]

    def __str__(self) -> str:
        return f"{self.household_id} {self.year}"

    @builtins.property
    def region_code(self) -> str:
        return self.household.village_id


class MemberState(TimestampedModel):
    """A member of a household at the end of one year.

    The person is keyed by the identity number's keyed hash, not by a link to ``Member``: a
    member who died or left is deleted from the current roster but stays in the years he lived
    in the household. The clear number is never kept here (the current roster holds it).
    """

    household = models.ForeignKey(Household, on_delete=models.CASCADE,
                                  related_name="member_states")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(YEARS[0]), MaxValueValidator(YEARS[1])])
    id_number_hash = models.CharField(max_length=64)
    id_number_masked = models.CharField(_("ID number"), max_length=18)
    name = models.CharField(_("name"), max_length=50)
    relation = models.CharField(_("relation"), max_length=12, choices=Relation.choices)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("birth date"))
    health = models.CharField(_("health"), max_length=16, choices=Health.choices)
    disability_grade = models.PositiveSmallIntegerField(
        _("disability grade"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)])
    labor = models.CharField(_("labour"), max_length=8, choices=Labor.choices)
    in_school = models.BooleanField(_("in school"))
    home_schooled = models.BooleanField(_("taught at home (送教上门)"), default=False)
    medical_insurance = models.BooleanField(_("basic medical insurance"))
    employment = models.CharField(_("employment"), max_length=8, choices=Employment.choices)

    audit_exclude = ("id_number_hash",)
    region_field = "household__village_id"
    access_permissions = {"view": "households.view_household",
                          "change": "households.change_household"}

    class Meta:
        ordering = ("household", "year", "id")
        constraints = [
            models.UniqueConstraint(fields=["household", "year", "id_number_hash"],
                                    name="mstate_household_year_person"),
            models.CheckConstraint(condition=Q(year__gte=YEARS[0], year__lte=YEARS[1]),
                                   name="mstate_year_range"),
            models.CheckConstraint(
                condition=Q(disability_grade__gte=1, disability_grade__lte=4)
                | Q(disability_grade__isnull=True), name="mstate_disability_grade_range"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.id_number_masked}) {self.year}"

    @builtins.property
    def region_code(self) -> str:
        return self.household.village_id
