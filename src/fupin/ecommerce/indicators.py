"""Quality indicators of benefit linkages per county and year (docs/ecommerce.md, "Benefit
linkages"): quality over scale, as the 2018 notice asks.

A household is *linked in a year* when one of its linkages ran for at least a day of it
(started on or before 31 December, not ended before 1 January). Per county:

- ``linked``: linked households; ``poor_linked`` / ``exited_linked``: those registered poor /
  exited (the status in the registry now);
- ``linked_12_months_share``: share of linked households with a linkage that, by 31 December
  (or its end, if earlier), had lasted 12 months — started on or before 1 January of the year
  and still running on 31 December, or ended in the year at least 364 days after its start
  (``None`` without linked households);
- ``income_mean`` / ``income_median``: linkage income per linked household (purchases, wages,
  dividends and rent of the year summed over its linkages; a linked household without amounts
  counts as 0), yuan;
- ``ended_in_year``: households with a linkage that ended in the year;
- ``ecom_loss_households``: households the engine flagged ECOM_VENTURE_LOSS in the latest run
  for that year over the county, and ``ecom_loss_linked``: those of them linked in the year.

Each family is one query grouped by county — linkage counts, income, the runs, the losses —
never a loop over rows. The median is ``percentile_cont(0.5)`` on PostgreSQL; SQLite has no
percentile, so there the median is the mean of the middle one or two incomes of each county,
numbered by ``ROW_NUMBER()`` over the county ordered by income (the same value:
``percentile_cont(0.5)`` interpolates between the two middle values exactly like that).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import Substr

from fupin.core.access import Scope
from fupin.ecommerce.models import Linkage, LinkageYear
from fupin.monitoring.models import Assessment, MonitoringRun
from fupin.regions.choices import NATION_CODE

CENT = Decimal("0.01")
LOSS_RULE = "ECOM_VENTURE_LOSS"
KEYS = ("linked", "poor_linked", "exited_linked", "linked_12_months_share", "income_median",
        "income_mean", "ended_in_year", "ecom_loss_households", "ecom_loss_linked")


def _county(code: str) -> str:
    return code[:6].ljust(12, "0")


def _active(year: int, prefix: str = "") -> Q:
    return (Q(**{f"{prefix}started_on__lte": dt.date(year, 12, 31)})
            & (Q(**{f"{prefix}ended_on__isnull": True})
               | Q(**{f"{prefix}ended_on__gte": dt.date(year, 1, 1)})))


def _twelve_months(year: int) -> Q:
    running = Q(started_on__lte=dt.date(year, 1, 1)) & (
        Q(ended_on__isnull=True) | Q(ended_on__gte=dt.date(year, 12, 31)))
    ended = Q(ended_on__year=year, ended_on__gte=F("started_on") + dt.timedelta(days=364))
    return running | ended


def _linkages(scope: Scope, year: int, counties: list[str] | None):
    qs = Linkage.objects.filter(scope.q("division_code")).filter(_active(year))
    if counties is not None:
        qs = qs.annotate(county6=Substr("division_code", 1, 6)).filter(
            county6__in=[c[:6] for c in counties])
    return qs


def _counts(scope, year, counties) -> dict[str, dict]:
    rows = (_linkages(scope, year, counties)
            .annotate(county=Substr("division_code", 1, 6)).values("county")
            .annotate(
                linked=Count("household", distinct=True),
                poor_linked=Count("household", distinct=True,
                                  filter=Q(household__status="poor")),
                exited_linked=Count("household", distinct=True,
                                    filter=Q(household__status="exited")),
                linked_12=Count("household", distinct=True, filter=_twelve_months(year)),
                ended_in_year=Count("household", distinct=True, filter=Q(ended_on__year=year)))
            .order_by())
    return {r["county"].ljust(12, "0"): r for r in rows}


def _bounds(prefix: str) -> tuple[str, str]:
    if not prefix:
        return "", "~"
    return prefix, (str(int(prefix) + 1).zfill(len(prefix)) if set(prefix) != {"9"}
                    else prefix + "~")


def _incomes(scope, year, counties) -> dict[str, tuple[Decimal, Decimal]]:
    """{county: (mean, median)} of linkage income per linked household, one query."""
    link, ly = Linkage._meta.db_table, LinkageYear._meta.db_table
    lo, hi = _bounds(scope.prefix)
    params: list = [year, dt.date(year, 12, 31), dt.date(year, 1, 1), lo, hi]
    where_county = ""
    if counties is not None:
        marks = ", ".join(["%s"] * len(counties)) or "NULL"
        where_county = f" AND SUBSTR(l.division_code, 1, 6) IN ({marks})"
        params += [c[:6] for c in counties]
    # Table names and placeholders only are formatted in; every value is a parameter.
    per_household = f"""
        SELECT SUBSTR(l.division_code, 1, 6) AS county, l.household_id,
               COALESCE(SUM(y.purchase_value + y.wages + y.dividends + y.rent), 0) AS income
        FROM {link} l LEFT JOIN {ly} y ON y.linkage_id = l.id AND y.year = %s
        WHERE l.started_on <= %s AND (l.ended_on IS NULL OR l.ended_on >= %s)
          AND l.division_code >= %s AND l.division_code < %s{where_county}
        GROUP BY SUBSTR(l.division_code, 1, 6), l.household_id"""  # noqa: S608
    if connection.vendor == "postgresql":
        sql = f"""SELECT county, AVG(income),
                         percentile_cont(0.5) WITHIN GROUP (ORDER BY income::float8)
                  FROM ({per_household}) h GROUP BY county"""  # noqa: S608
    else:
        sql = f"""SELECT county, AVG(income),
                         AVG(CASE WHEN rn IN ((n + 1) / 2, (n + 2) / 2) THEN income END)
                  FROM (SELECT county, income,
                               ROW_NUMBER() OVER (PARTITION BY county ORDER BY income) AS rn,
                               COUNT(*) OVER (PARTITION BY county) AS n
                        FROM ({per_household}) h) r
                  GROUP BY county"""  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {county.ljust(12, "0"): (_money(mean), _money(median))
                for county, mean, median in cursor.fetchall()}


def _money(value) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(CENT)


def _latest_runs(year: int, counties: list[str]) -> dict[str, int]:
    """{county: pk of the latest run of ``year`` whose division contains it}: one query."""
    wanted = {NATION_CODE, *(c[:n].ljust(12, "0") for c in counties for n in (2, 4, 6))}
    runs = (MonitoringRun.objects.filter(year=year, division_code__in=wanted)
            .order_by("-created_at", "-pk").values_list("pk", "division_code"))
    out: dict[str, int] = {}
    for pk, code in runs:  # newest first: the first run covering a county is its latest
        for county in counties:
            if county not in out and (code == NATION_CODE or any(
                    code == county[:n].ljust(12, "0") for n in (2, 4, 6))):
                out[county] = pk
    return out


def _losses(scope, year, counties) -> dict[str, tuple[int, int]]:
    runs = _latest_runs(year, counties)
    if not runs:
        return {}
    q = Q()
    for county, pk in runs.items():
        q |= Q(run_id=pk) & Scope(county[:6]).q("village_code")
    # Linked: an index lookup per flagged household (EXISTS), never a scan of the linkages
    # per row (an IN over a million linkages degrades to that when the hash does not fit).
    linked = Exists(Linkage.objects.filter(household_id=OuterRef("household_id"))
                    .filter(_active(year)))
    rows = (Assessment.objects.filter(q).filter(scope.q("village_code"))
            .filter(rules__contains=LOSS_RULE)
            .annotate(county=Substr("village_code", 1, 6), linked=linked).values("county")
            .annotate(n=Count("household", distinct=True),
                      linked_n=Count("household", distinct=True, filter=Q(linked=True)))
            .order_by())
    return {r["county"].ljust(12, "0"): (r["n"], r["linked_n"]) for r in rows}


def _counties(scope: Scope, year: int, county_codes) -> list[str] | None:
    if county_codes is None:
        return None
    return sorted({_county(c) for c in county_codes if scope.contains(_county(c))
                   or scope.prefix.startswith(c[:6])})


def linkage_quality(scope: Scope, year: int, county_codes=None) -> dict[str, dict]:
    """The quality indicators of each county of ``scope`` (or of ``county_codes`` inside it)
    for ``year``: ``{county code (12 digits): {key: value}}`` with the keys of :data:`KEYS`.
    Counties with linkages or losses appear; ask for ``county_codes`` to get zeros for the
    others."""
    if not isinstance(scope, Scope):
        raise TypeError("scope must be a Scope (Scope.nation() for the whole country)")
    counties = _counties(scope, year, county_codes)
    counts = _counts(scope, year, counties)
    incomes = _incomes(scope, year, counties)
    every = counties if counties is not None else sorted(counts)
    losses = _losses(scope, year, every) if every else {}
    out = {}
    for county in sorted(set(every) | set(losses)):
        c = counts.get(county, {})
        linked = c.get("linked", 0)
        mean, median = incomes.get(county, (None, None))
        loss, loss_linked = losses.get(county, (0, 0))
        out[county] = {
            "linked": linked, "poor_linked": c.get("poor_linked", 0),
            "exited_linked": c.get("exited_linked", 0),
            "linked_12_months_share": c["linked_12"] / linked if linked else None,
            "income_median": median, "income_mean": mean,
            "ended_in_year": c.get("ended_in_year", 0),
            "ecom_loss_households": loss, "ecom_loss_linked": loss_linked,
        }
    return out
