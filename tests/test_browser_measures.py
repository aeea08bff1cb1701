"""The poverty measures screen in a real browser: the menu entry, ECharts from local assets
without a console error or CSP violation, and a click on a bar drills down keeping the year,
line, k and dimensions."""

from __future__ import annotations

import pytest

from fupin.core.access import Scope
from fupin.households.exporter import write_generated
from fupin.households.importer import run_import
from fupin_engine.generate import generate
from tests import factories
from tests.test_browser import CHROMIUM, browser, login, open_menu, page  # noqa: F401
from tests.test_exchange import VILLAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
assert CHROMIUM


def test_county_officer_opens_the_measures_and_drills_down_by_the_chart(
        live_server, page, tmp_path):  # noqa: F811
    factories.make_tree()
    write_generated(tmp_path / "gen", "csv", generate(
        county_code="513431000000", villages=VILLAGES, households=60, years=[2020, 2021],
        seed=21))
    assert run_import(tmp_path / "gen", actor="test", scope=Scope.nation()).ok
    officer = factories.make_user("county_officer", "513431000000")
    login(page, live_server, officer)
    open_menu(page, "dashboard-measures")
    page.wait_for_selector("#measures-chart canvas")  # ECharts drew, CSP allowed it
    assert "新城镇" in page.inner_text("#measures-rows")
    page.fill("#m-k", "1")
    page.click("#measures-form button[type=submit]")
    page.wait_for_selector("#measures-chart canvas")
    box = page.locator("#measures-chart canvas").bounding_box()
    # The first bar (新城镇) sits in the left half of the plot; click along its height (the
    # pointer over a bar opens the tooltip too: no CSP violation, the page fixture checks).
    for dy in range(60, 320, 10):
        page.mouse.click(box["x"] + box["width"] * 0.3, box["y"] + box["height"] - dy)
        page.wait_for_timeout(300)
        if "division=513431100000" in page.url:
            break
    page.wait_for_url("**division=513431100000**")
    assert "k=1" in page.url
    page.wait_for_selector("#measures-rows")
    assert "俄尔古取村" in page.inner_text("#measures-rows")
    assert page.input_value("#m-k") == "1"
