"""API: programme (see api/__init__.py) — read endpoints for programmes, service sites,
township logistics, enterprises, pairings (with their years), training sessions and
beneficiaries, paginated and inside the caller's region, filtered by the same filter sets as
the screens' lists; and the programme indicators per county (``ecommerce/coverage.py``)."""


import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from fupin.core import labels
from fupin.core.access import Scope, allowed, for_user
from fupin.core.errors import Forbidden, NotFound, ValidationFailed
from fupin.core.pagination import BoundedPageNumberPagination, QueryText, with_choices
from fupin.ecommerce import coverage
from fupin.ecommerce import programme_tables as t
from fupin.ecommerce.models import (
    Beneficiary,
    LogisticsYear,
    Pairing,
    Product,
    Programme,
    Site,
    TrainingSession,
)
from fupin.ecommerce.programme_figures import FIRST_YEAR, county_rows, product_states

router = Router(tags=["ecommerce"])
YEAR = Field(None, ge=2000, le=2100)


def _rows(request: HttpRequest, model, filterset_class, filters: Schema, qs=None):
    """The caller's rows of ``model`` through the screens' filter set (403 without the
    permission; another region's rows are simply not there)."""
    if not allowed(request.user, model):
        raise Forbidden("your role may not see these rows")
    qs = for_user(qs if qs is not None else model.objects.all(), request.user)
    data = {k: v for k, v in filters.dict().items() if v not in (None, "")}
    filterset = filterset_class(data, queryset=qs)
    if not filterset.is_valid():
        raise ValidationFailed("invalid filter", {k: " ".join(v) for k, v
                                                  in filterset.errors.items()})
    return filterset.qs


# --- programmes ------------------------------------------------------------------------------

class ProgrammeOut(Schema):
    code: str
    kind: str
    kind_display: str = ""
    division_code: str
    name: str
    lead_unit: str
    start_year: int
    end_year: int | None

    @staticmethod
    def resolve_kind_display(obj):
        return labels.word("programme_kind", obj.kind)


class ProgrammeQuery(Schema):
    kind: QueryText = ""
    division: QueryText = ""


ProgrammeQuery = with_choices(ProgrammeQuery, t.ProgrammeFilter)


@router.get("/ecommerce/programmes", response=list[ProgrammeOut])
@paginate(BoundedPageNumberPagination, page_size=50)
def list_programmes(request: HttpRequest, filters: Query[ProgrammeQuery]):
    """Commerce programmes of the caller's region (e-commerce, domestic service, labour,
    border trade)."""
    return _rows(request, Programme, t.ProgrammeFilter, filters).order_by("division_code",
                                                                          "code")


# --- sites -----------------------------------------------------------------------------------

class SiteOut(Schema):
    code: str
    level: str
    level_display: str = ""
    division_code: str
    name: str
    operator: str
    services: list[str] = Field(description="codes of fupin.ecommerce.choices.SiteService")
    opened_on: dt.date
    closed_on: dt.date | None
    status: str
    area_m2: int | None

    @staticmethod
    def resolve_level_display(obj):
        return labels.word("site_level", obj.level)

    @staticmethod
    def resolve_services(obj):
        return obj.service_codes


class SiteQuery(Schema):
    level: QueryText = ""
    status: QueryText = ""
    q: QueryText = ""
    division: QueryText = ""


SiteQuery = with_choices(SiteQuery, t.SiteFilter)


@router.get("/ecommerce/sites", response=list[SiteOut])
@paginate(BoundedPageNumberPagination, page_size=50)
def list_sites(request: HttpRequest, filters: Query[SiteQuery]):
    """Service sites (county centre, township stations, village points) in the caller's
    region."""
    return _rows(request, Site, t.SiteFilter, filters).order_by("division_code", "code")


# --- logistics -------------------------------------------------------------------------------

class LogisticsOut(Schema):
    division_code: str
    year: int
    express_covered: bool
    carriers: list[str]
    village_delivery_points: int
    parcels_in: int | None
    parcels_out: int | None

    @staticmethod
    def resolve_carriers(obj):
        return [c for c in obj.carriers.split(";") if c]


class LogisticsQuery(Schema):
    year: int | None = YEAR
    express_covered: bool | None = None
    division: QueryText = ""


LogisticsQuery = with_choices(LogisticsQuery, t.LogisticsFilter)


@router.get("/ecommerce/logistics", response=list[LogisticsOut])
@paginate(BoundedPageNumberPagination, page_size=50)
def list_logistics(request: HttpRequest, filters: Query[LogisticsQuery]):
    """Express delivery per township and year in the caller's region."""
    return _rows(request, LogisticsYear, t.LogisticsFilter, filters).order_by(
        "division_code", "year")


# --- enterprises -----------------------------------------------------------------------------

class EnterpriseOut(Schema):
    credit_code: str
    name: str
    kind: str
    division_code: str
    paired_counties: int = Field(description="counties of the caller's region paired with it")


class EnterpriseQuery(Schema):
    kind: QueryText = ""
    q: QueryText = ""


EnterpriseQuery = with_choices(EnterpriseQuery, t.EnterpriseFilter)


@router.get("/ecommerce/enterprises", response=list[EnterpriseOut])
@paginate(BoundedPageNumberPagination, page_size=50)
def list_enterprises(request: HttpRequest, filters: Query[EnterpriseQuery]):
    """Enterprises the caller's region deals with: paired with one of its counties, linked
    with one of its households, or registered in it (business registration is public)."""
    if not request.user.has_perm("ecommerce.view_enterprise") \
            or Scope.of_user(request.user) is None:
        raise Forbidden("your role may not see enterprises")
    filterset = t.EnterpriseFilter({k: v for k, v in filters.dict().items() if v},
                                   queryset=t.enterprises_for(request.user))
    if not filterset.is_valid():
        raise ValidationFailed("invalid filter", dict(filterset.errors))
    return filterset.qs.order_by("name", "credit_code")


# --- pairings --------------------------------------------------------------------------------

class PairingYearOut(Schema):
    year: int
    delivered_purchase: Decimal
    delivered_training: int
    delivered_jobs: int


class PairingOut(Schema):
    code: str
    enterprise_credit_code: str = Field(alias="enterprise.credit_code")
    enterprise_name: str = Field(alias="enterprise.name")
    division_code: str
    start_date: dt.date
    end_date: dt.date | None
    committed_purchase: Decimal
    committed_training: int
    committed_jobs: int
    years: list[PairingYearOut]

    @staticmethod
    def resolve_years(obj):
        return list(obj.years.all())


class PairingQuery(Schema):
    q: QueryText = ""
    division: QueryText = ""


PairingQuery = with_choices(PairingQuery, t.PairingFilter)


@router.get("/ecommerce/pairings", response=list[PairingOut])
@paginate(BoundedPageNumberPagination, page_size=50)
def list_pairings(request: HttpRequest, filters: Query[PairingQuery]):
    """Pairings (对口帮扶) of the caller's counties with their commitments and what each year
    delivered."""
    qs = Pairing.objects.select_related("enterprise").prefetch_related("years")
    return _rows(request, Pairing, t.PairingFilter, filters, qs).order_by("division_code",
                                                                          "code")


# --- training sessions and beneficiaries -----------------------------------------------------

class TrainingOut(Schema):
    code: str
    programme_code: str = Field(alias="programme.code")
    division_code: str
    held_on: dt.date
    topic: str
    provider: str
    person_times: int
    poor_trainees: int
    exited_trainees: int


class TrainingQuery(Schema):
    year: int | None = YEAR
    kind: QueryText = ""
    division: QueryText = ""


TrainingQuery = with_choices(TrainingQuery, t.TrainingFilter)


@router.get("/ecommerce/training-sessions", response=list[TrainingOut])
@paginate(BoundedPageNumberPagination, page_size=50)
def list_training_sessions(request: HttpRequest, filters: Query[TrainingQuery]):
    """Training sessions of the caller's region, newest first."""
    qs = TrainingSession.objects.select_related("programme")
    return _rows(request, TrainingSession, t.TrainingFilter, filters, qs).order_by(
        "-held_on", "code")


class BeneficiaryOut(Schema):
    programme_code: str = Field(alias="programme.code")
    household_id: str = Field(alias="household.household_id")
    member_name: str
    division_code: str
    year: int
    outcome: str
    outcome_display: str = ""
    wage_income: Decimal | None
    months: int | None

    @staticmethod
    def resolve_outcome_display(obj):
        return labels.word("programme_outcome", obj.outcome)


class BeneficiaryQuery(Schema):
    year: int | None = YEAR
    kind: QueryText = ""
    outcome: QueryText = ""
    division: QueryText = ""


BeneficiaryQuery = with_choices(BeneficiaryQuery, t.BeneficiaryFilter)


@router.get("/ecommerce/beneficiaries", response=list[BeneficiaryOut])
@paginate(BoundedPageNumberPagination, page_size=50)
def list_beneficiaries(request: HttpRequest, filters: Query[BeneficiaryQuery]):
    """Who each programme reached in the caller's region, and the outcome."""
    qs = Beneficiary.objects.select_related("programme", "household")
    return _rows(request, Beneficiary, t.BeneficiaryFilter, filters, qs).order_by(
        "-year", "division_code", "pk")


# --- indicators ------------------------------------------------------------------------------

class IndicatorQuery(Schema):
    year: int | None = YEAR


def _year(query: IndicatorQuery) -> int:
    last = timezone.localdate().year
    year = query.year or last
    if not FIRST_YEAR <= year <= last:
        raise ValidationFailed(f"give a year from {FIRST_YEAR} to {last}", {"year": "year"})
    return year


class ProgrammeCountyRowOut(Schema):
    code: str
    county: str
    year: int
    poverty: bool | None
    demo_year: int | None
    village_share: float | None
    poor_share: float | None
    express_share: float | None
    pairing_share: float | None
    training: int | None
    training_share: float | None
    placed: int
    listed: int
    poor_linked: int | None


@router.get("/ecommerce/indicators/counties", response=list[ProgrammeCountyRowOut])
@paginate(BoundedPageNumberPagination, page_size=100)
def list_county_indicators(request: HttpRequest, filters: Query[IndicatorQuery]):
    """One row per county of the caller's region with the programme indicators of ``year``
    (the province page's rows; definitions in docs/ecommerce.md)."""
    scope = Scope.of_user(request.user)
    if scope is None or not allowed(request.user, Programme):
        raise Forbidden("your role may not see the programme")
    return county_rows(request.user, scope, _year(filters))


@router.get("/ecommerce/indicators/counties/{county_code}", response=dict)
def get_county_indicators(request: HttpRequest, county_code: str,
                          filters: Query[IndicatorQuery]):
    """Every indicator family of one county in ``year``: service coverage, logistics, pairings
    (per enterprise and in total), training (cumulated against the target), programme
    beneficiaries by kind, products by state. A family the caller's role may not see is
    left out; a county outside the caller's region is not found."""
    user = request.user
    mine = Scope.of_user(user)
    if mine is None or not allowed(user, Programme):
        raise Forbidden("your role may not see the programme")
    if not (len(county_code) == 12 and county_code.isdigit()):
        raise NotFound("no such county")
    county = Scope(county_code[:6])
    if mine.contains(county.prefix):
        scope = county
    elif county.contains(mine.prefix):
        scope = mine
    else:
        raise NotFound("no such county")
    year, today = _year(filters), timezone.localdate()
    key = county.prefix.ljust(12, "0")
    out: dict = {"county_code": key, "year": year}
    if allowed(user, Site):
        out["service_coverage"] = coverage.service_coverage(
            scope, [year], today=today).get(key, {}).get(year)
    if allowed(user, LogisticsYear):
        out["logistics"] = coverage.logistics(scope, [year]).get(key, {}).get(year)
    if allowed(user, Pairing):
        found = coverage.pairings(scope, year)
        out["pairings"] = {"total": found["counties"].get(key),
                           "enterprises": found["enterprises"]}
    if allowed(user, TrainingSession):
        out["training"] = coverage.training(scope, range(FIRST_YEAR, year + 1)).get(
            key, {}).get(year)
    if allowed(user, Beneficiary):
        out["programmes"] = coverage.beneficiaries(scope, year).get(key, {})
    if allowed(user, Product):
        counts = coverage.products_by_state(scope).get(key, {})
        out["products"] = {"by_state": counts,
                           "words": dict(zip(sorted(counts), (w for w, _ in
                                                              product_states(counts)),
                                             strict=True))}
    return _jsonable(out)


def _jsonable(value):
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    return value
