"""Values the county evaluation computes from e-commerce data (issue 13, docs/evaluation.md).

:func:`evaluation_values` is a value provider of ``FUPIN_EVALUATION_VALUE_PROVIDERS``: for the
counties of a round and its year it answers ``{county code: {computed key: Decimal}}`` with the
keys the indicator systems name (``computed_key``). Shares are 0–1 (the systems state targets
as shares), rounded to 4 places; counts are whole numbers; yuan to the cent. It reuses the
programme indicators (:mod:`fupin.ecommerce.coverage`, :mod:`fupin.ecommerce.indicators`) —
one definition of coverage for the programme pages and the evaluation — and, like them, is a
fixed number of grouped queries whatever the number of counties. It acts for the system (the
round's counties, named by the province that opened it), so it reads with an explicit scope.
A key whose base is empty (a county without villages, without poor households) is left out:
the evaluation shows it as missing, never as 0.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Count, Q
from django.db.models.functions import Substr
from django.utils import timezone

from fupin.core.access import Scope, in_scope
from fupin.ecommerce.coverage import (
    POOR_STATUSES,
    county_key,
    logistics,
    reference_day,
    service_coverage,
    training,
)
from fupin.ecommerce.indicators import linkage_quality
from fupin.ecommerce.models import Product
from fupin.households.models import Household

SHARE = Decimal("0.0001")
CENT = Decimal("0.01")
#: Product states whose certificate may have been valid on the year's reference day.
CERTIFIED_STATES = ("listed", "expired")
KEYS = ("admin_village_coverage", "poor_village_coverage", "township_express_coverage",
        "training_person_times", "linked_poor_households", "linked_poor_share",
        "linkage_income_median", "certified_products")


def _share(part, whole) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(SHARE)


def _poor_households(scope: Scope, counties: list[str]) -> dict[str, int]:
    """Registered poor and exited households per county (the base of the linked share)."""
    rows = (in_scope(Household.objects.filter(status__in=POOR_STATUSES), scope)
            .annotate(c=Substr("village_id", 1, 6))
            .filter(c__in=[c[:6] for c in counties])
            .values("c").annotate(n=Count("pk")).values_list("c", "n").order_by())
    return {county_key(c): n for c, n in rows}


def _certified(scope: Scope, counties: list[str], year: int, today: dt.date) -> dict[str, int]:
    """Products of each county with a certificate valid on the year's reference day."""
    day = reference_day(year, today)
    if day is None:
        return {}
    valid = (Q(state__in=CERTIFIED_STATES, valid_from__lte=day)
             & (Q(valid_until__isnull=True) | Q(valid_until__gte=day)))
    rows = (in_scope(Product.objects.filter(valid), scope)
            .annotate(c=Substr("division_code", 1, 6))
            .filter(c__in=[c[:6] for c in counties])
            .values("c").annotate(n=Count("pk")).values_list("c", "n").order_by())
    return {county_key(c): n for c, n in rows}


def evaluation_values(county_codes: list[str], year: int, *,
                      today: dt.date | None = None) -> dict[str, dict[str, Decimal]]:
    """The computed values of ``county_codes`` (12-digit) for ``year`` (keys: :data:`KEYS`).

    - ``admin_village_coverage`` / ``poor_village_coverage``: share of administrative
      villages / of poor villages with a village service point working in the year;
    - ``township_express_coverage``: share of the county's townships with express delivery;
    - ``training_person_times``: person-times trained, cumulated up to the year (the
      demonstration target is per county over the programme);
    - ``linked_poor_households``: poor and exited households linked in the year;
      ``linked_poor_share``: of the county's poor and exited households;
    - ``linkage_income_median``: median linkage income per linked household, yuan;
    - ``certified_products``: products with a certificate valid on the reference day.
    """
    today = today or timezone.localdate()
    counties = sorted({county_key(c) for c in county_codes})
    if not counties:
        return {}
    scope = Scope.nation()
    coverage = service_coverage(scope, [year], county_codes=counties, today=today)
    express = logistics(scope, [year], county_codes=counties)
    trained = training(scope, [year], county_codes=counties)
    links = linkage_quality(scope, year, county_codes=counties)
    poor = _poor_households(scope, counties)
    certified = _certified(scope, counties, year, today)
    out: dict[str, dict[str, Decimal]] = {}
    for county in counties:
        values: dict[str, Decimal | None] = {}
        cov = coverage.get(county, {}).get(year, {})
        values["admin_village_coverage"] = _share(cov.get("covered_villages", 0),
                                                  cov.get("villages", 0))
        values["poor_village_coverage"] = _share(cov.get("covered_poor_villages", 0),
                                                 cov.get("poor_villages", 0))
        exp = express.get(county, {}).get(year, {})
        values["township_express_coverage"] = _share(exp.get("covered", 0),
                                                     exp.get("townships", 0))
        values["training_person_times"] = Decimal(
            trained.get(county, {}).get(year, {}).get("cumulative", 0))
        link = links.get(county, {})
        linked_poor = link.get("poor_linked", 0) + link.get("exited_linked", 0)
        values["linked_poor_households"] = Decimal(linked_poor)
        values["linked_poor_share"] = _share(linked_poor, poor.get(county, 0))
        median = link.get("income_median")
        values["linkage_income_median"] = (None if median is None
                                           else Decimal(str(median)).quantize(CENT))
        values["certified_products"] = Decimal(certified.get(county, 0))
        out[county] = {k: v for k, v in values.items() if v is not None}
    return out
