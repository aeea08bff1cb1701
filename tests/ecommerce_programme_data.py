"""A small programme for 昭觉县 (and a little of 美姑县 next door) whose indicators are
computed by hand in tests/test_ecommerce_coverage.py.

The rows are written with the ORM: issue 12's writes of these tables are the exchange's
(ecx's datasets), and the indicators only read them. Everything is validated first
(``full_clean``), so no row here could not have been imported.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from django.utils import timezone
from stdnum.cn import uscc

from fupin.ecommerce.models import (
    Beneficiary,
    Enterprise,
    LogisticsYear,
    Pairing,
    PairingYear,
    Product,
    Programme,
    Site,
    TrainingSession,
)
from fupin.regions.choices import Level
from fupin.regions.models import CountyProfile, Division
from tests import factories

HOME = "513431000000"
OTHER = "513436000000"
#: A residents' committee of 新城镇: a village-level division that is not an administrative
#: village.
COMMITTEE = "513431100001"
TODAY = dt.date(2021, 6, 1)
_seq = itertools.count(1)


def _save(obj):
    obj.full_clean()
    obj.save()
    return obj


def credit_code(n: int) -> str:
    body = f"91513431MA{n:07d}"
    return body + uscc.calc_check_digit(body)


def enterprise(name: str, kind: str = "ecommerce_firm") -> Enterprise:
    return _save(Enterprise(credit_code=credit_code(next(_seq)), name=name, kind=kind,
                            division_code=HOME))


def site(division: str, opened: dt.date, *, level: str = "village_point", closed=None,
         status: str = "working", name: str = "") -> Site:
    n = next(_seq)
    return _save(Site(code=f"S{n:05d}", level=level, division_code=division,
                      name=name or f"服务点{n}", operator="邮政", services="parcels;sales",
                      opened_on=opened, closed_on=closed, status=status))


def programme(kind: str = "ecommerce", county: str = HOME) -> Programme:
    n = next(_seq)
    return _save(Programme(code=f"P{n:05d}", kind=kind, division_code=county,
                           name=f"项目{n}", lead_unit="县商务局", start_year=2016))


def session(prog: Programme, held: dt.date, person_times: int, poor: int = 0,
            exited: int = 0) -> TrainingSession:
    n = next(_seq)
    return _save(TrainingSession(code=f"T{n:05d}", programme=prog,
                                 division_code=prog.division_code, held_on=held,
                                 topic="网店运营", provider="县电商中心",
                                 person_times=person_times, poor_trainees=poor,
                                 exited_trainees=exited))


def beneficiary(prog: Programme, household, year: int, outcome: str, wage=None,
                member: str = "") -> Beneficiary:
    return _save(Beneficiary(programme=prog, household=household, member_name=member,
                             division_code=household.village_id, year=year, outcome=outcome,
                             wage_income=None if wage is None else Decimal(wage)))


def pairing(ent: Enterprise, county: str, start: dt.date, purchase, training: int, jobs: int,
            delivered: dict) -> Pairing:
    p = _save(Pairing(code=f"PR{next(_seq):05d}", enterprise=ent, division_code=county,
                      start_date=start, committed_purchase=Decimal(purchase),
                      committed_training=training, committed_jobs=jobs))
    for year, (amount, trained, hired) in delivered.items():
        _save(PairingYear(pairing=p, division_code=county, year=year,
                          delivered_purchase=Decimal(amount), delivered_training=trained,
                          delivered_jobs=hired))
    return p


def product(supplier: Enterprise, division: str, state: str) -> Product:
    n = next(_seq)
    return Product.objects.create(code=f"PD{n:05d}", name=f"苦荞{n}", supplier=supplier,
                                  division_code=division, category="grain_oil", state=state,
                                  state_since=timezone.now())


def build() -> dict:
    """The programme of the hand computations (the tree of ``factories.make_tree`` first)."""
    Division.objects.get_or_create(code=COMMITTEE, defaults={
        "name": "城南社区居民委员会", "level": Level.VILLAGE, "parent_id": factories.HOME_TOWNSHIP})
    poor = factories.household(factories.HOME_VILLAGE, status="poor", exit_year=None)
    exited = factories.household(factories.OTHER_TOWNSHIP_VILLAGE, status="exited")
    general = factories.household("513431100204", status="general", exit_year=None)
    theirs = factories.household(factories.OTHER_COUNTY_VILLAGE, status="poor", exit_year=None)
    # Village points (see the test for what each one counts for, year by year).
    site(factories.HOME_VILLAGE, dt.date(2017, 5, 1), name="俄尔古取村服务点")
    site("513431100204", dt.date(2018, 3, 1), closed=dt.date(2019, 6, 30), status="closed")
    site(factories.OTHER_TOWNSHIP_VILLAGE, dt.date(2019, 1, 10), status="suspended")
    site(factories.HOME_VILLAGE, dt.date(2018, 1, 1))
    site(COMMITTEE, dt.date(2016, 1, 1))
    site(factories.OTHER_COUNTY_VILLAGE, dt.date(2016, 1, 1), name="美姑服务点")
    site(HOME, dt.date(2016, 6, 1), level="county_centre", name="昭觉县电商公共服务中心")
    site(factories.HOME_TOWNSHIP, dt.date(2017, 1, 1), level="township_station")
    # Logistics.
    for township, year, covered, points, p_in, p_out in [
            (factories.HOME_TOWNSHIP, 2019, True, 3, 100, 50),
            ("513431101000", 2019, False, 1, None, None),
            (factories.HOME_TOWNSHIP, 2020, True, 3, 120, 70),
            ("513431101000", 2020, True, 2, 30, None),
            ("513436100000", 2019, True, 9, 999, 999)]:
        _save(LogisticsYear(division_code=township, year=year, express_covered=covered,
                            carriers="邮政;顺丰" if covered else "",
                            village_delivery_points=points, parcels_in=p_in,
                            parcels_out=p_out))
    # Pairings.
    e1, e2 = enterprise("某电商平台", "platform"), enterprise("某农业合作社", "cooperative")
    pairing(e1, HOME, dt.date(2018, 1, 1), 1_000_000, 500, 20,
            {2018: (300_000, 200, 5), 2019: (400_000, 100, 10), 2020: (100_000, 0, 0)})
    pairing(e2, HOME, dt.date(2019, 7, 1), 200_000, 100, 10, {2019: (50_000, 100, 0)})
    pairing(e1, OTHER, dt.date(2018, 1, 1), 999, 9, 9, {2019: (999, 9, 9)})
    # Training and beneficiaries.
    ecom, labour, domestic = programme(), programme("labour"), programme("domestic_service")
    session(ecom, dt.date(2018, 10, 1), 300)
    first = session(ecom, dt.date(2019, 3, 1), 1200, poor=300, exited=100)
    session(ecom, dt.date(2019, 9, 1), 900, poor=200, exited=50)
    session(ecom, dt.date(2020, 5, 1), 1500, poor=400)
    session(programme(county=OTHER), dt.date(2019, 3, 1), 5000, poor=5000)
    beneficiary(ecom, poor, 2019, "opened_shop")
    beneficiary(ecom, poor, 2019, "trained")
    beneficiary(ecom, exited, 2019, "employed")
    beneficiary(labour, general, 2019, "placed", wage=12000)
    beneficiary(labour, poor, 2019, "placed")
    beneficiary(domestic, exited, 2019, "trained")
    beneficiary(programme("labour", OTHER), theirs, 2019, "placed", wage=99999)
    # Products by state.
    product(e2, factories.HOME_TOWNSHIP, "listed")
    product(e2, factories.HOME_TOWNSHIP, "listed")
    product(e2, HOME, "applied")
    product(e1, "513436100000", "listed")
    # Demonstration counties.
    for county, poverty, demo in [(HOME, True, 2016), (OTHER, True, None)]:
        CountyProfile.objects.update_or_create(county_id=county, defaults={
            "national_poverty_county": poverty, "ecommerce_demo_year": demo})
    return {"poor": poor, "exited": exited, "general": general, "theirs": theirs,
            "enterprises": (e1, e2), "ecommerce": ecom, "session": first}


def build_more(n: int = 5) -> None:
    """More rows of every programme table in 昭觉县 (for query counts that must not grow)."""
    enterprise("又一家电商企业")
    prog = programme()
    households = [factories.household(factories.HOME_VILLAGE, status="poor", exit_year=None)
                  for _ in range(n)]
    for i in range(n):
        site(factories.OTHER_TOWNSHIP_VILLAGE, dt.date(2018, 1, 1 + i))
        session(prog, dt.date(2019, 4, 1 + i), 10)
        beneficiary(prog, households[i], 2019, "trained")
        pairing(enterprise(f"企业{i}"), HOME, dt.date(2019, 1, 1), 1000, 1, 1,
                {2019: (100, 1, 1)})
        _save(LogisticsYear(division_code=factories.HOME_TOWNSHIP, year=2010 + i,
                            express_covered=True, village_delivery_points=1))


def for_world(world) -> dict:
    """The programme, built once for a permission-matrix world."""
    if getattr(world, "_ecommerce", None) is None:
        world._ecommerce = build()
    return world._ecommerce
