"""The household page's history by year in a real browser: a county officer searches a
household imported for three years, opens it and reads each year's status, members and line,
in Chinese then in English."""

from __future__ import annotations

import re

import pytest

from fupin.core.access import Scope
from fupin.households.importer import run_import
from tests import factories
from tests.test_browser import CHROMIUM, browser, login, page  # noqa: F401
from tests.test_registry_history import snapshots, write

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
assert CHROMIUM


def test_county_officer_reads_a_households_history_by_year(live_server, page, tmp_path):  # noqa: F811
    factories.make_tree()
    snaps = snapshots(seed=13, n=12)
    folders = write(tmp_path, snaps)
    for year in (2021, 2019, 2020):
        assert run_import(folders[year], actor="test", scope=Scope.nation()).ok
    hid = snaps[2021].households[1]["household_id"]  # a child was born here in 2020
    login(page, live_server, factories.make_user("county_officer", "513431000000"))
    page.click("nav >> text=农户")
    page.wait_for_selector("#households")
    page.fill("input[name=q] >> nth=1", hid)
    page.click("form button[type=submit].btn-primary")
    page.click(f"#households >> text={hid}")
    page.wait_for_selector("#years")
    assert "历年状态" in page.content()
    years = page.locator("#years tbody tr")
    assert [years.nth(i).get_attribute("data-year") for i in range(years.count())] == [
        "2021", "2020", "2019"]
    row_2020 = page.inner_text("#years tr[data-year='2020']")
    assert "出生" in row_2020
    assert re.search(r"\b6,?000\b", page.inner_text("#years tr[data-year='2021']"))
    page.click("button[data-lang=en]")
    page.wait_for_selector("text=History by year")
    assert "born" in page.inner_text("#years tr[data-year='2020']")
