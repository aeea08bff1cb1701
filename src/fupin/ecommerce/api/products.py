"""API: poverty-alleviation products — the list and one product, the application, the steps of
the certification (POST, 409 on a stale version), supply chains, batches and sales. Region-
scoped like the screens; filters are the screens' filter sets (see api/__init__.py)."""

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from fupin.core.access import allowed
from fupin.core.errors import Forbidden, ValidationFailed
from fupin.core.pagination import BoundedPageNumberPagination, QueryText, with_choices
from fupin.ecommerce import access
from fupin.ecommerce.choices import ProductCategory
from fupin.ecommerce.models import Product, Sale, SupplyChain, TraceBatch
from fupin.ecommerce.product_tables import (
    BatchFilter,
    ChainFilter,
    ProductFilter,
    SaleFilter,
    mask_name,
    poor_county,
    with_linked_households,
)
from fupin.ecommerce.services import products as services

router = Router(tags=["ecommerce"])


class ProductOut(Schema):
    id: int
    code: str
    name: str
    supplier_credit_code: str = Field(alias="supplier.credit_code")
    supplier_name: str = Field(alias="supplier.name")
    division_code: str
    category: str
    specification: str
    supply_chain_code: str | None
    state: str
    state_since: dt.datetime
    due_at: dt.datetime | None
    closed: bool
    version: int
    certificate_no: str
    valid_from: dt.date | None
    valid_until: dt.date | None
    refused_reason: str
    revoked_reason: str

    @staticmethod
    def resolve_supply_chain_code(obj):
        return obj.supply_chain.code if obj.supply_chain_id else None


class ApplicationIn(Schema):
    code: str = Field(min_length=1, max_length=40)
    name: str = Field(min_length=1, max_length=200)
    supplier: str = Field(min_length=18, max_length=18,
                          description="the supplier's unified social credit code")
    division_code: str = Field(pattern=r"^\d{12}$",
                               description="the township or village of origin")
    category: ProductCategory
    specification: str = Field("", max_length=120)
    supply_chain: str = Field("", max_length=40)


class ProductStepIn(Schema):
    action: str = Field(max_length=32, description="check, refuse_township, review, "
                        "refuse_bureau, approve, refuse, post_notice, object, list, revoke")
    version: int = Field(ge=0, le=2**31 - 1)
    note: str = Field("", max_length=5000, description="the reason or objection, where due")
    certificate_no: str = Field("", max_length=40, description="list: empty = assigned")
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None


class ProductQuery(Schema):
    state: QueryText = ""
    category: QueryText = ""
    origin: QueryText = ""
    supplier: QueryText = ""
    chain: QueryText = ""


ProductQuery = with_choices(ProductQuery, ProductFilter)


def _filtered(filterset_class, data: dict, qs):
    filterset = filterset_class({k: v for k, v in data.items() if v not in ("", None)},
                                queryset=qs)
    if not filterset.is_valid():
        raise ValidationFailed("invalid filter", {k: " ".join(v) for k, v
                                                  in filterset.errors.items()})
    return filterset.qs


def _check(request, model, what: str) -> None:
    if not allowed(request.user, model):
        raise Forbidden(f"your role may not see {what}")


@router.get("/ecommerce/products", response=list[ProductOut])
@paginate(BoundedPageNumberPagination, page_size=50)
def list_products(request: HttpRequest, filters: Query[ProductQuery]):
    """Products of the caller's region (filters as on the screen)."""
    _check(request, Product, "products")
    qs = access.products(request.user)
    return _filtered(ProductFilter, filters.dict(), qs).order_by("division_code", "code")


@router.get("/ecommerce/products/{int:product_id}", response=ProductOut)
def get_product(request: HttpRequest, product_id: int):
    return access.access_product(request.user, product_id)


@router.post("/ecommerce/products", response=ProductOut)
def post_product_application(request: HttpRequest, body: ApplicationIn):
    """Enter a supplier's application (county officer); the product starts ``applied``."""
    return services.apply(actor=request.user, data=services.Application(**body.model_dump()))


@router.post("/ecommerce/products/{int:product_id}/steps", response=ProductOut)
def post_product_step(request: HttpRequest, product_id: int, body: ProductStepIn):
    """A step of the certification; 409 when someone acted first (stale ``version``), 403
    for a role that does not take it, 400 with the unmet conditions."""
    product = access.access_product(request.user, product_id)
    data = body.model_dump()
    params = {k: data.pop(k) for k in ("certificate_no", "valid_from", "valid_until")}
    params = {k: v for k, v in params.items() if v not in ("", None)}
    services.take_step(actor=request.user, product=product, **data, **params)
    return access.access_product(request.user, product_id)


class ChainOut(Schema):
    id: int
    code: str
    division_code: str
    sector: str
    name: str
    brand: str
    standards: str
    certifications: str
    n_enterprises: int
    n_products: int
    linked_households: int


class ChainQuery(Schema):
    sector: QueryText = ""
    brand: QueryText = ""


ChainQuery = with_choices(ChainQuery, ChainFilter)


@router.get("/ecommerce/chains", response=list[ChainOut])
@paginate(BoundedPageNumberPagination, page_size=50)
def list_supply_chains(request: HttpRequest, filters: Query[ChainQuery]):
    """Supply chains with their enterprises, products and linked households."""
    _check(request, SupplyChain, "supply chains")
    qs = with_linked_households(access.supply_chains(request.user))
    return _filtered(ChainFilter, filters.dict(), qs).order_by("division_code", "code")


class BatchOut(Schema):
    id: int
    product_code: str = Field(alias="product.code")
    batch_no: str
    division_code: str
    produced_on: dt.date
    origin_household: str | None = Field(description="registry number and masked head")
    origin_enterprise: str | None
    buyer: str
    quantity: Decimal
    unit: str

    @staticmethod
    def resolve_origin_household(obj):
        h = obj.origin_household
        return f"{h.household_id} {mask_name(h.head_name)}" if h else None

    @staticmethod
    def resolve_origin_enterprise(obj):
        return obj.origin_enterprise.name if obj.origin_enterprise_id else None


class BatchQuery(Schema):
    product: QueryText = ""
    origin: QueryText = ""
    buyer: QueryText = ""


BatchQuery = with_choices(BatchQuery, BatchFilter)


@router.get("/ecommerce/batches", response=list[BatchOut])
@paginate(BoundedPageNumberPagination, page_size=50)
def list_product_batches(request: HttpRequest, filters: Query[BatchQuery]):
    """Batches with their traceability (origin household masked, or co-operative → buyer)."""
    _check(request, TraceBatch, "batches")
    qs = access.batches(request.user).select_related("product", "origin_household",
                                                    "origin_enterprise")
    return _filtered(BatchFilter, filters.dict(), qs).order_by("-produced_on", "pk")


class SaleOut(Schema):
    id: int
    product_code: str = Field(alias="product.code")
    division_code: str
    year: int
    channel: str
    platform: str
    amount: Decimal
    quantity: Decimal | None
    poor_county: bool = Field(description="origin in a national poverty county (832)")


class SaleQuery(Schema):
    product: QueryText = ""
    year: int | None = Field(None, ge=2000, le=2100)
    channel: QueryText = ""


SaleQuery = with_choices(SaleQuery, SaleFilter)


@router.get("/ecommerce/sales", response=list[SaleOut])
@paginate(BoundedPageNumberPagination, page_size=50)
def list_product_sales(request: HttpRequest, filters: Query[SaleQuery]):
    """Sales by product, year and channel, each marked when from a poverty county."""
    _check(request, Sale, "sales")
    qs = access.sales(request.user).select_related("product").annotate(
        poor_county=poor_county())
    return _filtered(SaleFilter, filters.dict(), qs).order_by("-year", "product_id", "pk")
