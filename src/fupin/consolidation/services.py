"""Services of the consolidation period (巩固提升期) and help by type (ADR 0050).

Writes — record a help record, remove one, import the help register — each in one transaction
with its audit record. Reads — one household's years since exit, the quality of exit per
division, help by type, help intensity per county, households that lost all help — computed by
the engine (:mod:`fupin_engine.consolidation`) over relations read with a fixed number of
queries (:mod:`fupin.consolidation.inputs`), whatever the number of households.

A user actor is checked against the household's region first (another region answers like a
missing household) and must hold ``consolidation.manage_help``; a string actor
(``"system:…"``, a command, the importer) acts for the scope its caller chose.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fupin.cases.models import Measure
from fupin.consolidation import inputs
from fupin.consolidation.choices import POLICY_TYPES, TYPES
from fupin.consolidation.models import HelpRecord
from fupin.core import audit
from fupin.core.access import PREFIX_LENGTH, Scope, check_in_scope
from fupin.core.errors import Forbidden, ValidationFailed
from fupin.core.limits import parse_amount
from fupin.households.models import Household
from fupin.regions.models import Division
from fupin_engine.consolidation import LEVELS

ZERO = Decimal("0.00")
MANAGE = "consolidation.manage_help"
FIELDS = ("household_id", "village_code", "year", "type", "amount", "description", "source")

__all__ = ["POLICY_TYPES", "TYPES", "dashboard", "exit_quality", "help_by_type", "help_intensity",
           "household_consolidation", "import_help", "lost_help", "period_for", "record_help",
           "remove_help"]

period_for = inputs.period_for


# --- writes -----------------------------------------------------------------------------------

def _check(actor: Any, code: str) -> None:
    if isinstance(actor, str):
        return
    check_in_scope(actor, code, what="household")
    if not actor.has_perm(MANAGE):
        raise Forbidden("your role may not record help")


def _snapshot(obj: HelpRecord) -> dict[str, Any]:
    out = {}
    for f in FIELDS:
        value = getattr(obj, f)
        out[f] = str(value) if isinstance(value, Decimal | dt.date) else value
    return out


def _clean(obj: HelpRecord) -> None:
    try:
        obj.full_clean(exclude=["household"], validate_unique=False,
                       validate_constraints=False)
    except ValidationError as exc:
        errors = {k: "; ".join(str(m) for m in v) for k, v in exc.message_dict.items()}
        raise ValidationFailed("; ".join(f"{k}: {v}" for k, v in errors.items()),
                               errors) from exc


def case_measure_years(household_pks) -> set[tuple[int, int, str]]:
    """``(household pk, year, type)`` of every year a case measure of the household runs (an
    open measure: to this year); one query. The register is for help *not* recorded as a case
    measure (ADR 0050): a register row on one of these keys would count the same help twice,
    so recording or importing it is refused — the measure is corrected on its case."""
    this_year = timezone.localdate().year
    out = set()
    for h, t, start, end in (Measure.objects.filter(case__household_id__in=set(household_pks))
                             .order_by().values_list("case__household_id", "type", "start",
                                                     "end")):
        for y in range(start.year, (end.year if end else this_year) + 1):
            out.add((h, y, t))
    return out


def record_help(*, actor: Any, household: Household, year: int, type: str,
                amount: Decimal = ZERO, description: str = "", source: str = "") -> HelpRecord:
    """Record (or correct) the help of ``type`` that ``household`` received in ``year`` from
    ``source``: one record per household, year, type and source."""
    _check(actor, household.village_id)
    if (household.pk, int(year), type) in case_measure_years([household.pk]):
        raise ValidationFailed(_("this help is recorded as a measure of the household's case "
                                 "in that year; correct it on the case"),
                               {"type": "recorded as a case measure"})
    with transaction.atomic():
        obj = (HelpRecord.objects.select_for_update()
               .filter(household=household, year=year, type=type, source=source).first())
        before = _snapshot(obj) if obj else None
        obj = obj or HelpRecord(household=household, year=year, type=type, source=source)
        obj.village_code = household.village_id
        obj.amount = parse_amount(amount, "amount", required=True)
        obj.description = description
        _clean(obj)
        if before == _snapshot(obj):
            return obj
        try:
            with transaction.atomic():
                obj.save()
        except IntegrityError as exc:
            raise ValidationFailed(_("this help was recorded at the same moment by someone "
                                     "else; look again"), {"type": "recorded concurrently"}
                                   ) from exc
        audit.record(actor=actor, action="consolidation.record_help",
                     object_type="consolidation.helprecord", object_id=obj.pk,
                     division_code=obj.village_code, before=before, after=_snapshot(obj))
    return obj


def remove_help(*, actor: Any, record: HelpRecord) -> None:
    """Remove a help record recorded by mistake (audited with what it held)."""
    _check(actor, record.village_code)
    with transaction.atomic():
        before = _snapshot(record)
        pk = record.pk
        record.delete()
        audit.record(actor=actor, action="consolidation.remove_help",
                     object_type="consolidation.helprecord", object_id=pk,
                     division_code=before["village_code"], before=before, after=None)


def import_help(*, actor: Any, scope: Scope, rows: list[dict]) -> dict[str, int]:
    """Write checked help-register rows (clean values by column, the household already
    resolved as ``household``) in one transaction, matched on household, year, type and
    source — by household, not by the village stored on the record, so a household that moved
    updates its records (and they follow it to its village): one read, one bulk insert, one
    bulk update. Every record written gets its own audit record (before and after, as the
    other table datasets of the exchange), appended in one go. An import never deletes."""
    households = {r["household"].pk for r in rows}
    with transaction.atomic():
        existing = {(o.household_id, o.year, o.type, o.source): o for o in
                    HelpRecord.objects.select_for_update().filter(household_id__in=households)}
        before = {key: _snapshot(o) for key, o in existing.items()}
        new, changed, seen = [], [], set()
        for r in rows:
            h = r["household"]
            key = (h.pk, r["year"], r["type"], r.get("source") or "")
            values = {"village_code": h.village_id, "amount": r.get("amount") or ZERO,
                      "description": r.get("description") or ""}
            obj = existing.get(key)
            if obj is None:
                obj = HelpRecord(household=h, year=key[1], type=key[2], source=key[3],
                                 **values)
                existing[key] = obj
                new.append(obj)
            elif any(getattr(obj, f) != v for f, v in values.items()):
                for f, v in values.items():
                    setattr(obj, f, v)
                if key not in seen and obj.pk is not None:
                    changed.append(obj)
            seen.add(key)
        if new:
            HelpRecord.objects.bulk_create(new, batch_size=2000)
            if any(o.pk is None for o in new):  # databases that return no keys on bulk insert
                ids = {(o.household_id, o.year, o.type, o.source): o.pk for o in
                       HelpRecord.objects.filter(household_id__in={o.household_id
                                                                   for o in new})}
                for o in new:
                    o.pk = ids[(o.household_id, o.year, o.type, o.source)]
        if changed:
            HelpRecord.objects.bulk_update(changed, ["village_code", "amount", "description"],
                                           batch_size=2000)
        counts = {"help_new": len(new), "help_changed": len(changed),
                  "help_unchanged": len(rows) - len(new) - len(changed)}
        audit.record_many(actor=actor, entries=[
            audit.Entry("consolidation.import_help", "consolidation.helprecord", str(o.pk),
                        o.village_code,
                        before.get((o.household_id, o.year, o.type, o.source)), _snapshot(o))
            for o in [*new, *changed]])
    return counts


# --- reads ------------------------------------------------------------------------------------

def _rows(table) -> list[dict]:
    return table.to_pylist()


def _amount(value) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(Decimal("0.01"))


def household_consolidation(household: Household, *, year: int | None = None) -> dict:
    """One household since its exit, year by year: per-capita income against the monitoring
    line, the guarantees (None when unknown), whether it was a monitoring object, and the help
    it received by type (with the total). ``years`` is empty for a household that has not
    exited (as of ``year``, default the latest year the registry holds its income for)."""
    province = household.village_id[:2]
    period = inputs.period_for(province)
    out: dict[str, Any] = {"household_id": household.household_id,
                           "exit_year": None, "years_since_exit": None, "inside_period": False,
                           "stayed_above": None, "became_object": None,
                           "period": period, "year": year, "years": []}
    engine = inputs.build(Scope.of_code(household.village_id), year,
                          household_id=household.household_id)
    if engine is None:
        return out
    try:
        found = _rows(engine.households())
        out["year"] = engine.year
        if not found:
            return out
        summary = found[0]
        out.update(exit_year=summary["exit_year"],
                   years_since_exit=summary["years_since_exit"],
                   inside_period=summary["inside_period"],
                   stayed_above=summary["stayed_above"],
                   became_object=summary["became_object"])
        for row in _rows(engine.household_years(household.household_id)):
            help_ = {t: _amount(row[f"help_{t}"]) for t in TYPES
                     if row[f"help_{t}"] is not None}
            out["years"].append({
                "year": row["year"], "per_capita_income": row["per_capita_income"],
                "line": row["line"], "above_line": row["above_line"],
                "guarantees_ok": row["guarantees_ok"],
                "monitoring_object": row["monitoring_object"], "help": help_,
                "help_total": _amount(row["help_total"]) or ZERO})
    finally:
        engine.close()
    return out


def _level(scope: Scope, level: str) -> str:
    if level not in LEVELS:
        raise ValidationFailed(f"level: one of {', '.join(LEVELS)}", {"level": "unknown"})
    if LEVELS[level] < len(scope.prefix):
        raise ValidationFailed("level: a level at or below your division",
                               {"level": "above the scope"})
    return level


def _names(codes: list[str]) -> dict[str, str]:
    return dict(Division.objects.filter(code__in=codes).values_list("code", "name"))


def _named(rows: list[dict]) -> list[dict]:
    names = _names(sorted({r["division_code"] for r in rows}))
    for r in rows:
        r["name"] = names.get(r["division_code"], "")
    return rows


def _exit_quality(engine, level: str) -> list[dict]:
    rows = _rows(engine.exit_quality(level))
    for r in rows:
        r["year"] = engine.year
    return rows


def _help_by_type(engine, level: str) -> list[dict]:
    rows = _rows(engine.help_by_type(level))
    for r in rows:
        r["amount"] = _amount(r["amount"]) or ZERO
    return rows


def _intensity_level(scope: Scope) -> str:
    if len(scope.prefix) <= PREFIX_LENGTH["county"]:
        return "county"
    return "township" if len(scope.prefix) <= PREFIX_LENGTH["township"] else "village"


def _intensity(engine, level: str) -> list[dict]:
    rows = _rows(engine.intensity(level))
    for r in rows:
        r["before_amount"] = _amount(r["before_amount"])
        r["during_amount"] = _amount(r["during_amount"])
        r["year"] = engine.year
    return rows


def _lost_help(engine) -> list[dict]:
    rows = _rows(engine.lost_help())
    for r in rows:
        r["last_help_types"] = [t for t in (r["last_help_types"] or "").split(";") if t]
        r["year"] = engine.year
    return rows


def _with_engine(scope: Scope, year: int | None, read) -> list[dict]:
    engine = inputs.build(scope, year)
    if engine is None:
        return []
    try:
        return read(engine)
    finally:
        engine.close()


def exit_quality(scope: Scope, *, level: str = "county", year: int | None = None) -> list[dict]:
    """Per division of ``level`` inside ``scope``: exited households (as of ``year``), how many
    are inside their consolidation period, and how many (and which share) stayed above the
    line every year since exit, became monitoring objects, received each type of help."""
    _level(scope, level)
    return _named(_with_engine(scope, year, lambda e: _exit_quality(e, level)))


def help_by_type(scope: Scope, *, level: str = "county", year: int | None = None) -> list[dict]:
    """Help per division of ``level``, year and type: amount and households reached (the
    register, case measures and benefit linkages; every household, exited or not)."""
    _level(scope, level)
    return _named(_with_engine(scope, year, lambda e: _help_by_type(e, level)))


def help_intensity(scope: Scope, *, year: int | None = None) -> list[dict]:
    """Per county inside ``scope`` (per township or village for a narrower scope): help per
    household-year of exited households before their exit and during their consolidation
    period, the ratio, and whether it was kept up (during ≥ before) or increased
    (继续加大帮扶力度)."""
    level = _intensity_level(scope)
    return _named(_with_engine(scope, year, lambda e: _intensity(e, level)))


def lost_help(scope: Scope, *, year: int | None = None) -> list[dict]:
    """Exited households inside their consolidation period that received help in an earlier
    year and none in ``year`` (default: the latest year with income data), for follow-up:
    the last year with help and its types."""
    return _with_engine(scope, year, _lost_help)


def dashboard(scope: Scope, *, level: str = "county", year: int | None = None) -> dict:
    """Everything a division's page shows, from one reading of the inputs: ``year`` (the year
    analysed, None without data), ``exit_quality``, ``help_by_type`` (per division of
    ``level``), ``intensity`` and ``lost_help`` — the same rows the four functions above
    return."""
    _level(scope, level)
    out: dict[str, Any] = {"year": None, "exit_quality": [], "help_by_type": [],
                           "intensity": [], "lost_help": []}
    engine = inputs.build(scope, year)
    if engine is None:
        return out
    try:
        out.update(year=engine.year, exit_quality=_exit_quality(engine, level),
                   help_by_type=_help_by_type(engine, level),
                   intensity=_intensity(engine, _intensity_level(scope)),
                   lost_help=_lost_help(engine))
    finally:
        engine.close()
    names = _names(sorted({r["division_code"] for key in ("exit_quality", "help_by_type",
                                                          "intensity") for r in out[key]}))
    for key in ("exit_quality", "help_by_type", "intensity"):
        for r in out[key]:
            r["name"] = names.get(r["division_code"], "")
    return out
