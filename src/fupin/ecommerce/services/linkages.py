"""Services: benefit linkages (利益联结) and their yearly amounts (ADR 0042).

A linkage's yearly amounts are part of its household's yearly economy
(``choices.LINKAGE_ECONOMY``: purchases → operating, wages → wage, dividends and rent →
property). :func:`record_linkage_years` is the ONLY writer of those amounts: in the same
transaction it adds the change of each amount to the household's ``EconomyYear`` through
``households.services.adjust_economy`` (creating the row if missing), so the next monitoring
run reads what the linkage record says. The invariant, checked there and by every other writer
of the economy (the registry's import and form): each economy component is at least the sum of
the linkage parts recorded in it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from fupin.core import audit
from fupin.core.access import Scope
from fupin.core.errors import NotFound, ValidationFailed
from fupin.ecommerce.choices import LINKAGE_ECONOMY, LinkageForm
from fupin.ecommerce.models import Enterprise, Linkage, LinkageYear
from fupin.ecommerce.models.common import YEARS
from fupin.ecommerce.models.linkages import LINKAGE_AMOUNTS
from fupin.households import services as household_services
from fupin.households.models import Household

SOURCE = "ecommerce.linkage"
LINKAGE_FIELDS = ("enterprise", "form", "started_on", "ended_on")


def _clean(instance, exclude=()) -> None:
    try:
        instance.full_clean(exclude=list(exclude), validate_unique=False)
    except ValidationError as exc:
        errors = {k: "; ".join(str(m) for m in v) for k, v in exc.message_dict.items()}
        raise ValidationFailed("; ".join(f"{k}: {v}" for k, v in errors.items()), errors) from exc


def _in_scope(scope: Scope, code: str, what: str) -> None:
    """An object outside ``scope`` answers like one that does not exist (the region gate's
    rule, ADR 0020): naming it would tell that it exists."""
    if not isinstance(scope, Scope):
        raise TypeError("scope must be a Scope (Scope.nation() for the whole country)")
    if not scope.contains(code):
        raise NotFound(f"{what} not found")


def _date(value, name: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ValidationFailed(f"{name}: not a date (YYYY-MM-DD)", {name: "date"}) from exc


def record_linkage(*, actor, scope: Scope, code: str, household_id: str,
                   credit_code: str, form: str, started_on, ended_on=None) -> Linkage:
    """Create or change the linkage ``code`` between an enterprise (by unified social credit
    code) and a household of ``scope``. Its amounts are recorded with
    :func:`record_linkage_years`."""
    household = Household.objects.filter(household_id=household_id).first()
    if household is None:
        raise NotFound(f"household {household_id} not found")
    _in_scope(scope, household.village_id, f"household {household_id}")
    enterprise = Enterprise.objects.filter(credit_code=credit_code).first()
    if enterprise is None:
        raise ValidationFailed(f"no enterprise with credit code {credit_code!r}",
                               {"credit_code": "unknown enterprise"})
    if form not in LinkageForm.values:
        raise ValidationFailed(f"form: {form!r} is not a linkage form", {"form": "enum"})
    with transaction.atomic():
        linkage = Linkage.objects.select_for_update().filter(code=code).first()
        before = audit.snapshot(linkage) if linkage else None
        if linkage is not None:
            _in_scope(scope, linkage.division_code, f"linkage {code}")
            if linkage.household_id != household.pk and linkage.years.exists():
                raise ValidationFailed("a linkage with recorded years keeps its household",
                                       {"household_id": "fixed"})
        linkage = linkage or Linkage(code=code)
        linkage.household = household
        linkage.division_code = household.village_id
        linkage.enterprise = enterprise
        linkage.form = form
        linkage.started_on = _date(started_on, "started_on")
        linkage.ended_on = _date(ended_on, "ended_on")
        _clean(linkage)
        if linkage.ended_on and linkage.ended_on < linkage.started_on:
            raise ValidationFailed("the end is before the start", {"ended_on": "before start"})
        if linkage.pk and any(not active_in(linkage, y)
                              for y in linkage.years.values_list("year", flat=True)):
            raise ValidationFailed("amounts are recorded for years outside the new period",
                                   {"started_on": "years outside"})
        if before is None or audit.snapshot(linkage) != before:
            linkage.save()
            audit.record(actor=actor, action="ecommerce.record_linkage",
                         object_type="ecommerce.linkage", object_id=str(linkage.pk),
                         division_code=linkage.division_code, before=before,
                         after=audit.snapshot(linkage))
    return linkage


def _amount(value, name: str) -> Decimal:
    if value in (None, ""):
        return Decimal(0)
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except InvalidOperation as exc:
        raise ValidationFailed(f"{name}: not an amount", {name: "type"}) from exc
    if amount < 0:
        raise ValidationFailed(f"{name}: negative amount", {name: "negative"})
    return amount


def _year(value) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError) as exc:
        raise ValidationFailed("year: a whole number is required", {"year": "type"}) from exc
    if not YEARS[0] <= year <= YEARS[1]:
        raise ValidationFailed(f"year {year} outside {YEARS[0]}–{YEARS[1]}", {"year": "range"})
    return year


def active_in(linkage: Linkage, year: int) -> bool:
    """The linkage ran for at least a day of ``year``."""
    return linkage.started_on.year <= year and (linkage.ended_on is None
                                               or linkage.ended_on.year >= year)


def record_linkage_years(*, actor, scope: Scope, rows: Iterable[Mapping[str, Any]]) -> int:
    """Insert or update yearly linkage amounts, in bulk, and keep each household's economy in
    step (ADR 0042). ``rows``: mappings with ``linkage`` (a :class:`Linkage` or its code),
    ``year`` and any of ``purchase_value``, ``wages``, ``dividends``, ``rent`` (missing = 0).

    One transaction for all rows: the linkages are locked, the years read, written
    (one insert, one update), audited in one batch, and the differences added to the
    economy rows by ``households.services.adjust_economy``. Returns the rows changed.
    """
    rows = list(rows)
    if not rows:
        return 0
    codes = {r["linkage"].code if isinstance(r["linkage"], Linkage) else str(r["linkage"])
             for r in rows}
    with transaction.atomic():
        linkages = {lk.code: lk for lk in Linkage.objects.select_for_update()
                    .filter(code__in=codes)}
        wanted: dict[tuple[int, int], dict[str, Decimal]] = {}
        for r in rows:
            code = r["linkage"].code if isinstance(r["linkage"], Linkage) else str(r["linkage"])
            linkage = linkages.get(code)
            if linkage is None:
                raise NotFound(f"linkage {code} not found")
            _in_scope(scope, linkage.division_code, f"linkage {code}")
            year = _year(r.get("year"))
            if not active_in(linkage, year):
                raise ValidationFailed(f"linkage {code} did not run in {year}",
                                       {"year": "outside the linkage's period"})
            key = (linkage.pk, year)
            if key in wanted:
                raise ValidationFailed(f"linkage {code} and year {year} given twice",
                                       {"year": "duplicate"})
            wanted[key] = {f: _amount(r.get(f), f) for f in LINKAGE_AMOUNTS}
        by_pk = {lk.pk: lk for lk in linkages.values()}
        existing = {(y.linkage_id, y.year): y for y in LinkageYear.objects.select_for_update()
                    .filter(linkage_id__in=by_pk, year__in={y for _, y in wanted})}
        new, changed, entries = [], [], []
        deltas: dict[tuple[int, int], dict[str, Decimal]] = {}
        for (pk, year), amounts in wanted.items():
            linkage = by_pk[pk]
            row = existing.get((pk, year))
            before = audit.snapshot(row) if row else None
            old = {f: getattr(row, f) if row else Decimal(0) for f in LINKAGE_AMOUNTS}
            if row is not None and old == amounts:
                continue
            if row is None:
                row = LinkageYear(linkage=linkage, year=year,
                                  division_code=linkage.division_code)
                new.append(row)
            else:
                changed.append(row)
            for f in LINKAGE_AMOUNTS:
                setattr(row, f, amounts[f])
            into = deltas.setdefault((linkage.household_id, year), {})
            for f in LINKAGE_AMOUNTS:
                component = LINKAGE_ECONOMY[f]
                into[component] = into.get(component, Decimal(0)) + amounts[f] - old[f]
            entries.append((row, before))
        if new:
            LinkageYear.objects.bulk_create(new)
        if changed:
            LinkageYear.objects.bulk_update(changed, list(LINKAGE_AMOUNTS))
        audit.record_many(actor=actor, entries=[
            audit.Entry("ecommerce.record_linkage_year", "ecommerce.linkageyear", str(r.pk),
                        r.division_code, before, audit.snapshot(r)) for r, before in entries])
        household_services.adjust_economy(actor=actor, deltas=deltas, source=SOURCE)
    return len(entries)
