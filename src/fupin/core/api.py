"""The platform's API: the one inbox across every workflow and the user's notices."""

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema

from fupin.core import inbox
from fupin.core import workflow as engine
from fupin.core.errors import Forbidden, ValidationFailed

router = Router(tags=["inbox"])

#: The inbox is the platform's: any role bound to a division has one (its items are those of
#: the workflows whose levels the role holds).
INBOX_PERMISSION = "core.view_notification"



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
    if not request.user.has_perm(INBOX_PERMISSION) or not request.user.division_id:
        raise Forbidden("your role has no inbox")


@router.get("/inbox", response=list[InboxItemOut], tags=["inbox"])
def list_inbox(request: HttpRequest, page: int = 1, village: str = "", township: str = "",
               step: str = "", overdue: bool = False, sort: str = "due"):
    """What waits on the caller's level in the caller's region across every workflow, overdue
    first (escalated items are those of the level below); 50 a page. The screen's filters:
    ``village``/``township`` (12-digit codes), ``step`` (a state), ``overdue``; ``sort`` is
    ``due``, ``village`` or ``step`` (``-`` for descending)."""
    _require_view(request)
    if sort.lstrip("-") not in inbox.SORTS:
        raise ValidationFailed(f"sort: {sort!r} is not one of {', '.join(inbox.SORTS)}")
    for name, code in (("village", village), ("township", township)):
        if code and not (len(code) == 12 and code.isdigit()):
            raise ValidationFailed(f"{name}: {code!r} is not a 12-digit division code")
    filters = inbox.Filters(village=village, township=township, step=step[:24],
                            overdue=overdue)
    return [InboxItemOut(workflow=i.workflow.name, id=i.pk, title=i.title, state=i.obj.state,
                         state_label=str(i.state_label), due_at=i.due_at,
                         days_left=i.days_left, escalated=i.escalated, url=i.url)
            for i in inbox.page(request.user, page, filters=filters, sort=sort).object_list]


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
