"""The consolidation period's API: the screens' figures as JSON, for the caller's division or
one inside it (``division``; 404 outside the caller's region, like a division that does not
exist), 403 without the permission to read them. The rows are the screens' rows
(:mod:`fupin.consolidation.figures`), so a number is the same on a page, in its export and
here; lists are paginated (``page``, ``page_size``)."""

from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from fupin.consolidation import access, figures, services
from fupin.core.pagination import BoundedPageNumberPagination, QueryText
from fupin.regions.models import Division

router = Router(tags=["consolidation"])
YEAR = Field(None, ge=2000, le=2100)


def _focus(request: HttpRequest, code: str) -> Division:
    """The division asked for (the caller's by default), after the permission."""
    return access.focus_division(request.user, code)


class DivisionQuery(Schema):
    division: QueryText = Field("", description="12-digit division code inside your region "
                                                "(default: your division)")


class LevelQuery(DivisionQuery):
    level: QueryText = Field("", description="level of the rows, below the division "
                                             "(default: the level just below)")
    year: int | None = Field(None, ge=2000, le=2100,
                             description="as of the end of this year (default: the latest)")


class QualityOut(Schema):
    division_code: str
    division: str
    level: str
    exited: int
    inside_period: int
    stayed_above: int | None = None
    stayed_above_share: float | None = None
    became_objects: int | None = None
    became_objects_share: float | None = None
    help_shares: dict[str, float | None] = Field(
        description="share (%) of the exited households that received help of each type "
                    "since exit; keys are the measure types of the cases")


@router.get("/consolidation/quality", response=list[QualityOut], summary="Quality of exit")
@paginate(BoundedPageNumberPagination, page_size=100)
def list_exit_quality(request: HttpRequest, filters: Query[LevelQuery]):
    """Quality of exit per division of ``level`` under ``division``: exited households,
    inside the consolidation period, stayed above the line every year since exit, became
    monitoring objects, received each type of help (docs/consolidation.md)."""
    focus = _focus(request, filters.division)
    level = figures.level_of(focus, filters.level)
    return figures.quality_rows(focus, level, figures.year_of(filters.year))


class HelpQuery(LevelQuery):
    type: QueryText = Field("", description="one measure type (default: every type)")


class HelpOut(Schema):
    division_code: str
    division: str
    year: int
    type: str
    type_word: str
    amount: Decimal
    households: int


@router.get("/consolidation/help", response=list[HelpOut], summary="Help by type")
@paginate(BoundedPageNumberPagination, page_size=100)
def list_help_by_type(request: HttpRequest, filters: Query[HelpQuery]):
    """Help per division of ``level``, year and type: amount (yuan) and households reached
    (the help register and the cases' measures)."""
    focus = _focus(request, filters.division)
    level = figures.level_of(focus, filters.level)
    return figures.help_rows(focus, level, year=figures.year_of(filters.year),
                             kind=filters.type)


class IntensityOut(Schema):
    division_code: str = Field(description="the county")
    division: str
    before_mean: Decimal | None = Field(None, description="help per household-year before exit")
    during_mean: Decimal | None = Field(
        None, description="help per household-year inside the consolidation period")
    ratio: float | None = None
    kept_up: bool | None = Field(None, description="help kept up or increased")


@router.get("/consolidation/intensity", response=list[IntensityOut],
            summary="Help intensity per county")
@paginate(BoundedPageNumberPagination, page_size=100)
def list_help_intensity(request: HttpRequest, filters: Query[DivisionQuery]):
    """Per county under ``division``: mean help per exited household and year before exit
    and during the consolidation period, their ratio, and whether help was kept up."""
    return figures.intensity_rows(_focus(request, filters.division))


class LostOut(Schema):
    household_id: str
    village_code: str
    village: str
    exit_year: int | None = None
    last_help_year: int | None = None
    last_help_types: list[str] = []


@router.get("/consolidation/lost-help", response=list[LostOut],
            summary="Households that lost all help")
@paginate(BoundedPageNumberPagination, page_size=100)
def list_lost_help(request: HttpRequest, filters: Query[DivisionQuery]):
    """Households under ``division`` inside the consolidation period that had help and
    received none in the latest year (the follow-up list)."""
    return figures.lost_rows(_focus(request, filters.division))


class ConsolidationYearOut(Schema):
    year: int
    per_capita_income: Decimal | None = None
    line: Decimal | None = None
    above_line: bool | None = None
    guarantees_ok: bool | None = None
    monitoring_object: bool = False
    help: dict[str, Decimal] = {}
    help_total: Decimal = Decimal(0)


class ConsolidationHouseholdOut(Schema):
    household_id: str
    exit_year: int | None = None
    years_since_exit: int | None = None
    inside_period: bool = False
    period: tuple[int, int] | None = None
    years: list[ConsolidationYearOut] = []


@router.get("/consolidation/households/{household_id}", response=ConsolidationHouseholdOut,
            summary="One household since exit")
def get_household_consolidation(request: HttpRequest, household_id: str):
    """A household since its exit: years since exit, inside the period, and each year's
    income against the line, guarantees, monitoring object and help by type."""
    access.focus_division(request.user)  # the permission, before the household
    household = access.access_household(request.user, household_id)
    return {"household_id": household.household_id,
            **services.household_consolidation(household)}
