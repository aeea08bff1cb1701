"""The consolidation screens in a real headless Chromium, as a county officer: quality of exit
(the chart drawn by ECharts from local assets, no console error or CSP violation), drill-down
township → village → household, the household page's "since exit" section, help by type,
the counties that cut help, and the follow-up list to a household."""

from __future__ import annotations

import pytest

from tests import consolidation_screens_data as data
from tests import factories
from tests.test_browser import CHROMIUM, browser, login, open_menu, page  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
assert CHROMIUM


def test_county_officer_walks_the_consolidation_screens(live_server, page):  # noqa: F811
    factories.make_tree()
    data.build()
    officer = factories.make_user("county_officer", data.COUNTY)
    login(page, live_server, officer)

    # Quality of exit: the county's townships, the chart drawn.
    open_menu(page, "consolidation-quality")
    page.wait_for_selector("#exit-quality")
    page.wait_for_selector("#quality-chart canvas")
    assert page.get_attribute("#quality-chart", "data-ready") == "1"
    assert "巩固成效" in page.inner_text("h1")
    table = page.inner_text("#exit-quality")
    assert "新城镇" in table
    assert "城北镇" in table

    # Drill down: township → village → its exited households → the household page.
    page.click(f"#exit-quality a[data-code='{factories.HOME_TOWNSHIP}']")
    page.wait_for_url(f"**division={factories.HOME_TOWNSHIP}*")
    assert "新城镇" in page.inner_text("#focus-name")
    page.click(f"#exit-quality a[data-code='{data.V1}']")
    page.wait_for_selector("#village-households")
    households = page.inner_text("#village-households")
    assert "QS1" in households
    assert "QS2" in households
    assert "QS5" not in households
    page.click("#village-households a:text('QS2')")
    page.wait_for_selector("#since-exit-years")
    assert page.locator("#since-exit-years tr[data-year='2020'] .cross").count() == 1
    assert "处于巩固提升期" in page.inner_text("#since-exit")

    # Help by type: the chart and the rows; the county that cut help is marked.
    open_menu(page, "consolidation-help")
    page.wait_for_selector("#help-chart canvas")
    assert "教育帮扶" in page.inner_text("#help-by-type")
    open_menu(page, "consolidation-intensity")
    page.wait_for_selector("#help-intensity")
    assert page.locator("#help-intensity tr.cut-help").count() == 1
    assert "昭觉县" in page.inner_text("#cut-help")

    # The follow-up list: the household that lost all help, one click from its page.
    open_menu(page, "consolidation-lost")
    page.wait_for_selector("#lost-help")
    assert "QS3" in page.inner_text("#lost-help")
    assert "QS9" not in page.content()
    page.click("#lost-help a:text('QS3')")
    page.wait_for_selector("#since-exit-years")
    assert "断档户丙" in page.inner_text("h1")
