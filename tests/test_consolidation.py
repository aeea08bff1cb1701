"""The consolidation period (issue 18 items 3–4, ADR 0050): on a small county built here —
exited households with chosen incomes, a monitoring-object episode, help from the register,
a case measure and a benefit linkage — every indicator equals the hand computation written
next to it; the period is the province's; the region gate holds; the number of queries does
not grow with the households."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fupin.cases import services as cases
from fupin.consolidation import services
from fupin.consolidation.choices import TYPES, HelpType
from fupin.core.access import Scope
from fupin.core.errors import Forbidden, NotFound, ValidationFailed
from fupin.ecommerce.services import linkages as linkage_services
from fupin_engine import consolidation as engine
from tests import cases_helpers, ecommerce_linkage_helpers, factories
from tests.conftest import is_postgres

COUNTY = Scope("513431")
TOWNSHIP = Scope("513431100")
V1, V2 = factories.HOME_VILLAGE, "513431100204"
V3 = factories.OTHER_TOWNSHIP_VILLAGE
D = Decimal


def economy(year: int, wage: int) -> dict:
    return {"year": year, "wage": D(wage)}


def help_(household, year, type, amount, source="县农业农村局"):
    return services.record_help(actor="test", household=household, year=year, type=type,
                                amount=D(amount), source=source)


@pytest.fixture
def county(tree):
    """Two members per household (size 2); the line is 6,000 in 2020 and 2021, none in 2019.

    H1 exited 2019: 7,000 / 8,000 / 7,000 per person; industry 2020, employment 2021.
    H2 exited 2019: 7,000 / 5,000 / 6,500; a monitoring object from 2020 (case still open);
      a health measure 2020-07 to 2021-02 of 3,000 (help in 2020 and 2021).
    H3 exited 2020: finance 2019 (before exit), education 2020, nothing in 2021: lost help.
    H4 exited 2020, other township: income only for 2021 (6,000 = the line: above); a
      linkage in 2021 buying 800 and paying 200 wages (industry and employment).
    H5 poor (not exited): industry 100 in 2021 (help by type counts it; exit quality not).
    H6 exited 2019 in the other county: outside.
    """
    h = {}
    h[1] = factories.household(V1, household_id="H1", exit_year=2019, economy=[
        economy(2019, 14000), economy(2020, 16000), economy(2021, 14000)])
    h[2] = factories.household(V1, household_id="H2", exit_year=2019, economy=[
        economy(2019, 14000), economy(2020, 10000), economy(2021, 13000)])
    h[3] = factories.household(V2, household_id="H3", exit_year=2020, economy=[
        economy(2019, 4000), economy(2020, 13000), economy(2021, 13000)])
    h[4] = factories.household(V3, household_id="H4", exit_year=2020,
                               economy=[economy(2021, 11000)])
    h[5] = factories.household(V1, household_id="H5", status="poor", exit_year=None,
                               economy=[economy(2021, 3000)])
    h[6] = factories.household(factories.OTHER_COUNTY_VILLAGE, household_id="H6",
                               exit_year=2019, economy=[economy(2021, 2000)])
    help_(h[1], 2020, "industry", "1000")
    help_(h[1], 2021, "employment", "500")
    help_(h[3], 2019, "finance", "2000", source="县金融办")
    help_(h[3], 2020, "education", "400", source="县教育局")
    help_(h[5], 2021, "industry", "100")
    help_(h[6], 2021, "industry", "999")
    actors = cases_helpers.Actors()
    with cases_helpers.frozen(dt.datetime(2020, 6, 1, 2, 0, tzinfo=dt.UTC)) as traveller:
        case = cases_helpers.to_monitored(actors, traveller, cases_helpers.alert(actors, h[2]))
        cases.add_measure(actor=actors.cadre, case=case, type="health", description="慢病救治",
                          responsible="王", start=dt.date(2020, 7, 1),
                          end=dt.date(2021, 2, 1), amount=D("3000"))
    ent = ecommerce_linkage_helpers.enterprise()
    link = ecommerce_linkage_helpers.linkage(h[4], ent, started_on="2021-01-01")
    linkage_services.record_linkage_years(actor="test", scope=COUNTY, rows=[
        {"linkage": link, "year": 2021, "purchase_value": D("800"), "wages": D("200")}])
    return h


def test_the_types_are_the_measure_types_and_the_engine_s():
    assert set(TYPES) == set(HelpType.values)
    assert TYPES == engine.TYPES
    assert TYPES[:5] == ("industry", "employment", "finance", "education", "health")


def test_exit_quality_equals_the_hand_computation(county):
    (row,) = services.exit_quality(COUNTY, level="county")
    assert row["division_code"] == "513431000000"
    assert row["year"] == 2021
    assert row["exited"] == 4
    assert row["inside_period"] == 4
    # H1 above in 2020 and 2021 (2019: no line); H2 below in 2020; H3 above; H4 = the line.
    assert row["stayed_above"] == 3
    assert row["stayed_above_share"] == pytest.approx(0.75)
    assert row["became_objects"] == 1
    assert row["became_objects_share"] == pytest.approx(0.25)
    # Since exit: industry H1, H4; employment H1, H4; health H2; education H3 (H3's finance
    # came before its exit).
    expected = {"industry": 2, "employment": 2, "health": 1, "education": 1, "finance": 0}
    for t, n in expected.items():
        assert row[f"help_{t}_households"] == n, t
        assert row[f"help_{t}_share"] == pytest.approx(n / 4), t
    townships = {r["division_code"]: r for r in services.exit_quality(COUNTY, level="township")}
    assert {c: r["exited"] for c, r in townships.items()} == {"513431100000": 3,
                                                            "513431101000": 1}
    assert townships["513431100000"]["name"] == "新城镇"


def test_a_household_year_by_year(county):
    out = services.household_consolidation(county[2])
    assert (out["exit_year"], out["years_since_exit"], out["inside_period"]) == (2019, 2, True)
    assert out["period"] == (2021, 2025)
    years = {y["year"]: y for y in out["years"]}
    assert sorted(years) == [2019, 2020, 2021]
    assert years[2019]["per_capita_income"] == 7000
    assert years[2019]["line"] is None
    assert years[2019]["above_line"] is None
    assert years[2019]["guarantees_ok"] is None
    assert years[2020]["per_capita_income"] == 5000
    assert years[2020]["line"] == 6000
    assert years[2020]["above_line"] is False
    assert years[2020]["guarantees_ok"] is True
    assert [years[y]["monitoring_object"] for y in (2019, 2020, 2021)] == [False, True, True]
    assert years[2020]["help"] == {"health": D("3000.00")}
    assert years[2021]["help"] == {"health": D("0.00")}  # the measure still runs
    assert years[2021]["help_total"] == D("0.00")
    assert years[2021]["above_line"] is True
    poor = services.household_consolidation(county[5])
    assert poor["exit_year"] is None
    assert poor["years"] == []
    assert poor["stayed_above"] is None
    assert out["stayed_above"] is False  # below the line in 2020
    assert out["became_object"] is True


def test_help_by_type_per_year(county):
    rows = {(r["year"], r["type"]): (r["amount"], r["households"])
            for r in services.help_by_type(COUNTY, level="county")}
    assert rows == {
        (2019, "finance"): (D("2000.00"), 1),
        (2020, "education"): (D("400.00"), 1),
        (2020, "health"): (D("3000.00"), 1),
        (2020, "industry"): (D("1000.00"), 1),
        # H1 500; H4 reached by the linkage's wages (200: income for work, not help)
        (2021, "employment"): (D("500.00"), 2),
        (2021, "health"): (D("0.00"), 1),          # the measure's second year
        # H5 100; H4 reached by the linkage's purchases (800 of sales: not help)
        (2021, "industry"): (D("100.00"), 2),
    }


def test_help_intensity_before_and_during_the_period(county):
    (row,) = services.help_intensity(COUNTY)
    # Before exit: H3 2019 (2,000) and H4 2019 (nothing): 2 household-years, 1 reached.
    assert row["before_household_years"] == 2
    assert row["before_amount"] == D("2000.00")
    assert row["before_mean"] == pytest.approx(1000)
    assert row["before_reached_share"] == 0.5
    # During (2021 only): H1 500, H2 0 (reached), H3 none, H4 0 (reached by its linkage,
    # whose purchases and wages are income, not help amounts).
    assert row["during_household_years"] == 4
    assert row["during_amount"] == D("500.00")
    assert row["during_mean"] == pytest.approx(125)
    assert row["during_reached_share"] == pytest.approx(0.75)
    assert row["ratio"] == pytest.approx(0.125)
    assert row["kept_up"] is False
    assert row["increased"] is False


def test_lost_help_lists_who_lost_all_help_inside_the_period(county):
    rows = services.lost_help(COUNTY)
    assert [(r["household_id"], r["last_help_year"], r["last_help_types"]) for r in rows] == \
        [("H3", 2020, ["education"])]
    help_(county[3], 2021, "health", "50", source="县卫健局")
    assert services.lost_help(COUNTY) == []


def test_the_period_is_the_province_s(county, settings):
    settings.FUPIN_CONSOLIDATION_PERIODS = {"": (2021, 2025), "51": (2016, 2020)}
    (row,) = services.exit_quality(COUNTY)
    assert row["inside_period"] == 0
    assert services.lost_help(COUNTY) == []
    assert services.household_consolidation(county[1])["period"] == (2016, 2020)
    # As of 2020 Sichuan's households are inside their period: H3 had help in 2019 only
    # ... and in 2020, so nobody lost all help then.
    (row,) = services.exit_quality(COUNTY, year=2020)
    assert (row["exited"], row["inside_period"]) == (4, 4)
    settings.FUPIN_CONSOLIDATION_PERIODS = {"": (2021, 2025), "52": (2016, 2020)}
    assert services.exit_quality(COUNTY)[0]["inside_period"] == 4


def test_a_township_sees_only_its_township(county):
    viewer = factories.make_user("township_reviewer", factories.HOME_TOWNSHIP)
    assert Scope.of_user(viewer) == TOWNSHIP  # what a screen passes for this user
    rows = services.exit_quality(Scope.of_user(viewer), level="township")
    assert [(r["division_code"], r["exited"]) for r in rows] == [("513431100000", 3)]
    assert {r["division_code"] for r in services.exit_quality(TOWNSHIP, level="village")} == \
        {V1, V2}
    assert all(r["division_code"].startswith("513431100")
               for r in services.help_by_type(TOWNSHIP, level="village"))
    assert [r["household_id"] for r in services.lost_help(TOWNSHIP)] == ["H3"]
    assert services.lost_help(Scope("513431101")) == []
    (own,) = services.help_intensity(TOWNSHIP)  # per township inside a township
    assert own["division_code"] == "513431100000"
    assert own["during_household_years"] == 3  # H1, H2, H3 in 2021; not H4
    with pytest.raises(ValidationFailed):
        services.exit_quality(TOWNSHIP, level="county")
    cadre = factories.make_user("village_cadre", V3)
    with pytest.raises(NotFound):
        services.record_help(actor=cadre, household=county[1], year=2021, type="health",
                             amount=D("1"))
    with pytest.raises(Forbidden):
        services.record_help(actor=viewer, household=county[1], year=2021, type="health",
                             amount=D("1"))


def _queries(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_query_counts_do_not_grow_with_households(county):
    calls = {
        "exit_quality": lambda: services.exit_quality(COUNTY, level="village"),
        "help_by_type": lambda: services.help_by_type(COUNTY),
        "help_intensity": lambda: services.help_intensity(COUNTY),
        "lost_help": lambda: services.lost_help(COUNTY),
    }
    before = {name: _queries(fn) for name, fn in calls.items()}
    # 1 for the years, 3 per year (2019–2021; PostgreSQL reads them with COPY, which the
    # query log does not see), 4 for episodes, measures, register, linkages (+1 for the
    # divisions' names).
    per_year = 0 if is_postgres() else 3
    assert before["lost_help"] == 1 + per_year * 3 + 4
    assert before["exit_quality"] == before["lost_help"] + 1
    for n in range(6):
        extra = factories.household(V2, exit_year=2020, economy=[economy(2021, 9000 + n)])
        help_(extra, 2021, TYPES[n % 5], "10")
    assert {name: _queries(fn) for name, fn in calls.items()} == before
    one = _queries(lambda: services.household_consolidation(county[2]))
    assert one == 1 + per_year * 3 + 4


def test_help_records_are_checked_and_audited(county):
    from fupin.core.models import AuditRecord

    with pytest.raises(ValidationFailed):
        help_(county[1], 2021, "industry", "-1")
    with pytest.raises(ValidationFailed):
        help_(county[1], 2021, "gift", "1")
    before = AuditRecord.objects.count()
    record = help_(county[1], 2021, "industry", "300")
    assert help_(county[1], 2021, "industry", "300") == record  # the same: nothing written
    assert AuditRecord.objects.count() == before + 1
    services.remove_help(actor="test", record=record)
    assert AuditRecord.objects.filter(action="consolidation.remove_help").count() == 1


def test_the_dashboard_reads_the_inputs_once_and_says_the_same(county):
    with CaptureQueriesContext(connection) as ctx:
        board = services.dashboard(COUNTY, level="township")
    assert board["year"] == 2021
    assert board["exit_quality"] == services.exit_quality(COUNTY, level="township")
    assert board["help_by_type"] == services.help_by_type(COUNTY, level="township")
    assert board["intensity"] == services.help_intensity(COUNTY)
    assert board["lost_help"] == services.lost_help(COUNTY)
    per_year = 0 if is_postgres() else 3
    assert len(ctx.captured_queries) == 1 + per_year * 3 + 4 + 1
    assert services.dashboard(Scope("513436100"), level="village")["exit_quality"][0][
        "exited"] == 1


def test_help_recorded_as_a_case_measure_is_refused_in_the_register(county):
    # H2's health measure runs 2020-07 to 2021-02: a register row of health in 2020 or 2021
    # would count the same help twice; another type, or a year the measure does not run, not.
    for year in (2020, 2021):
        with pytest.raises(ValidationFailed):
            help_(county[2], year, "health", "3000", source="县卫健局")
    help_(county[2], 2019, "health", "10", source="县卫健局")
    help_(county[2], 2021, "education", "10", source="县教育局")


def test_linkage_sales_and_wages_reach_but_are_not_help_amounts(county):
    link = county[4].linkages.get()
    linkage_services.record_linkage_years(actor="test", scope=COUNTY, rows=[
        {"linkage": link, "year": 2021, "purchase_value": D("800"), "wages": D("200"),
         "dividends": D("30"), "rent": D("20")}])
    rows = {(r["year"], r["type"]): (r["amount"], r["households"])
            for r in services.help_by_type(Scope(V3[:9]), level="village")}
    # Dividends and rent (asset income the linkage gives) are industry help: 50.
    assert rows == {(2021, "industry"): (D("50.00"), 1), (2021, "employment"): (D("0.00"), 1)}


def test_lost_help_looks_only_at_help_since_exit(county):
    # H7 exited 2020, helped only in 2019 while poor: not help lost in the period.
    h7 = factories.household(V1, household_id="H7", exit_year=2020, economy=[
        economy(2020, 13000), economy(2021, 13000)])
    help_(h7, 2019, "industry", "300")
    # H8 exited 2020, helped in its exit year and not since: listed.
    h8 = factories.household(V1, household_id="H8", exit_year=2020, economy=[
        economy(2020, 13000), economy(2021, 13000)])
    help_(h8, 2020, "industry", "300")
    listed = {r["household_id"]: r["last_help_year"] for r in services.lost_help(COUNTY)}
    assert listed == {"H3": 2020, "H8": 2020}
