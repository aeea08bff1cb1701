"""Supply chains, certified poverty-alleviation products (扶贫产品), batches and sales."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fupin.core.models import RegionOwnedModel, RegionScopedQuerySet
from fupin.core.workflow import WorkflowObject
from fupin.ecommerce.choices import ProductCategory, SalesChannel, Sector
from fupin.ecommerce.models.common import (
    amount_field,
    amounts_bounded,
    ends_after_start,
    year_field,
    year_range,
)


class SupplyChain(RegionOwnedModel):
    """A county's supply chain in one sector with its enterprises and regional brand; its
    linked households are those linked to its enterprises. ``standards`` and
    ``certifications`` are ``;``-separated (e.g. 绿色食品; 地理标志)."""

    code = models.CharField(_("supply chain code"), max_length=40, unique=True)
    division_code = models.CharField(_("county"), max_length=12, db_index=True)
    sector = models.CharField(_("sector"), max_length=12, choices=Sector.choices)
    name = models.CharField(_("name"), max_length=120)
    brand = models.CharField(_("regional brand"), max_length=120, blank=True)
    standards = models.CharField(_("standards met"), max_length=300, blank=True)
    certifications = models.CharField(_("certifications"), max_length=300, blank=True)
    enterprises = models.ManyToManyField("ecommerce.Enterprise", blank=True,
                                         related_name="supply_chains",
                                         verbose_name=_("enterprises"))

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ("division_code", "sector", "code")
        verbose_name = _("supply chain")

    def __str__(self) -> str:
        return self.name


class Product(WorkflowObject):
    """A poverty-alleviation product of a supplier from a county of origin, certified through
    ``ecommerce.workflows.CERTIFICATION`` (application → township check → county industry
    bureau review → county approval → public notice → listed, or refused with the reason),
    valid from ``valid_from`` to ``valid_until`` unless revoked."""

    code = models.CharField(_("product code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    supplier = models.ForeignKey("ecommerce.Enterprise", on_delete=models.PROTECT,
                                 related_name="products", verbose_name=_("supplier"))
    supply_chain = models.ForeignKey(SupplyChain, on_delete=models.SET_NULL, null=True,
                                     blank=True, related_name="products",
                                     verbose_name=_("supply chain"))
    #: The township the application is checked in (the supplier's), or the county.
    division_code = models.CharField(_("origin"), max_length=12, db_index=True)
    category = models.CharField(_("category"), max_length=12, choices=ProductCategory.choices)
    specification = models.CharField(_("specification"), max_length=120, blank=True)
    certificate_no = models.CharField(_("certificate number"), max_length=40, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    refused_reason = models.TextField(_("reason refused"), blank=True)
    revoked_reason = models.TextField(_("reason revoked"), blank=True)
    applied_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    steps = GenericRelation("core.WorkflowStep")

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ("division_code", "code")
        verbose_name = _("poverty-alleviation product")
        permissions = [
            ("apply_product", "Can apply for the certification of a product"),
            ("check_product_township", "Can check a product application (township)"),
            ("review_product_bureau", "Can review a product (county industry bureau)"),
            ("approve_product", "Can approve, list, refuse and revoke products (county)"),
        ]
        constraints = [ends_after_start("product_valid_until_after_from", "valid_from",
                                        "valid_until")]

    def __str__(self) -> str:
        return self.name


class TraceBatch(RegionOwnedModel):
    """A traceability record of one batch: from the origin household or co-operative to the
    buyer."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="batches",
                                verbose_name=_("product"))
    batch_no = models.CharField(_("batch number"), max_length=40)
    division_code = models.CharField(_("origin"), max_length=12, db_index=True)
    produced_on = models.DateField(_("produced on"))
    origin_household = models.ForeignKey("households.Household", on_delete=models.PROTECT,
                                         null=True, blank=True, related_name="+",
                                         verbose_name=_("origin household"))
    origin_enterprise = models.ForeignKey("ecommerce.Enterprise", on_delete=models.PROTECT,
                                          null=True, blank=True, related_name="+",
                                          verbose_name=_("origin co-operative"))
    buyer = models.CharField(_("buyer"), max_length=200)
    quantity = models.DecimalField(_("quantity"), max_digits=14, decimal_places=3)
    unit = models.CharField(_("unit"), max_length=10)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ("product", "produced_on", "batch_no")
        verbose_name = _("batch")
        constraints = [
            models.UniqueConstraint(fields=["product", "batch_no"], name="batch_once"),
            models.CheckConstraint(condition=Q(origin_household__isnull=False)
                                   | Q(origin_enterprise__isnull=False),
                                   name="batch_has_origin"),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="batch_quantity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.product_id}/{self.batch_no}"


class Sale(RegionOwnedModel):
    """Sales of a product in one year through one channel (online platform named in
    ``platform``; offline: trade-fair zones, transport-hub counters, canteens …)."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="sales",
                                verbose_name=_("product"))
    division_code = models.CharField(_("origin"), max_length=12, db_index=True)
    year = year_field(_("year"))
    channel = models.CharField(_("channel"), max_length=16, choices=SalesChannel.choices)
    platform = models.CharField(_("platform or outlet"), max_length=100, blank=True)
    amount = amount_field(_("sales value"))
    quantity = models.DecimalField(_("quantity"), max_digits=14, decimal_places=3, null=True,
                                   blank=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ("product", "year", "channel")
        verbose_name = _("sales")
        constraints = [
            year_range("sale_year_range"),
            models.UniqueConstraint(fields=["product", "year", "channel", "platform"],
                                    name="sale_once"),
            *amounts_bounded("sale", ["amount"]),
        ]

    def __str__(self) -> str:
        return f"{self.product_id} {self.year} {self.channel}"
