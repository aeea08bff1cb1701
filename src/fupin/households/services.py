"""Named writes on the registry. Each runs in one transaction and writes its audit record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.module_loading import import_string

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
    check_floors({(household.pk, year): econ})
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


# --- Parts of the economy recorded elsewhere (ADR 0042) ----------------------------------------
#
# Other apps record parts of a household's yearly income in detail (benefit linkages of the
# e-commerce app: purchases, wages, dividends, rent). The registry's economy row is the whole;
# those parts are inside it. Apps name their providers in ``FUPIN_ECONOMY_FLOORS`` (the
# households app imports none of them): ``provider(pairs) -> {(household_pk, year): {component:
# Decimal}}`` for the given (household pk, year) pairs, in one query.

Pair = tuple[int, int]


def economy_floors(pairs: Iterable[Pair]) -> dict[Pair, dict[str, Decimal]]:
    """The least each economy component of each (household pk, year) must hold: the sum of
    the parts other apps recorded in it (components without a part are absent)."""
    pairs = list(set(pairs))
    floors: dict[Pair, dict[str, Decimal]] = {}
    if not pairs:
        return floors
    for path in getattr(settings, "FUPIN_ECONOMY_FLOORS", ()):
        for key, parts in import_string(path)(pairs).items():
            into = floors.setdefault(key, {})
            for component, amount in parts.items():
                into[component] = into.get(component, Decimal(0)) + amount
    return floors


def floor_violations(rows: Mapping[Pair, Any]) -> list[tuple[Pair, str, Decimal, Decimal]]:
    """(pair, component, value, floor) for every component below the parts recorded in it;
    ``rows`` maps pairs to economy rows or dicts of amounts."""
    out = []
    for pair, parts in economy_floors(rows).items():
        row = rows[pair]
        for component, floor in sorted(parts.items()):
            value = row.get(component) if isinstance(row, Mapping) else getattr(row, component)
            if value is None or value < floor:
                out.append((pair, component, value, floor))
    return out


def check_floors(rows: Mapping[Pair, Any]) -> None:
    """Refuse economy amounts below the parts recorded in them (ADR 0042): the part would be
    lost silently, and the monitoring run and the linkage record would disagree."""
    bad = floor_violations(rows)
    if bad:
        text = "; ".join(f"{component} {value} < {floor} (household {pk}, {year})"
                         for (pk, year), component, value, floor in bad[:5])
        raise ValidationFailed(
            f"an amount is below the part of it recorded in benefit linkages: {text}",
            {bad[0][1]: "below the recorded linkage part"})


def adjust_economy(*, actor, deltas: Mapping[Pair, Mapping[str, Decimal]],
                   source: str) -> int:
    """Add ``deltas`` to the economy rows of (household pk, year), creating missing rows, in
    bulk: one read (locked), one insert, one update, one audit batch. Called inside the
    caller's transaction by the app that recorded the part (``source`` names it on the ledger);
    refuses a component that would fall below zero or below its recorded parts."""
    deltas = {k: {c: Decimal(v) for c, v in d.items() if v} for k, d in deltas.items()}
    deltas = {k: d for k, d in deltas.items() if d}
    for parts in deltas.values():
        unknown = set(parts) - set(ECONOMY_AMOUNTS)
        if unknown:
            raise ValidationFailed(f"unknown economy fields: {sorted(unknown)}")
    if not deltas:
        return 0
    pks = {pk for pk, _ in deltas}
    years = {y for _, y in deltas}
    with transaction.atomic():
        existing = {(e.household_id, e.year): e for e in EconomyYear.objects
                    .select_for_update().select_related("household")
                    .filter(household_id__in=pks, year__in=years)}
        villages = dict(Household.objects.filter(pk__in=pks).values_list("pk", "village_id"))
        new, changed, entries = [], [], []
        for (pk, year), parts in sorted(deltas.items()):
            econ = existing.get((pk, year))
            before = audit.snapshot(econ) if econ else None
            if econ is None:
                econ = EconomyYear(household_id=pk, year=year)
                new.append(econ)
            else:
                changed.append(econ)
            for component, delta in parts.items():
                value = getattr(econ, component) + delta
                if value < 0:
                    raise ValidationFailed(
                        f"{component} of household {pk} in {year} would fall below zero",
                        {component: "below zero"})
                setattr(econ, component, value)
            entries.append((econ, before, villages[pk]))
        check_floors({(e.household_id, e.year): e for e, _, _ in entries})
        if new:
            EconomyYear.objects.bulk_create(new)
        if changed:
            EconomyYear.objects.bulk_update(changed, list(ECONOMY_AMOUNTS))
        audit.record_many(actor=actor, entries=[
            audit.Entry("households.adjust_economy", "households.economyyear", str(e.pk),
                        village, before, {**audit.snapshot(e), "source": source})
            for e, before, village in entries])
    return len(entries)
