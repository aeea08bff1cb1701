"""Fund performance in a real browser: the county officer opens the page from the menu,
records an expenditure whose description names staff wages, and finds it flagged first with
its rule, the spending chart drawn by ECharts from local assets (no console error or CSP
violation)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from fupin.evaluation.services import funds as services
from tests import factories
from tests.test_browser import CHROMIUM, browser, login, open_menu, page  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
assert CHROMIUM

COUNTY = "513431000000"


def test_officer_records_a_flagged_expenditure_and_sees_it_first(live_server, page):  # noqa: F811
    factories.make_tree()
    officer = factories.make_user("county_officer", COUNTY)
    year = timezone.localdate().year
    allocation = services.record_allocation(
        actor=officer, county_code=COUNTY, year=year, level="central",
        amount=Decimal("20000000.00"), programme="电子商务进农村综合示范", document_no="财建1号",
        allocated_on=dt.date(year, 1, 2), disbursed=Decimal("10000000.00"))
    project = services.add_project(actor=officer, county_code=COUNTY, year=year, code="P-1",
                                   name="电商培训", category="training",
                                   budget=Decimal("500000.00"), implementing_unit="县商务局",
                                   allocation=allocation)
    services.add_expenditure(actor=officer, project=project, spent_on=dt.date(year, 1, 3),
                             category="training", amount=Decimal("2000000.00"),
                             payee="某培训机构", voucher_no="记-1", description="培训费")
    login(page, live_server, officer)
    open_menu(page, "funds-county")
    page.wait_for_selector("#category-chart canvas")  # ECharts drew, CSP allowed it
    assert page.inner_text("#execution-rate").strip() == "10.00"
    page.click("text=登记支出")
    page.select_option("#f-category", "training")
    page.fill("#f-date", dt.date(year, 1, 4).isoformat())
    page.fill("#f-amount", "3000")
    page.fill("#f-payee", "县电商中心")
    page.fill("#f-voucher", "记-2")
    page.fill("#f-desc", "讲师工资")
    page.click("#fund-form button[type=submit]")
    page.wait_for_selector("#negative-summary")
    first = page.inner_text("#county-expenditures tbody tr:first-child")
    assert "记-2" in first
    assert "负面清单关键词" in first
    assert "工资" in first
