"""The funds module's score reflects the recorded money (issue 13 acceptance): planted
negative-list rows, imported through the exchange, cost the 'no negative-list expenditure'
points and the per-amount deduction; the execution rate scores between its floor and target.

The scoring arithmetic is the engine's (``fupin_engine.evaluation``, another area of issue 13);
until it is merged these tests are skipped, and they run as soon as it is.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

import fupin_engine.evaluation as engine
from fupin.core import datasets
from fupin.core.access import Scope
from fupin.evaluation.services import funds as services
from fupin.evaluation.services.funds import fund_values
from tests import factories
from tests.test_evaluation_funds_exchange import good_tables, write_csv

COUNTY = "513431000000"

pytestmark = pytest.mark.django_db


def _score(year: int):
    system = engine.default_system("fund-performance")
    found = fund_values([COUNTY], year)[COUNTY]
    values = {i.code: found[i.computed_key] for i in system.indicators()
              if i.computed_key in found}
    return system, engine.score_county(system, values)


@pytest.fixture
def officer(tree):
    return factories.make_user("county_officer", COUNTY)


def test_planted_negative_list_rows_cost_points(officer, tmp_path):
    data = good_tables()
    dataset = datasets.get("funds")
    assert dataset.run_import(write_csv(tmp_path / "clean", data), actor=officer,
                              scope=Scope("513431")).ok
    system, clean = _score(2020)
    full = {i.code: i.points for i in system.indicators()}
    assert clean.lines["sup_negative_list_clean"].points == full["sup_negative_list_clean"]
    assert clean.lines["ded_negative_list_amount"].points == 0

    data["expenditures"] += [
        {"county_code": COUNTY, "project_code": "P-2", "voucher_no": "记-N1",
         "spent_on": "2020-06-01", "category": "logistics", "amount": "20000.00",
         "payee": "某村委会", "description": "物流园区征地补偿"},
        {"county_code": COUNTY, "project_code": "P-2", "voucher_no": "记-N2",
         "spent_on": "2020-07-01", "category": "traffic", "amount": "10000.00",
         "payee": "某平台", "description": ""},
    ]
    assert dataset.run_import(write_csv(tmp_path / "flagged", data), actor=officer,
                              scope=Scope("513431")).ok
    _system, flagged = _score(2020)
    assert flagged.lines["sup_negative_list_clean"].points == 0
    # 1 point per 10,000 yuan on the negative list (30,000 yuan here).
    assert flagged.lines["ded_negative_list_amount"].points == Decimal("3.00")
    assert flagged.total < clean.total


@pytest.mark.parametrize(("spent", "points"), [("0.00", "0.00"), ("600.00", "0.00"),
                                               ("800.00", "7.50"), ("1000.00", "15.00"),
                                               ("1200.00", "15.00")])
def test_execution_rate_scores_between_floor_and_target(officer, spent, points):
    allocation = services.record_allocation(
        actor=officer, county_code=COUNTY, year=2019, end_year=2020, level="central",
        amount=Decimal("1000.00"), programme="示范县", document_no="G",
        allocated_on=dt.date(2019, 1, 10), disbursed=Decimal("1000.00"))
    project = services.add_project(actor=officer, county_code=COUNTY, year=2019, code="P",
                                   name="物流", category="logistics", budget=Decimal(1000),
                                   implementing_unit="县商务局", allocation=allocation)
    if Decimal(spent):
        services.add_expenditure(actor=officer, project=project, spent_on=dt.date(2020, 3, 1),
                                 category="logistics", amount=Decimal(spent), payee="某公司",
                                 voucher_no="V1")
    _system, score = _score(2020)
    assert score.lines["dis_execution_rate"].points == Decimal(points)
