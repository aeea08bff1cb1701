"""The evaluator opens a county's assessment (the sample drawn), enters an interview on the
phone form at a phone's viewport, completes field work and estimates — in a real Chromium."""

from __future__ import annotations

import pytest

from fupin.assessment import services
from fupin.assessment.choices import Outcome
from fupin.assessment.models import Assessment, Submission
from tests import factories
from tests.assessment_helpers import COUNTY, answers_for, county_registry
from tests.test_browser import CHROMIUM, browser, login, open_menu, page  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
assert CHROMIUM


def test_evaluator_opens_interviews_on_a_phone_and_estimates(live_server, page):  # noqa: F811
    factories.make_tree()
    county_registry()
    evaluator = factories.make_user("evaluator", COUNTY)

    login(page, live_server, evaluator)
    open_menu(page, "assessment-list")
    page.click("#new-assessment")
    page.select_option("#county_code", COUNTY)
    page.fill("#year", "2026")
    page.fill("#seed", "20260601")
    page.fill("#villages", "2")
    page.fill("#households", "8")
    page.click("#open-form button[type=submit]")
    page.wait_for_selector("#assessment-state")
    assert page.get_attribute("#assessment-state", "data-state") == "fieldwork"
    assert page.inner_text("#seed") == "20260601"
    assessment = Assessment.objects.get()
    detail = page.url

    # The phone form, at a phone's size: one household, interviewed.
    page.set_viewport_size({"width": 390, "height": 844})
    page.click("#field-link")
    first = page.locator("#field-list [data-household]").first
    household = first.get_attribute("data-household")
    first.click()
    unit = assessment.units.get(household_id=household)
    page.click("label[for=outcome-interviewed]")
    page.click("label[for=officials_present-no]")
    if unit.status == "exited":
        page.click("label[for=wrongly_exited-no]")
    if unit.stratum == "unregistered":
        page.click("label[for=omitted-no]")
    page.click("label[for=approves-yes]")
    page.fill("#interviewer", "调查员甲")
    button = page.locator("#field-submit")
    box = button.bounding_box()
    assert box["width"] >= 300
    assert box["height"] >= 44
    button.click()
    page.wait_for_selector("#field-list")
    sub = Submission.objects.get(unit__household_id=household)
    assert sub.approves
    assert sub.channel == "web"
    assert not sub.officials_present
    assert f'data-household="{household}"' not in page.content()

    # The rest of the field results arrive (as from ODK); then complete and estimate.
    for u in assessment.units.filter(active=True, outcome=Outcome.PENDING):
        services.record_interview(actor=evaluator, unit=u, answers=answers_for(u))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(detail)
    page.click("form[data-action=complete_fieldwork] button[type=submit]")
    page.wait_for_selector("form[data-action=estimate]")
    page.click("form[data-action=estimate] button[type=submit]")
    page.wait_for_selector("#estimates")
    assert page.get_attribute("#assessment-state", "data-state") == "estimated"
    rows = page.locator("#estimates tbody tr")
    assert rows.count() == 4
    verdicts = {rows.nth(i).get_attribute("data-verdict") for i in range(4)}
    assert verdicts <= {"passes", "fails", "undecided"}
    text = page.inner_text("#estimates")
    assert "错退率" in text
    assert "综合贫困发生率" in text
