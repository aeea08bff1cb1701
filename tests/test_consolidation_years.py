"""The consolidation engine's years and provinces (ADR 0050): only the years the registry can
answer as of are analysed, and a scope over two provinces holds each household to its own
province's guarantees and line (the monitoring run's plan over the provinces present)."""

from __future__ import annotations

import pytest

from fupin.consolidation import inputs, services
from fupin.core.access import Scope
from fupin.households.models import HouseholdState
from tests import factories
from tests.test_monitoring_provinces import HEBEI_VILLAGE, LIAONING_VILLAGE, TREE, line

COUNTY = Scope("513431")


def _state(household, year: int) -> HouseholdState:
    values = {f: getattr(household, f) for f in (
        "status", "exit_year", "housing_grade", "relocated", "water_quantity_ok",
        "water_quality_ok", "water_access_ok", "water_reliability_ok", "dibao", "tekun")}
    return HouseholdState.objects.create(household=household, year=year,
                                         village_code=household.village_id, **values)


def test_only_years_the_registry_can_answer_as_of(tree):
    h = factories.household(factories.HOME_VILLAGE, household_id="S1", exit_year=2019,
                            economy=[{"year": y, "wage": 14000} for y in (2018, 2019, 2020,
                                                                          2021)])
    # Before any yearly state, the registry answers for every year it holds income for.
    assert inputs.analysed_years(COUNTY) == [2018, 2019, 2020, 2021]
    # The 2020 snapshot carries 2019's economy; 2019 and 2018 have no state of their own.
    _state(h, 2020)
    assert inputs.analysed_years(COUNTY) == [2020, 2021]
    assert inputs.analysed_years(COUNTY, 2020) == [2020]
    _state(h, 2019)
    assert inputs.analysed_years(COUNTY, household_id="S1") == [2019, 2020, 2021]
    years = [y["year"] for y in services.household_consolidation(h)["years"]]
    assert years == [2019, 2020, 2021]


@pytest.fixture
def two_provinces(tree):
    from fupin.regions.models import Division

    for code, name, level, parent in TREE:
        Division.objects.get_or_create(code=code, defaults={"name": name, "level": level,
                                                            "parent_id": parent})
    out = {}
    for village in (HEBEI_VILLAGE, LIAONING_VILLAGE):
        # 7,280 per person: above 辽宁's 2022 line (7,260), below 河北's (7,300).
        h = factories.household(village, exit_year=2020,
                                economy=[{"year": 2022, "wage": 2 * 7280}])
        out[village[:2]] = h
    return out


def test_a_national_scope_holds_each_province_to_its_own(two_provinces):
    assert line("13") > 7280 > line("21")
    table = inputs.years_table(Scope.nation(), [2022]).to_pylist()
    assert len(table) == 2
    assert all(r["guarantees_ok"] is not None for r in table)  # the pack's verdict, per province
    engine = inputs.build(Scope.nation(), 2022)
    try:
        above = {r["household_id"]: r["above_line"] for r in engine.household_years()
                 .to_pylist() if r["year"] == 2022}
    finally:
        engine.close()
    assert above == {two_provinces["13"].household_id: False,
                     two_provinces["21"].household_id: True}
