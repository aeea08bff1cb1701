"""Named writes of the case procedure. Each is one transaction with its audit record; a step
locks the case row and checks the version the user saw, so of two people acting at once one
wins and the other is told."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from fupin.cases import workflow
from fupin.cases.models import (
    Alert,
    Case,
    Channel,
    EliminationKind,
    Measure,
    Notification,
    Step,
    Visit,
)
from fupin.core import audit, scope
from fupin.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from fupin.households.models import Household
from fupin.households.services import find_by_id_number
from fupin.monitoring.models import Assessment, MonitoringRun
from fupin.regions.choices import NATION_CODE
from fupin_engine.policy.loader import load_pack, resolve_parameters

MONITORING_CATEGORIES = ("unstable", "marginal", "sudden_hardship")
GUARANTEE_RULES = ("EDU_DROPOUT", "NO_MEDICAL_INSURANCE", "UNSAFE_HOUSING", "UNSAFE_WATER")


def deadlines() -> dict[str, int]:
    return settings.FUPIN_CASE_DEADLINES


def _now() -> dt.datetime:
    return timezone.now()


def _due(case: Case, now: dt.datetime) -> dt.datetime | None:
    """When the next step of ``case`` is due."""
    days = deadlines()
    if case.closed:
        return None
    if case.state == "monitored":
        if not case.measures.exists():
            return (case.approved_at or now) + dt.timedelta(days=days["first_measure"])
        last = case.visits.order_by("-date").values_list("date", flat=True).first()
        start = (dt.datetime.combine(last, dt.time(), tzinfo=dt.UTC) if last
                 else case.approved_at or now)
        return start + dt.timedelta(days=days["visit_interval"])
    if case.state in workflow.NOTICE_STATES and case.notice_start:
        start = dt.datetime.combine(case.notice_start, dt.time(), tzinfo=dt.UTC)
        return start + dt.timedelta(days=settings.FUPIN_PUBLIC_NOTICE_DAYS + days["review"])
    return now + dt.timedelta(days=days.get(case.state, days["step"]))


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
    return (user.has_perm(workflow.LEVEL_PERMISSION[level])
            and scope.in_scope(user, case.village_code))


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
                    case.due_at = now + dt.timedelta(days=deadlines()["alerted"])
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
                    _notify(case, "village")
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
                    prefix: str = "") -> dict[str, Any]:
    """Department screening alerts (household_id or id_number, alert_type, date, amount)."""
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
        if household is None or (prefix and not household.village_id.startswith(prefix)):
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
    """Move ``case`` by ``action``. Refuses illegal moves, wrong role or region, and a
    version that is not the current one (someone else acted first)."""
    now = _now()
    with transaction.atomic():
        current = Case.objects.select_for_update().select_related("household").get(pk=case.pk)
        if current.version != version:
            last = current.steps.select_related("actor").order_by("-pk").first()
            who = (_(" by %(user)s") % {"user": last.actor.get_username()}) if last else ""
            raise Conflict(_("this case has already moved on%(who)s (now: %(state)s); reload "
                             "the page") % {"who": who, "state": current.state})
        try:
            move = workflow.transition(current.state, action)
        except workflow.IllegalTransition as exc:
            raise ValidationFailed(str(exc)) from exc
        if not scope.in_scope(actor, current.village_code):
            raise NotFound("no such case")
        if not actor.has_perm(workflow.LEVEL_PERMISSION[move.level]):
            raise Forbidden(f"only the {move.level} level may do this")
        before = _snapshot(current)
        _apply(current, move, now, note=note, category=category, notice_start=notice_start,
               elimination_kind=elimination_kind)
        current.state = move.to
        current.state_since = now
        current.closed = move.to in workflow.CLOSED
        current.version += 1
        current.due_at = _due(current, now)
        current.save()
        Step.objects.create(case=current, action=action, from_state=move.state,
                            to_state=move.to, actor=actor, at=now, note=note)
        _audit(actor, f"cases.{action}", current, before)
        level = workflow.level_of(current.state)
        if level:
            _notify(current, level)
    return current


def _apply(case: Case, move: workflow.Transition, now: dt.datetime, *, note: str,
           category: str, notice_start: dt.date | None, elimination_kind: str) -> None:
    today = timezone.localdate()
    if move.action in {"post_notice", "elim_post_notice"}:
        case.notice_start = notice_start or today
    if move.action in {"township_approve", "elim_township_approve"}:
        minimum = case.notice_start + dt.timedelta(days=settings.FUPIN_PUBLIC_NOTICE_DAYS)
        if today < minimum:
            raise ValidationFailed(
                _("the public notice posted on %(start)s must stay up %(days)s days: review "
                  "from %(minimum)s on") % {"start": case.notice_start, "minimum": minimum,
                                            "days": settings.FUPIN_PUBLIC_NOTICE_DAYS})
    if move.action in {"reject", "township_reject", "elim_reject", "elim_township_reject"} \
            and not note.strip():
        raise ValidationFailed(_("give the reason"), {"note": "required"})
    if move.action == "approve":
        if category not in MONITORING_CATEGORIES:
            raise ValidationFailed(_("choose the category: unstable, marginal or "
                                     "sudden_hardship"), {"category": "required"})
        case.category = category
        case.approved_at = now
        case.decision_note = note
    if move.action == "reject":
        case.decision_note = note
    if move.action == "propose_elimination":
        if elimination_kind not in EliminationKind.values:
            raise ValidationFailed("choose the kind of elimination",
                                   {"elimination_kind": "required"})
        unmet, warnings = elimination_check(case, elimination_kind, now)
        if unmet:
            raise ValidationFailed(_("risk elimination refused: %(criteria)s")
                                   % {"criteria": "; ".join(unmet)}, {"criteria": unmet})
        case.elimination_kind = elimination_kind
        case.warnings = warnings
    if move.action == "eliminate":
        case.eliminated_at = now
    if move.action == "rollback":
        if Case.objects.filter(household=case.household, closed=False).exclude(
                pk=case.pk).exists():
            raise Conflict("the household has another open case")
        case.eliminated_at = None
        case.elimination_kind = ""


def elimination_check(case: Case, kind: str, now: dt.datetime) -> tuple[list[str], list[str]]:
    """The criteria of DOMAIN.md §4; returns (unmet criteria, warnings)."""
    unmet: list[str] = []
    warnings: list[str] = []
    six_months = now - dt.timedelta(days=182)
    if case.approved_at is None or case.approved_at > six_months:
        since = case.approved_at.date() if case.approved_at else "—"
        unmet.append(_("monitored for less than 6 months (approved %(since)s)")
                     % {"since": since})
    if kind == EliminationKind.ASSISTANCE and not case.measures.exists():
        unmet.append(_("no assistance measure in place"))
    household = case.household
    members = list(household.members.all())
    if not any(m.labor in {"full", "partial"} for m in members):
        unmet.append(_("no member is able to work: such a household is never marked "
                       "eliminated"))
    year = now.year - 1
    line = _monitoring_line(year, household.village_id[:2])
    incomes = list(case.visits.filter(date__gte=six_months.date(),
                                      per_capita_income__isnull=False)
                   .values_list("date", "per_capita_income"))
    if not incomes:
        unmet.append(_("no income recorded at visits in the last 6 months"))
    elif line is not None and any(v < Decimal(str(line)) for _, v in incomes):
        low = min(v for _, v in incomes)
        unmet.append(_("income not stably above the line: %(low).0f < %(line).0f yuan in the "
                       "last 6 months") % {"low": low, "line": line})
    elif min(d for d, _ in incomes) > (six_months + dt.timedelta(days=31)).date():
        unmet.append(_("income above the line for less than 6 months"))
    latest = (Assessment.objects.filter(household=household)
              .order_by("-run__year", "-run__pk").first())
    fired = set(latest.rules.split(";")) if latest and latest.rules else set()
    if "RIGID_EXPENSE_OVER_INCOME" in fired:
        unmet.append(_("large rigid spending is not resolved (latest monitoring run)"))
    failing = sorted(fired & set(GUARANTEE_RULES))
    if not household.housing_safe:
        failing.append("UNSAFE_HOUSING")
    if not household.water_safe:
        failing.append("UNSAFE_WATER")
    if any(not m.medical_insurance for m in members):
        failing.append("NO_MEDICAL_INSURANCE")
    if failing:
        unmet.append(_("guarantees or water do not hold: %(rules)s")
                     % {"rules": ", ".join(sorted(set(failing)))})
    if case.approved_at and case.approved_at > now - dt.timedelta(days=61):
        warnings.append(_("elimination within 2 months of identification (national data "
                          "check)"))
    if "EDU_DROPOUT" in fired:
        warnings.append(_("a school-age child is out of school (national data check)"))
    return unmet, warnings


def _monitoring_line(year: int, province: str) -> float | None:
    pack = load_pack("cn-national")
    for y in (year, year - 1, year + 1):
        try:
            return resolve_parameters(pack, y, province)["monitoring_line"]
        except Exception:  # noqa: S112 - a year without a line: try the next one
            continue
    return None


# --- Assistance -------------------------------------------------------------------------------

def _require_open_monitored(actor, case: Case) -> Case:
    current = Case.objects.select_for_update().get(pk=case.pk)
    if current.state not in {"monitored", "elim_proposed", "elim_reviewed", "elim_notice",
                             "elim_township_approved"}:
        raise ValidationFailed("measures and visits are recorded for approved monitoring "
                               "objects")
    if not scope.in_scope(actor, current.village_code):
        raise NotFound("no such case")
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
        current.due_at = _due(current, _now())
        current.save(update_fields=["due_at", "updated_at"])
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
        current.due_at = _due(current, _now())
        current.save(update_fields=["due_at", "updated_at"])
        audit.record(actor=actor, action="cases.add_visit", object_type="cases.visit",
                     object_id=str(visit.pk), division_code=current.village_code,
                     after=audit.snapshot(visit))
    return visit


# --- Work lists and notifications -------------------------------------------------------------

def _levels(user) -> list[str]:
    return [lvl for lvl, perm in workflow.LEVEL_PERMISSION.items() if user.has_perm(perm)]


def inbox(user) -> dict[str, list[Case]]:
    """Cases waiting on the user's level in the user's region, overdue first; and overdue
    cases of the level below (escalated to the user)."""
    levels = _levels(user)
    states = {t.state for t in workflow.TRANSITIONS if t.level in levels} - {"eliminated"}
    if "village" in levels:
        states.add("monitored")
    mine = Case.objects.for_user(user).filter(closed=False, state__in=states)
    below = {"township": "village", "county": "township"}
    lower = {below[lvl] for lvl in levels if lvl in below}
    lower_states = {t.state for t in workflow.TRANSITIONS if t.level in lower} - states
    escalated = Case.objects.for_user(user).filter(closed=False, state__in=lower_states,
                                                   due_at__lt=_now())
    order = ("due_at", "pk")
    return {"mine": list(mine.select_related("household", "household__village").order_by(*order)),
            "escalated": list(escalated.select_related("household", "household__village")
                              .order_by(*order))}


def _notify(case: Case, level: str) -> None:
    """Tell the users who must act next (in-app; e-mail after commit when configured)."""
    codes = [NATION_CODE] + [case.village_code[:n].ljust(12, "0") for n in (2, 4, 6, 9, 12)]
    perm = workflow.LEVEL_PERMISSION[level].split(".")[1]
    users = (get_user_model().objects.filter(is_active=True, division_id__in=codes)
             .filter(Q(groups__permissions__codename=perm)
                     | Q(user_permissions__codename=perm)).distinct())
    state = str(workflow.STATES.get(case.state, case.state))
    message = f"{case.household.household_id} {case.household.head_name}: {state}"
    notes = [Notification(user=u, case=case, message=message[:300]) for u in users]
    Notification.objects.bulk_create(notes)
    emails = [u.email for u in users if u.email]
    if emails:
        transaction.on_commit(lambda: send_mail(
            "fupin", message, settings.DEFAULT_FROM_EMAIL, emails, fail_silently=True))
