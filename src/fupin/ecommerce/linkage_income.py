"""Linkage income as the households and monitoring apps see it, through their provider
settings (ADR 0042) — neither of them imports the e-commerce app:

- ``FUPIN_ECONOMY_FLOORS``: :func:`economy_floors`, the least each economy component must
  hold (the sum of the linkage parts recorded in it);
- ``FUPIN_INCOME_PART_PROVIDERS``: :func:`income_parts`, the linkage income in a household's
  economy of a year, in words, for the monitoring explanation.

Each answers for many households in one query.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext

from fupin.ecommerce.choices import LINKAGE_ECONOMY
from fupin.ecommerce.models import LinkageYear
from fupin.ecommerce.models.linkages import LINKAGE_AMOUNTS

Pair = tuple[int, int]


def parts_by_component(amounts: dict) -> dict[str, Decimal]:
    """Linkage amounts (purchase_value, wages, dividends, rent) as economy components."""
    out: dict[str, Decimal] = {}
    for field in LINKAGE_AMOUNTS:
        value = amounts.get(field) or Decimal(0)
        component = LINKAGE_ECONOMY[field]
        out[component] = out.get(component, Decimal(0)) + value
    return out


def economy_floors(pairs: Iterable[Pair]) -> dict[Pair, dict[str, Decimal]]:
    """``{(household pk, year): {component: sum of linkage parts}}`` for ``pairs``."""
    pairs = set(pairs)
    if not pairs:
        return {}
    rows = (LinkageYear.objects
            .filter(linkage__household_id__in={p for p, _ in pairs},
                    year__in={y for _, y in pairs})
            .values("linkage__household_id", "year")
            .annotate(**{f: Sum(f) for f in LINKAGE_AMOUNTS})
            .order_by())
    out = {}
    for r in rows:
        key = (r["linkage__household_id"], r["year"])
        if key in pairs:
            out[key] = parts_by_component(r)
    return out


def income_parts(household_pks: Iterable[int], year: int) -> dict[int, list[dict]]:
    """``{household pk: [{"label", "component", "amount"}]}``: each non-zero linkage amount of
    ``year``, named by its enterprise and kind (the words the explanation shows)."""
    names = {"purchase_value": gettext("purchases of produce"), "wages": gettext("wages"),
             "dividends": gettext("dividends"), "rent": gettext("land rent")}
    out: dict[int, list[dict]] = {}
    rows = (LinkageYear.objects.filter(linkage__household_id__in=list(household_pks), year=year)
            .values("linkage__household_id", "linkage__enterprise__name", *LINKAGE_AMOUNTS)
            .order_by("linkage__household_id", "linkage__code"))
    for r in rows:
        for field in LINKAGE_AMOUNTS:
            if r[field]:
                out.setdefault(r["linkage__household_id"], []).append({
                    "label": gettext("%(kind)s from %(enterprise)s") % {
                        "kind": names[field], "enterprise": r["linkage__enterprise__name"]},
                    "component": LINKAGE_ECONOMY[field], "amount": r[field]})
    return out
