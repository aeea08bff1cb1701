"""The product lists (:mod:`fupin.core.lists`): tables and filter sets of products, supply
chains, batches and sales, shared by the screens, their Excel exports and the API."""

from __future__ import annotations

import django_filters
import django_tables2 as tables
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Concat, Substr
from django.utils.translation import gettext_lazy

from fupin.core import labels
from fupin.core.access import Scope
from fupin.core.lists import page_records
from fupin.ecommerce.choices import ProductCategory, SalesChannel, Sector
from fupin.ecommerce.models import Linkage, Product, Sale, SupplyChain, TraceBatch
from fupin.ecommerce.workflows import STATES
from fupin.regions.models import CountyProfile

#: Numbers sit right in their cells, with thousands separators on screen (raw in exports).
NUM = {"td": {"class": "text-end"}}


def mask_name(name: str) -> str:
    """A household head's name as lists show it (ADR 0018: the registry number identifies
    the household; the name is masked to its first character)."""
    return (name[:1] + "*" * max(len(name) - 1, 1)) if name else ""


def poor_county() -> Exists:
    """Whether the row's ``division_code`` lies in a national poverty county (832)."""
    return Exists(CountyProfile.objects.filter(
        national_poverty_county=True,
        county_id=Concat(Substr(OuterRef("division_code"), 1, 6), Value("000000"))))


def with_linked_households(qs):
    """Supply chains with ``linked_households``: distinct households linked to any of the
    chain's enterprises in the chain's county (one subquery, no loop)."""
    linked = (Linkage.objects.filter(enterprise__supply_chains=OuterRef("pk"))
              .annotate(county=Substr("division_code", 1, 6))
              .filter(county=Substr(OuterRef("division_code"), 1, 6))
              .order_by().values("county")
              .annotate(n=Count("household", distinct=True)).values("n"))
    return qs.annotate(
        linked_households=Coalesce(Subquery(linked, output_field=IntegerField()), 0),
        n_enterprises=Count("enterprises", distinct=True),
        n_products=Count("products", distinct=True))


class _Divisions:
    def division_names(self) -> dict[str, str]:
        if not hasattr(self, "_names"):
            codes = {r.division_code for r in page_records(self)}
            self._names = labels.lookup_many("division", codes)
        return self._names

    def render_division_code(self, value):
        return self.division_names().get(value, value)

    def value_division_code(self, value):
        return self.render_division_code(value)


def _in_division(queryset, name, value):
    """Rows in a division (a code of 2–12 digits, as typed)."""
    value = value.strip()
    if not (value.isdigit() and len(value) <= 12):
        return queryset.none()
    try:
        return queryset.filter(Scope.of_code(value.ljust(12, "0")).q("division_code"))
    except ValueError:
        return queryset.none()


class ProductTable(_Divisions, tables.Table):
    code = tables.Column(verbose_name=gettext_lazy("Product code"),
                         linkify=("ecommerce-product", {"pk": tables.A("pk")}))
    name = tables.Column(verbose_name=gettext_lazy("Product"),
                         linkify=("ecommerce-product", {"pk": tables.A("pk")}))
    supplier = tables.Column(verbose_name=gettext_lazy("Supplier"), accessor="supplier__name")
    division_code = tables.Column(verbose_name=gettext_lazy("Origin"))
    category = tables.Column(verbose_name=gettext_lazy("Category"))
    supply_chain = tables.Column(verbose_name=gettext_lazy("Supply chain"),
                                 accessor="supply_chain__name")
    state = tables.Column(verbose_name=gettext_lazy("State"))
    certificate_no = tables.Column(verbose_name=gettext_lazy("Certificate number"))
    valid_until = tables.DateColumn(verbose_name=gettext_lazy("Valid until"), format="Y-m-d")

    class Meta:
        order_by = ("division_code", "code")
        empty_text = gettext_lazy("No products in your region.")
        attrs = {"class": "table table-sm table-dense", "id": "products"}

    def render_category(self, value, record):
        return record.get_category_display()

    def value_category(self, value, record):
        return record.get_category_display()

    def render_state(self, value):
        return labels.word("product_state", value)

    def value_state(self, value):
        return self.render_state(value)


class ProductFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(label=gettext_lazy("State"),
                                        choices=list(STATES.items()))
    category = django_filters.ChoiceFilter(label=gettext_lazy("Category"),
                                           choices=ProductCategory.choices)
    origin = django_filters.CharFilter(label=gettext_lazy("Origin (division code)"),
                                       method="in_origin")
    supplier = django_filters.CharFilter(label=gettext_lazy("Supplier"), method="by_supplier")
    chain = django_filters.CharFilter(label=gettext_lazy("Supply chain code"),
                                      field_name="supply_chain__code")

    class Meta:
        model = Product
        fields = ["state", "category"]

    def in_origin(self, queryset, name, value):
        return _in_division(queryset, name, value)

    def by_supplier(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(supplier__name__icontains=value)
                               | Q(supplier__credit_code=value.upper()))


class ChainTable(_Divisions, tables.Table):
    code = tables.Column(verbose_name=gettext_lazy("Supply chain code"),
                         linkify=("ecommerce-chain", {"pk": tables.A("pk")}))
    name = tables.Column(verbose_name=gettext_lazy("Supply chain"),
                         linkify=("ecommerce-chain", {"pk": tables.A("pk")}))
    division_code = tables.Column(verbose_name=gettext_lazy("County"))
    sector = tables.Column(verbose_name=gettext_lazy("Sector"))
    brand = tables.Column(verbose_name=gettext_lazy("Regional brand"))
    n_enterprises = tables.Column(verbose_name=gettext_lazy("Enterprises"))
    n_products = tables.Column(verbose_name=gettext_lazy("Products"))
    linked_households = tables.Column(verbose_name=gettext_lazy("Linked households"))

    class Meta:
        order_by = ("division_code", "sector", "code")
        empty_text = gettext_lazy("No supply chains in your region.")
        attrs = {"class": "table table-sm table-dense", "id": "chains"}

    def render_sector(self, value, record):
        return record.get_sector_display()

    def value_sector(self, value, record):
        return record.get_sector_display()


class ChainFilter(django_filters.FilterSet):
    sector = django_filters.ChoiceFilter(label=gettext_lazy("Sector"), choices=Sector.choices)
    brand = django_filters.CharFilter(label=gettext_lazy("Regional brand"),
                                      lookup_expr="icontains")

    class Meta:
        model = SupplyChain
        fields = ["sector"]


class BatchTable(_Divisions, tables.Table):
    product = tables.Column(verbose_name=gettext_lazy("Product"), accessor="product__name",
                            linkify=("ecommerce-product", {"pk": tables.A("product_id")}))
    batch_no = tables.Column(verbose_name=gettext_lazy("Batch number"))
    produced_on = tables.DateColumn(verbose_name=gettext_lazy("Produced on"), format="Y-m-d")
    division_code = tables.Column(verbose_name=gettext_lazy("Origin"))
    origin = tables.Column(verbose_name=gettext_lazy("From"), empty_values=(),
                           orderable=False)
    buyer = tables.Column(verbose_name=gettext_lazy("Buyer"))
    quantity = tables.Column(verbose_name=gettext_lazy("Quantity"), attrs=NUM)
    unit = tables.Column(verbose_name=gettext_lazy("Unit"))

    class Meta:
        order_by = ("-produced_on", "batch_no")
        empty_text = gettext_lazy("No batches in your region.")
        attrs = {"class": "table table-sm table-dense", "id": "batches"}

    def render_origin(self, record):
        return batch_origin(record)

    def render_quantity(self, value):
        return labels.number(value)

    def value_quantity(self, value):
        return value

    def value_origin(self, record):
        return batch_origin(record)


def batch_origin(batch: TraceBatch) -> str:
    """Where a batch came from: the household (registry number, masked head) or the
    co-operative."""
    if batch.origin_household_id:
        h = batch.origin_household
        return f"{h.household_id} {mask_name(h.head_name)}"
    return batch.origin_enterprise.name if batch.origin_enterprise_id else ""


class BatchFilter(django_filters.FilterSet):
    product = django_filters.CharFilter(label=gettext_lazy("Product code"),
                                        field_name="product__code")
    origin = django_filters.CharFilter(label=gettext_lazy("Origin (division code)"),
                                       method="in_origin")
    buyer = django_filters.CharFilter(label=gettext_lazy("Buyer"), lookup_expr="icontains")

    class Meta:
        model = TraceBatch
        fields = ["buyer"]

    def in_origin(self, queryset, name, value):
        return _in_division(queryset, name, value)


class SaleTable(_Divisions, tables.Table):
    product = tables.Column(verbose_name=gettext_lazy("Product"), accessor="product__name",
                            linkify=("ecommerce-product", {"pk": tables.A("product_id")}))
    year = tables.Column(verbose_name=gettext_lazy("Year"))
    channel = tables.Column(verbose_name=gettext_lazy("Channel"))
    platform = tables.Column(verbose_name=gettext_lazy("Platform or outlet"))
    amount = tables.Column(verbose_name=gettext_lazy("Sales value (yuan)"), attrs=NUM)
    quantity = tables.Column(verbose_name=gettext_lazy("Quantity"), attrs=NUM)
    division_code = tables.Column(verbose_name=gettext_lazy("Origin"))
    poor = tables.BooleanColumn(verbose_name=gettext_lazy("Poor county"))

    class Meta:
        order_by = ("-year", "product", "channel")
        empty_text = gettext_lazy("No sales in your region.")
        attrs = {"class": "table table-sm table-dense", "id": "sales"}

    def render_channel(self, value, record):
        return record.get_channel_display()

    def render_amount(self, value):
        return labels.number(value)

    def value_amount(self, value):
        return value

    def render_quantity(self, value):
        return labels.number(value)

    def value_quantity(self, value):
        return value

    def value_channel(self, value, record):
        return record.get_channel_display()


class SaleFilter(django_filters.FilterSet):
    product = django_filters.CharFilter(label=gettext_lazy("Product code"),
                                        field_name="product__code")
    year = django_filters.NumberFilter(label=gettext_lazy("Year"))
    channel = django_filters.ChoiceFilter(label=gettext_lazy("Channel"),
                                          choices=SalesChannel.choices)

    class Meta:
        model = Sale
        fields = ["year", "channel"]
