"""Programme indicators (ecommerce/coverage.py) equal a hand computation on a small county, in
a pinned number of queries that does not grow with rows, and never count another county.

The county (tests/ecommerce_programme_data.py): 昭觉县 with three administrative villages
(俄尔古取村, 乃托村 in 新城镇; 瓦尔村 in 城北镇) and one residents' committee (城南社区, not an
administrative village); poor villages are 俄尔古取村 (a poor household) and 瓦尔村 (an
exited one); 乃托村 has only a general household. "Today" is 2021-06-01.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest

from fupin.core.access import Scope
from fupin.ecommerce import coverage
from fupin.ecommerce.models import Site
from tests import ecommerce_programme_data as data
from tests import factories

HOME, OTHER = data.HOME, data.OTHER
COUNTY = Scope("513431")
PROVINCE = Scope("51")


@pytest.fixture
def programme(tree):
    return data.build()


def test_service_coverage_by_hand(programme, django_assert_num_queries):
    with django_assert_num_queries(3):
        found = coverage.service_coverage(PROVINCE, range(2016, 2023), today=data.TODAY)
    home = found[HOME]
    # 2022 has not begun on 2021-06-01: no figure at all.
    assert sorted(home) == [2016, 2017, 2018, 2019, 2020, 2021]
    # Per year: (working points, administrative villages covered, poor villages covered).
    # 2016: only the committee's point (not an administrative village, not poor).
    # 2017: + 俄尔古取村 (opened 2017-05-01).
    # 2018: + a second point in 俄尔古取村 and 乃托村's (closed 2019-06-30: open at 2018's end).
    # 2019 and 2020: 乃托村's is closed, 瓦尔村's opened 2019-01-10 (suspended *now*, which
    #   does not rewrite past years).
    # 2021 (running, judged today): 瓦尔村's point is suspended, so it does not count.
    expected = {2016: (1, 0, 0), 2017: (2, 1, 1), 2018: (4, 2, 1), 2019: (4, 2, 2),
                2020: (4, 2, 2), 2021: (3, 1, 1)}
    for year, (points, villages, poor) in expected.items():
        row = home[year]
        assert (row["points"], row["covered_villages"], row["covered_poor_villages"]) \
            == (points, villages, poor), year
        assert (row["villages"], row["poor_villages"]) == (3, 2)
        assert row["village_share"] == round(100 * villages / 3, 1)
        assert row["poor_share"] == round(100 * poor / 2, 1)
    # 美姑县: one village, one poor household, one point since 2016.
    assert found[OTHER][2019] | {} == {
        "villages": 1, "poor_villages": 1, "points": 1, "covered_villages": 1,
        "covered_poor_villages": 1, "village_share": 100.0, "poor_share": 100.0}


def test_service_coverage_queries_do_not_grow_with_rows(programme, django_assert_num_queries):
    for n in range(30):
        data.site(factories.HOME_VILLAGE, dt.date(2015 + n % 6, 1, 1))
    with django_assert_num_queries(3):
        found = coverage.service_coverage(PROVINCE, range(2014, 2022), today=data.TODAY)
    assert found[HOME][2020]["points"] == 4 + 30


def test_scope_and_county_codes_leave_other_counties_out(programme):
    mine = coverage.service_coverage(COUNTY, [2019], today=data.TODAY)
    assert set(mine) == {HOME}
    narrowed = coverage.service_coverage(PROVINCE, [2019], county_codes=[OTHER],
                                         today=data.TODAY)
    assert set(narrowed) == {OTHER}
    assert set(coverage.logistics(COUNTY, [2019])) == {HOME}
    assert set(coverage.pairings(COUNTY, 2019)["counties"]) == {HOME}
    assert set(coverage.training(COUNTY, [2019])) == {HOME}
    assert set(coverage.beneficiaries(COUNTY, 2019)) == {HOME}
    assert set(coverage.products_by_state(COUNTY)) == {HOME}


def test_working_q_and_is_working_agree_on_every_case(db):
    """The township table marks rows in Python; the counts use SQL: they must be one rule."""
    today = data.TODAY
    days = [dt.date(2018, 12, 31), dt.date(2019, 1, 1), dt.date(2019, 6, 30),
            dt.date(2020, 12, 31), dt.date(2021, 1, 1), today, dt.date(2021, 6, 2)]
    closes = [None, *days]
    for opened, closed, status in itertools.product(days, closes, ["working", "suspended",
                                                                   "closed"]):
        if closed is not None and closed < opened:
            continue
        Site.objects.create(code=f"W{Site.objects.count()}", level="village_point",
                            division_code=factories.HOME_VILLAGE, name="x", opened_on=opened,
                            closed_on=closed, status=status)
    for year in (2018, 2019, 2020, 2021, 2022):
        in_sql = set(Site.objects.filter(coverage.working_q(year, today))
                     .values_list("pk", flat=True))
        in_python = {s.pk for s in Site.objects.all() if coverage.is_working(s, year, today)}
        assert in_sql == in_python, year


def test_township_service_map(programme, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        rows = coverage.township_service(COUNTY, 2019, today=data.TODAY)
    county, xincheng, chengbei = rows
    assert county["county"]
    assert [s.name for s in county["sites"]] == ["昭觉县电商公共服务中心"]
    assert xincheng["name"] == "新城镇"
    assert chengbei["name"] == "城北镇"
    # 新城镇: township station + two points in 俄尔古取村 + 乃托村's + the committee's.
    assert len(xincheng["sites"]) == 5
    assert [s.works for s in xincheng["sites"] if s.division_code == "513431100204"] == [False]
    assert (xincheng["villages"], xincheng["covered_villages"], xincheng["village_share"]) \
        == (2, 1, 50.0)
    assert (xincheng["poor_villages"], xincheng["covered_poor_villages"]) == (1, 1)
    assert (chengbei["villages"], chengbei["covered_villages"], chengbei["poor_share"]) \
        == (1, 1, 100.0)


def test_logistics_by_hand(programme, django_assert_num_queries):
    with django_assert_num_queries(2):
        found = coverage.logistics(PROVINCE, [2019, 2020, 2021])
    home = found[HOME]
    assert home[2019] == {"townships": 2, "reported": 2, "covered": 1, "express_share": 50.0,
                          "delivery_points": 4, "parcels_in": 100, "parcels_out": 50}
    assert home[2020]["express_share"] == 100.0
    assert (home[2020]["parcels_in"], home[2020]["parcels_out"]) == (150, 70)
    # No record in 2021: nothing covered, parcels unknown (not zero).
    assert home[2021] | {} == {"townships": 2, "reported": 0, "covered": 0,
                               "express_share": 0.0, "delivery_points": 0,
                               "parcels_in": None, "parcels_out": None}
    assert found[OTHER][2019]["express_share"] == 100.0


def test_pairings_by_hand(programme, django_assert_num_queries):
    with django_assert_num_queries(1):
        found = coverage.pairings(PROVINCE, 2019)
    county = found["counties"][HOME]
    assert county["committed"] == {"purchase": Decimal(1_200_000), "training": 600, "jobs": 30}
    assert county["to_date"] == {"purchase": Decimal(750_000), "training": 400, "jobs": 15}
    assert county["in_year"] == {"purchase": Decimal(450_000), "training": 200, "jobs": 10}
    assert county["share"] == {"purchase": 62.5, "training": 66.7, "jobs": 50.0}
    rows = {r["enterprise"]: r for r in found["enterprises"] if r["county"] == HOME}
    assert rows["某电商平台"]["share"] == {"purchase": 70.0, "training": 60.0, "jobs": 75.0}
    assert rows["某农业合作社"]["share"] == {"purchase": 25.0, "training": 100.0, "jobs": 0.0}
    # In 2018 the co-operative's pairing (from 2019-07-01) had not begun.
    early = coverage.pairings(COUNTY, 2018)
    assert [r["enterprise"] for r in early["enterprises"]] == ["某电商平台"]
    assert early["counties"][HOME]["share"]["purchase"] == 30.0


def test_training_by_hand(programme, django_assert_num_queries):
    with django_assert_num_queries(2):
        found = coverage.training(PROVINCE, [2019, 2020])
    home = found[HOME]
    # 2018's 300 person-times count towards the cumulated figure of 2019.
    assert home[2019] | {} == {"sessions": 2, "person_times": 2100, "poor": 500, "exited": 150,
                               "cumulative": 2400, "target": 3000, "target_share": 80.0,
                               "opened_shop": 1, "employed": 1}
    assert (home[2020]["person_times"], home[2020]["cumulative"],
            home[2020]["target_share"]) == (1500, 3900, 130.0)
    assert found[OTHER][2019]["person_times"] == 5000


def test_beneficiaries_by_kind_by_hand(programme, django_assert_num_queries):
    with django_assert_num_queries(1):
        found = coverage.beneficiaries(PROVINCE, 2019)
    home = found[HOME]
    assert home["ecommerce"] == {"records": 3, "households": 2, "placed": 1,
                                 "placed_households": 1, "with_wage": 0,
                                 "wage_income": Decimal(0)}
    assert home["labour"] == {"records": 2, "households": 2, "placed": 2,
                              "placed_households": 2, "with_wage": 1,
                              "wage_income": Decimal(12000)}
    assert home["domestic_service"]["placed"] == 0
    assert found[OTHER]["labour"]["wage_income"] == Decimal(99999)


def test_products_and_demonstration(programme, django_assert_num_queries):
    with django_assert_num_queries(1):
        products = coverage.products_by_state(PROVINCE)
    assert products[HOME] == {"listed": 2, "applied": 1}
    with django_assert_num_queries(1):
        demo = coverage.demonstration(PROVINCE, [2015, 2016, 2020])
    sichuan = demo["510000000000"]
    assert sichuan["poverty_counties"] == 2
    assert sichuan["complete"] is True
    assert sichuan["years"][2015] == {"demo_counties": 0, "new": 0, "poverty_covered": 0,
                                      "poverty_share": 0.0}
    assert sichuan["years"][2016]["poverty_share"] == 50.0
    assert sichuan["years"][2020]["demo_counties"] == 1


def test_a_residents_committee_is_never_a_poor_village(programme):
    """Poor households in a residents' committee (社区) do not make it a poor village: poor
    villages are administrative villages, so they never outnumber them (service coverage and
    the township map alike)."""
    factories.household(data.COMMITTEE, status="poor", exit_year=None)
    row = coverage.service_coverage(COUNTY, [2020], today=data.TODAY)[HOME][2020]
    assert (row["villages"], row["poor_villages"]) == (3, 2)
    assert row["poor_villages"] <= row["villages"]
    towns = [t for t in coverage.township_service(COUNTY, 2020, today=data.TODAY)
             if not t.get("county")]
    assert sum(t["poor_villages"] for t in towns) == 2
    for town in towns:
        assert town["poor_villages"] <= town["villages"], town
