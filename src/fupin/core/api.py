"""The platform's API: the one inbox across every workflow and the user's notices."""

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema

from fupin.core import inbox
from fupin.core import workflow as engine
from fupin.core.errors import Forbidden, ValidationFailed

router = Router(tags=["inbox"])

#: The answers every operation may give besides its own success, declared once for the whole
#: API (``fupin.config.api.FupinAPI`` adds them to every operation of the OpenAPI document, with
#: the :data:`ERROR_SCHEMA` body): the gates, the domain's errors and the transport's.
ERROR_RESPONSES = {
    "400": "Validation or policy error: the request does not match its schema or breaks a rule "
           "(the message says which)",
    "401": "Not authenticated: log in, or send a valid, unexpired bearer token",
    "403": "Forbidden: your role may not do this",
    "404": "Not found, or outside your region (never said which); also a path the API has not",
    "405": "Method not allowed on this path (the Allow header lists those that are)",
    "409": "Conflict: the object changed under you (someone acted first)",
}
#: Only operations that take a request body can receive one too large.
BODY_RESPONSES = {
    "413": "Request body too large (over DATA_UPLOAD_MAX_MEMORY_SIZE)",
}
#: The body of every error answer.
ERROR_SCHEMA = {
    "title": "Error", "type": "object", "required": ["detail"],
    "properties": {"detail": {"type": "string"}, "errors": {"type": ["object", "array"]}},
}


def document_errors(schema: dict) -> dict:
    """Add :data:`ERROR_RESPONSES` (and :data:`BODY_RESPONSES` where there is a body) to every
    operation of an OpenAPI document, once, referring to one ``Error`` component."""
    schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for methods in schema.get("paths", {}).values():
        for operation in methods.values():
            responses = operation.setdefault("responses", {})
            answers = {**ERROR_RESPONSES,
                       **(BODY_RESPONSES if "requestBody" in operation else {})}
            for code, text in answers.items():
                responses.setdefault(code, {"description": text, "content": error})
    return schema

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
