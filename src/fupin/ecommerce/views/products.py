"""Screens of poverty-alleviation products (扶贫产品): the product list, a product's page
(facts, the steps of its certification, the steps the user may take, batches, sales), the
application form, supply chains, batches with their traceability and sales. Views are thin:
reads through the region gate, writes through ``services.products``."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Sum
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from fupin.core import labels
from fupin.core import workflow as engine
from fupin.core.errors import NotFound, ValidationFailed
from fupin.core.lists import ListPage
from fupin.core.views import ScopedView
from fupin.ecommerce import access, workflows
from fupin.ecommerce.choices import ProductCategory, SalesChannel
from fupin.ecommerce.models import Product, Sale, SupplyChain, TraceBatch
from fupin.ecommerce.product_tables import (
    BatchFilter,
    BatchTable,
    ChainFilter,
    ChainTable,
    ProductFilter,
    ProductTable,
    SaleFilter,
    SaleTable,
    poor_county,
    with_linked_households,
)
from fupin.ecommerce.services import products as services
from fupin.regions.models import CountyProfile


class ProductListView(ListPage):
    """Products of the user's region by state, category, origin, supplier and chain."""

    permission_required = "ecommerce.view_product"
    model = Product
    table_class = ProductTable
    filterset_class = ProductFilter
    template_name = "ecommerce/product_list.html"
    title = gettext_lazy("Poverty-alleviation products")
    export_name = "products"

    def base_queryset(self):
        return Product.objects.select_related("supplier", "supply_chain")


def sales_by_year_channel(sales) -> list[dict]:
    """Sales summed by year and channel (one grouped query) with the part that came from
    national poverty counties (832) and its share."""
    rows = (sales.annotate(from_poor=poor_county()).order_by()
            .values("year", "channel", "from_poor").annotate(amount=Sum("amount")))
    table: dict[tuple, dict] = defaultdict(lambda: {"amount": Decimal(0),
                                                    "poor": Decimal(0)})
    for r in rows:
        cell = table[(r["year"], r["channel"])]
        cell["amount"] += r["amount"] or 0
        if r["from_poor"]:
            cell["poor"] += r["amount"] or 0
    out = []
    for (year, channel), cell in sorted(table.items(), key=lambda kv: (-kv[0][0], kv[0][1])):
        share = (cell["poor"] / cell["amount"] * 100).quantize(Decimal("0.1")) \
            if cell["amount"] else None
        out.append({"year": year, "channel": channel,
                    "channel_word": labels.word("sales_channel", channel),
                    "amount": cell["amount"], "poor": cell["poor"], "share": share})
    return out


def _history(product: Product) -> list[dict]:
    rows = [{"at": s.at, "actor": s.actor.get_username(),
             "what": labels.word("product_step", s.action),
             "to": labels.word("product_state", s.to_state), "note": s.note}
            for s in product.steps.select_related("actor")]
    if product.state == "expired":
        rows.append({"at": product.state_since, "actor": "",
                     "what": labels.word("product_state", "expired"),
                     "to": labels.word("product_state", "expired"),
                     "note": gettext("validity ended %(day)s") % {"day": product.valid_until}})
    return rows


class ProductView(ScopedView):
    """A product's page: facts, the certification's history, the steps the user may take
    (with the forms they need), batches and sales."""

    permission_required = "ecommerce.view_product"

    @staticmethod
    def context(request, product: Product, errors=None) -> dict:
        user = request.user
        engine.mark_read(user, product)
        county = product.division_code[:6].ljust(12, "0")
        poor = CountyProfile.objects.filter(county_id=county,
                                            national_poverty_county=True).exists()
        today = timezone.localdate()
        return {
            "product": product, "errors": errors or [],
            "state_word": labels.word("product_state", product.state),
            "origin": labels.word("division", product.division_code),
            "steps": workflows.steps_for(user, product),
            "reason_actions": workflows.REASON_ACTIONS,
            "history": _history(product),
            "notice_end": workflows.notice_end(product),
            "notice_days": workflows.notice_days(product),
            "valid_from_default": today.isoformat(),
            "valid_until_default": workflows.default_validity_end(today).isoformat(),
            "overdue": not product.closed and product.due_at and product.due_at < timezone.now(),
            "batches": access.batches(user).filter(product=product)
            .select_related("origin_household", "origin_enterprise")[:50],
            "sales": sales_by_year_channel(access.sales(user).filter(product=product)),
            "poor_county": poor,
        }

    def get(self, request, pk: int):
        product = access.access_product(request.user, pk)
        return render(request, "ecommerce/product_detail.html", self.context(request, product))


def _version(request) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        raise ValidationFailed(gettext("reload the page"), {"version": "number"}) from None


class ProductStepView(ScopedView):
    """Take a step of the certification (the engine checks region, version, level, role)."""

    permission_required = "ecommerce.view_product"

    def post(self, request, pk: int):
        product = access.access_product(request.user, pk)
        p = request.POST
        params = {k: p.get(k, "") for k in ("certificate_no", "valid_from", "valid_until")
                  if p.get(k, "").strip()}
        try:
            services.take_step(actor=request.user, product=product,
                               action=p.get("action", ""), version=_version(request),
                               note=p.get("note", ""), **params)
        except ValidationFailed as exc:
            return render(request, "ecommerce/product_detail.html",
                          ProductView.context(request, product, [str(exc)]), status=400)
        return redirect("ecommerce-product", pk=product.pk)


class ProductApplyView(ScopedView):
    """Enter a supplier's application (county officer)."""

    permission_required = "ecommerce.apply_product"

    def context(self, errors=None, data=None):
        user = self.request.user
        return {"categories": ProductCategory.choices, "errors": errors or {},
                "chains": access.supply_chains(user).order_by("code")[:500],
                "data": data or {"division_code": ""}}

    def get(self, request):
        return render(request, "ecommerce/product_apply.html", self.context())

    def post(self, request):
        p = request.POST
        try:
            product = services.apply(actor=request.user, data=services.Application(
                code=p.get("code", ""), name=p.get("name", ""),
                supplier=p.get("supplier", ""), division_code=p.get("division_code", ""),
                category=p.get("category", ""), specification=p.get("specification", ""),
                supply_chain=p.get("supply_chain", "")))
        except NotFound:  # a division of another region: said on the form, named nowhere
            errors = {"division_code": gettext("not in your region")}
            return render(request, "ecommerce/product_apply.html", self.context(errors, p),
                          status=400)
        except ValidationFailed as exc:
            errors = exc.errors or {"__all__": str(exc)}
            if not isinstance(errors, dict):
                errors = {"__all__": str(exc)}
            return render(request, "ecommerce/product_apply.html", self.context(errors, p),
                          status=400)
        return redirect("ecommerce-product", pk=product.pk)


class ChainListView(ListPage):
    """Supply chains of the user's region with enterprises, products and linked households."""

    permission_required = "ecommerce.view_supplychain"
    model = SupplyChain
    table_class = ChainTable
    filterset_class = ChainFilter
    title = gettext_lazy("Supply chains")
    export_name = "supply-chains"

    def base_queryset(self):
        return with_linked_households(SupplyChain.objects.all())


class ChainView(ScopedView):
    """A supply chain: sector, brand, standards, certifications, enterprises, products and
    the households linked to its enterprises."""

    permission_required = "ecommerce.view_supplychain"

    def get(self, request, pk: int):
        chain = access.access_supply_chain(request.user, pk,
                                           with_linked_households(SupplyChain.objects.all()))
        return render(request, "ecommerce/product_chain.html", {
            "chain": chain, "county": labels.word("division", chain.division_code),
            "standards": [s.strip() for s in chain.standards.split(";") if s.strip()],
            "certifications": [s.strip() for s in chain.certifications.split(";")
                               if s.strip()],
            "enterprises": chain.enterprises.all(),
            "products": access.products(request.user).filter(supply_chain=chain),
        })


class BatchListView(ListPage):
    """Batches with their traceability: origin household (masked) or co-operative → buyer."""

    permission_required = "ecommerce.view_tracebatch"
    model = TraceBatch
    table_class = BatchTable
    filterset_class = BatchFilter
    title = gettext_lazy("Batches and traceability")
    export_name = "batches"

    def base_queryset(self):
        return TraceBatch.objects.select_related("product", "origin_household",
                                                 "origin_enterprise")


class SaleListView(ListPage):
    """Sales by product, year and channel, with the totals by year and channel and the
    share from national poverty counties."""

    permission_required = "ecommerce.view_sale"
    model = Sale
    table_class = SaleTable
    filterset_class = SaleFilter
    template_name = "ecommerce/product_sales.html"
    title = gettext_lazy("Sales of poverty-alleviation products")
    export_name = "sales"

    def base_queryset(self):
        return Sale.objects.select_related("product").annotate(poor=poor_county())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        qs = self.filterset.qs if self.filterset is not None else self.get_queryset()
        context["summary"] = sales_by_year_channel(qs.order_by())
        context["channels"] = SalesChannel.choices
        return context

