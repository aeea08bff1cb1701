"""One media-visit finding from entry to verified rectification to a 通报 (public notice), in
a real Chromium, as the evaluator, the county officer and the province in turn."""

from __future__ import annotations

import re

import pytest

from fupin.accountability.models import AccountabilityAction, Finding
from fupin.core import audit, labels
from tests import factories
from tests.test_browser import CHROMIUM, browser, open_menu, page  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
assert CHROMIUM


def login(page, live_server, user):  # noqa: F811
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", factories.PASSWORD)
    page.click("button[type=submit].w-100")
    page.wait_for_url(f"{live_server.url}/dashboard/")


def act(page, action: str, note: str):  # noqa: F811
    form = page.locator(f"form[data-action={action}]")
    form.locator("[name=note]").fill(note)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def state(page) -> str:  # noqa: F811
    return page.get_attribute("#rect-state", "data-state")


def test_media_visit_to_verified_rectification_to_public_notice(live_server, page):  # noqa: F811
    factories.make_tree()
    evaluator = factories.make_user("evaluator", "513431000000")
    officer = factories.make_user("county_officer", "513431000000")
    province = factories.make_user("province_viewer", "510000000000")

    # Evaluator: enters what the undercover visit found.
    login(page, live_server, evaluator)
    open_menu(page, "finding-list")
    page.click("#new-finding")
    page.select_option("#source", "media_visit")
    page.fill("#responsible_unit", "昭觉县商务局")
    page.fill("#title", "电商服务站挂牌未运营")
    page.fill("#description", "暗访发现三个村级服务站长期关门")
    page.fill("#outlet", "四川日报")
    page.select_option("#severity", "serious")
    page.click("#finding-form button[type=submit]")
    page.wait_for_selector("#rect-state")
    assert state(page) == "assigned"
    assert "四川日报" in page.inner_text("#finding-facts")
    finding_url = page.url

    # County officer: finds it in the inbox, plans, reports, claims completion.
    login(page, live_server, officer)
    page.goto(f"{live_server.url}/accountability/")
    assert "电商服务站挂牌未运营" in page.inner_text("#findings")
    page.goto(finding_url)
    act(page, "submit_plan", "一周内恢复运营并公示值守人员")
    act(page, "claim_completion", "三个服务站已恢复运营")
    assert state(page) == "claimed"
    assert "三个服务站已恢复运营" in page.inner_text("#timeline")

    # Evaluator: verifies on site, proposes a public notice.
    login(page, live_server, evaluator)
    page.goto(finding_url)
    act(page, "verify", "回访属实")
    assert state(page) == "verified"
    form = page.locator("#action-form")
    form.locator("select[name=kind]").select_option("notice")
    form.locator("[name=decision_document]").fill("川商通〔2026〕12号")
    form.locator("[name=decision_date]").fill("2026-11-20")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("#finding-actions tr[data-kind=notice]")
    assert page.get_attribute("#finding-actions tr[data-kind=notice]",
                              "data-state") == "proposed_province"

    # Province: approves the public notice.
    login(page, live_server, province)
    page.goto(finding_url)
    page.click("form[data-decide=approve] button")
    page.wait_for_load_state()
    assert page.get_attribute("#finding-actions tr[data-kind=notice]",
                              "data-state") == "approved"
    # A Chinese page shows words, never the codes behind them.
    text = page.inner_text("main")
    codes = labels.all_codes()
    for kind in ("finding_source", "finding_category", "finding_severity",
                 "rectification_state", "action_state", "action_kind"):
        shown = {c for c in codes[kind] if re.search(rf"\b{re.escape(c)}\b", text)}
        assert not shown, f"{kind} codes on the page: {shown}"
    assert "已验收销号" in text
    page.goto(f"{live_server.url}/accountability/dashboard/")
    page.wait_for_selector("#by-source canvas")

    finding = Finding.objects.get()
    assert finding.rectification.state == "verified"
    assert AccountabilityAction.objects.get().state == "approved"
    assert audit.verify().ok
