"""Administrative divisions (行政区划) and county attributes."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from fupin.core import scope
from fupin.core.models import RegionScopedQuerySet
from fupin.regions.choices import Level


class Division(models.Model):
    """A statistical division (统计用区划): province, prefecture, county, township or village.

    ``code`` is the 12-digit NBS code, right-padded with zeros above village level.
    """

    code = models.CharField(max_length=12, primary_key=True)
    name = models.CharField(max_length=100)
    level = models.CharField(max_length=10, choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    vintage = models.CharField(max_length=16, default="NBS-2023")
    #: NBS-only statistical unit (development zone, new area …), not a GB/T 2260 county.
    stat_only = models.BooleanField(default=False)

    region_field = "code"
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ("code",)
        indexes = [models.Index(fields=["parent", "code"], name="division_parent_idx")]

    def __str__(self) -> str:
        return self.name

    @property
    def prefix(self) -> str:
        return scope.prefix_of(self.code, self.level)

    def ancestors(self) -> list[Division]:
        """Ancestors from the province down, excluding this division."""
        codes = [
            self.code[:n].ljust(12, "0")
            for n in scope.PREFIX_LENGTH.values()
            if 0 < n < len(self.prefix)
        ]
        found = {d.code: d for d in Division.objects.filter(code__in=codes)}
        return [found[c] for c in codes if c in found and c != self.code]

    def full_name(self) -> str:
        return "".join(d.name for d in [*self.ancestors(), self] if d.name not in {"市辖区", "县"})


class CountyProfile(models.Model):
    """Attributes of a county: poverty-county lists, exit year, e-commerce demonstration batch.

    ``source`` records where each fact came from; the default lists are partial and say so.
    """

    county = models.OneToOneField(
        Division, on_delete=models.CASCADE, primary_key=True, related_name="profile"
    )
    national_poverty_county = models.BooleanField(_("national poverty county (832)"),
                                                  default=False)
    deep_poverty_county = models.BooleanField(_("deep-poverty county (334)"), default=False)
    key_subcounty_area = models.BooleanField(default=False)
    exit_year = models.PositiveSmallIntegerField(null=True, blank=True)
    ecommerce_demo_year = models.PositiveSmallIntegerField(null=True, blank=True)
    source = models.TextField(blank=True)

    region_field = "county_id"
    objects = RegionScopedQuerySet.as_manager()

    def __str__(self) -> str:
        return f"profile of {self.county_id}"


class ReferenceLoad(models.Model):
    """A record of a reference-data load (what, which vintage, how many rows, when)."""

    kind = models.CharField(max_length=32)
    vintage = models.CharField(max_length=32)
    detail = models.CharField(max_length=200, blank=True)
    rows = models.PositiveIntegerField()
    loaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.kind} {self.vintage} ({self.rows})"
