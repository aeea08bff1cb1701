"""Named writes of the case procedure. Each is one transaction with its audit record; a step
locks the case row and checks the version the user saw, so of two people acting at once one
wins and the other is told."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from fupin.cases import workflow
from fupin.cases.elimination import (  # noqa: F401 - part of this module's surface
    GUARANTEE_RULES,
    MONITORING_CATEGORIES,
    elimination_check,
)
from fupin.cases.models import Alert, Case, Channel, Measure, Visit
from fupin.core import audit, scope
from fupin.core import inbox as core_inbox
from fupin.core import workflow as engine
from fupin.core.access import Scope
from fupin.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from fupin.households.models import Household
from fupin.households.services import find_by_id_number
from fupin.monitoring.models import Assessment, MonitoringRun


def _now() -> dt.datetime:
    return timezone.now()


def _snapshot(case: Case) -> dict[str, Any]:
    return audit.snapshot(case)


def _audit(actor, action: str, case: Case, before: dict | None) -> None:
    audit.record(actor=actor, action=action, object_type="cases.case", object_id=str(case.pk),
                 division_code=case.village_code, before=before, after=_snapshot(case))


# --- Access -----------------------------------------------------------------------------------

def access_case(user, pk: int) -> Case:
    if not user.is_authenticated:
        raise Forbidden("log in first")
    if not user.has_perm("cases.view_case"):
        raise Forbidden("your role may not see cases")
    found = (Case.objects.for_user(user).select_related("household", "household__village")
             .filter(pk=pk).first())
    if found is None:
        raise NotFound("no such case")
    return found


def can_act(user, case: Case, level: str) -> bool:
    """Whether ``user`` may take a ``level`` step on ``case`` (permission, the division level
    the user is bound to, and region)."""
    return workflow.CASES.can_act(user, case, level)


# --- Alerts from every channel ----------------------------------------------------------------

def open_or_attach(*, actor, household: Household, channel: str, source: str, kind: str,
                   date: dt.date | None = None, amount: Decimal | None = None,
                   details: dict | None = None, consent: bool = False,
                   category: str = "", risk_types: str = "") -> tuple[Case, Alert | None, bool]:
    """Attach an alert to the household's open case, or open one. Returns (case, alert or
    None when this alert was already recorded, whether a case was opened)."""
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


def sync_from_run(*, actor, run: MonitoringRun | None = None) -> dict[str, int]:
    """Cases for the monitoring objects of a run (default: the latest). Idempotent."""
    run = run or MonitoringRun.objects.order_by("-pk").first()
    if run is None:
        raise ValidationFailed("no monitoring run yet: run `fupin monitor --year Y` first")
    counts = {"opened": 0, "attached": 0, "unchanged": 0}
    assessments = (Assessment.objects.filter(run=run, category__in=MONITORING_CATEGORIES)
                   .select_related("household").order_by("household_id"))
    for a in assessments.iterator(chunk_size=2000):
        _case, alert, created = open_or_attach(
            actor=actor, household=a.household, channel=Channel.ENGINE,
            source=f"run:{run.pk}", kind=a.category, date=timezone.localdate(),
            details={"rules": a.rules, "risk_types": a.risk_types, "year": run.year},
            category=a.category, risk_types=a.risk_types)
        key = "opened" if created else "attached" if alert else "unchanged"
        counts[key] += 1
    return counts


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
        hid, number = (row.get("household_id") or "").strip(), (row.get("id_number") or "").strip()
        household = None
        if hid:
            household = Household.objects.filter(household_id=hid).first()
        elif number:
            member = find_by_id_number(number).select_related("household").first()
            household = member.household if member else None
        if household is None or not scope.contains(household.village_id):
            errors.append(f"row {i}: household not found in your region")
            continue
        kind = (row.get("alert_type") or "").strip()
        if not kind:
            errors.append(f"row {i}, column alert_type: required")
            continue
        try:
            date = dt.date.fromisoformat((row.get("date") or "").strip())
        except ValueError:
            errors.append(f"row {i}, column date: expected YYYY-MM-DD")
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

def take_step(*, actor, case: Case, action: str, version: int, note: str = "",
              category: str = "", notice_start: dt.date | None = None,
              elimination_kind: str = "") -> Case:
    """Move ``case`` by ``action`` through the workflow engine: another region is "not
    found" before anything else; then a stale version, an illegal move, a wrong level and
    unmet conditions are refused."""
    return engine.take(workflow.CASES, actor=actor, obj=case, action=action, version=version,
                       note=note, category=category, notice_start=notice_start,
                       elimination_kind=elimination_kind)


# --- Assistance -------------------------------------------------------------------------------

def _require_open_monitored(actor, case: Case) -> Case:
    current = Case.objects.select_for_update().get(pk=case.pk)
    if not scope.in_scope(actor, current.village_code):
        raise NotFound("no such case")
    if current.state not in {"monitored", "elim_proposed", "elim_reviewed", "elim_notice",
                             "elim_township_approved"}:
        raise ValidationFailed("measures and visits are recorded for approved monitoring "
                               "objects")
    if not (actor.has_perm("cases.act_village") or actor.has_perm("cases.act_county")):
        raise Forbidden("your role may not record assistance")
    return current


def add_measure(*, actor, case: Case, type: str, description: str, responsible: str,
                start: dt.date, end: dt.date | None = None,
                amount: Decimal | None = None) -> Measure:
    with transaction.atomic():
        current = _require_open_monitored(actor, case)
        measure = Measure(case=current, type=type, description=description,
                          responsible=responsible, start=start, end=end, amount=amount)
        try:
            measure.full_clean(exclude=["case"])
        except Exception as exc:
            raise ValidationFailed(str(exc)) from exc
        if end and end < start:
            raise ValidationFailed("the end is before the start", {"end": "before start"})
        measure.save()
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
