"""Named writes and reads of accountability (问责). Each write is one transaction with its
audit record (``fupin.core.audit``); rectification steps and action approvals go through the
core workflow engine (``accountability.workflows``).

Other apps use this module, never the models directly: ``evaluation_adjustments`` and
``open_evaluation_finding`` are the hooks of the evaluation app (issue 13);
``sync_from_run`` is the follow-up of a monitoring run (``FUPIN_AFTER_MONITORING_RUN``,
ADR 0027).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext

from fupin.accountability import workflows
from fupin.accountability.choices import (
    ACTION_LEVEL,
    COMPLAINT_SOURCES,
    EVALUATION_KINDS,
    MANUAL_SOURCES,
    VERIFIER_PERMISSION,
    ActionKind,
    Category,
    LinkKind,
    Severity,
    Source,
)
from fupin.accountability.complaints import (  # noqa: F401  (the public surface)
    acknowledge_complaint,
    complainant,
    complaint_due,
    complaint_overdue,
    extend_complaint,
    mask_name,
    mask_phone,
    reply_complaint,
    reveal_complainant,
)
from fupin.accountability.complaints import record_change as _audit
from fupin.accountability.evidence import (  # noqa: F401  (the public surface)
    EVIDENCE_MAX_BYTES,
    add_evidence,
    evidence_dir,
    evidence_path,
    open_evidence,
)
from fupin.accountability.models import (
    AccountabilityAction,
    Finding,
    FindingLink,
    Rectification,
)
from fupin.core import audit, crypto, deadlines
from fupin.core import workflow as engine
from fupin.core.access import Scope, check_in_scope, in_scope
from fupin.core.errors import Forbidden, NotFound, ValidationFailed
from fupin.households import access as households_access
from fupin.regions.models import Division

SYSTEM = "system:accountability"
#: Levels a finding's division may have: the responsible county, township or village.
FINDING_LEVELS = ("county", "township", "village")




# --- deadlines --------------------------------------------------------------------------------

def rectification_days() -> dict[str, int]:
    """Days to rectify by severity (``FUPIN_RECTIFICATION_DAYS``; a province may override
    them in ``FUPIN_DEADLINES_BY_PROVINCE`` under ``accountability.rectification``)."""
    return dict(settings.FUPIN_RECTIFICATION_DAYS)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def default_deadline(severity: str, start: dt.date, division_code: str) -> dt.date:
    """The deadline of a finding of ``severity`` found on ``start``, the province's way."""
    days = deadlines.days_for(workflows.RECTIFICATION_NAME, severity, division_code,
                              {"step": 60, **rectification_days()})
    return deadlines.add_days(start, days, deadlines.counting_for(division_code))


# --- links: what a finding is about, each checked against the region ------------------------

def _household_division(user: Any, ref: str) -> str:
    if isinstance(user, Scope):
        from fupin.households.models import Household

        found = in_scope(Household.objects.filter(household_id=ref), user).first()
        if found is None:
            raise NotFound(f"no such household {ref}")
        return found.village_id
    return households_access.access_household(user, ref).village_id


def _resolver(kind: str):
    if kind == LinkKind.HOUSEHOLD:
        return _household_division
    path = getattr(settings, "FUPIN_FINDING_LINK_RESOLVERS", {}).get(kind)
    if not path:
        raise ValidationFailed(
            gettext("links to %(kind)s cannot be checked: the app that keeps them is not "
                    "installed") % {"kind": LinkKind(kind).label}, {"links": kind})
    return import_string(path)


def _check_links(who: Any, division_code: str, links: Iterable[tuple[str, str]]
                 ) -> list[tuple[str, str, str]]:
    """``(kind, ref, division)`` of each link, after the region gate of its kind (for a user,
    or an explicit ``Scope`` for the system); the object must lie in the finding's
    division."""
    out = []
    for kind, ref in links:
        ref = str(ref).strip()
        if kind not in LinkKind.values or not ref:
            raise ValidationFailed(gettext("unknown link %(kind)s:%(ref)s")
                                   % {"kind": kind, "ref": ref}, {"links": kind})
        code = _resolver(kind)(who, ref)
        if not Scope.of_code(division_code).contains(code):
            raise ValidationFailed(
                gettext("%(kind)s %(ref)s is not in the finding's division")
                % {"kind": LinkKind(kind).label, "ref": ref}, {"links": ref})
        out.append((kind, ref, code))
    return out


# --- findings ---------------------------------------------------------------------------------

def _division(code: str) -> Division:
    division = Division.objects.filter(code=str(code).strip().ljust(12, "0")[:12]).first()
    if division is None or division.level not in FINDING_LEVELS:
        raise ValidationFailed(gettext("choose the responsible county, township or village"),
                               {"division_code": "level"})
    return division


def may_record(user: Any, source: str) -> bool:
    """Whether ``user``'s role records findings of ``source``."""
    return source in MANUAL_SOURCES and user.has_perm(VERIFIER_PERMISSION[source])


def recordable_sources(user: Any) -> list[str]:
    return [s for s in MANUAL_SOURCES if may_record(user, s)]


@dataclass
class FindingInput:
    """What a person enters for a finding (screen, API or import)."""

    source: str
    division_code: str
    found_on: dt.date
    responsible_unit: str
    category: str
    severity: str
    title: str
    description: str = ""
    responsible_person: str = ""
    outlet: str = ""
    report: str = ""
    deadline: dt.date | None = None
    links: list[tuple[str, str]] = field(default_factory=list)
    complainant_name: str = ""
    complainant_phone: str = ""
    received_at: dt.datetime | None = None

    def errors(self) -> dict[str, str]:
        errors = {}
        if self.source not in Source.values:
            errors["source"] = gettext("choose the source")
        if self.category not in Category.values:
            errors["category"] = gettext("choose the category")
        if self.severity not in Severity.values:
            errors["severity"] = gettext("choose the severity")
        if not self.title.strip():
            errors["title"] = gettext("give the finding a title")
        if not self.responsible_unit.strip():
            errors["responsible_unit"] = gettext("name the responsible unit")
        if self.found_on > timezone.localdate():
            errors["found_on"] = gettext("a finding cannot be dated in the future")
        if self.source == Source.MEDIA_VISIT and not self.outlet.strip():
            errors["outlet"] = gettext("name the outlet of the media visit")
        if self.deadline is not None and self.deadline < self.found_on:
            errors["deadline"] = gettext("the deadline is before the finding")
        return errors


def record_finding(*, actor: Any, data: FindingInput) -> Finding:
    """Record a finding of a source the actor's role records, in the actor's region, and
    assign its rectification to the responsible unit with a deadline (default by severity).
    Complaints start their statutory clock."""
    division = _division(data.division_code)
    check_in_scope(actor, division.code, what="division")
    if not may_record(actor, data.source):
        raise Forbidden(gettext("your role does not record findings of this source"))
    errors = data.errors()
    if errors:
        raise ValidationFailed("; ".join(errors.values()), errors)
    links = _check_links(actor, division.code, data.links)
    with transaction.atomic():
        finding = _create(actor, data, division.code, links)
    if finding.source in COMPLAINT_SOURCES:
        _alert_cases(actor, finding, links)
    return finding


def check_finding(actor: Any, data: FindingInput) -> dict[str, str]:
    """Every problem of ``data`` for ``actor`` as {field: message}, writing nothing (the
    import's validation pass)."""
    try:
        division = _division(data.division_code)
    except ValidationFailed as exc:
        return {"division_code": str(exc)}
    scope = Scope.of_user(actor)
    if scope is None or not scope.contains(division.code):
        return {"division_code": gettext("not in your region")}
    if not may_record(actor, data.source):
        return {"source": gettext("your role does not record findings of this source")}
    return data.errors()


def import_findings(*, actor: Any, rows: list[tuple[str, FindingInput]]) -> dict[str, int]:
    """Record checked findings ``(reference, data)`` all at once (one transaction); a
    reference already imported is skipped, so the same file twice opens nothing new."""
    keys = {f"import:{ref}": (ref, data) for ref, data in rows}
    taken = set(Finding.objects.filter(source_key__in=list(keys)).values_list("source_key",
                                                                              flat=True))
    opened = 0
    with transaction.atomic():
        for key, (_ref, data) in keys.items():
            if key in taken:
                continue
            errors = check_finding(actor, data)
            if errors:
                raise ValidationFailed("; ".join(errors.values()), errors)
            _create(actor, data, _division(data.division_code).code, [], source_key=key)
            opened += 1
    return {"findings": opened, "already": len(keys) - opened}


def _create(actor: Any, data: FindingInput, code: str,
            links: list[tuple[str, str, str]], *, source_key: str = "",
            details: dict | None = None) -> Finding:
    now = timezone.now()
    finding = Finding(
        source=data.source, source_key=source_key, found_on=data.found_on, division_code=code,
        responsible_unit=data.responsible_unit.strip()[:100],
        responsible_person=data.responsible_person.strip()[:50], category=data.category,
        severity=data.severity, title=data.title.strip()[:200],
        description=data.description.strip(), outlet=data.outlet.strip()[:100],
        report=data.report.strip(), details=details or {},
        recorded_by=actor if not isinstance(actor, str) else None)
    if data.source in COMPLAINT_SOURCES:
        finding.received_at = data.received_at or now
        finding.handle_due = complaint_due(finding.received_at, code, extended=False)
        finding.complainant_name = crypto.encrypt(data.complainant_name.strip()[:50])
        finding.complainant_phone = crypto.encrypt(data.complainant_phone.strip()[:30])
    finding.save()
    FindingLink.objects.bulk_create([FindingLink(finding=finding, kind=k, ref=r,
                                                 division_code=c) for k, r, c in links])
    deadline = data.deadline or default_deadline(data.severity, data.found_on, code)
    rect = Rectification(finding=finding, division_code=code, deadline=deadline,
                         assigned_at=now, state="assigned", state_since=now)
    rect.due_at = workflows.RECTIFICATION.due_for(rect, now)
    rect.save()
    _audit(actor, "record_finding", finding)
    _audit(actor, "assign", rect)
    engine.notify(workflows.RECTIFICATION, rect, workflows.COUNTY, now=now)
    return finding


def _alert_cases(actor: Any, finding: Finding, links: list[tuple[str, str, str]]) -> None:
    """A complaint about a household raises an alert in the case procedure, through the
    follow-up named in ``FUPIN_COMPLAINT_ALERT`` (this app does not import cases)."""
    path = getattr(settings, "FUPIN_COMPLAINT_ALERT", "")
    if not path:
        return
    hook = import_string(path)
    for kind, ref, _code in links:
        if kind == LinkKind.HOUSEHOLD:
            household = households_access.access_household(actor, ref)
            hook(actor=actor, household=household, channel="department",
                 source=f"accountability:{finding.pk}", kind="complaint",
                 details={"finding": finding.pk, "source": finding.source})


# --- rectification steps and action approvals (the engine) -----------------------------------

def take_step(*, actor: Any, rectification: Rectification, action: str, version: int,
              note: str = "") -> Rectification:
    """One rectification step (plan, progress, claim, verify, send back)."""
    return engine.take(workflows.RECTIFICATION, actor=actor, obj=rectification,
                       action=action, version=version, note=note)


def _decimal(value: Any, name: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise ValidationFailed(gettext("%(name)s is not a number") % {"name": name},
                               {name: "number"}) from None
    if number < 0 or not number.is_finite() or number >= Decimal("1e12"):
        raise ValidationFailed(gettext("%(name)s is out of range") % {"name": name},
                               {name: "range"})
    return number.quantize(Decimal("0.01"))


def propose_action(*, actor: Any, finding: Finding, kind: str, decision_document: str,
                   decision_date: dt.date, officials: list[dict] | None = None,
                   points: Any = None, year: int | None = None, amount: Any = None,
                   note: str = "") -> AccountabilityAction:
    """Propose an accountability action citing ``finding`` and its decision document; it
    waits for approval at its level (``choices.ACTION_LEVEL``)."""
    check_in_scope(actor, finding.division_code, what="finding")
    if not actor.has_perm("accountability.add_accountabilityaction"):
        raise Forbidden(gettext("your role may not propose accountability actions"))
    errors = {}
    if kind not in ActionKind.values:
        errors["kind"] = gettext("choose the kind of action")
    if not decision_document.strip():
        errors["decision_document"] = gettext("cite the decision document")
    points_d, amount_d = _decimal(points, "points"), _decimal(amount, "amount")
    if kind == ActionKind.DEDUCTION and not points_d:
        errors["points"] = gettext("give the points deducted")
    if kind in EVALUATION_KINDS and not year:
        errors["year"] = gettext("give the evaluation year the action affects")
    if kind == ActionKind.FUND_RECOVERY and not amount_d:
        errors["amount"] = gettext("give the amount to recover")
    people = [{k: str(p.get(k, "")).strip()[:60] for k in ("name", "unit", "post")}
              for p in (officials or []) if str(p.get("name", "")).strip()]
    if kind == ActionKind.OFFICIALS and not people:
        errors["officials"] = gettext("name the officials held accountable, with unit and post")
    if any(not (p["unit"] and p["post"]) for p in people):
        errors["officials"] = gettext("give each official's unit and post")
    if errors:
        raise ValidationFailed("; ".join(errors.values()), errors)
    now = timezone.now()
    with transaction.atomic():
        action = AccountabilityAction(
            finding=finding, division_code=finding.division_code, kind=kind,
            decision_document=decision_document.strip()[:120], decision_date=decision_date,
            officials=people, points=points_d, year=year, amount=amount_d, note=note.strip(),
            proposed_by=actor, state=workflows.initial_action_state(kind), state_since=now)
        action.due_at = workflows.ACTIONS.due_for(action, now)
        action.save()
        _audit(actor, "propose_action", action)
        engine.notify(workflows.ACTIONS, action, ACTION_LEVEL[kind], now=now)
    return action


def decide_action(*, actor: Any, action: AccountabilityAction, decision: str, version: int,
                  note: str = "") -> AccountabilityAction:
    """Approve or refuse a proposed action at its level."""
    if decision not in {"approve", "reject"}:
        raise ValidationFailed(gettext("approve or reject"), {"decision": decision})
    return engine.take(workflows.ACTIONS, actor=actor, obj=action, action=decision,
                       version=version, note=note)


def record_recovery(*, actor: Any, action: AccountabilityAction,
                    recovered: Any) -> AccountabilityAction:
    """Record how much of an approved recovery of funds has come back (the total so far)."""
    with transaction.atomic():
        current = AccountabilityAction.objects.select_for_update().filter(pk=action.pk).first()
        if current is None:
            raise NotFound("no such action")
        check_in_scope(actor, current.division_code, what="action")
        if not actor.has_perm("accountability.record_recovery"):
            raise Forbidden(gettext("your role may not record recovered funds"))
        if current.kind != ActionKind.FUND_RECOVERY or current.state != "approved":
            raise ValidationFailed(gettext("only an approved recovery of funds records "
                                           "recovered amounts"))
        value = _decimal(recovered, "recovered")
        if value is None or value > current.amount:
            raise ValidationFailed(gettext("the recovered total is between 0 and the amount"),
                                   {"recovered": "range"})
        before = audit.snapshot(current)
        current.recovered = value
        current.save(update_fields=["recovered", "updated_at"])
        _audit(actor, "record_recovery", current, before)
    return current


# --- automatic findings: the system's own checks (idempotent, set-based; ADR 0027) ----------

def _open_many(rows: list[tuple[str, FindingInput, dict, list[tuple[str, str, str]]]]
               ) -> int:
    """Open the findings whose ``source_key`` is new: one query for the keys already open,
    bulk inserts for findings, links and rectifications, one ledger write. Returns how many
    were opened."""
    keys = [key for key, *_rest in rows]
    taken = set(Finding.objects.filter(source_key__in=keys).values_list("source_key",
                                                                        flat=True))
    fresh = [r for r in rows if r[0] not in taken]
    if not fresh:
        return 0
    now = timezone.now()
    with transaction.atomic():
        Finding.objects.bulk_create([Finding(
            source=d.source, source_key=key, found_on=d.found_on,
            division_code=d.division_code, responsible_unit=d.responsible_unit,
            category=d.category, severity=d.severity, title=d.title[:200],
            description=d.description, details=details)
            for key, d, details, _links in fresh], ignore_conflicts=True)
        made = {f.source_key: f for f in Finding.objects.filter(
            source_key__in=[r[0] for r in fresh], rectification__isnull=True)}
        FindingLink.objects.bulk_create(
            [FindingLink(finding=made[key], kind=k, ref=r, division_code=c)
             for key, _d, _details, links in fresh if key in made for k, r, c in links],
            ignore_conflicts=True)
        rects = []
        for key, d, _details, _links in fresh:
            if key not in made:
                continue
            deadline = d.deadline or default_deadline(d.severity, d.found_on, d.division_code)
            rect = Rectification(finding=made[key], division_code=d.division_code,
                                 deadline=deadline, assigned_at=now, state="assigned",
                                 state_since=now, due_at=workflows.deadline_at(deadline))
            rects.append(rect)
        Rectification.objects.bulk_create(rects, ignore_conflicts=True)
        audit.record_many(actor=SYSTEM, entries=[
            audit.Entry("accountability.record_finding", "accountability.finding", str(f.pk),
                        f.division_code, None, audit.snapshot(f, exclude=f.audit_exclude))
            for f in made.values()])
    return len(made)


def sync_from_run(*, actor: Any = SYSTEM, run: Any = None) -> dict[str, int]:
    """Findings for the data checks of a monitoring run (default: the latest): one per
    village, check and year, linking the households behind it. Idempotent: the same check
    in the same village and year never opens a second finding, whatever the run."""
    from fupin.monitoring.models import Assessment, MonitoringRun

    run = run or MonitoringRun.objects.order_by("-pk").first()
    if run is None:
        return {"opened": 0, "already": 0}
    groups: dict[tuple[str, str], list[str]] = {}
    rows = (Assessment.objects.filter(run=run).exclude(data_checks="")
            .values_list("village_code", "data_checks", "household__household_id"))
    for village, checks, household_id in rows.iterator(chunk_size=5000):
        for check in filter(None, (c.strip() for c in checks.replace(",", ";").split(";"))):
            groups.setdefault((village, check), []).append(household_id)
    found_on = timezone.localdate()
    out = []
    for (village, check), households in sorted(groups.items()):
        key = f"data_check:{run.year}:{village}:{check}"
        data = FindingInput(
            source=Source.DATA_CHECK, division_code=village, found_on=found_on,
            responsible_unit=gettext("Village committee"), category=Category.FALSE_DATA,
            severity=Severity.MINOR,
            title=gettext("Data check %(check)s failed for %(n)s household(s) in %(year)s")
            % {"check": check, "n": len(households), "year": run.year},
            description=gettext("Found by monitoring run %(run)s") % {"run": run.pk})
        details = {"check": check, "year": run.year, "run": run.pk,
                   "households": sorted(households)[:200]}
        links = [(LinkKind.HOUSEHOLD, h, village) for h in sorted(households)[:200]]
        out.append((key, data, details, links))
    opened = _open_many(out)
    return {"opened": opened, "already": len(out) - opened}


def sync_integrity(*, rows: Iterable[dict[str, str]], year: int, test: str = "bunching",
                   ) -> dict[str, int]:
    """Findings for the divisions an integrity test flagged (the CSV ``fupin integrity
    bunching`` writes: division, households, excess, p_value, flagged). Idempotent per test,
    year and division."""
    out = []
    for n, row in enumerate(rows, start=2):
        if str(row.get("flagged", "")).strip() not in {"1", "true", "True"}:
            continue
        code = str(row.get("division", "")).strip().ljust(12, "0")
        try:
            division = _division(code)
        except ValidationFailed:
            raise ValidationFailed(f"row {n}, column division: {code} is not a county, "
                                   "township or village we know", {"division": code}) from None
        data = FindingInput(
            source=Source.INTEGRITY, division_code=division.code,
            found_on=timezone.localdate(), responsible_unit=division.name,
            category=Category.FALSE_DATA, severity=Severity.GENERAL,
            title=gettext("Incomes bunched just above the line in %(year)s (%(name)s)")
            % {"year": year, "name": division.name},
            description=gettext("excess %(excess)s households, p = %(p)s: a lead for "
                                "verification, not an accusation")
            % {"excess": row.get("excess", ""), "p": row.get("p_value", "")})
        details = {k: row.get(k, "") for k in ("households", "excess", "p_value")}
        out.append((f"integrity:{test}:{year}:{division.code}", data,
                    {"test": test, "year": year, **details}, []))
    opened = _open_many(out)
    return {"opened": opened, "already": len(out) - opened}


# --- the evaluation app's hooks (issue 13) ----------------------------------------------------

#: The grade a 较差 (poor) evaluation result carries.
POOR_GRADE = "poor"
POOR_RECTIFICATION_MONTHS = 3


def open_evaluation_finding(*, actor: Any, county_code: str, year: int, grade: str,
                            result_ref: str = "", found_on: dt.date | None = None
                            ) -> Finding | None:
    """A county graded 较差 in an evaluation round gets exactly one rectification finding
    with a 3-month deadline (idempotent per county and year). Other grades: ``None``."""
    if grade != POOR_GRADE:
        return None
    division = _division(county_code)
    day = found_on or timezone.localdate()
    key = f"evaluation:{year}:{division.code}"
    data = FindingInput(
        source=Source.EVALUATION, division_code=division.code, found_on=day,
        responsible_unit=division.name, category=Category.POLICY_NOT_IN_PLACE,
        severity=Severity.SERIOUS,
        title=gettext("Graded poor (较差) in the %(year)s evaluation") % {"year": year},
        deadline=add_months(day, POOR_RECTIFICATION_MONTHS))
    _open_many([(key, data, {"year": year, "grade": grade, "result": result_ref}, [])])
    return Finding.objects.get(source_key=key)


@dataclass(frozen=True)
class Adjustments:
    """What accountability says about a county's evaluation of ``year``."""

    deductions: Decimal
    grade_cap: str | None
    loses_demonstration: bool
    actions: list[int]
    overdue_rectifications: int


def evaluation_adjustments(county: str, year: int) -> Adjustments:
    """Approved actions for ``year`` on findings in the county: the points deducted (sum),
    the grade cap (no top grade → at most ``good``), the loss of demonstration status, and
    how many of the county's rectifications are overdue now (they count against it)."""
    scope = Scope.of_code(str(county).ljust(12, "0"))
    actions = list(in_scope(AccountabilityAction.objects.filter(
        state="approved", year=year, kind__in=EVALUATION_KINDS), scope).order_by("pk"))
    overdue = in_scope(Rectification.objects.filter(closed=False, due_at__lt=timezone.now()),
                       scope).count()
    return Adjustments(
        deductions=sum((a.points or Decimal(0) for a in actions
                        if a.kind == ActionKind.DEDUCTION), Decimal(0)),
        grade_cap="good" if any(a.kind == ActionKind.NO_TOP_GRADE for a in actions) else None,
        loses_demonstration=any(a.kind == ActionKind.DEMONSTRATION_LOSS for a in actions),
        actions=[a.pk for a in actions], overdue_rectifications=overdue)
