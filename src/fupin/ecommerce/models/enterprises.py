"""Enterprises, their pairings with counties (对口帮扶) and what they delivered."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from stdnum.cn import uscc

from fupin.core.models import RegionOwnedModel, RegionScopedQuerySet, TimestampedModel
from fupin.ecommerce.choices import EnterpriseKind
from fupin.ecommerce.models.common import (
    amount_field,
    amounts_bounded,
    ends_after_start,
    year_field,
    year_range,
)


def validate_credit_code(value: str) -> None:
    """A unified social credit code (统一社会信用代码) with a correct GB 32100 check
    character (python-stdnum's ``cn.uscc``)."""
    if not uscc.is_valid(value):
        raise ValidationError(
            _("not a valid unified social credit code (GB 32100: 18 characters with a "
              "correct check character)"), code="credit_code")


class Enterprise(TimestampedModel):
    """A platform, e-commerce firm, co-operative, shop or logistics company, by its unified
    social credit code. Business registration is public (国家企业信用信息公示系统), so
    enterprises are visible to every user who may see the programme; ``division_code`` is
    where it is registered (for a co-operative, its village or township)."""

    credit_code = models.CharField(_("unified social credit code"), max_length=18, unique=True,
                                   validators=[validate_credit_code])
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=16, choices=EnterpriseKind.choices)
    division_code = models.CharField(_("registered in"), max_length=12, blank=True)

    class Meta:
        ordering = ("name",)
        verbose_name = _("enterprise")

    def __str__(self) -> str:
        return self.name


class Pairing(RegionOwnedModel):
    """An enterprise paired with a county for a period, with its commitments."""

    code = models.CharField(_("pairing code"), max_length=40, unique=True)
    enterprise = models.ForeignKey(Enterprise, on_delete=models.PROTECT,
                                   related_name="pairings", verbose_name=_("enterprise"))
    division_code = models.CharField(_("county"), max_length=12, db_index=True)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"), null=True, blank=True)
    committed_purchase = amount_field(_("committed purchase value"))
    committed_training = models.PositiveIntegerField(_("committed training (person-times)"),
                                                     default=0)
    committed_jobs = models.PositiveIntegerField(_("committed jobs"), default=0)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ("division_code", "start_date", "code")
        verbose_name = _("pairing")
        constraints = [
            ends_after_start("pairing_end_after_start", "start_date", "end_date"),
            *amounts_bounded("pairing", ["committed_purchase"]),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} → {self.division_code}"


class PairingYear(RegionOwnedModel):
    """What a pairing delivered in one year."""

    pairing = models.ForeignKey(Pairing, on_delete=models.CASCADE, related_name="years",
                                verbose_name=_("pairing"))
    division_code = models.CharField(_("county"), max_length=12, db_index=True)
    year = year_field(_("year"))
    delivered_purchase = amount_field(_("purchase value delivered"))
    delivered_training = models.PositiveIntegerField(_("training delivered (person-times)"),
                                                     default=0)
    delivered_jobs = models.PositiveIntegerField(_("jobs delivered"), default=0)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ("pairing", "year")
        verbose_name = _("pairing year")
        constraints = [
            year_range("pairing_year_range"),
            models.UniqueConstraint(fields=["pairing", "year"], name="pairing_year_once"),
            *amounts_bounded("pairing_year", ["delivered_purchase"]),
        ]

    def __str__(self) -> str:
        return f"{self.pairing_id} {self.year}"
