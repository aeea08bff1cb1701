"""Cases API: list, detail, steps, measures, visits — region-scoped like the screens."""

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from fupin.cases import access, inputs, services, workflow
from fupin.cases.models import KIND_MAX, Case, Channel, MeasureType
from fupin.core import labels
from fupin.core.access import Scope
from fupin.core.errors import Forbidden
from fupin.core.pagination import BoundedPageNumberPagination, QueryText
from fupin.households.access import access_household
from fupin_engine.snapshot import HOUSEHOLD_ID_PATTERN, MAX_AMOUNT

router = Router(tags=["cases"])


class MeasureOut(Schema):
    id: int
    type: str
    description: str
    responsible: str
    start: dt.date
    end: dt.date | None
    amount: Decimal | None
    type_display: str = Field("", description="``type`` in words (fupin.core.labels)")

    @staticmethod
    def resolve_type_display(obj):
        return labels.word("measure", obj.type)


class VisitOut(Schema):
    id: int
    date: dt.date
    situation: str
    per_capita_income: Decimal | None


class StepOut(Schema):
    action: str
    from_state: str
    to_state: str
    at: dt.datetime
    note: str
    action_display: str = Field("", description="``action`` in words (fupin.core.labels)")
    from_state_display: str = ""
    to_state_display: str = ""

    @staticmethod
    def resolve_action_display(obj):
        return labels.word("case_step", obj.action)

    @staticmethod
    def resolve_from_state_display(obj):
        return labels.word("case_state", obj.from_state)

    @staticmethod
    def resolve_to_state_display(obj):
        return labels.word("case_state", obj.to_state)


class CaseOut(Schema):
    id: int
    household_id: str
    village_code: str
    state: str
    channel: str
    category: str
    risk_types: str
    opened_at: dt.datetime
    due_at: dt.datetime | None
    version: int
    notice_start: dt.date | None
    notice_end: dt.date | None
    state_display: str = Field("", description="``state`` in words, in the request's "
                               "language (fupin.core.labels)")
    channel_display: str = ""
    category_display: str = ""
    risk_types_display: list[str] = Field(
        default_factory=list, description="``risk_types`` (``;``-separated codes) in words")

    @staticmethod
    def resolve_state_display(obj):
        return labels.word("case_state", obj.state)

    @staticmethod
    def resolve_channel_display(obj):
        return labels.word("channel", obj.channel)

    @staticmethod
    def resolve_category_display(obj):
        return labels.word("category", obj.category)

    @staticmethod
    def resolve_risk_types_display(obj):
        return labels.words("risk_type", [c for c in (obj.risk_types or "").split(";") if c])

    @staticmethod
    def resolve_household_id(obj):
        return obj.household.household_id

    @staticmethod
    def resolve_notice_end(obj):
        return workflow.notice_end(obj)


class CaseDetailOut(CaseOut):
    steps: list[StepOut]
    measures: list[MeasureOut]
    visits: list[VisitOut]
    warnings: list[str]

    @staticmethod
    def resolve_steps(obj):
        return list(obj.steps.all())

    @staticmethod
    def resolve_measures(obj):
        return list(obj.measures.all())

    @staticmethod
    def resolve_visits(obj):
        return list(obj.visits.all())


# Bounds of the models (ADR 0019): finite amounts inside ±10¹⁰ yuan, limited text.
_AMOUNT = {"lt": MAX_AMOUNT, "max_digits": 14, "decimal_places": 2, "allow_inf_nan": False}


class CaseStepIn(Schema):
    action: str = Field(max_length=32)
    version: int = Field(ge=0, le=2**31 - 1)
    note: str = Field("", max_length=inputs.NOTE_MAX)
    category: str = Field("", max_length=20)
    notice_start: dt.date | None = None
    elimination_kind: str = Field("", max_length=12)
    risk_types: str = Field("", max_length=60)
    consent: bool | None = None
    consent_date: dt.date | None = None
    consent_signed_by: str = Field("", max_length=50)
    compared_departments: str = Field("", max_length=300)
    comparison_findings: str = Field("", max_length=inputs.NOTE_MAX)
    review_meeting_date: dt.date | None = None
    votes_for: int | None = Field(None, ge=0, le=100_000)
    votes_against: int | None = Field(None, ge=0, le=100_000)
    votes_abstain: int | None = Field(None, ge=0, le=100_000)


class MeasureIn(Schema):
    type: Literal[tuple(MeasureType.values)] = Field(description="a measure type")
    description: str = Field(max_length=300)
    responsible: str = Field(max_length=50)
    start: dt.date
    end: dt.date | None = None
    amount: Decimal | None = Field(None, ge=0, **_AMOUNT)


class VisitIn(Schema):
    date: dt.date
    situation: str = Field(min_length=1, max_length=inputs.NOTE_MAX)
    per_capita_income: Decimal | None = Field(None, gt=-MAX_AMOUNT, **_AMOUNT)


@router.get("/cases", response=list[CaseOut])
@paginate(BoundedPageNumberPagination, page_size=50)
def list_cases(request: HttpRequest, state: QueryText = "", open_only: bool = True):
    """Cases in the caller's region (open ones by default), soonest due first."""
    if not request.user.has_perm("cases.view_case") or not request.user.division_id:
        raise Forbidden("your role may not see cases")
    qs = Case.objects.for_user(request.user).select_related("household")
    if state:
        qs = qs.filter(state=state)
    if open_only:
        qs = qs.filter(closed=False)
    return qs.order_by("due_at", "pk")


@router.get("/cases/{int:case_id}", response=CaseDetailOut)
def get_case(request: HttpRequest, case_id: int):
    return access.access_case(request.user, case_id)


@router.post("/cases/{int:case_id}/steps", response=CaseOut)
def post_step(request: HttpRequest, case_id: int, body: CaseStepIn):
    """Take a step; 409 when someone else moved the case first (stale ``version``)."""
    case = access.access_case(request.user, case_id)
    return services.take_step(actor=request.user, case=case, **body.model_dump())


@router.post("/cases/{int:case_id}/measures", response=MeasureOut)
def post_measure(request: HttpRequest, case_id: int, body: MeasureIn):
    case = access.access_case(request.user, case_id)
    return services.add_measure(actor=request.user, case=case, **body.model_dump())


@router.post("/cases/{int:case_id}/visits", response=VisitOut)
def post_visit(request: HttpRequest, case_id: int, body: VisitIn):
    case = access.access_case(request.user, case_id)
    return services.add_visit(actor=request.user, case=case, **body.model_dump())


class AlertIn(Schema):
    household_id: str = Field(max_length=32, pattern=HOUSEHOLD_ID_PATTERN)
    kind: str = Field(min_length=1, max_length=KIND_MAX)
    description: str = Field("", max_length=inputs.DESCRIPTION_MAX)
    consent: bool = False
    amount: Decimal | None = Field(None, ge=0, **_AMOUNT)
    channel: Literal[Channel.SELF_REPORT.value, Channel.CADRE_VISIT.value] = "self_report"


class FeedRow(Schema):
    household_id: str = Field("", max_length=32)
    id_number: str = Field("", max_length=18)
    alert_type: str = Field(max_length=KIND_MAX)
    date: str = Field(max_length=10)
    amount: str = Field("", max_length=20, description="yuan, ≥ 0; checked like the CSV feed")


class FeedIn(Schema):
    department: str = Field(min_length=1, max_length=inputs.DEPARTMENT_MAX)
    rows: list[FeedRow] = Field(max_length=inputs.FEED_MAX_ROWS)


@router.post("/cases/alerts", response=CaseOut)
def post_alert(request: HttpRequest, body: AlertIn):
    """A household self-report (consent required) or a cadre's finding; returns its case."""
    household = access_household(request.user, body.household_id)
    data = body.model_dump()
    data.pop("household_id")
    return services.self_report(actor=request.user, household=household, **data)


@router.post("/cases/department-feed")
def post_feed(request: HttpRequest, body: FeedIn):
    """A department's screening batch; all rows are checked before any is recorded."""
    if not request.user.has_perm("cases.act_village") or not request.user.division_id:
        raise Forbidden("your role may not record alerts")
    rows = inputs.check_feed_rows(r.model_dump() for r in body.rows)
    return services.department_feed(actor=request.user, department=body.department,
                                    rows=rows,
                                    scope=Scope.of_user(request.user))
