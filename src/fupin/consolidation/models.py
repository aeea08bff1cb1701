"""The help register (帮扶记录): help a household received in a year, by type and amount.

Case measures (``cases.Measure``) and benefit linkages (``ecommerce.LinkageYear``) are help
too; they are read where they are, never copied here (ADR 0050). The register holds the rest:
industry subsidies, employment placements, microcredit, education and health help recorded by
the departments that gave it.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fupin.consolidation.choices import HelpType
from fupin.core.limits import amount_validators, bounded
from fupin.core.models import RegionOwnedModel, RegionScopedQuerySet

YEARS = (2000, 2100)


class HelpRecord(RegionOwnedModel):
    """Help of one type a household received in one year from one source (a department or
    programme). One record per household, year, type and source: an import of the same row
    again updates it instead of adding a second one."""

    household = models.ForeignKey("households.Household", on_delete=models.PROTECT,
                                  related_name="help_records", verbose_name=_("household"))
    #: The household's village when recorded (the region gate reads it without a join).
    village_code = models.CharField(_("village"), max_length=12, db_index=True)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(YEARS[0]), MaxValueValidator(YEARS[1])])
    type = models.CharField(_("help type"), max_length=20, choices=HelpType.choices)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2,
                                 default=Decimal(0), validators=amount_validators(minimum=0))
    description = models.CharField(_("description"), max_length=300, blank=True)
    source = models.CharField(_("source"), max_length=100, blank=True)

    region_field = "village_code"
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ("village_code", "household_id", "year", "type", "pk")
        verbose_name = _("help record")
        permissions = [("manage_help", "Can record help records"),
                       ("import_help", "Can import the help register")]
        indexes = [models.Index(fields=["village_code", "year"], name="help_village_year_idx")]
        constraints = [
            models.UniqueConstraint(fields=["household", "year", "type", "source"],
                                    name="help_once_per_source"),
            models.CheckConstraint(condition=Q(year__gte=YEARS[0], year__lte=YEARS[1]),
                                   name="help_year_range"),
            models.CheckConstraint(condition=Q(type__in=HelpType.values), name="help_type_known"),
            bounded("amount", minimum=0, name="help_amount_range"),
        ]

    def __str__(self) -> str:
        return f"{self.household_id} {self.year} {self.type} {self.amount}"
