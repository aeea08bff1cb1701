"""An integrity run from the screen to a lead, in a real Chromium (issue 16, ADR 0037): the
province starts a run, waits for the worker, opens a flagged signal and sees its plot and
the finding it opened; a county officer of the manipulated county sees the same signal."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from fupin.monitoring.integrity_models import IntegritySignal
from tests import factories, integrity_helpers
from tests.test_browser import browser, login, open_menu, page  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_province_starts_a_run_and_opens_a_flagged_signal(live_server, page, tmp_path):  # noqa: F811
    factories.make_tree()
    integrity_helpers.registry(tmp_path / "snap")
    login(page, live_server, factories.make_user("province_viewer", "510000000000"))
    open_menu(page, "integrity-signals")
    page.select_option("#integrity-level", "county")
    page.click("#integrity-start")
    expect(page.locator("#integrity-running")).to_be_visible()
    call_command("worker", batch=True, verbosity=0)
    expect(page.locator("#integrity-done")).to_be_visible(timeout=15_000)
    page.click("#integrity-open")
    page.wait_for_selector("#signals")
    bunched = IntegritySignal.objects.get(test="bunching", division_code="513431000000")
    assert bunched.flagged
    page.click(f"#signals a[href='/monitoring/integrity/signals/{bunched.pk}/']")
    page.wait_for_selector("#signal-facts")
    expect(page.locator("#signal-chart canvas")).to_have_count(1)
    expect(page.locator("#signal-chart")).to_have_attribute("data-drawn", "1")
    finding = page.locator("#signal-finding")
    expect(finding).to_be_visible()
    target = reverse("finding-detail", args=[bunched.finding_id])
    assert finding.get_attribute("href") == target
    finding.click()
    page.wait_for_url(f"{live_server.url}{target}")
    expect(page.locator("#rect-state")).to_have_attribute("data-state", "assigned")

    page.context.clear_cookies()
    login(page, live_server, factories.make_user("county_officer", "513431000000"))
    page.goto(f"{live_server.url}/monitoring/integrity/signals/{bunched.pk}/")
    expect(page.locator("#signal-households a").first).to_be_visible()
