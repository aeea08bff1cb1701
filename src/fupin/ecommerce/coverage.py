"""Programme indicators per county and year, in bulk: service coverage, logistics, pairings,
training, the other commerce programmes, products by state and demonstration counties.

Every function takes an explicit :class:`~fupin.core.access.Scope` (the caller has already
checked that it lies inside the user's region, or acts for the nation by name), optional
``county_codes`` (12- or 6-digit) to narrow it, and answers ``{county_code: …}`` keyed by the
12-digit county code. Each *family* is a fixed number of grouped queries whatever the number
of counties, years or rows (pinned in ``tests/test_ecommerce_coverage.py``); nothing loops over
rows with the ORM. Definitions and targets: docs/ecommerce.md, "Programme pages and
indicators"; targets with their provenance: :mod:`fupin.ecommerce.targets`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    Q,
    QuerySet,
    Sum,
)
from django.db.models.functions import ExtractYear, Substr
from django.utils import timezone

from fupin.core import labels
from fupin.core.access import Scope, in_scope
from fupin.ecommerce.choices import Outcome, ProgrammeKind, SiteLevel, SiteStatus
from fupin.ecommerce.models import (
    Beneficiary,
    LogisticsYear,
    Pairing,
    Product,
    Site,
    TrainingSession,
)
from fupin.households.choices import Status
from fupin.households.models import Household
from fupin.regions.choices import Level
from fupin.regions.models import CountyProfile, Division

#: Village-level divisions that are residents' committees (居民委员会, 社区), not
#: administrative villages (行政村): NBS 2023 ships no urban-rural class with the codes, so
#: the name decides (docs/ecommerce.md).
RESIDENTS_COMMITTEE_SUFFIXES = ("居民委员会", "居委会", "社区")
#: Household statuses that make a village a poor village (贫困村 in the registry's sense).
POOR_STATUSES = (Status.POOR, Status.EXITED)
#: Outcomes counted as "placed" for the labour, domestic-service and border-trade programmes.
PLACED = (Outcome.PLACED, Outcome.EMPLOYED, Outcome.TRADING)


def county_key(code: str) -> str:
    return str(code)[:6].ljust(12, "0")


def share(part, whole) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _narrow(qs: QuerySet, field: str, scope: Scope, county_codes) -> QuerySet:
    """``qs`` inside ``scope`` and, if given, inside ``county_codes``; annotated with the
    county's 6-digit prefix as ``c``."""
    qs = in_scope(qs, scope).annotate(c=Substr(field, 1, 6))
    if county_codes is not None:
        qs = qs.filter(c__in=sorted({str(code)[:6] for code in county_codes}))
    return qs


# --- what "working in a year" means ----------------------------------------------------------

def reference_day(year: int, today: dt.date) -> dt.date | None:
    """The day a year is judged on: 31 December (the year-end figure a county reports,
    截至年底), or today while the year is running; ``None`` for a year not begun."""
    if year > today.year:
        return None
    return today if year == today.year else dt.date(year, 12, 31)


def working_q(year: int, today: dt.date) -> Q:
    """A site is *working in year Y* when it was open on the year's reference day —
    ``opened_on`` on or before it and ``closed_on`` empty or after it — and, for the running
    year only, its status is *working*: the status is today's, so a point suspended this
    month does not rewrite last year's coverage, but does not count now."""
    day = reference_day(year, today)
    if day is None:
        return Q(pk__in=[])
    q = Q(opened_on__lte=day) & (Q(closed_on__isnull=True) | Q(closed_on__gt=day))
    if day == today:
        q &= Q(status=SiteStatus.WORKING)
    return q


def is_working(site, year: int, today: dt.date) -> bool:
    """:func:`working_q` for one site already read (the township table marks its rows)."""
    day = reference_day(year, today)
    if day is None or site.opened_on > day:
        return False
    if site.closed_on is not None and site.closed_on <= day:
        return False
    return day != today or site.status == SiteStatus.WORKING


def _admin_villages(scope: Scope) -> QuerySet:
    qs = in_scope(Division.objects.filter(level=Level.VILLAGE), scope)
    for suffix in RESIDENTS_COMMITTEE_SUFFIXES:
        qs = qs.exclude(name__endswith=suffix)
    return qs


def _poor_households(scope: Scope) -> QuerySet:
    """Poor and exited households of administrative villages: a residents' committee (社区)
    is not a village, so a poor village is always one of the administrative villages."""
    return in_scope(Household.objects.filter(status__in=POOR_STATUSES,
                                             village_id__in=_admin_villages(scope)
                                             .values("code")), scope)


def _poor_villages(scope: Scope) -> QuerySet:
    """Codes of administrative villages with at least one registered poor or exited
    household."""
    return _poor_households(scope).values("village_id")


# --- service coverage ------------------------------------------------------------------------

def service_coverage(scope: Scope, years, *, county_codes=None, today=None) -> dict:
    """Per county and year: administrative villages and poor villages, how many of each have a
    working village service point, the shares (%), and the working points. Three queries."""
    today = today or timezone.localdate()
    years = [y for y in sorted(set(years)) if reference_day(y, today) is not None]
    villages = dict(_narrow(_admin_villages(scope), "code", scope, county_codes)
                    .values("c").annotate(n=Count("code")).values_list("c", "n").order_by())
    poor = dict(_narrow(_poor_households(scope), "village_id", scope, county_codes)
                .values("c").annotate(n=Count("village_id", distinct=True))
                .values_list("c", "n").order_by())
    admin_codes = _admin_villages(scope).values("code")
    poor_codes = _poor_villages(scope)
    columns = {}
    for y in years:
        works = working_q(y, today)
        columns[f"points_{y}"] = Count("id", filter=works)
        columns[f"villages_{y}"] = Count("division_code", distinct=True,
                                         filter=works & Q(division_code__in=admin_codes))
        columns[f"poor_{y}"] = Count("division_code", distinct=True,
                                     filter=works & Q(division_code__in=poor_codes))
    points = {}
    if years:
        points = {r["c"]: r for r in _narrow(Site.objects.filter(level=SiteLevel.VILLAGE_POINT),
                                              "division_code", scope, county_codes)
                  .values("c").annotate(**columns).order_by()}
    out: dict[str, dict] = {}
    for c in sorted(set(villages) | set(poor) | set(points)):
        found = points.get(c, {})
        per_year = {}
        for y in years:
            covered, covered_poor = found.get(f"villages_{y}", 0), found.get(f"poor_{y}", 0)
            per_year[y] = {
                "villages": villages.get(c, 0), "poor_villages": poor.get(c, 0),
                "points": found.get(f"points_{y}", 0), "covered_villages": covered,
                "covered_poor_villages": covered_poor,
                "village_share": share(covered, villages.get(c, 0)),
                "poor_share": share(covered_poor, poor.get(c, 0)),
            }
        out[county_key(c)] = per_year
    return out


def township_service(scope: Scope, year: int, *, today=None) -> list[dict]:
    """The service map of a county: per township its sites (all levels, each marked working
    in ``year`` or not) and its village coverage in ``year``. Four queries and the names."""
    today = today or timezone.localdate()
    works = working_q(year, today)
    sites = list(in_scope(Site.objects.all(), scope)
                 .annotate(works=ExpressionWrapper(works, output_field=BooleanField()))
                 .order_by("division_code", "level", "code"))
    villages = dict(_admin_villages(scope).annotate(t=Substr("code", 1, 9))
                    .values("t").annotate(n=Count("code")).values_list("t", "n").order_by())
    poor = dict(_poor_households(scope)
                .annotate(t=Substr("village_id", 1, 9)).values("t")
                .annotate(n=Count("village_id", distinct=True)).values_list("t", "n")
                .order_by())
    covered = {r["t"]: r for r in in_scope(
        Site.objects.filter(works, level=SiteLevel.VILLAGE_POINT), scope)
        .annotate(t=Substr("division_code", 1, 9)).values("t")
        .annotate(villages=Count("division_code", distinct=True,
                                 filter=Q(division_code__in=_admin_villages(scope)
                                          .values("code"))),
                  poor=Count("division_code", distinct=True,
                             filter=Q(division_code__in=_poor_villages(scope))))
        .order_by()}
    by_township: dict[str, list] = defaultdict(list)
    county_sites = []
    for site in sites:
        if site.division_code[6:9] == "000":
            county_sites.append(site)
        else:
            by_township[site.division_code[:9]].append(site)
    townships = sorted(set(by_township) | set(villages) | set(poor) | set(covered))
    names = labels.lookup_many("division", [t.ljust(12, "0") for t in townships]
                               + [s.division_code for s in sites])
    for site in sites:
        site.place = names.get(site.division_code, site.division_code)
    rows = []
    for t in townships:
        code = t.ljust(12, "0")
        found = covered.get(t, {})
        rows.append({
            "code": code, "name": names.get(code, code), "sites": by_township.get(t, []),
            "villages": villages.get(t, 0), "poor_villages": poor.get(t, 0),
            "covered_villages": found.get("villages", 0),
            "covered_poor_villages": found.get("poor", 0),
            "village_share": share(found.get("villages", 0), villages.get(t, 0)),
            "poor_share": share(found.get("poor", 0), poor.get(t, 0)),
        })
    return [{"code": "", "name": "", "sites": county_sites, "county": True}, *rows] \
        if county_sites else rows


# --- logistics -------------------------------------------------------------------------------

def logistics(scope: Scope, years, *, county_codes=None) -> dict:
    """Per county and year: townships, townships reporting, townships with express delivery,
    the township express coverage ratio (%, over *all* townships of the county: one without
    a record is not counted as covered), village delivery points, parcels in and out (None
    when no township reported them). Two queries."""
    years = sorted(set(years))
    townships = dict(_narrow(Division.objects.filter(level=Level.TOWNSHIP), "code", scope,
                             county_codes)
                     .values("c").annotate(n=Count("code")).values_list("c", "n").order_by())
    rows = (_narrow(LogisticsYear.objects.filter(year__in=years), "division_code", scope,
                    county_codes)
            .values("c", "year")
            .annotate(reported=Count("id"), covered=Count("id", filter=Q(express_covered=True)),
                      points=Sum("village_delivery_points"), parcels_in=Sum("parcels_in"),
                      parcels_out=Sum("parcels_out"))
            .order_by())
    found = {(r["c"], r["year"]): r for r in rows}
    out: dict[str, dict] = {}
    for c in sorted(set(townships) | {k[0] for k in found}):
        out[county_key(c)] = {}
        for y in years:
            r = found.get((c, y), {})
            out[county_key(c)][y] = {
                "townships": townships.get(c, 0), "reported": r.get("reported", 0),
                "covered": r.get("covered", 0),
                "express_share": share(r.get("covered", 0), townships.get(c, 0)),
                "delivery_points": r.get("points") or 0,
                "parcels_in": r.get("parcels_in"), "parcels_out": r.get("parcels_out"),
            }
    return out


# --- pairings (对口帮扶) ------------------------------------------------------------------------

PAIRING_MEASURES = ("purchase", "training", "jobs")


def pairings(scope: Scope, year: int, *, county_codes=None) -> dict:
    """Commitments against what was delivered, for pairings begun by the end of ``year``:
    ``enterprises`` (one row per enterprise and county: committed, delivered up to and in
    ``year``, share delivered %) and ``counties`` (the same summed per county). One query."""
    end = dt.date(year, 12, 31)
    sums = {}
    for m in PAIRING_MEASURES:
        sums[f"to_date_{m}"] = Sum(f"years__delivered_{m}", filter=Q(years__year__lte=year))
        sums[f"in_year_{m}"] = Sum(f"years__delivered_{m}", filter=Q(years__year=year))
    rows = (_narrow(Pairing.objects.filter(start_date__lte=end), "division_code", scope,
                    county_codes)
            .values("c", "enterprise_id", "enterprise__name", "enterprise__kind",
                    "committed_purchase", "committed_training", "committed_jobs", "end_date")
            .annotate(**sums).order_by("c", "enterprise__name", "enterprise_id"))
    per_enterprise: dict[tuple, dict] = {}
    counties: dict[str, dict] = {}

    def blank(**extra) -> dict:
        zero = {"purchase": Decimal(0), "training": 0, "jobs": 0}
        return {"committed": dict(zero), "to_date": dict(zero), "in_year": dict(zero),
                "pairings": 0, "active": 0, **extra}

    for r in rows:
        key = (r["c"], r["enterprise_id"])
        row = per_enterprise.setdefault(key, blank(
            county=county_key(r["c"]), enterprise_id=r["enterprise_id"],
            enterprise=r["enterprise__name"], kind=r["enterprise__kind"]))
        total = counties.setdefault(county_key(r["c"]), blank(county=county_key(r["c"])))
        for target in (row, total):
            target["pairings"] += 1
            target["active"] += int(r["end_date"] is None or r["end_date"] >= dt.date(year, 1, 1))
            for m in PAIRING_MEASURES:
                target["committed"][m] += r[f"committed_{m}"]
                target["to_date"][m] += r[f"to_date_{m}"] or 0
                target["in_year"][m] += r[f"in_year_{m}"] or 0
    for row in [*per_enterprise.values(), *counties.values()]:
        row["share"] = {m: share(row["to_date"][m], row["committed"][m])
                        for m in PAIRING_MEASURES}
    return {"enterprises": list(per_enterprise.values()), "counties": counties}


# --- training --------------------------------------------------------------------------------

def training(scope: Scope, years, *, county_codes=None) -> dict:
    """Per county and year: sessions, person-times (and cumulated from the first year to this
    one, against the target), poor and exited trainees; and what e-commerce beneficiaries did
    afterwards (households that opened a shop, that found employment). Two queries."""
    from fupin.ecommerce.targets import TRAINING_TARGET

    years = sorted(set(years))
    sessions = {(r["c"], r["y"]): r for r in (
        _narrow(TrainingSession.objects.all(), "division_code", scope, county_codes)
        .annotate(y=ExtractYear("held_on")).values("c", "y")
        .annotate(sessions=Count("id"), person_times=Sum("person_times"),
                  poor=Sum("poor_trainees"), exited=Sum("exited_trainees")).order_by())}
    outcomes = {(r["c"], r["year"]): r for r in (
        _narrow(Beneficiary.objects.filter(programme__kind=ProgrammeKind.ECOMMERCE),
                "division_code", scope, county_codes)
        .values("c", "year")
        .annotate(opened_shop=Count("household_id", distinct=True,
                                    filter=Q(outcome=Outcome.OPENED_SHOP)),
                  employed=Count("household_id", distinct=True,
                                 filter=Q(outcome=Outcome.EMPLOYED))).order_by())}
    out: dict[str, dict] = {}
    for c in sorted({k[0] for k in sessions} | {k[0] for k in outcomes}):
        before = sum(r["person_times"] or 0 for (cc, y), r in sessions.items()
                     if cc == c and years and y < years[0])
        running = before
        out[county_key(c)] = {}
        for y in years:
            s, o = sessions.get((c, y), {}), outcomes.get((c, y), {})
            running += s.get("person_times") or 0
            out[county_key(c)][y] = {
                "sessions": s.get("sessions", 0), "person_times": s.get("person_times") or 0,
                "poor": s.get("poor") or 0, "exited": s.get("exited") or 0,
                "cumulative": running, "target": TRAINING_TARGET,
                "target_share": share(running, TRAINING_TARGET),
                "opened_shop": o.get("opened_shop", 0), "employed": o.get("employed", 0),
            }
    return out


# --- every programme's beneficiaries ----------------------------------------------------------

def beneficiaries(scope: Scope, year: int, *, county_codes=None) -> dict:
    """Per county and programme kind in ``year``: beneficiary records, households reached,
    records placed (placed, employed, trading), households placed, wage income (sum of the
    amounts known) and how many records gave one. One query."""
    rows = (_narrow(Beneficiary.objects.filter(year=year), "division_code", scope,
                    county_codes)
            .values("c", "programme__kind")
            .annotate(records=Count("id"), households=Count("household_id", distinct=True),
                      placed=Count("id", filter=Q(outcome__in=PLACED)),
                      placed_households=Count("household_id", distinct=True,
                                              filter=Q(outcome__in=PLACED)),
                      wages=Sum("wage_income"), with_wage=Count("wage_income"))
            .order_by("c", "programme__kind"))
    out: dict[str, dict] = defaultdict(dict)
    for r in rows:
        out[county_key(r["c"])][r["programme__kind"]] = {
            k: r[k] for k in ("records", "households", "placed", "placed_households",
                              "with_wage")} | {"wage_income": r["wages"] or Decimal(0)}
    return dict(out)


# --- products --------------------------------------------------------------------------------

def products_by_state(scope: Scope, *, county_codes=None) -> dict:
    """Products per county of origin and workflow state (ecprod's states). One query."""
    out: dict[str, dict] = defaultdict(dict)
    for r in (_narrow(Product.objects.all(), "division_code", scope, county_codes)
              .values("c", "state").annotate(n=Count("id")).order_by()):
        out[county_key(r["c"])][r["state"]] = r["n"]
    return dict(out)


# --- demonstration counties (示范县) ---------------------------------------------------------

def county_profiles(scope: Scope, *, county_codes=None) -> dict:
    """Poverty-county flags and demonstration batch of each county. One query."""
    return {county_key(r["county_id"]): r for r in (
        _narrow(CountyProfile.objects.all(), "county_id", scope, county_codes)
        .values("county_id", "national_poverty_county", "deep_poverty_county",
                "ecommerce_demo_year", "exit_year"))}


def demonstration(scope: Scope, years, *, length: int = 2) -> dict:
    """Per area (province by default: ``length`` digits of the code) and year: national
    poverty counties known, demonstration counties named by the end of the year, and the
    poverty counties among them (coverage of the poverty counties, %). One query.

    The shipped lists are partial (``targets.POVERTY_LIST_SHIPPED``): each area says whether
    its poverty-county list is complete; demonstration batches come only from county
    attributes a province imported (``fupin counties import``)."""
    from fupin.ecommerce.targets import poverty_list_complete

    years = sorted(set(years))
    rows = (in_scope(CountyProfile.objects.all(), scope)
            .annotate(a=Substr("county_id", 1, length))
            .values("a", "national_poverty_county", "ecommerce_demo_year")
            .annotate(n=Count("county_id")).order_by())
    areas: dict[str, dict] = {}
    for r in rows:
        area = areas.setdefault(r["a"], {"poverty_counties": 0, "batches": defaultdict(int),
                                         "poverty_batches": defaultdict(int)})
        if r["national_poverty_county"]:
            area["poverty_counties"] += r["n"]
        if r["ecommerce_demo_year"]:
            area["batches"][r["ecommerce_demo_year"]] += r["n"]
            if r["national_poverty_county"]:
                area["poverty_batches"][r["ecommerce_demo_year"]] += r["n"]
    out = {}
    for a, area in sorted(areas.items()):
        per_year = {}
        for y in years:
            demo = sum(n for b, n in area["batches"].items() if b <= y)
            covered = sum(n for b, n in area["poverty_batches"].items() if b <= y)
            per_year[y] = {"demo_counties": demo, "new": area["batches"].get(y, 0),
                           "poverty_covered": covered,
                           "poverty_share": share(covered, area["poverty_counties"])}
        out[a.ljust(12, "0")] = {"poverty_counties": area["poverty_counties"],
                                 "complete": poverty_list_complete(a) if length == 2 else None,
                                 "years": per_year}
    return out
