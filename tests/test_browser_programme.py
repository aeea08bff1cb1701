"""The county programme page in a real browser: the coverage chart drawn by ECharts from local
assets (no console error or CSP violation), with the target line, and the service map."""

from __future__ import annotations

import pytest

from tests import ecommerce_programme_data as data
from tests import factories
from tests.test_browser import CHROMIUM, browser, login, open_menu, page  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
assert CHROMIUM


def test_county_officer_sees_the_coverage_chart(live_server, page):  # noqa: F811
    factories.make_tree()
    data.build()
    officer = factories.make_user("county_officer", data.HOME)
    login(page, live_server, officer)
    open_menu(page, "programme-county")
    page.wait_for_selector("#coverage-chart canvas")  # ECharts drew, CSP allowed it
    assert page.get_attribute("#coverage-chart", "data-ready") == "1"
    page.select_option("#year-select", "2019")
    page.click("#year-form button")
    page.wait_for_url("**year=2019")
    assert page.inner_text("#village-share").strip() == "66.7%"
    assert "俄尔古取村服务点" in page.inner_text("#service")
    page.wait_for_selector("#coverage-chart canvas")
