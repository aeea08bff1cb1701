"""Linkage quality indicators equal a hand computation on a small county, in a pinned number
of queries (one per family), on SQLite and PostgreSQL alike."""

from __future__ import annotations

from decimal import Decimal

import pytest

from fupin.core.access import Scope
from fupin.ecommerce.indicators import KEYS, linkage_quality
from fupin.ecommerce.services.linkages import record_linkage_years
from fupin.monitoring import services as monitoring
from tests import factories
from tests.ecommerce_linkage_helpers import COUNTY, enterprise, linkage

HOME, OTHER = "513431000000", "513436000000"


@pytest.fixture
def county(tree):
    ent = enterprise()
    hh = {n: factories.household(status=s, exit_year=2019 if s == "exited" else None,
                                 economy=e)
          for n, s, e in [
              # h1 also lost money in e-commerce: a loss of 15,000 against a base of 6,000.
              ("h1", "poor", [{"year": 2021, "wage": 20000, "ecommerce_cost": 15000}]),
              ("h2", "exited", []), ("h3", "general", []), ("h4", "poor", []),
              ("h5", "exited", [])]}
    links = [
        (hh["h1"], "2020-03-01", None, {"dividends": 1000}),      # 12 months by 31 Dec
        (hh["h2"], "2021-06-01", None, {"wages": 3000}),          # not 12 months
        (hh["h3"], "2020-01-01", "2021-08-31", {"purchase_value": 500}),  # ended, 12 months
        (hh["h3"], "2021-02-01", None, {"rent": 700}),
        (hh["h4"], "2019-01-01", "2020-12-31", None),              # not linked in 2021
        (hh["h5"], "2021-03-01", None, None),                      # linked, no amounts: 0
    ]
    rows = []
    for household, start, end, amounts in links:
        lk = linkage(household, ent, started_on=start, ended_on=end)
        if amounts:
            rows.append({"linkage": lk, "year": 2021, **amounts})
    there = factories.household(factories.OTHER_COUNTY_VILLAGE)
    lk = linkage(there, ent, started_on="2021-01-01", scope=Scope("513436"))
    rows_there = [{"linkage": lk, "year": 2021, "wages": 99999}]
    record_linkage_years(actor="test", scope=COUNTY, rows=rows)
    record_linkage_years(actor="test", scope=Scope("513436"), rows=rows_there)
    monitoring.run_monitoring(actor="test", year=2021, scope=COUNTY)
    # A second, later run: h6's loss is found only there, and the latest run counts.
    factories.household(economy=[{"year": 2021, "wage": 20000, "ecommerce_revenue": 1000,
                                  "ecommerce_cost": 20000}])
    monitoring.run_monitoring(actor="test", year=2021, scope=COUNTY)
    return hh


def test_indicators_equal_the_hand_computation(county, django_assert_num_queries):
    with django_assert_num_queries(4):  # counts, income, runs, losses
        result = linkage_quality(Scope("51"), 2021)
    assert set(result) == {HOME, OTHER}
    home = result[HOME]
    assert set(home) == set(KEYS)
    assert home == {
        "linked": 4, "poor_linked": 1, "exited_linked": 2,
        "linked_12_months_share": 0.5,                  # h1 and h3 of h1, h2, h3, h5
        "income_mean": Decimal("1300.00"),              # (1000 + 3000 + 1200 + 0) / 4
        "income_median": Decimal("1100.00"),            # between 1000 and 1200
        "ended_in_year": 1,
        "ecom_loss_households": 2, "ecom_loss_linked": 1,   # h1 and h6; h1 is linked
    }
    assert result[OTHER]["income_median"] == Decimal("99999.00")
    assert result[OTHER]["ecom_loss_households"] == 0  # no run over that county


def test_a_county_scope_sees_only_its_county_and_asked_counties_get_zeros(county):
    mine = linkage_quality(COUNTY, 2021, county_codes=[HOME, OTHER])
    assert set(mine) == {HOME}
    early = linkage_quality(Scope("51"), 2019, county_codes=[HOME, OTHER])
    assert early[OTHER]["linked"] == 0
    assert early[OTHER]["income_median"] is None
    assert early[HOME]["linked"] == 1  # h4 only
    both = linkage_quality(Scope("51"), 2022, county_codes=[HOME, OTHER])
    assert both[OTHER]["linked"] == 1
    assert both[OTHER]["income_median"] == 0  # linked, no 2022 amounts
    assert both[HOME]["linked"] == 4  # open linkages still run in 2022
    # All four started before 1 January 2022 and still run on 31 December.
    assert both[HOME]["linked_12_months_share"] == 1.0
