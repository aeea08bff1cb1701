"""API: benefit linkages (see api/__init__.py) — the caller's region only, like the screens;
writes through ``services.linkages`` (the only writer of linkage amounts, ADR 0042)."""

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from fupin.core.access import Scope, allowed, for_user, get_for_user
from fupin.core.errors import Forbidden, ValidationFailed
from fupin.core.pagination import BoundedPageNumberPagination, QueryText, with_choices
from fupin.ecommerce import indicators
from fupin.ecommerce.choices import LinkageForm
from fupin.ecommerce.linkage_filters import LinkageFilter
from fupin.ecommerce.models import Linkage
from fupin.ecommerce.services import linkages as services

router = Router(tags=["ecommerce"])
MANAGE = "ecommerce.manage_programme"


class LinkageYearOut(Schema):
    year: int
    purchase_value: Decimal
    wages: Decimal
    dividends: Decimal
    rent: Decimal


class LinkageOut(Schema):
    code: str
    household_id: str = Field(alias="household.household_id")
    division_code: str
    credit_code: str = Field(alias="enterprise.credit_code")
    enterprise: str = Field(alias="enterprise.name")
    form: str
    started_on: dt.date
    ended_on: dt.date | None
    years: list[LinkageYearOut]

    @staticmethod
    def resolve_years(obj):
        return list(obj.years.all())


class LinkageIn(Schema):
    code: str = Field(min_length=1, max_length=40)
    household_id: str = Field(min_length=1, max_length=32)
    credit_code: str = Field(min_length=18, max_length=18)
    form: LinkageForm
    started_on: dt.date
    ended_on: dt.date | None = None


class YearIn(Schema):
    year: int = Field(ge=2000, le=2100)
    purchase_value: Decimal = Field(default=Decimal(0), ge=0, max_digits=14, decimal_places=2)
    wages: Decimal = Field(default=Decimal(0), ge=0, max_digits=14, decimal_places=2)
    dividends: Decimal = Field(default=Decimal(0), ge=0, max_digits=14, decimal_places=2)
    rent: Decimal = Field(default=Decimal(0), ge=0, max_digits=14, decimal_places=2)


class LinkageQuery(Schema):
    village: QueryText = ""
    form: QueryText = ""
    enterprise: QueryText = ""
    year: QueryText = ""


LinkageQuery = with_choices(LinkageQuery, LinkageFilter)


def _writer(request) -> Scope:
    scope = Scope.of_user(request.user)
    if scope is None or not request.user.has_perm(MANAGE):
        raise Forbidden("your role may not record benefit linkages")
    return scope


def _linkages(request):
    if not allowed(request.user, Linkage):
        raise Forbidden("your role may not see benefit linkages")
    return for_user(Linkage.objects.select_related("household", "enterprise")
                    .prefetch_related("years"), request.user)


@router.get("/ecommerce/linkages", response=list[LinkageOut])
@paginate(BoundedPageNumberPagination, page_size=50)
def list_linkages(request: HttpRequest, filters: Query[LinkageQuery]):
    """Benefit linkages of the caller's region with their yearly amounts."""
    filterset = LinkageFilter({k: v for k, v in filters.dict().items() if v},
                              queryset=_linkages(request))
    if not filterset.is_valid():
        raise ValidationFailed("invalid filter", {k: " ".join(v) for k, v
                                                  in filterset.errors.items()})
    return filterset.qs.order_by("division_code", "code")


@router.get("/ecommerce/linkages/{code}", response=LinkageOut)
def get_linkage(request: HttpRequest, code: str):
    return get_for_user(_linkages(request), request.user, code=code)


@router.post("/ecommerce/linkages", response=LinkageOut)
def post_linkage(request: HttpRequest, body: LinkageIn):
    """Record or change a linkage of a household of the caller's region."""
    linkage = services.record_linkage(actor=request.user, scope=_writer(request),
                                      **body.model_dump())
    return get_linkage(request, linkage.code)


@router.post("/ecommerce/linkages/{code}/years", response=LinkageOut)
def post_linkage_years(request: HttpRequest, code: str, body: list[YearIn]):
    """Record yearly amounts; the household's economy moves with them (ADR 0042)."""
    scope = _writer(request)
    linkage = get_linkage(request, code)
    services.record_linkage_years(actor=request.user, scope=scope, rows=[
        {"linkage": linkage.code, **row.model_dump()} for row in body])
    return get_linkage(request, code)


@router.get("/ecommerce/linkage-quality", response=dict[str, dict])
def linkage_quality(request: HttpRequest, year: int = Query(..., ge=2000, le=2100)):
    """Quality indicators of benefit linkages per county of the caller's region
    (docs/ecommerce.md)."""
    scope = Scope.of_user(request.user)
    if scope is None or not allowed(request.user, Linkage):
        raise Forbidden("your role may not see benefit linkages")
    out = indicators.linkage_quality(scope, year)
    return {county: {k: (str(v) if isinstance(v, Decimal) else v) for k, v in row.items()}
            for county, row in out.items()}
