"""One county from round opening to its published scorecard, in a real browser (issue 13
acceptance): the province opens the round, the county enters its values with an evidence
file and submits, the evaluator verifies, the province reviews and publishes, and the
scorecard shows the total, the grade and the rank with its range; its PDF and XLSX download
and read back (pypdf, python-calamine)."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from pypdf import PdfReader
from python_calamine import CalamineWorkbook

from fupin.evaluation.models import CountyEvaluation, Result
from fupin_engine.evaluation import default_system
from tests import factories
from tests.test_browser import CHROMIUM, browser, login, open_menu  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
assert CHROMIUM

COUNTY = "513431000000"


def _value_for(code: str) -> str:
    """What a county that met every target enters: the target, the most events of a count,
    none of a deduction, yes for a yes/no item."""
    indicator = default_system().indicator(code)
    if indicator.method == "deduction":
        return "0"
    if indicator.method == "boolean":
        return "1"
    if indicator.method == "count":
        return str(int(indicator.points / indicator.per_event))
    return str(indicator.target)


@pytest.fixture
def tab(browser):  # noqa: F811
    """A Chinese browser that records script errors, console errors and server errors."""
    context = browser.new_context(locale="zh-CN", accept_downloads=True)
    p = context.new_page()
    errors: list[str] = []
    p.on("pageerror", lambda exc: errors.append(str(exc)))
    p.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    p.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 500
         else None)
    p.errors = errors
    yield p
    context.close()
    assert not errors, f"browser errors: {errors}"


def _as(tab, live_server, user) -> None:
    tab.context.clear_cookies()
    login(tab, live_server, user)


def _step(tab, action: str) -> None:
    with tab.expect_navigation():
        tab.click(f"#steps form[data-action={action}] button[type=submit]")
    assert not tab.query_selector(".step-error"), tab.inner_text(".step-error")


def test_one_county_from_round_opening_to_its_published_scorecard(live_server, tab, tmp_path):
    factories.make_tree()
    province = factories.make_user("province_viewer", "510000000000")
    officer = factories.make_user("county_officer", COUNTY)
    evaluator = factories.make_user("evaluator", COUNTY)

    # The province opens the round for one county.
    _as(tab, live_server, province)
    tab.goto(f"{live_server.url}/evaluation/rounds/")
    tab.fill("#r-year", "2021")
    tab.fill("#r-submit", "2022-03-31")
    tab.fill("#r-verify", "2022-05-31")
    for box in tab.query_selector_all("#open-round input[name=counties]"):
        box.set_checked(box.get_attribute("value") == COUNTY)
    with tab.expect_navigation():
        tab.click("#open-round button[type=submit]")
    assert "昭觉县" in tab.inner_text("#round-counties")
    evaluation = CountyEvaluation.objects.get(division_code=COUNTY)
    county_url = f"{live_server.url}/evaluation/counties/{evaluation.pk}/"

    # The county enters every value it submits (one with an evidence file) and submits.
    _as(tab, live_server, officer)
    tab.goto(county_url)
    codes = [el.get_attribute("value") for el in
             tab.query_selector_all("form.submit-value input[name=code]")]
    assert len(codes) > 10
    for code in codes:
        form = f"form.submit-value:has(input[name=code][value={code}])"
        tab.fill(f"{form} input[name=value]", _value_for(code))
        with tab.expect_navigation():
            tab.click(f"{form} button")
    evidence = tmp_path / "领导小组文件.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% evidence\n")
    first = f"form.add-evidence:has(input[name=code][value={codes[0]}])"
    tab.set_input_files(f"{first} input[type=file]", str(evidence))
    with tab.expect_navigation():
        tab.click(f"{first} button")
    assert "领导小组文件.pdf" in tab.inner_text(f"#v-{codes[0]}")
    _step(tab, "submit_evaluation")
    assert tab.get_attribute("#evaluation-state", "data-state") == "submitted"

    # The evaluator verifies; the province reviews and publishes the round.
    _as(tab, live_server, evaluator)
    tab.goto(county_url)
    _step(tab, "verify_evaluation")
    _as(tab, live_server, province)
    tab.goto(county_url)
    _step(tab, "review_evaluation")
    tab.goto(f"{live_server.url}/evaluation/rounds/{evaluation.round_id}/")
    with tab.expect_navigation():
        tab.click("#publish-round button")
    result = Result.objects.get(evaluation=evaluation)

    # The scorecard: from the menu's table of counties, drill into the county.
    open_menu(tab, "evaluation-scorecards")
    tab.wait_for_selector("#scorecard-counties")
    with tab.expect_navigation():
        tab.click("#scorecard-counties >> text=昭觉县")
    assert tab.inner_text("#scorecard-total").strip() == str(result.total)
    assert tab.get_attribute("#scorecard-grade", "data-grade") == result.grade
    assert tab.inner_text("#scorecard-rank").startswith("第 1 名（共 1 个县）")
    assert "领导小组文件.pdf" in tab.inner_text("#scorecard-indicators")

    # The PDF and the XLSX download and read back.
    with tab.expect_download() as pdf_download:
        tab.click("#scorecard-pdf")
    text = "".join(p.extract_text() for p in PdfReader(
        io.BytesIO(pdf_download.value.path().read_bytes())).pages).replace(" ", "")
    assert "昭觉县" in text
    assert str(result.total) in text
    with tab.expect_download() as xlsx_download:
        tab.click("#scorecard-xlsx")
    book = CalamineWorkbook.from_path(str(xlsx_download.value.path()))
    head = {r[0]: r[1] for r in book.get_sheet_by_index(0).to_python()[1:]}
    assert Decimal(str(head["总分"])) == result.total
