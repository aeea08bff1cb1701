"""Services of the funds area (资金绩效评价, ADR 0047): the named writes — record an
allocation, record a recovery, add a project, add an expenditure, import the three tables —
each in one transaction with its audit record; the negative-list rule; and the figures per
county and year, including :func:`fund_values`, the contract the rounds area scores from.

A user actor is checked against the county first (another region answers like a missing
county); a string actor (``"system:…"``, a command) acts for the scope its caller chose.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from fupin.core import audit
from fupin.core.access import NATION_CODE, Scope, check_in_scope
from fupin.core.errors import NotFound, ValidationFailed
from fupin.evaluation.choices import NEGATIVE_LIST, FundCategory
from fupin.evaluation.models import Allocation, Expenditure, Project
from fupin.evaluation.services.fund_figures import (  # noqa: F401 - the public surface
    county_figures,
    fund_values,
)
from fupin.regions.models import Division

ZERO = Decimal("0.00")


# --- the negative list ------------------------------------------------------------------------

def negative_rule(category: str, description: str = "", payee: str = "") -> tuple[str, str]:
    """The negative-list rule an expenditure hits and what hit it, or ``("", "")``.

    Its category is one of the list (``category:<item>``), else a keyword of an item occurs
    in its description or payee (``keyword:<item>``, the note names the keyword). The
    category rule wins, and items are tried in the list's order, so the answer is stable."""
    if category in NEGATIVE_LIST:
        return f"category:{category}", str(FundCategory(category).label)[:120]
    text = f"{description or ''} {payee or ''}"
    for item, words in NEGATIVE_LIST.items():
        for word in words:
            if word in text:
                return f"keyword:{item}", word
    return "", ""


# --- helpers ----------------------------------------------------------------------------------

def _check(actor: Any, county_code: str) -> None:
    if not isinstance(actor, str):
        check_in_scope(actor, county_code, what="county")


def _county(code: str) -> str:
    """``code`` when it names a county of the division tree (else a validation error)."""
    if not (isinstance(code, str) and len(code) == 12 and code.isdigit()) or \
            not Division.objects.filter(code=code, level="county").exists():
        raise ValidationFailed(f"county_code: {code!r} is not a county of the division tree",
                               {"county_code": "not a county"})
    return code


def _clean(obj, exclude=()) -> None:
    try:
        obj.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        errors = {k: "; ".join(str(m) for m in v) for k, v in exc.message_dict.items()}
        raise ValidationFailed("; ".join(f"{k}: {v}" for k, v in errors.items()),
                               errors) from exc


@contextmanager
def _refusing_duplicates(error: ValidationFailed):
    """Two requests adding the same key at once: the database's unique constraint refuses
    the second, which answers like the check it raced past (not a server error)."""
    try:
        yield
    except IntegrityError as exc:
        raise error from exc


def _snapshot(obj, fields) -> dict[str, Any]:
    return {f: (str(v) if isinstance(v, Decimal | dt.date) else v)
            for f in fields if (v := getattr(obj, f)) is not None}


ALLOCATION_FIELDS = ("county_code", "year", "end_year", "level", "amount", "programme",
                     "document_no", "allocated_on", "disbursed")
PROJECT_FIELDS = ("county_code", "year", "code", "name", "category", "budget",
                  "implementing_unit", "state")
EXPENDITURE_FIELDS = ("county_code", "spent_on", "category", "amount", "payee", "voucher_no",
                      "description", "negative_list", "negative_rule_note")


# --- writes -----------------------------------------------------------------------------------

def record_allocation(*, actor: Any, county_code: str, year: int, level: str,
                      amount: Decimal, programme: str, document_no: str,
                      allocated_on: dt.date, end_year: int | None = None,
                      disbursed: Decimal = ZERO) -> Allocation:
    """Record (or correct) the allocation ``document_no`` of a county: its level, amount,
    period (``year`` to ``end_year``, one year by default) and what was disbursed."""
    _check(actor, county_code)
    _county(county_code)
    duplicate = ValidationFailed(f"document_no: {document_no} was recorded at the same "
                                 "moment by someone else; look again",
                                 {"document_no": "recorded concurrently"})
    with _refusing_duplicates(duplicate), transaction.atomic():
        obj = (Allocation.objects.select_for_update()
               .filter(county_code=county_code, document_no=document_no).first())
        before = _snapshot(obj, ALLOCATION_FIELDS) if obj else None
        obj = obj or Allocation(county_code=county_code, document_no=document_no)
        obj.year, obj.end_year = year, end_year if end_year is not None else year
        obj.level, obj.amount, obj.programme = level, amount, programme
        obj.allocated_on, obj.disbursed = allocated_on, disbursed
        _clean(obj)
        if obj.end_year < obj.year:
            raise ValidationFailed("end_year: the period ends before it starts",
                                   {"end_year": "before year"})
        if obj.disbursed > obj.amount:
            raise ValidationFailed("disbursed: more than the amount allocated",
                                   {"disbursed": "more than allocated"})
        obj.save()
        audit.record(actor=actor, action="evaluation.record_allocation",
                     object_type="evaluation.allocation", object_id=obj.pk,
                     division_code=county_code, before=before,
                     after=_snapshot(obj, ALLOCATION_FIELDS))
    return obj


def record_recovery(*, actor: Any, allocation: Allocation, amount: Decimal,
                    recovered_on: dt.date, document: str) -> Allocation:
    """Record money recovered from an allocation (追回): added to what was recovered
    before, never more than the amount allocated; the date and document are the latest."""
    _check(actor, allocation.county_code)
    if amount is None or amount <= 0:
        raise ValidationFailed("amount: a recovery is more than 0", {"amount": "not > 0"})
    if not document:
        raise ValidationFailed("document: name the recovery document", {"document": "required"})
    with transaction.atomic():
        obj = Allocation.objects.select_for_update().get(pk=allocation.pk)
        before = {"recovered": str(obj.recovered)}
        if obj.recovered + amount > obj.amount:
            raise ValidationFailed(
                f"amount: {obj.recovered + amount} would exceed the allocation {obj.amount}",
                {"amount": "more than allocated"})
        obj.recovered += amount
        obj.recovered_on, obj.recovery_document = recovered_on, document[:60]
        obj.save(update_fields=["recovered", "recovered_on", "recovery_document",
                                "updated_at"])
        audit.record(actor=actor, action="evaluation.record_recovery",
                     object_type="evaluation.allocation", object_id=obj.pk,
                     division_code=obj.county_code, before=before,
                     after={"recovered": str(obj.recovered), "amount": str(amount),
                            "recovered_on": str(recovered_on), "document": document[:60]})
    return obj


def add_project(*, actor: Any, county_code: str, year: int, code: str, name: str,
                category: str, budget: Decimal, implementing_unit: str,
                state: str = "planned", allocation: Allocation | None = None) -> Project:
    """Add a project of a county (its code is new in the county); it may draw on one of the
    county's allocations."""
    _check(actor, county_code)
    _county(county_code)
    if allocation is not None and allocation.county_code != county_code:
        raise NotFound("no such allocation")
    obj = Project(county_code=county_code, year=year, code=code, name=name,
                  category=category, budget=budget, implementing_unit=implementing_unit,
                  state=state, allocation=allocation)
    _clean(obj)
    duplicate = ValidationFailed(f"code: project {code} is already recorded in the county",
                                 {"code": "duplicate"})
    with _refusing_duplicates(duplicate), transaction.atomic():
        if Project.objects.filter(county_code=county_code, code=code).exists():
            raise duplicate
        obj.save()
        audit.record(actor=actor, action="evaluation.add_project",
                     object_type="evaluation.project", object_id=obj.pk,
                     division_code=county_code, after=_snapshot(obj, PROJECT_FIELDS))
    return obj


def add_expenditure(*, actor: Any, project: Project, spent_on: dt.date, category: str,
                    amount: Decimal, payee: str, voucher_no: str,
                    description: str = "") -> Expenditure:
    """Add a payment of a project. A payment on the negative list is recorded and flagged
    with its rule (:func:`negative_rule`), not refused."""
    _check(actor, project.county_code)
    if spent_on is not None and spent_on.year < project.year:
        raise ValidationFailed(f"spent_on: {spent_on} is before the project's year "
                               f"{project.year}", {"spent_on": "before the project"})
    rule, note = negative_rule(category, description, payee)
    obj = Expenditure(county_code=project.county_code, project=project, spent_on=spent_on,
                      category=category, amount=amount, payee=payee, voucher_no=voucher_no,
                      description=description or "", negative_list=rule,
                      negative_rule_note=note)
    _clean(obj)
    duplicate = ValidationFailed(f"voucher_no: voucher {voucher_no} is already recorded in "
                                 "the county", {"voucher_no": "duplicate"})
    with _refusing_duplicates(duplicate), transaction.atomic():
        if Expenditure.objects.filter(county_code=project.county_code,
                                      voucher_no=voucher_no).exists():
            raise duplicate
        obj.save()
        audit.record(actor=actor, action="evaluation.add_expenditure",
                     object_type="evaluation.expenditure", object_id=obj.pk,
                     division_code=project.county_code,
                     after={**_snapshot(obj, EXPENDITURE_FIELDS), "project": project.code})
    return obj


# --- import (called by datasets.funds after a validation without error) ----------------------

def _upsert(model, key: tuple[str, ...], records: list[dict]) -> tuple[dict, dict[str, int]]:
    """Insert or update ``records`` matched on ``key`` (the county and a code): one read,
    one bulk insert, one bulk update."""
    counties = sorted({r["county_code"] for r in records})
    existing = {tuple(getattr(o, k) for k in key): o
                for o in model.objects.filter(county_code__in=counties)}
    new, changed, fields = [], [], set()
    out = {}
    for r in records:
        k = tuple(r[f] for f in key)
        obj = existing.get(k)
        if obj is None:
            obj = model(**r)
            new.append(obj)
        else:
            diff = [f for f, v in r.items() if getattr(obj, f) != v]
            for f in diff:
                setattr(obj, f, r[f])
            if diff:
                fields.update(diff)
                changed.append(obj)
        out[k] = obj
    if new:
        model.objects.bulk_create(new, batch_size=2000)
        if any(o.pk is None for o in new):  # backends that return no ids
            ids = {tuple(getattr(o, k) for k in key): o.pk for o in
                   model.objects.filter(county_code__in=counties)}
            for o in new:
                o.pk = ids[tuple(getattr(o, k) for k in key)]
    if changed:
        now = timezone.now()
        for obj in changed:
            obj.updated_at = now
        model.objects.bulk_update(changed, [*sorted(fields), "updated_at"], batch_size=2000)
    return out, {"new": len(new), "changed": len(changed),
                 "unchanged": len(records) - len(new) - len(changed)}


def import_tables(*, actor: Any, scope: Scope, rows: dict[str, list[dict]]) -> dict[str, int]:
    """Write the checked rows of the allocations, projects and expenditures tables (clean
    values by column) in one transaction, matched on their natural keys (county + document
    number, county + project code, county + voucher); expenditures are flagged by the
    negative list here. One audit record names the counts. An import never deletes."""
    counts: dict[str, int] = {}

    def note(table: str, found: dict[str, int]) -> None:
        counts.update({f"{table}_{k}": v for k, v in found.items()})

    with transaction.atomic():
        allocations: dict = {}
        if rows.get("allocations"):
            allocations, found = _upsert(Allocation, ("county_code", "document_no"), [
                {"county_code": r["county_code"], "document_no": r["document_no"],
                 "year": r["year"], "end_year": r["end_year"] or r["year"],
                 "level": r["level"], "amount": r["amount"], "programme": r["programme"],
                 "allocated_on": r["allocated_on"], "disbursed": r["disbursed"] or ZERO,
                 "recovered": r["recovered"] or ZERO, "recovered_on": r["recovered_on"],
                 "recovery_document": r["recovery_document"] or ""}
                for r in rows["allocations"]])
            note("allocations", found)
        wanted = {(r["county_code"], r["allocation_document"]) for r in rows.get("projects", [])
                  if r.get("allocation_document")}
        for obj in Allocation.objects.filter(county_code__in={c for c, _ in wanted}):
            allocations.setdefault((obj.county_code, obj.document_no), obj)
        projects: dict = {}
        if rows.get("projects"):
            projects, found = _upsert(Project, ("county_code", "code"), [
                {"county_code": r["county_code"], "code": r["code"], "year": r["year"],
                 "name": r["name"], "category": r["category"], "budget": r["budget"],
                 "allocation_id": (allocations[(r["county_code"], r["allocation_document"])].pk
                                   if r.get("allocation_document") else None),
                 "implementing_unit": r["implementing_unit"], "state": r["state"]}
                for r in rows["projects"]])
            note("projects", found)
        if rows.get("expenditures"):
            wanted = {r["county_code"] for r in rows["expenditures"]}
            for obj in Project.objects.filter(county_code__in=wanted):
                projects.setdefault((obj.county_code, obj.code), obj)
            records = []
            for r in rows["expenditures"]:
                rule, hit = negative_rule(r["category"], r["description"] or "", r["payee"])
                records.append({
                    "county_code": r["county_code"], "voucher_no": r["voucher_no"],
                    "project_id": projects[(r["county_code"], r["project_code"])].pk,
                    "spent_on": r["spent_on"], "category": r["category"],
                    "amount": r["amount"], "payee": r["payee"],
                    "description": r["description"] or "", "negative_list": rule,
                    "negative_rule_note": hit})
            _, found = _upsert(Expenditure, ("county_code", "voucher_no"), records)
            note("expenditures", found)
            counts["expenditures_flagged"] = sum(1 for r in records if r["negative_list"])
        written = {k: v for k, v in counts.items()
                   if v and k.endswith(("_new", "_changed"))}
        if written:
            audit.record(actor=actor, action="evaluation.import_funds",
                         object_type="evaluation.funds", object_id="evaluation-funds",
                         division_code=scope.prefix.ljust(12, "0") if scope.prefix
                         else NATION_CODE, after={"counts": counts})
    return counts
