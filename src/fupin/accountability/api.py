"""Accountability API: findings, rectifications and actions — region-scoped like the screens.
Filters are the screens' filter sets (one meaning of a filter everywhere)."""


import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from fupin.accountability import access, services
from fupin.accountability.choices import ActionKind, Category, LinkKind, Severity, Source
from fupin.accountability.models import AccountabilityAction, Finding
from fupin.accountability.tables import ActionFilter, FindingFilter, with_overdue
from fupin.core.access import allowed, for_user
from fupin.core.errors import Forbidden, ValidationFailed
from fupin.core.pagination import BoundedPageNumberPagination, QueryText, with_choices

router = Router(tags=["accountability"])


class RectificationOut(Schema):
    id: int
    state: str
    deadline: dt.date
    due_at: dt.datetime | None
    closed: bool
    on_time: bool | None
    version: int


class LinkOut(Schema):
    kind: str
    ref: str


class FindingOut(Schema):
    id: int
    source: str
    found_on: dt.date
    division_code: str
    responsible_unit: str
    responsible_person: str
    category: str
    severity: str
    title: str
    description: str
    outlet: str
    handle_due: dt.datetime | None
    replied_at: dt.datetime | None
    rectification: RectificationOut
    links: list[LinkOut]

    @staticmethod
    def resolve_links(obj):
        return list(obj.links.all())


class ActionOut(Schema):
    id: int
    finding_id: int
    kind: str
    division_code: str
    decision_document: str
    decision_date: dt.date
    officials: list[dict]
    points: Decimal | None
    year: int | None
    amount: Decimal | None
    recovered: Decimal
    state: str
    version: int


class LinkIn(Schema):
    kind: LinkKind
    ref: str = Field(min_length=1, max_length=64)


class FindingIn(Schema):
    source: Source
    division_code: str = Field(min_length=6, max_length=12, pattern=r"^\d{6,12}$")
    found_on: dt.date
    responsible_unit: str = Field(min_length=1, max_length=100)
    responsible_person: str = Field("", max_length=50)
    category: Category
    severity: Severity
    title: str = Field(min_length=1, max_length=200)
    description: str = Field("", max_length=5000)
    outlet: str = Field("", max_length=100)
    report: str = Field("", max_length=5000)
    deadline: dt.date | None = None
    links: list[LinkIn] = Field([], max_length=200)
    complainant_name: str = Field("", max_length=50)
    complainant_phone: str = Field("", max_length=30)


class FindingStepIn(Schema):
    action: str = Field(max_length=32)
    version: int = Field(ge=0, le=2**31 - 1)
    note: str = Field("", max_length=5000)


class OfficialIn(Schema):
    name: str = Field(min_length=1, max_length=60)
    unit: str = Field(max_length=60)
    post: str = Field(max_length=60)


class ActionIn(Schema):
    kind: ActionKind
    decision_document: str = Field(min_length=1, max_length=120)
    decision_date: dt.date
    officials: list[OfficialIn] = Field([], max_length=50)
    points: Decimal | None = Field(None, ge=0, lt=1000, max_digits=6, decimal_places=2)
    year: int | None = Field(None, ge=2000, le=2100)
    amount: Decimal | None = Field(None, ge=0, lt=10**12, max_digits=14, decimal_places=2)
    note: str = Field("", max_length=5000)


class DecisionIn(Schema):
    decision: str = Field(pattern="^(approve|reject)$")
    version: int = Field(ge=0, le=2**31 - 1)
    note: str = Field("", max_length=5000)


class FindingQuery(Schema):
    state: QueryText = ""
    source: QueryText = ""
    category: QueryText = ""
    severity: QueryText = ""
    unit: QueryText = ""
    division: QueryText = ""


FindingQuery = with_choices(FindingQuery, FindingFilter)


def _filtered(filterset_class, data: dict, qs):
    filterset = filterset_class({k: v for k, v in data.items() if v}, queryset=qs)
    if not filterset.is_valid():
        raise ValidationFailed("invalid filter", {k: " ".join(v) for k, v
                                                  in filterset.errors.items()})
    return filterset.qs


@router.get("/accountability/findings", response=list[FindingOut])
@paginate(BoundedPageNumberPagination, page_size=50)
def list_findings(request: HttpRequest, filters: Query[FindingQuery]):
    """Findings of the caller's region, overdue first, then by deadline."""
    if not allowed(request.user, Finding):
        raise Forbidden("your role may not see findings")
    qs = with_overdue(access.findings(request.user)).prefetch_related("links")
    return _filtered(FindingFilter, filters.dict(), qs).order_by(
        "-overdue", "rectification__deadline", "pk")


@router.get("/accountability/findings/{int:finding_id}", response=FindingOut)
def get_finding(request: HttpRequest, finding_id: int):
    return access.access_finding(request.user, finding_id)


@router.post("/accountability/findings", response=FindingOut)
def post_finding(request: HttpRequest, body: FindingIn):
    """Record a finding of a source the caller's role records; assigns its rectification."""
    data = body.model_dump()
    data["links"] = [(link["kind"], link["ref"]) for link in data["links"]]
    return services.record_finding(actor=request.user, data=services.FindingInput(**data))


@router.post("/accountability/findings/{int:finding_id}/steps", response=RectificationOut)
def post_rectification_step(request: HttpRequest, finding_id: int, body: FindingStepIn):
    """A rectification step; 409 when someone acted first (stale ``version``)."""
    finding = access.access_finding(request.user, finding_id)
    return services.take_step(actor=request.user, rectification=finding.rectification,
                              **body.model_dump())


@router.post("/accountability/findings/{int:finding_id}/actions", response=ActionOut)
def post_action(request: HttpRequest, finding_id: int, body: ActionIn):
    """Propose an accountability action citing the finding and its decision document."""
    finding = access.access_finding(request.user, finding_id)
    data = body.model_dump()
    return services.propose_action(actor=request.user, finding=finding, **data)


class ActionQuery(Schema):
    kind: QueryText = ""
    state: QueryText = ""
    year: int | None = Field(None, ge=2000, le=2100)


ActionQuery = with_choices(ActionQuery, ActionFilter)


@router.get("/accountability/actions", response=list[ActionOut])
@paginate(BoundedPageNumberPagination, page_size=50)
def list_actions(request: HttpRequest, filters: Query[ActionQuery]):
    """The accountability actions ledger of the caller's region."""
    if not allowed(request.user, AccountabilityAction):
        raise Forbidden("your role may not see accountability actions")
    qs = for_user(AccountabilityAction.objects.all(), request.user)
    return _filtered(ActionFilter, filters.dict(), qs).order_by("-decision_date", "-pk")


@router.post("/accountability/actions/{int:action_id}/decision", response=ActionOut)
def post_decision(request: HttpRequest, action_id: int, body: DecisionIn):
    """Approve or refuse a proposed action at its level."""
    action = access.access_action(request.user, action_id)
    return services.decide_action(actor=request.user, action=action, **body.model_dump())
