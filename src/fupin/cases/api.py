"""Cases API: list, detail, steps, measures, visits — region-scoped like the screens."""

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from fupin.cases import services
from fupin.cases.models import Case
from fupin.core import inbox
from fupin.core import workflow as engine
from fupin.core.access import Scope
from fupin.core.errors import Forbidden
from fupin.households.access import access_household

router = Router(tags=["cases"])


class MeasureOut(Schema):
    id: int
    type: str
    description: str
    responsible: str
    start: dt.date
    end: dt.date | None
    amount: Decimal | None


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

    @staticmethod
    def resolve_household_id(obj):
        return obj.household.household_id


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


class StepIn(Schema):
    action: str
    version: int
    note: str = ""
    category: str = ""
    notice_start: dt.date | None = None
    elimination_kind: str = ""


class MeasureIn(Schema):
    type: str
    description: str
    responsible: str
    start: dt.date
    end: dt.date | None = None
    amount: Decimal | None = None


class VisitIn(Schema):
    date: dt.date
    situation: str
    per_capita_income: Decimal | None = None


@router.get("/cases", response=list[CaseOut])
@paginate(PageNumberPagination, page_size=50)
def list_cases(request: HttpRequest, state: str = "", open_only: bool = True):
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
    return services.access_case(request.user, case_id)


@router.post("/cases/{int:case_id}/steps", response=CaseOut)
def post_step(request: HttpRequest, case_id: int, body: StepIn):
    """Take a step; 409 when someone else moved the case first (stale ``version``)."""
    case = services.access_case(request.user, case_id)
    return services.take_step(actor=request.user, case=case, **body.model_dump())


@router.post("/cases/{int:case_id}/measures", response=MeasureOut)
def post_measure(request: HttpRequest, case_id: int, body: MeasureIn):
    case = services.access_case(request.user, case_id)
    return services.add_measure(actor=request.user, case=case, **body.model_dump())


@router.post("/cases/{int:case_id}/visits", response=VisitOut)
def post_visit(request: HttpRequest, case_id: int, body: VisitIn):
    case = services.access_case(request.user, case_id)
    return services.add_visit(actor=request.user, case=case, **body.model_dump())


class AlertIn(Schema):
    household_id: str
    kind: str
    description: str = ""
    consent: bool = False
    amount: Decimal | None = None
    channel: str = "self_report"


class FeedRow(Schema):
    household_id: str = ""
    id_number: str = ""
    alert_type: str
    date: str
    amount: str = ""


class FeedIn(Schema):
    department: str
    rows: list[FeedRow]


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
    return services.department_feed(actor=request.user, department=body.department,
                                    rows=[r.model_dump() for r in body.rows],
                                    scope=Scope.of_user(request.user))


# --- The one inbox and the notices (every workflow, not only cases) ---------------------------

class InboxItemOut(Schema):
    workflow: str
    id: int
    title: str
    state: str
    state_label: str
    due_at: dt.datetime | None
    days_left: int | None
    escalated: bool
    url: str


class NotificationOut(Schema):
    id: int
    workflow: str
    object_id: int
    division_code: str
    kind: str
    message: str
    created_at: dt.datetime
    read_at: dt.datetime | None


def _require_view(request: HttpRequest) -> None:
    if not request.user.has_perm("cases.view_case") or not request.user.division_id:
        raise Forbidden("your role has no inbox")


@router.get("/inbox", response=list[InboxItemOut], tags=["inbox"])
def list_inbox(request: HttpRequest, page: int = 1):
    """What waits on the caller's level in the caller's region across every workflow, overdue
    first (escalated items are those of the level below); 50 a page."""
    _require_view(request)
    return [InboxItemOut(workflow=i.workflow.name, id=i.pk, title=i.title, state=i.obj.state,
                         state_label=str(i.state_label), due_at=i.due_at,
                         days_left=i.days_left, escalated=i.escalated, url=i.url)
            for i in inbox.page(request.user, page).object_list]


@router.get("/notifications", response=list[NotificationOut], tags=["inbox"])
def list_notifications(request: HttpRequest):
    """The caller's unread notices about objects in the caller's region, newest first."""
    _require_view(request)
    return list(engine.unread(request.user)[:200])


@router.post("/notifications/{int:notification_id}/read", tags=["inbox"])
def read_notification(request: HttpRequest, notification_id: int):
    """Mark one of the caller's notices read (404 for anybody else's)."""
    _require_view(request)
    engine.dismiss(request.user, notification_id)
    return {"read": notification_id}
