"""Assessment API: open an assessment (the sample drawn over the registry), read its sample
and its estimates, take its steps — region-scoped like the screens. The sample of an
assessment in field work is the evaluator's (404 to anybody else, as on the screens)."""

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from fupin.assessment import access, estimates, services
from fupin.assessment.models import Assessment
from fupin.assessment.tables import AssessmentFilter, SampleFilter
from fupin.core import labels
from fupin.core.access import allowed
from fupin.core.errors import Forbidden, NotFound, ValidationFailed
from fupin.core.pagination import BoundedPageNumberPagination, QueryText, with_choices

router = Router(tags=["assessment"])


class AssessmentOut(Schema):
    id: int
    county_code: str
    year: int
    seed: int
    state: str
    state_display: str
    villages_requested: int | None
    households_requested: int | None
    margin: float
    expected_rate: float
    deff: float
    per_stratum: int
    frame_households: int
    frame_villages: int
    population: int
    registered_poor: int
    frame_digest: str
    western: bool
    estimated_at: dt.datetime | None
    published_at: dt.datetime | None
    version: int

    @staticmethod
    def resolve_state_display(obj):
        return labels.word("assessment_state", obj.state)


class UnitOut(Schema):
    household_id: str
    village_code: str
    stratum: str
    role: str
    replacement_order: int
    village_probability: float
    probability: float
    weight: float
    active: bool
    outcome: str


class EstimateOut(Schema):
    indicator: str
    indicator_display: str
    estimate: float | None
    ci_low: float | None
    ci_high: float | None
    sampled: int
    threshold_side: str
    threshold: float
    verdict: str
    verdict_display: str


class ResponseOut(Schema):
    interviewed: int
    refused: int
    absent: int
    replaced: int
    response_rate: float


class EstimatesOut(Schema):
    assessment_id: int
    state: str
    response: ResponseOut
    estimates: list[EstimateOut]


class AssessmentIn(Schema):
    county_code: str = Field(pattern=r"^\d{12}$")
    year: int = Field(ge=2000, le=2100)
    seed: int | None = Field(None, ge=0, lt=2**63)
    villages: int | None = Field(None, ge=1, le=200)
    households: int | None = Field(None, ge=2, le=20000)
    margin: float = Field(0.01, ge=0.001, le=0.2)
    rate: float = Field(0.02, ge=0.001, le=0.5)
    deff: float = Field(2.0, ge=1, le=10)


class AssessmentStepIn(Schema):
    action: str = Field(max_length=32)
    version: int = Field(ge=0, le=2**31 - 1)
    note: str = Field("", max_length=5000)


class AssessmentQuery(Schema):
    state: QueryText = ""
    year: int | None = Field(None, ge=2000, le=2100)


AssessmentQuery = with_choices(AssessmentQuery, AssessmentFilter)


class SampleQuery(Schema):
    household: QueryText = ""
    stratum: QueryText = ""
    role: QueryText = ""
    outcome: QueryText = ""


SampleQuery = with_choices(SampleQuery, SampleFilter)


def _filtered(filterset_class, data: dict, qs):
    filterset = filterset_class({k: v for k, v in data.items() if v not in ("", None)},
                                queryset=qs)
    if not filterset.is_valid():
        raise ValidationFailed("invalid filter", {k: " ".join(v) for k, v
                                                  in filterset.errors.items()})
    return filterset.qs


@router.get("/assessment/assessments", response=list[AssessmentOut])
@paginate(BoundedPageNumberPagination, page_size=50)
def list_assessments(request: HttpRequest, filters: Query[AssessmentQuery]):
    """Assessments of the caller's region, newest year first."""
    if not allowed(request.user, Assessment):
        raise Forbidden("your role may not see assessments")
    return _filtered(AssessmentFilter, filters.dict(), access.assessments(request.user)
                     ).order_by("-year", "county_code", "pk")


@router.get("/assessment/assessments/{int:assessment_id}", response=AssessmentOut)
def get_assessment(request: HttpRequest, assessment_id: int):
    return access.access_assessment(request.user, assessment_id)


@router.post("/assessment/assessments", response=AssessmentOut)
def post_assessment(request: HttpRequest, body: AssessmentIn):
    """Open a county's assessment and draw its sample from the registry (seeded: the same
    seed and frame draw the same sample); 409 if the county has one for the year."""
    data = body.model_dump()
    design = services.Design(villages=data["villages"], households=data["households"],
                             margin=data["margin"], rate=data["rate"], deff=data["deff"])
    return services.open_assessment(actor=request.user, county_code=data["county_code"],
                                    year=data["year"], seed=data["seed"], design=design)


@router.get("/assessment/assessments/{int:assessment_id}/sample", response=list[UnitOut])
@paginate(BoundedPageNumberPagination, page_size=200)
def list_sample(request: HttpRequest, assessment_id: int, filters: Query[SampleQuery]):
    """The drawn units: the sample and the ordered replacement lists, with stratum,
    inclusion probability and weight."""
    assessment = access.access_assessment(request.user, assessment_id)
    if not access.may_see_sample(request.user, assessment):
        raise NotFound("no such sample")
    return _filtered(SampleFilter, filters.dict(), assessment.units.all()).order_by(
        "village_code", "stratum", "role", "replacement_order", "household_id")


@router.post("/assessment/assessments/{int:assessment_id}/steps", response=AssessmentOut)
def post_assessment_step(request: HttpRequest, assessment_id: int, body: AssessmentStepIn):
    """A step: complete_fieldwork, estimate, reopen_fieldwork, publish; 409 when stale."""
    assessment = access.access_assessment(request.user, assessment_id)
    return services.take_step(actor=request.user, assessment=assessment, **body.model_dump())


@router.get("/assessment/assessments/{int:assessment_id}/estimates", response=EstimatesOut)
def get_estimates(request: HttpRequest, assessment_id: int):
    """Each rate with its design-based 95% interval, threshold and verdict (empty until
    estimated), and the response rate."""
    assessment = access.access_assessment(request.user, assessment_id)
    rows = [{"indicator": e.indicator,
             "indicator_display": labels.word("assessment_indicator", e.indicator),
             "estimate": e.estimate, "ci_low": e.ci_low, "ci_high": e.ci_high,
             "sampled": e.sampled, "threshold_side": e.threshold[0],
             "threshold": e.threshold[1], "verdict": e.verdict,
             "verdict_display": labels.word("assessment_verdict", e.verdict)}
            for e in estimates.stored(assessment)]
    return {"assessment_id": assessment.pk, "state": assessment.state,
            "response": estimates.response(assessment), "estimates": rows}
