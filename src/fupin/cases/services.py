"""Named writes of the case procedure. Each is one transaction with its audit record; a step
locks the case row and checks the version the user saw, so of two people acting at once one
wins and the other is told."""

from __future__ import annotations

import datetime as dt
import os
import secrets
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from fupin.cases import sync as bulk_sync
from fupin.cases import workflow
from fupin.cases.access import access_case
from fupin.cases.elimination import elimination_check  # noqa: F401 - this module's surface
from fupin.cases.models import Alert, Attachment, Case, Channel, Measure, Objection, Visit
from fupin.core import audit, scope
from fupin.core import inbox as core_inbox
from fupin.core import workflow as engine
from fupin.core.access import Scope
from fupin.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from fupin.households.models import Household
from fupin.households.services import find_by_id_number
from fupin.monitoring.models import MonitoringRun


def _now() -> dt.datetime:
    return timezone.now()


def _snapshot(case: Case) -> dict[str, Any]:
    return audit.snapshot(case)


def _audit(actor, action: str, case: Case, before: dict | None) -> None:
    audit.record(actor=actor, action=action, object_type="cases.case", object_id=str(case.pk),
                 division_code=case.village_code, before=before, after=_snapshot(case))


# --- Access -----------------------------------------------------------------------------------

def can_act(user, case: Case, level: str) -> bool:
    """Whether ``user`` may take a ``level`` step on ``case`` (permission, the division level
    the user is bound to, and region)."""
    return workflow.CASES.can_act(user, case, level)


# --- Alerts from every channel ----------------------------------------------------------------

def open_or_attach(*, actor, household: Household, channel: str, source: str, kind: str,
                   date: dt.date | None = None, amount: Decimal | None = None,
                   details: dict | None = None, consent: bool = False,
                   category: str = "", risk_types: str = "",
                   same_content_once: bool = False) -> tuple[Case, Alert | None, bool]:
    """Attach an alert to the household's open case, or open one. Returns (case, alert or
    None when this alert was already recorded, whether a case was opened).

    ``same_content_once``: when the open case's latest alert of this channel says the same
    (kind and details), nothing is added — a monitoring run over unchanged data repeats the
    last run's finding, which is not a new signal."""
    now = _now()
    for _attempt in range(2):
        try:
            with transaction.atomic():
                Household.objects.select_for_update().filter(pk=household.pk).first()
                case = Case.objects.filter(household=household, closed=False).first()
                created = case is None
                if created:
                    case = Case(household=household, village_code=household.village_id,
                                state="alerted", channel=channel, category=category,
                                risk_types=risk_types, opened_at=now, state_since=now)
                    case.due_at = workflow.CASES.due_for(case, now)
                    case.save()
                    _audit(actor, "cases.open", case, None)
                if Alert.objects.filter(case=case, source=source, kind=kind).exists():
                    return case, None, False
                if same_content_once and not created and _repeats_latest(
                        case, channel, kind, details or {}):
                    return case, None, False
                alert = Alert.objects.create(
                    case=case, channel=channel, source=source, kind=kind,
                    date=date or timezone.localdate(), amount=amount, details=details or {},
                    consent=consent)
                audit.record(actor=actor, action="cases.alert", object_type="cases.alert",
                             object_id=str(alert.pk), division_code=case.village_code,
                             after={"case": case.pk, "channel": channel, "source": source,
                                    "kind": kind})
                if created:
                    engine.notify(workflow.CASES, case, workflow.VILLAGE, now=now)
                return case, alert, created
        except IntegrityError:
            continue  # another process opened the case at the same moment: attach to it
    raise Conflict("the household's case changed while the alert was recorded; try again")


def _repeats_latest(case: Case, channel: str, kind: str, details: dict) -> bool:
    latest = (Alert.objects.filter(case=case, channel=channel)
              .order_by("-created_at", "-pk").values_list("kind", "details").first())
    return latest is not None and latest[0] == kind and latest[1] == details


def sync_from_run(*, actor, run: MonitoringRun | None = None) -> dict[str, int]:
    """Cases for the monitoring objects of a run (default: the latest), opened set-based in
    one transaction (``cases.sync``, ADR 0053). Idempotent: a run whose finding for a
    household equals the open case's latest engine alert (category, rules, risk types, year)
    adds nothing, whatever the run's number."""
    run = run or MonitoringRun.objects.order_by("-pk").first()
    if run is None:
        raise ValidationFailed("no monitoring run yet: run `fupin monitor --year Y` first")
    return bulk_sync.sync_from_run(actor=actor, run=run)


def self_report(*, actor, household: Household, kind: str, description: str,
                consent: bool, amount: Decimal | None = None,
                channel: str = Channel.SELF_REPORT) -> Case:
    """A household's own report (filled in by a cadre on its behalf) or a cadre's finding on
    a visit. A self-report needs the household's consent."""
    if channel not in {Channel.SELF_REPORT, Channel.CADRE_VISIT}:
        raise ValidationFailed("channel is self_report or cadre_visit")
    if not scope.in_scope(actor, household.village_id):
        raise NotFound("no such household")
    if not actor.has_perm("cases.act_village"):
        raise Forbidden("your role may not record alerts")
    if channel == Channel.SELF_REPORT and not consent:
        raise ValidationFailed("the household's consent (signed authorisation) is required",
                               {"consent": "required"})
    case, _alert, _created = open_or_attach(
        actor=actor, household=household, channel=channel,
        source=f"{channel}:{timezone.now():%Y%m%d%H%M%S}:{actor.pk}", kind=kind,
        amount=amount, details={"description": description}, consent=consent)
    return case


def department_feed(*, actor, department: str, rows: Iterable[dict[str, str]],
                    scope: Scope) -> dict[str, Any]:
    """Department screening alerts (household_id or id_number, alert_type, date, amount) for
    households inside ``scope`` (``Scope.of_user(user)``; a command passes
    ``Scope.nation()``). A household outside it is "not found in your region"."""
    if not isinstance(scope, Scope):
        raise TypeError("scope must be a fupin.core.access.Scope (Scope.nation() for all)")
    errors, done = [], 0
    parsed = []
    for i, row in enumerate(rows, start=1):
        line = row.get("_line") or i  # the file's line when the rows come from a file
        hid, number = (row.get("household_id") or "").strip(), (row.get("id_number") or "").strip()
        household = None
        if hid:
            household = Household.objects.filter(household_id=hid).first()
        elif number:
            member = find_by_id_number(number).select_related("household").first()
            household = member.household if member else None
        if household is None or not scope.contains(household.village_id):
            errors.append(gettext("row %(row)s: household not found in your region")
                          % {"row": line})
            continue
        kind = (row.get("alert_type") or "").strip()
        if not kind:
            errors.append(gettext("row %(row)s, column “%(column)s”: a value is required")
                          % {"row": line, "column": gettext("alert type")})
            continue
        try:
            date = dt.date.fromisoformat((row.get("date") or "").strip())
        except ValueError:
            errors.append(gettext("row %(row)s, column “%(column)s”: expected YYYY-MM-DD")
                          % {"row": line, "column": gettext("date")})
            continue
        amount = (row.get("amount") or "").strip()
        parsed.append((household, kind, date, Decimal(amount) if amount else None))
    if errors:
        raise ValidationFailed("; ".join(errors[:20]))
    for household, kind, date, amount in parsed:
        open_or_attach(actor=actor, household=household, channel=Channel.DEPARTMENT,
                       source=f"{department}:{date.isoformat()}", kind=kind, date=date,
                       amount=amount)
        done += 1
    return {"alerts": done}


# --- Steps ------------------------------------------------------------------------------------

#: What a step may record besides its note (read by the workflow's guards and effects).
STEP_FIELDS = ("category", "risk_types", "notice_start", "elimination_kind", "consent",
               "consent_date", "consent_signed_by", "compared_departments",
               "comparison_findings", "review_meeting_date", "votes_for", "votes_against",
               "votes_abstain")


def take_step(*, actor, case: Case, action: str, version: int, note: str = "",
              **fields: Any) -> Case:
    """Move ``case`` by ``action`` through the workflow engine: another region is "not
    found" before anything else; then a stale version, an illegal move, a wrong level and
    unmet conditions are refused. ``fields`` are the step's record (``STEP_FIELDS``)."""
    unknown = sorted(set(fields) - set(STEP_FIELDS))
    if unknown:
        raise ValidationFailed(f"unknown step fields: {', '.join(unknown)}")
    return engine.take(workflow.CASES, actor=actor, obj=case, action=action, version=version,
                       note=note, **fields)


# --- Objections during the notice (公示异议) ----------------------------------------------------

def raise_objection(*, actor, case: Case, raised_by: str, content: str,
                    raised_on: dt.date | None = None) -> Objection:
    """Record an objection to a case on public notice (by a village or township officer)."""
    with transaction.atomic():
        current = Case.objects.select_for_update().get(pk=case.pk)
        if not scope.in_scope(actor, current.village_code):
            raise NotFound("no such case")
        if not (can_act(actor, current, workflow.VILLAGE)
                or can_act(actor, current, workflow.TOWNSHIP)):
            raise Forbidden(gettext("your role may not record objections"))
        if current.state not in workflow.NOTICE_STATES:
            raise ValidationFailed(gettext("objections are recorded while the notice is up"))
        raised_on = raised_on or timezone.localdate()
        if raised_on > timezone.localdate() or (current.notice_start
                                                and raised_on < current.notice_start):
            raise ValidationFailed(gettext("an objection is raised during the notice"),
                                   {"raised_on": "outside the notice"})
        if not raised_by.strip() or not content.strip():
            raise ValidationFailed(gettext("say who objects and what"),
                                   {"content": "required"})
        objection = Objection.objects.create(case=current, raised_on=raised_on,
                                             raised_by=raised_by.strip()[:50],
                                             content=content.strip(), recorded_by=actor)
        audit.record(actor=actor, action="cases.raise_objection",
                     object_type="cases.objection", object_id=str(objection.pk),
                     division_code=current.village_code, after=audit.snapshot(objection))
    return objection


def answer_objection(*, actor, case: Case, objection_id: int, answer: str) -> Objection:
    """Answer an objection (the township, which reviews the notice); answered, it no longer
    blocks the review."""
    with transaction.atomic():
        current = Case.objects.select_for_update().get(pk=case.pk)
        if not scope.in_scope(actor, current.village_code):
            raise NotFound("no such case")
        objection = Objection.objects.filter(case=current, pk=objection_id).first()
        if objection is None:
            raise NotFound("no such objection")
        if not can_act(actor, current, workflow.TOWNSHIP):
            raise Forbidden(gettext("only the township answers objections"))
        if objection.answered_at is not None:
            raise Conflict(gettext("this objection has already been answered"))
        if not answer.strip():
            raise ValidationFailed(gettext("give the answer"), {"answer": "required"})
        before = audit.snapshot(objection)
        objection.answer, objection.answered_at = answer.strip(), timezone.now()
        objection.answered_by = actor
        objection.save()
        audit.record(actor=actor, action="cases.answer_objection",
                     object_type="cases.objection", object_id=str(objection.pk),
                     division_code=current.village_code, before=before,
                     after=audit.snapshot(objection))
    return objection


# --- Attachments of steps (stored under var/, 0600, served through access_case) --------------

ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024


def attachment_dir() -> Path:
    path = Path(settings.VAR_DIR) / "case-attachments"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def attach(*, actor, case: Case, name: str, content: bytes) -> Attachment:
    """Store a document of the case's current step (village or township officers of the
    case's region). The file gets a random name and mode 0600; only ``attachment_path``
    after ``access_case`` finds it again."""
    with transaction.atomic():
        current = Case.objects.select_for_update().get(pk=case.pk)
        if not scope.in_scope(actor, current.village_code):
            raise NotFound("no such case")
        if not any(can_act(actor, current, lvl) for lvl in workflow.LEVEL_PERMISSION):
            raise Forbidden(gettext("your role may not attach documents"))
        if not content or len(content) > ATTACHMENT_MAX_BYTES:
            raise ValidationFailed(gettext("an attachment is 1 byte to %(mb)s MB")
                                   % {"mb": ATTACHMENT_MAX_BYTES // (1024 * 1024)},
                                   {"file": "size"})
        stored_as = secrets.token_hex(16)
        target = attachment_dir() / stored_as
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
        clean = Path(name or "file").name[:200] or "file"
        attachment = Attachment.objects.create(case=current, step=current.state,
                                               name=clean, stored_as=stored_as,
                                               size=len(content), uploaded_by=actor)
        audit.record(actor=actor, action="cases.attach", object_type="cases.attachment",
                     object_id=str(attachment.pk), division_code=current.village_code,
                     after=audit.snapshot(attachment))
    return attachment


def access_attachment(user, case_pk: int, pk: int) -> tuple[Attachment, Path]:
    """An attachment of a case the user may see (``NotFound`` otherwise, whether or not the
    id exists elsewhere), with the path of its file."""
    case = access_case(user, case_pk)
    found = Attachment.objects.filter(case=case, pk=pk).first()
    if found is None:
        raise NotFound("no such attachment")
    return found, attachment_dir() / found.stored_as


# --- Assistance -------------------------------------------------------------------------------

MONITORED_STATES = frozenset({"monitored", "elim_proposed", "elim_reviewed", "elim_notice",
                              "elim_township_approved"})


def in_advance_allowed(case: Case) -> bool:
    """先行落实: a sudden hardship (disaster, accident) gets measures before the approval."""
    return not case.closed and case.state not in MONITORED_STATES and \
        workflow.is_sudden_hardship(case)


def _require_open_monitored(actor, case: Case, *, in_advance: bool = False) -> Case:
    current = Case.objects.select_for_update().get(pk=case.pk)
    if not scope.in_scope(actor, current.village_code):
        raise NotFound("no such case")
    if current.state not in MONITORED_STATES and not (in_advance
                                                      and in_advance_allowed(current)):
        raise ValidationFailed("measures and visits are recorded for approved monitoring "
                               "objects (before approval only for a sudden hardship: "
                               "先行落实)")
    if not (actor.has_perm("cases.act_village") or actor.has_perm("cases.act_county")):
        raise Forbidden("your role may not record assistance")
    return current


def add_measure(*, actor, case: Case, type: str, description: str, responsible: str,
                start: dt.date, end: dt.date | None = None,
                amount: Decimal | None = None) -> Measure:
    with transaction.atomic():
        current = _require_open_monitored(actor, case, in_advance=True)
        measure = Measure(case=current, type=type, description=description,
                          responsible=responsible, start=start, end=end, amount=amount,
                          in_advance=current.state not in MONITORED_STATES)
        try:
            measure.full_clean(exclude=["case"])
        except Exception as exc:
            raise ValidationFailed(str(exc)) from exc
        if end and end < start:
            raise ValidationFailed("the end is before the start", {"end": "before start"})
        measure.save()
        if not measure.in_advance:  # before approval the step's own deadline stands
            engine.refresh_due(workflow.CASES, current)
        audit.record(actor=actor, action="cases.add_measure", object_type="cases.measure",
                     object_id=str(measure.pk), division_code=current.village_code,
                     after=audit.snapshot(measure))
    return measure


def add_visit(*, actor, case: Case, date: dt.date, situation: str,
              per_capita_income: Decimal | None = None) -> Visit:
    with transaction.atomic():
        current = _require_open_monitored(actor, case)
        if date > timezone.localdate():
            raise ValidationFailed("a visit cannot be in the future", {"date": "future"})
        visit = Visit.objects.create(case=current, date=date, situation=situation,
                                     per_capita_income=per_capita_income, by=actor)
        engine.refresh_due(workflow.CASES, current)
        audit.record(actor=actor, action="cases.add_visit", object_type="cases.visit",
                     object_id=str(visit.pk), division_code=current.village_code,
                     after=audit.snapshot(visit))
    return visit


# --- Work lists and notifications -------------------------------------------------------------

def inbox(user) -> dict[str, list[Case]]:
    """Cases waiting on the user's level in the user's region, overdue first; and overdue
    cases of the level below (escalated to the user). A view over the generic inbox."""
    found = core_inbox.items(user, workflows=[workflow.CASES.name])
    return {"mine": [i.obj for i in found if not i.escalated],
            "escalated": [i.obj for i in found if i.escalated]}
