"""Real headless Chromium against the live server (Debian's chromium, driven by Playwright)."""

from __future__ import annotations

import os
import re
import shutil

import pytest
from playwright.sync_api import expect

from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    if os.environ.get("CI") == "true":
        raise RuntimeError("CI=true but no chromium on PATH: install Debian's chromium")
    pytest.skip("chromium is not installed (apt-get install chromium)", allow_module_level=True)

# Playwright's sync API runs an event loop in this thread; the ORM calls the fixtures make
# here are synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"],
        )
        yield b
        b.close()


@pytest.fixture
def page(browser):
    # An English browser: fupin still opens in Chinese until the user switches.
    context = browser.new_context(locale="en-US")
    p = context.new_page()
    errors: list[str] = []
    p.on("pageerror", lambda exc: errors.append(str(exc)))
    p.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    p.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status == 404 else None)
    p.errors = errors
    yield p
    context.close()
    assert not errors, f"browser errors: {errors}"


def open_menu(page, url_name: str) -> None:
    """Click a header entry, opening its drop-down first when it sits in one."""
    link = page.locator(f"#main-menu [data-menu='{url_name}']")
    toggle = page.locator(f"#main-menu li.dropdown:has([data-menu='{url_name}']) "
                          ".dropdown-toggle")
    if toggle.count():
        toggle.click()
    link.click()


def login(page, live_server, user):
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", factories.PASSWORD)
    page.click("button[type=submit].w-100")
    page.wait_for_url(f"{live_server.url}/dashboard/")


def test_township_reviewer_sees_only_the_township_in_chinese_then_english(live_server, page):
    factories.make_tree()
    mine = [factories.household(factories.HOME_VILLAGE, head_name=f"本镇户主{i}")
            for i in range(3)]
    elsewhere = [factories.household(factories.OTHER_TOWNSHIP_VILLAGE, head_name="邻镇户主"),
                 factories.household(factories.OTHER_COUNTY_VILLAGE, head_name="外县户主")]
    reviewer = factories.make_user("township_reviewer", factories.HOME_TOWNSHIP)

    login(page, live_server, reviewer)
    assert "新城镇" in page.inner_text("#scope-division")
    assert "乡镇" in page.inner_text("#scope-division")
    # A township's first screen compares its villages (ADR 0033).
    page.wait_for_selector("#village-table")
    assert "各村对比" in page.content()
    assert "俄尔古取村" in page.inner_text("#village-table")

    page.click("nav >> text=农户")
    page.wait_for_selector("#households")
    table = page.inner_text("#households")
    for h in mine:
        assert h.household_id in table
    for h in elsewhere:
        assert h.household_id not in table
    assert "户编号" in table
    assert "户主" in table
    assert "3 户" in page.inner_text("#household-count")

    # Search by the masked ID as shown on screen (htmx swaps the table in place).
    member = mine[1].members.get(relation="head")
    page.fill("input[name=q] >> nth=1", member.id_number_masked)
    page.click("form button[type=submit].btn-primary")
    expect(page.locator("#household-count")).to_have_text(re.compile(r"^1 "))
    assert mine[1].household_id in page.inner_text("#households")

    # Household page: masked IDs; reveal shows the number and is audited.
    page.click(f"text={mine[1].household_id}")
    page.wait_for_selector("#members")
    assert member.id_number_masked in page.inner_text("#members")
    full = member.reveal_id_number()
    assert full not in page.content()
    page.click(f"#id-{member.pk} button")
    page.wait_for_selector(f"#id-{member.pk} code.text-danger")
    assert full in page.inner_text(f"#id-{member.pk}")

    # Switch to English.
    page.click("button[data-lang=en]")
    page.wait_for_selector("text=Members")
    assert "Guarantees" in page.content()
    page.click("nav >> text=Households")
    page.wait_for_selector("#households")
    assert "Household ID" in page.inner_text("#households")
    assert "Township reviewer" in page.inner_text(".scope-bar")


def test_wrong_password_is_refused_and_then_locked(live_server, page):
    factories.make_tree()
    user = factories.make_user("village_cadre", factories.HOME_VILLAGE)
    for _ in range(5):
        page.goto(f"{live_server.url}/login/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", "wrong-password")
        page.click("button[type=submit].w-100")
    assert "锁定" in page.content()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", factories.PASSWORD)
    page.click("button[type=submit].w-100")
    assert "锁定" in page.content()
    assert "/dashboard/" not in page.url
    # The lock-out answers 429, which the browser logs; that is the expected error here.
    page.errors[:] = [e for e in page.errors if "429" not in e]


def test_api_docs_page_renders_from_local_assets(live_server, page):
    factories.make_tree()
    user = factories.make_user("county_officer", "513431000000")
    login(page, live_server, user)
    page.goto(f"{live_server.url}/api/docs")
    page.wait_for_selector(".opblock")
    assert "/api/households/{household_id}" in page.content()
    page.goto(f"{live_server.url}/api/openapi.json")
    assert '"openapi": "3' in page.content() or '"openapi":"3' in page.content()
