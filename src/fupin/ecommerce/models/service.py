"""The service system (county centre, township stations, village points) and logistics."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from fupin.core.models import RegionOwnedModel, RegionScopedQuerySet
from fupin.ecommerce.choices import SiteLevel, SiteStatus
from fupin.ecommerce.models.common import ends_after_start, year_field, year_range


class Site(RegionOwnedModel):
    """A service site bound to the division of its level (county centre → county, township
    station → township, village point → village). ``services`` is a ``;``-separated list of
    :class:`~fupin.ecommerce.choices.SiteService` codes. A site is *working* in a year when
    its status allows it and it was open on some day of that year (docs/ecommerce.md)."""

    code = models.CharField(_("site code"), max_length=40, unique=True)
    level = models.CharField(_("level"), max_length=20, choices=SiteLevel.choices)
    division_code = models.CharField(_("division"), max_length=12, db_index=True)
    name = models.CharField(_("name"), max_length=120)
    operator = models.CharField(_("operator"), max_length=100, blank=True)
    services = models.CharField(_("services"), max_length=100, blank=True)
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=SiteStatus.choices,
                              default=SiteStatus.WORKING)
    area_m2 = models.PositiveIntegerField(_("floor area (m²)"), null=True, blank=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ("division_code", "level", "code")
        verbose_name = _("service site")
        constraints = [ends_after_start("site_closed_after_opened", "opened_on", "closed_on")]
        indexes = [models.Index(fields=["level", "division_code"], name="site_level_div_idx")]

    def __str__(self) -> str:
        return self.name

    @property
    def service_codes(self) -> list[str]:
        return [s for s in self.services.split(";") if s]


class LogisticsYear(RegionOwnedModel):
    """Express delivery in one township and year: covered or not, by which carriers
    (``;``-separated), how many village delivery points, parcels in and out when known."""

    division_code = models.CharField(_("township"), max_length=12, db_index=True)
    year = year_field(_("year"))
    express_covered = models.BooleanField(_("express delivery covered"))
    carriers = models.CharField(_("carriers"), max_length=200, blank=True)
    village_delivery_points = models.PositiveIntegerField(_("village delivery points"),
                                                          default=0)
    parcels_in = models.PositiveIntegerField(_("parcels in"), null=True, blank=True)
    parcels_out = models.PositiveIntegerField(_("parcels out"), null=True, blank=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ("division_code", "year")
        verbose_name = _("township logistics")
        constraints = [
            year_range("logistics_year_range"),
            models.UniqueConstraint(fields=["division_code", "year"],
                                    name="logistics_township_year"),
        ]

    def __str__(self) -> str:
        return f"{self.division_code} {self.year}"

