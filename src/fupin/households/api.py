"""Registry API: household list and detail, region-scoped like the screens."""


import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, FilterSchema, Query, Router, Schema
from ninja.pagination import paginate

from fupin.core import labels
from fupin.core.errors import Forbidden
from fupin.core.pagination import BoundedPageNumberPagination, QueryText
from fupin.households import access, personal, yearly
from fupin.households.views import filtered_households

router = Router(tags=["households"])


class MemberOut(Schema):
    id: int
    name: str
    relation: str
    sex: str
    birth_year: int
    birth_date: dt.date | None = Field(
        description="Only for holders of households.reveal_idnumber; null for others (ADR 0018)")
    id_number_masked: str = Field(description="Masked: address code and last two characters")
    health: str
    disability_grade: int | None
    labor: str
    in_school: bool
    home_schooled: bool
    medical_insurance: bool
    employment: str
    relation_display: str = Field("", description="``relation`` in words, in the request's "
                                  "language (fupin.core.labels)")
    sex_display: str = ""
    health_display: str = ""
    labor_display: str = ""
    employment_display: str = ""

    @staticmethod
    def resolve_relation_display(obj):
        return labels.word("relation", obj.relation)

    @staticmethod
    def resolve_sex_display(obj):
        return labels.word("sex", obj.sex)

    @staticmethod
    def resolve_health_display(obj):
        return labels.word("health", obj.health)

    @staticmethod
    def resolve_labor_display(obj):
        return labels.word("labor", obj.labor)

    @staticmethod
    def resolve_employment_display(obj):
        return labels.word("employment", obj.employment)

    @staticmethod
    def resolve_id_number_masked(obj):
        return personal.masked_id(obj.id_number_masked)

    @staticmethod
    def resolve_birth_year(obj):
        return personal.visible_birth(obj.birth_date)

    @staticmethod
    def resolve_birth_date(obj, context):
        return obj.birth_date if personal.can_reveal(context["request"].user) else None


class EconomyOut(Schema):
    year: int
    wage: Decimal
    operating: Decimal
    ecommerce_revenue: Decimal
    ecommerce_cost: Decimal
    ecommerce_debt: Decimal
    property: Decimal
    transfer: Decimal
    production_cost: Decimal
    medical_oop: Decimal
    education_expense: Decimal
    disaster_loss: Decimal
    accident_loss: Decimal


class HouseholdOut(Schema):
    household_id: str
    village_code: str = Field(alias="village_id")
    village_name: str = Field(alias="village.name")
    status: str
    exit_year: int | None
    head_name: str
    housing_grade: str
    relocated: bool
    water_quantity_ok: bool
    water_quality_ok: bool
    water_access_ok: bool
    water_reliability_ok: bool
    dibao: bool
    tekun: bool
    status_display: str = Field("", description="``status`` in words, in the request's "
                                "language (fupin.core.labels)")
    housing_grade_display: str = ""

    @staticmethod
    def resolve_status_display(obj):
        return labels.word("household_status", obj.status)

    @staticmethod
    def resolve_housing_grade_display(obj):
        return labels.word("housing_grade", obj.housing_grade)


class HouseholdDetailOut(HouseholdOut):
    members: list[MemberOut]
    economy: list[EconomyOut]

    @staticmethod
    def resolve_members(obj):
        return list(obj.members.all())

    @staticmethod
    def resolve_economy(obj):
        return list(obj.economy.all())


class HouseholdFilter(FilterSchema):
    q: QueryText = ""
    township: QueryText = ""
    village: QueryText = ""
    status: QueryText = ""


def _require(request: HttpRequest, perm: str) -> None:
    if not request.user.has_perm(perm) or request.user.division_id is None:
        raise Forbidden("your role may not do this")


@router.get("/households", response=list[HouseholdOut])
@paginate(BoundedPageNumberPagination, page_size=50)
def list_households(request: HttpRequest, filters: Query[HouseholdFilter]):
    """Households in the caller's region; ``q`` searches name, ID (full or masked)."""
    _require(request, "households.view_household")
    return filtered_households(request.user, filters.model_dump())


@router.get("/households/{household_id}", response=HouseholdDetailOut)
def get_household(request: HttpRequest, household_id: str):
    """One household with members (IDs masked) and economy years; 404 outside the region."""
    return access.access_household(request.user, household_id)


class YearMemberOut(Schema):
    name: str
    relation: str
    sex: str
    id_number_masked: str
    birth: str = Field(description="Birth date for holders of households.reveal_idnumber, "
                       "the birth year for others (ADR 0018)")
    health: str
    in_school: bool
    home_schooled: bool
    medical_insurance: bool


class YearOut(Schema):
    """One year of the household's history: its state at the end of the year (ADR 0048)."""

    year: int
    status: str
    exit_year: int | None
    village_code: str
    village_name: str
    housing_grade: str
    relocated: bool
    dibao: bool
    tekun: bool
    members: list[YearMemberOut]
    born: list[str] = Field(description="Members new this year and born after the previous "
                            "state year")
    joined: list[str] = Field(description="Other members new against the previous state year")
    gone: list[str] = Field(description="Members of the previous state year no longer in the "
                            "household (died or left)")
    net_income: Decimal | None
    per_capita_income: Decimal | None = Field(description="Net income of the year divided by "
                                              "the members at its end")
    monitoring_line: float | None = Field(description="The pack's line for the year and "
                                          "province; null when it sets none")
    below_line: bool | None
    housing_safe: bool
    water_safe: bool
    medical_insurance: bool = Field(description="Every member insured")
    schooling: bool = Field(description="Every child of compulsory-school age at the end of "
                            "the year in school or taught at home")


@router.get("/households/{household_id}/history", response=list[YearOut])
def household_history(request: HttpRequest, household_id: str):
    """The household's state at the end of each year of the registry, newest first; the same
    read as the household page (a fixed number of queries); 404 outside the region."""
    household = access.access_household(request.user, household_id)
    return [y.as_dict() for y in yearly.household_history(
        household, reveal=personal.can_reveal(request.user))]
