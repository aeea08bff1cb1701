"""Job screens end in a real browser: the run's poll draws a link, not the run page inside
the list; a bad upload ends failed with its reason; the ledger check shows it is busy
(issue 11). Headless Chromium; the worker runs in the test's thread."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from fupin.core.access import Scope
from fupin.households.importer import run_import
from tests import factories
from tests.test_browser import browser, login, page  # noqa: F401 (fixtures)
from tests.test_exchange import _generated

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def work():
    call_command("worker", batch=True, verbosity=0)


def test_a_finished_run_is_a_link_in_the_list_not_the_run_page(live_server, page, tmp_path):  # noqa: F811
    factories.make_tree()
    assert run_import(_generated(tmp_path, n=20, seed=6), actor="test", scope=Scope.nation()).ok
    login(page, live_server, factories.make_user("county_officer", "513431000000"))
    page.goto(f"{live_server.url}/monitoring/")
    page.click("#start-run button[type=submit]")
    expect(page.locator("#run-running")).to_be_visible()
    work()
    expect(page.locator("#run-done")).to_be_visible(timeout=15_000)
    assert page.locator("nav.navbar").count() == 1  # the list's own, none drawn inside it
    assert page.locator("#run-state h1").count() == 0
    assert page.locator("#run-state").get_attribute("hx-trigger") is None
    page.click("#run-open")
    page.wait_for_url(f"{live_server.url}/monitoring/runs/**")


def test_a_file_that_is_not_excel_ends_failed_on_screen(live_server, page, tmp_path,  # noqa: F811
                                                        settings):
    settings.FUPIN_EXCHANGE_DIR = tmp_path / "exchange"
    factories.make_tree()
    login(page, live_server, factories.make_user("county_officer", "513431000000"))
    page.goto(f"{live_server.url}/exchange/")
    fake = tmp_path / "名单.xlsx"
    fake.write_bytes("户编号,姓名\n1,张三\n".encode("gbk"))
    page.set_input_files("#upload-form input[type=file]", str(fake))
    page.click("#upload-form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/exchange/jobs/**")
    expect(page.locator("#job-progress")).to_be_visible()
    work()
    expect(page.locator("#failed-reason")).to_contain_text("名单.xlsx", timeout=15_000)
    expect(page.locator("#retry")).to_be_visible()
    assert page.locator("#job-status").get_attribute("hx-trigger") is None
    assert page.locator("nav.navbar").count() == 1


def test_the_ledger_check_shows_that_it_is_busy(live_server, page):  # noqa: F811
    factories.make_tree()
    login(page, live_server, factories.make_user("auditor", "513431000000"))
    page.goto(f"{live_server.url}/audit/")
    busy = page.locator("#verify-busy")
    expect(busy).to_be_hidden()
    page.click("#verify-form button[type=submit]")
    expect(page.locator("#verify-result .alert")).to_be_visible()
    expect(busy).to_be_hidden()
