"""Benefit linkages (利益联结) between an enterprise, co-operative or shop and a household."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from fupin.core.models import RegionOwnedModel, RegionScopedQuerySet
from fupin.ecommerce.choices import LinkageForm
from fupin.ecommerce.models.common import (
    amount_field,
    amounts_bounded,
    ends_after_start,
    year_field,
    year_range,
)

#: The yearly amounts of a linkage (yuan); ``choices.LINKAGE_ECONOMY`` says where each lands
#: in the household's economy.
LINKAGE_AMOUNTS = ("purchase_value", "wages", "dividends", "rent")


class Linkage(RegionOwnedModel):
    """A household linked to an enterprise in one of the linkage forms (choices.LinkageForm), from
    ``started_on`` to ``ended_on`` (open while empty). The household must lie in the county
    of the recording user; ``division_code`` is its village."""

    code = models.CharField(_("linkage code"), max_length=40, unique=True)
    enterprise = models.ForeignKey("ecommerce.Enterprise", on_delete=models.PROTECT,
                                   related_name="linkages", verbose_name=_("enterprise"))
    household = models.ForeignKey("households.Household", on_delete=models.PROTECT,
                                  related_name="linkages", verbose_name=_("household"))
    division_code = models.CharField(_("village"), max_length=12, db_index=True)
    form = models.CharField(_("form"), max_length=16, choices=LinkageForm.choices)
    started_on = models.DateField(_("start"))
    ended_on = models.DateField(_("end"), null=True, blank=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ("division_code", "household", "started_on")
        verbose_name = _("benefit linkage")
        constraints = [ends_after_start("linkage_end_after_start", "started_on", "ended_on")]
        indexes = [models.Index(fields=["division_code", "started_on"],
                                name="linkage_div_start_idx")]

    def __str__(self) -> str:
        return f"{self.household_id} ← {self.enterprise}"


class LinkageYear(RegionOwnedModel):
    """The amounts a linkage brought its household in one year. They are part of the
    household's economy for that year (``services.record_linkage_year`` keeps both in step)."""

    linkage = models.ForeignKey(Linkage, on_delete=models.CASCADE, related_name="years",
                                verbose_name=_("benefit linkage"))
    division_code = models.CharField(_("village"), max_length=12, db_index=True)
    year = year_field(_("year"))
    purchase_value = amount_field(_("purchase value"))
    wages = amount_field(_("wages"))
    dividends = amount_field(_("dividends"))
    rent = amount_field(_("rent"))

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ("linkage", "year")
        verbose_name = _("linkage year")
        constraints = [
            year_range("linkage_year_range"),
            models.UniqueConstraint(fields=["linkage", "year"], name="linkage_year_once"),
            *amounts_bounded("linkage_year", LINKAGE_AMOUNTS),
        ]

    def __str__(self) -> str:
        return f"{self.linkage_id} {self.year}"

    @property
    def total(self):
        return sum(getattr(self, f) for f in LINKAGE_AMOUNTS)
