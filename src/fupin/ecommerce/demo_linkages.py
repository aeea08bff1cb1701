"""Benefit linkages for the demo county, reproducibly (issue 12 item 10; ecx's demo calls
:func:`generate`).

A few hundred of the county's households, drawn with ``random.Random(seed)``, are linked to the
given enterprises (by default those paired with the county) in a form weighted like the demo
counties' reports — order purchase, land transfer, shares, employment, consignment, training —
with amounts that fit the form, for each year of the linkage in which the household has an
economy row. Amounts go through ``services.linkages.record_linkage_years`` like every other
write, so the households' economy and the next monitoring run agree with them. Codes are
deterministic: a second call with the same arguments changes nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from fupin.core.access import Scope
from fupin.ecommerce.choices import LinkageForm
from fupin.ecommerce.models import Enterprise
from fupin.ecommerce.services.linkages import record_linkage, record_linkage_years
from fupin.households.models import EconomyYear, Household

#: Forms with their weights and yearly amounts (yuan ranges per amount).
FORMS = {
    LinkageForm.ORDER_DIVIDEND: (30, {"purchase_value": (2000, 9000), "dividends": (200, 900)}),
    LinkageForm.LAND_HIRING: (15, {"rent": (500, 2400), "wages": (4000, 15000)}),
    LinkageForm.SHARES: (20, {"dividends": (300, 1800)}),
    LinkageForm.EMPLOYMENT: (15, {"wages": (8000, 24000)}),
    LinkageForm.CONSIGNMENT: (15, {"purchase_value": (800, 6000)}),
    LinkageForm.TRAINING: (5, {}),
}


def _amount(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randrange(low, high, 10))


def generate(county_code: str, seed: int, year: int, *, actor="demo", households: int = 300,
             enterprises: list[Enterprise] | None = None) -> dict[str, int]:
    """Link ``households`` households of the county to ``enterprises`` and record their
    amounts up to ``year``. Returns counts: linkages, years changed."""
    county = county_code[:6]
    scope = Scope(county)
    rng = random.Random(seed)  # noqa: S311 (demo data, reproducible by seed)
    ents = list(enterprises) if enterprises is not None else list(
        Enterprise.objects.filter(pairings__division_code=county.ljust(12, "0"))
        .distinct().order_by("credit_code"))
    if not ents:
        return {"linkages": 0, "years": 0}
    ids = list(Household.objects.filter(scope.q("village_id")).order_by("household_id")
               .values_list("household_id", "pk"))
    chosen = sorted(rng.sample(ids, min(households, len(ids))))
    economy = set(EconomyYear.objects.filter(household_id__in=[pk for _, pk in chosen])
                  .values_list("household_id", "year"))
    forms = list(FORMS)
    weights = [FORMS[f][0] for f in forms]
    rows = []
    for i, (hid, pk) in enumerate(chosen, 1):
        form = rng.choices(forms, weights)[0]
        start = dt.date(year - rng.randrange(0, 4), rng.randrange(1, 13), 1)
        end = None
        if rng.random() < 0.1 and start.year < year:
            end = dt.date(year, rng.randrange(1, 13), 28)
        linkage = record_linkage(
            actor=actor, scope=scope, code=f"LK-{county}-{i:04d}", household_id=hid,
            credit_code=ents[rng.randrange(len(ents))].credit_code, form=form.value,
            started_on=start, ended_on=end)
        ranges = FORMS[form][1]
        for y in range(start.year, year + 1):
            amounts = {k: _amount(rng, lo, hi) for k, (lo, hi) in ranges.items()}
            if amounts and (pk, y) in economy:
                rows.append({"linkage": linkage, "year": y, **amounts})
    changed = record_linkage_years(actor=actor, scope=scope, rows=rows)
    return {"linkages": len(chosen), "years": changed}
