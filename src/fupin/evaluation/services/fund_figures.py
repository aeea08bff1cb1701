"""Fund figures per county and year, set-based (two grouped queries whatever the number of
counties, per chunk of 2,000 counties), and :func:`fund_values`, the funds module's input.

The window (ADR 0047). The central grant runs over two years (the demonstration-county
notices: 20 million yuan per county over two years), so a year's figures look at the whole
period of the money that covers it: the allocations *open* in year Y are those with
``year ≤ Y ≤ end_year``; the window runs
from the first year of those allocations to the end of Y, and what was spent is every
expenditure of the county dated in the window — except those of a project drawing on an
allocation that is not open in Y (that money belongs to another period's execution). In a
grant's first year the execution rate is therefore the share spent so far; in its last year,
the share of the whole grant — which is what the evaluation of a two-year grant asks. The
negative-list figures count every flagged expenditure dated in the window, whatever paid it.
A county with no open allocation has no execution rate (nothing to execute), and its
negative-list figures are those of year Y.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Case, Count, IntegerField, Min, Q, Sum, Value, When
from django.db.models.functions import ExtractYear

from fupin.evaluation.choices import AllocationLevel
from fupin.evaluation.models import Allocation, Expenditure

ZERO = Decimal("0.00")
RATE = Decimal("0.0001")
CHUNK = 2000
FLAGGED = ~Q(negative_list="")
#: An expenditure of a project drawing on an allocation that is not open in the year: that
#: allocation's money, not the window's.
OTHER_PERIOD = 2


def _rate(part: Decimal, whole: Decimal) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(RATE, rounding=ROUND_HALF_UP)


def _empty() -> dict[str, Any]:
    return {"allocated": ZERO, "by_level": dict.fromkeys(AllocationLevel.values, ZERO),
            "disbursed": ZERO, "recovered": ZERO, "spent": ZERO, "window_start": None,
            "negative_count": 0, "negative_amount": ZERO}


def county_figures(county_codes: list[str], year: int) -> dict[str, dict[str, Any]]:
    """For each county code (12 digits) its figures of ``year``: ``allocated`` (and
    ``by_level``), ``disbursed``, ``recovered``, ``spent`` in the window, ``window_start``,
    ``execution_rate`` (spent ÷ allocated, 4 decimals, None without allocation; above 1 when
    more was spent than allocated), ``disbursement_rate``, ``unspent`` (disbursed − spent),
    ``negative_count`` and ``negative_amount``. The caller has passed the region gate."""
    out: dict[str, dict[str, Any]] = {code: _empty() for code in county_codes}
    codes = sorted(out)
    for i in range(0, len(codes), CHUNK):
        part = codes[i:i + CHUNK]
        for row in (Allocation.objects.filter(county_code__in=part, year__lte=year,
                                              end_year__gte=year)
                    .order_by().values("county_code", "level")
                    .annotate(amount=Sum("amount"), disbursed=Sum("disbursed"),
                              recovered=Sum("recovered"), start=Min("year"))):
            f = out[row["county_code"]]
            f["allocated"] += row["amount"]
            f["by_level"][row["level"]] += row["amount"]
            f["disbursed"] += row["disbursed"]
            f["recovered"] += row["recovered"]
            start = row["start"]
            f["window_start"] = start if f["window_start"] is None else min(start,
                                                                            f["window_start"])
        starts = [out[c]["window_start"] for c in part if out[c]["window_start"]]
        first = min(starts, default=year)
        open_allocation = Q(project__allocation__year__lte=year,
                            project__allocation__end_year__gte=year)
        for row in (Expenditure.objects.filter(county_code__in=part,
                                               spent_on__year__gte=first,
                                               spent_on__year__lte=year)
                    .annotate(y=ExtractYear("spent_on"),
                              money=Case(When(project__allocation__isnull=True, then=Value(0)),
                                         When(open_allocation, then=Value(1)),
                                         default=Value(OTHER_PERIOD),
                                         output_field=IntegerField()))
                    .order_by().values("county_code", "y", "money")
                    .annotate(spent=Sum("amount"),
                              flagged=Count("pk", filter=FLAGGED),
                              flagged_amount=Sum("amount", filter=FLAGGED))):
            f = out[row["county_code"]]
            if row["y"] < (f["window_start"] or year):
                continue
            if row["money"] != OTHER_PERIOD:
                f["spent"] += row["spent"]
            f["negative_count"] += row["flagged"]
            f["negative_amount"] += row["flagged_amount"] or ZERO
    for f in out.values():
        f["execution_rate"] = _rate(f["spent"], f["allocated"])
        f["disbursement_rate"] = _rate(f["disbursed"], f["allocated"])
        f["unspent"] = f["disbursed"] - f["spent"]
    return out


def fund_values(county_codes: list[str], year: int) -> dict[str, dict[str, Decimal]]:
    """The funds module's values per county code (the rounds area's contract):
    ``fund_execution_rate`` (spent ÷ allocated over the window, 0–1 with 4 decimals: more
    spent than allocated counts as 1; the key is absent when nothing was allocated),
    ``negative_list_expenditures`` (count) and ``negative_list_amount`` (yuan)."""
    out: dict[str, dict[str, Decimal]] = {}
    for code, f in county_figures(list(county_codes), year).items():
        values = {"negative_list_expenditures": Decimal(f["negative_count"]),
                  "negative_list_amount": f["negative_amount"]}
        if f["execution_rate"] is not None:
            values["fund_execution_rate"] = min(f["execution_rate"], Decimal("1.0000"))
        out[code] = values
    return out
