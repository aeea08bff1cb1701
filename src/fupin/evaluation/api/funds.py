"""API of the funds area: allocations, projects and expenditures of the caller's region
(paginated, filtered like the screens) and one county's fund figures for a year. Read only:
the writes are the county officer's screens and the exchange's import."""


import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from fupin.core import labels
from fupin.core.access import allowed, check_in_scope
from fupin.core.errors import Forbidden, NotFound, ValidationFailed
from fupin.core.pagination import BoundedPageNumberPagination, QueryText, with_choices
from fupin.evaluation import fund_lists
from fupin.evaluation.access import funds_rows
from fupin.evaluation.models import Allocation, Expenditure, Project
from fupin.evaluation.services import funds as services

router = Router()


def _allowed(request: HttpRequest, model) -> None:
    if not allowed(request.user, model):
        raise Forbidden("your role may not see fund records")


class AllocationOut(Schema):
    county_code: str
    year: int
    end_year: int
    level: str
    level_display: str = ""
    amount: Decimal
    programme: str
    document_no: str
    allocated_on: dt.date
    disbursed: Decimal
    recovered: Decimal
    recovered_on: dt.date | None
    recovery_document: str

    @staticmethod
    def resolve_level_display(obj):
        return labels.word("allocation_level", obj.level)


class FundQuery(Schema):
    county: QueryText = ""
    year: int | None = Field(None, ge=2000, le=2100)


def _by_county(qs, filters: FundQuery):
    if filters.county:
        value = filters.county.strip()
        if not (value.isdigit() and len(value) in (6, 12)):
            raise ValidationFailed("county: 6 or 12 digits", {"county": "division code"})
        qs = qs.filter(county_code=value[:6].ljust(12, "0"))
    if filters.year is not None:
        qs = qs.filter(year=filters.year)
    return qs


@router.get("/evaluation/funds/allocations", response=list[AllocationOut],
            summary="Fund allocations")
@paginate(BoundedPageNumberPagination, page_size=50)
def list_allocations(request: HttpRequest, filters: Query[FundQuery]):
    """Allocations (central, provincial, county) of the counties in the caller's region."""
    _allowed(request, Allocation)
    return _by_county(funds_rows(Allocation, request.user), filters).order_by(
        "county_code", "-year", "document_no")


class ProjectOut(Schema):
    county_code: str
    year: int
    code: str
    name: str
    category: str
    category_display: str = ""
    budget: Decimal
    allocation_document: str | None = None
    implementing_unit: str
    state: str
    state_display: str = ""

    @staticmethod
    def resolve_category_display(obj):
        return labels.word("fund_category", obj.category)

    @staticmethod
    def resolve_state_display(obj):
        return labels.word("project_state", obj.state)

    @staticmethod
    def resolve_allocation_document(obj):
        return obj.allocation.document_no if obj.allocation_id else None


@router.get("/evaluation/funds/projects", response=list[ProjectOut], summary="Fund projects")
@paginate(BoundedPageNumberPagination, page_size=50)
def list_fund_projects(request: HttpRequest, filters: Query[FundQuery]):
    """Projects paid from the funds of the counties in the caller's region."""
    _allowed(request, Project)
    return _by_county(funds_rows(Project, request.user).select_related("allocation"),
                      filters).order_by("county_code", "-year", "code")


class ExpenditureOut(Schema):
    county_code: str
    project_code: str
    voucher_no: str
    spent_on: dt.date
    category: str
    category_display: str = ""
    amount: Decimal
    payee: str
    description: str
    negative_list: str = Field(description="the negative-list rule hit, empty when none")
    negative_list_display: str = ""
    negative_rule_note: str

    @staticmethod
    def resolve_project_code(obj):
        return obj.project.code

    @staticmethod
    def resolve_category_display(obj):
        return labels.word("fund_category", obj.category)

    @staticmethod
    def resolve_negative_list_display(obj):
        return labels.word("negative_rule", obj.negative_list) if obj.negative_list else ""


class ExpenditureQuery(Schema):
    county: QueryText = ""
    year: int | None = Field(None, ge=2000, le=2100)
    category: QueryText = ""
    project: QueryText = ""
    flagged: bool | None = None


ExpenditureQuery = with_choices(ExpenditureQuery, fund_lists.ExpenditureFilter)


@router.get("/evaluation/funds/expenditures", response=list[ExpenditureOut],
            summary="Expenditures")
@paginate(BoundedPageNumberPagination, page_size=50)
def list_expenditures(request: HttpRequest, filters: Query[ExpenditureQuery]):
    """Expenditures of the caller's region, negative-list rows first (``flagged=true`` for
    those only), through the screens' filter set."""
    _allowed(request, Expenditure)
    qs = funds_rows(Expenditure, request.user).select_related("project")
    data = {k: v for k, v in filters.dict().items() if v not in (None, "")}
    filterset = fund_lists.ExpenditureFilter(data, queryset=qs)
    if not filterset.is_valid():
        raise ValidationFailed("invalid filter", {k: " ".join(v) for k, v
                                                  in filterset.errors.items()})
    return filterset.qs.order_by("-negative_list", "-spent_on", "voucher_no")


class FiguresQuery(Schema):
    year: int | None = Field(None, ge=2000, le=2100)


@router.get("/evaluation/funds/counties/{county_code}", response=dict,
            summary="A county's fund figures")
def get_county_funds(request: HttpRequest, county_code: str, filters: Query[FiguresQuery]):
    """One county's fund figures in ``year`` (this year by default): allocated by level,
    disbursed, spent over the window, execution and disbursement rates, unspent balance,
    recovered, negative-list count and amount. Amounts are strings of yuan."""
    _allowed(request, Allocation)
    if not (len(county_code) == 12 and county_code.isdigit()) or county_code[6:] != "000000":
        raise NotFound("no such county")
    check_in_scope(request.user, county_code, what="county")
    year = filters.year or timezone.localdate().year
    f = services.county_figures([county_code], year)[county_code]

    def text(v):
        return None if v is None else str(v)

    return {"county_code": county_code, "year": year, "window_start": f["window_start"],
            "allocated": text(f["allocated"]),
            "by_level": {k: text(v) for k, v in f["by_level"].items()},
            **{k: text(f[k]) for k in ("disbursed", "spent", "unspent", "recovered",
                                        "execution_rate", "disbursement_rate",
                                        "negative_amount")},
            "negative_count": f["negative_count"]}
