"""The county's first screen in a real browser: ECharts from local assets, no console error or
CSP violation, and the drill-down township → village → the village's day."""

from __future__ import annotations

import pytest

from fupin.cases import services
from fupin.cases.models import Channel
from tests import factories
from tests.test_browser import CHROMIUM, browser, login, page  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
assert CHROMIUM


def test_county_officer_drills_down_from_the_county_to_a_village(live_server, page):  # noqa: F811
    factories.make_tree()
    officer = factories.make_user("county_officer", "513431000000")
    household = factories.household(factories.HOME_VILLAGE, head_name="预警户主")
    services.open_or_attach(actor=officer, household=household, channel=Channel.CADRE_VISIT,
                            source="test", kind="income_drop")
    login(page, live_server, officer)
    page.wait_for_selector("#category-chart canvas")  # ECharts drew, CSP allowed it
    page.wait_for_selector("#case-trend canvas")
    assert page.inner_text("#new-alerts").strip() == "1"
    page.click("#area-table >> text=新城镇")
    page.wait_for_selector("#village-table")
    assert "新城镇" in page.inner_text("#crumbs")
    page.click("#village-table >> text=俄尔古取村村民委员会")
    page.wait_for_selector("#today-alerts")
    assert "预警户主" in page.inner_text("#today-alerts")
    page.click("#today-alerts >> text=预警户主")
    page.wait_for_url(f"{live_server.url}/cases/**")
