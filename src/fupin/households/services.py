"""Named writes on the registry. Each runs in one transaction and writes its audit record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from fupin.core import audit, crypto
from fupin.core.errors import ValidationFailed
from fupin.core.limits import parse_amount
from fupin.households.choices import ECONOMY_AMOUNTS
from fupin.households.models import EconomyYear, Household, Member
from fupin.regions.choices import Level
from fupin.regions.models import Division
from fupin_engine import idcard

HOUSEHOLD_FIELDS = (
    "status", "exit_year", "housing_grade", "relocated", "water_quantity_ok",
    "water_quality_ok", "water_access_ok", "water_reliability_ok", "dibao", "tekun",
)
MEMBER_FIELDS = (
    "name", "relation", "sex", "birth_date", "health", "disability_grade", "labor",
    "in_school", "home_schooled", "medical_insurance", "employment",
)


def _clean(instance, *, exclude: Iterable[str] = ()) -> None:
    try:
        instance.full_clean(exclude=list(exclude), validate_unique=False)
    except ValidationError as exc:
        errors = {k: "; ".join(str(m) for m in v) for k, v in exc.message_dict.items()}
        raise ValidationFailed("; ".join(f"{k}: {v}" for k, v in errors.items()), errors) from exc


def _village(code: str) -> Division:
    village = Division.objects.filter(code=code, level=Level.VILLAGE).first()
    if village is None:
        raise ValidationFailed(f"village_code {code!r} is not a village of the loaded division "
                               "tree", {"village_code": "unknown village"})
    return village


def _member_from(data: Mapping[str, Any], household: Household) -> Member:
    birth = data["birth_date"]
    if isinstance(birth, str):
        birth = dt.date.fromisoformat(birth)
    try:
        number = idcard.validate(str(data["id_number"]), birth_date=birth)
    except idcard.IdNumberError as exc:
        raise ValidationFailed(f"id_number: {exc}", {"id_number": str(exc)}) from exc
    member = Member(household=household, **{f: data.get(f) for f in MEMBER_FIELDS
                                             if f in data})
    member.birth_date = birth
    member.id_number_encrypted = crypto.encrypt(number)
    member.id_number_hash = crypto.lookup_hash(number)
    member.id_number_masked = idcard.mask(number)
    return member


def _check_members(members: list[Member]) -> None:
    heads = sum(1 for m in members if m.relation == "head")
    if not members:
        raise ValidationFailed("a household needs at least one member")
    if heads != 1:
        raise ValidationFailed(f"a household needs exactly one head, this one has {heads}")
    hashes = [m.id_number_hash for m in members]
    if len(set(hashes)) != len(hashes):
        raise ValidationFailed("the same id_number appears twice in the household")
    taken = Member.objects.filter(id_number_hash__in=hashes)
    if members[0].household.pk:
        taken = taken.exclude(household=members[0].household)
    if taken.exists():
        masked = ", ".join(m.id_number_masked for m in taken[:5])
        raise ValidationFailed(f"id_number already registered in another household: {masked}")


def register_household(
    *,
    actor,
    household_id: str,
    village_code: str,
    members: list[Mapping[str, Any]],
    economy: Iterable[Mapping[str, Any]] = (),
    **fields: Any,
) -> Household:
    """Register a new household with its members (exactly one head) and economy years."""
    unknown = set(fields) - set(HOUSEHOLD_FIELDS)
    if unknown:
        raise ValidationFailed(f"unknown household fields: {sorted(unknown)}")
    village = _village(village_code)
    household = Household(household_id=household_id, village=village, **fields)
    _clean(household, exclude=["head_name"])
    built = [_member_from(m, household) for m in members]
    for m in built:
        _clean(m, exclude=["household"])
    _check_members(built)
    household.head_name = next(m.name for m in built if m.relation == "head")
    try:
        with transaction.atomic():
            if Household.objects.filter(household_id=household_id).exists():
                raise ValidationFailed(f"household {household_id} exists already")
            household.save()
            audit.record_change(actor=actor, action="households.register",
                                instance=household, before=None)
            for m in built:
                m.household = household
                m.save()
                _audit_member(actor, m, "households.add_member", None)
            for row in economy:
                _save_economy(actor, household, row)
    except IntegrityError as exc:
        raise ValidationFailed(f"household {household_id} conflicts with existing data: "
                               f"{exc}") from exc
    return household


def _audit_member(actor, member: Member, action: str, before: dict | None) -> None:
    after = audit.snapshot(member)
    if before == after:
        return
    audit.record(actor=actor, action=action, object_type="households.member",
                 object_id=str(member.pk), division_code=member.household.village_id,
                 before=before, after=after)


def _save_economy(actor, household: Household, row: Mapping[str, Any]) -> EconomyYear:
    try:
        year = int(row["year"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ValidationFailed("year: a whole number is required", {"year": "required"}) from exc
    econ = EconomyYear.objects.filter(household=household, year=year).first()
    before = audit.snapshot(econ) if econ else None
    econ = econ or EconomyYear(household=household, year=year)
    for key, value in row.items():
        if key in {"year", "household_id"}:
            continue
        if key not in ECONOMY_AMOUNTS:
            raise ValidationFailed(f"unknown economy field {key!r}", {key: "unknown field"})
        amount = Decimal(0) if value in (None, "") else parse_amount(value, key)
        setattr(econ, key, amount)
    _clean(econ, exclude=["household"])
    if before is None or audit.snapshot(econ) != before:
        econ.save()
        audit.record(actor=actor, action="households.record_economy",
                     object_type="households.economyyear", object_id=str(econ.pk),
                     division_code=household.village_id, before=before,
                     after=audit.snapshot(econ))
    return econ


def record_economy_year(*, actor, household: Household, **row: Any) -> EconomyYear:
    """Insert or update one year of a household's economy."""
    with transaction.atomic():
        return _save_economy(actor, household, row)


def update_household(*, actor, household: Household, **changes: Any) -> Household:
    """Change a household's status or guarantees; unchanged values write nothing."""
    unknown = set(changes) - set(HOUSEHOLD_FIELDS)
    if unknown:
        raise ValidationFailed(f"unknown household fields: {sorted(unknown)}")
    with transaction.atomic():
        current = Household.objects.select_for_update().get(pk=household.pk)
        before = audit.snapshot(current)
        for key, value in changes.items():
            setattr(current, key, value)
        _clean(current)
        if audit.snapshot(current) != before:
            current.save()
            audit.record_change(actor=actor, action="households.update", instance=current,
                                before=before)
    return current


def reveal_id_number(*, actor, member: Member) -> str:
    """The clear identity number of ``member``; the reveal itself is audited.

    The caller obtains ``member`` through ``access.access_member(..., action="reveal")``.
    """
    with transaction.atomic():
        audit.record(actor=actor, action="households.reveal_id_number",
                     object_type="households.member", object_id=str(member.pk),
                     division_code=member.household.village_id,
                     after={"masked": member.id_number_masked})
    return member.reveal_id_number()


def find_by_id_number(number: str):
    """Members whose identity number equals ``number`` (keyed-hash lookup)."""
    return Member.objects.filter(id_number_hash=crypto.lookup_hash(idcard.normalize(number)))


def search_by_id_number(*, actor, number: str):
    """Members whose identity number is ``number``, for a user who may reveal numbers.

    A search by a full number confirms it, so it is a reveal: only holders of the reveal
    permission may search exactly, and each such search is audited (with the masked number).
    Others search by what they could see anyway, the mask (ADR 0018).
    """
    masked = idcard.masked_id(number)
    if not actor.has_perm("households.reveal_idnumber"):
        return Member.objects.filter(id_number_masked=masked)
    with transaction.atomic():
        audit.record(actor=actor, action="households.search_id_number",
                     object_type="households.search", object_id=masked,
                     division_code=actor.division_id or "", after={"masked": masked})
    return find_by_id_number(number)
