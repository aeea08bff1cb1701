"""One household from alert to risk elimination in a real Chromium, three people in turn."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from fupin.cases import evidence
from fupin.cases.models import Case
from fupin.core import audit
from tests import factories
from tests.cases_helpers import START, Actors, alert, frozen, line_pack, to_monitored  # noqa: F401
from tests.test_browser import CHROMIUM, browser, page  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
assert CHROMIUM


def login(page, live_server, user):  # noqa: F811
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", factories.PASSWORD)
    page.click("button[type=submit].w-100")
    page.wait_for_url(f"{live_server.url}/dashboard/")


def act(page, action: str, **fields):  # noqa: F811
    form = page.locator(f"form[data-action={action}]")
    for name, value in fields.items():
        form.locator(f"[name={name}]").fill(value) if name not in {"category", "consent"} \
            else form.locator(f"select[name={name}]").select_option(value)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def state(page) -> str:  # noqa: F811
    return page.get_attribute("#case-state", "data-state")


def test_alert_to_elimination_by_cadre_reviewer_and_approver(live_server, page, line_pack):  # noqa: F811
    factories.make_tree()
    household = factories.household(factories.HOME_VILLAGE, head_name="阿说")
    cadre = factories.make_user("village_cadre", factories.HOME_VILLAGE)
    reviewer = factories.make_user("township_reviewer", factories.HOME_TOWNSHIP)
    approver = factories.make_user("county_approver", "513431000000")
    with frozen(START) as traveller:
        # Village cadre: a self-report on the household's behalf, then the village steps.
        login(page, live_server, cadre)
        page.goto(f"{live_server.url}/cases/report/{household.household_id}/")
        page.fill("textarea[name=description]", "家中主要劳动力住院")
        page.check("#consent")
        page.click("#self-report-form button[type=submit]")
        page.wait_for_selector("#case-state")
        assert state(page) == "alerted"
        case_url = page.url
        act(page, "visit", consent="yes", consent_signed_by="阿说")
        act(page, "compare", compared_departments="民政;医保")
        act(page, "village_review", votes_for="9", votes_against="1", votes_abstain="0")
        act(page, "post_notice")
        assert state(page) == "notice"

        traveller.shift(dt.timedelta(days=5))
        login(page, live_server, reviewer)
        page.goto(f"{live_server.url}/cases/")
        assert household.household_id in page.inner_text("#inbox")
        page.goto(case_url)
        act(page, "township_approve")
        assert state(page) == "township_approved"

        login(page, live_server, approver)
        page.goto(case_url)
        act(page, "approve", category="unstable", risk_types="01")
        assert state(page) == "monitored"

        login(page, live_server, cadre)
        page.goto(case_url)
        page.fill("#measure-form [name=description]", "公益性岗位")
        page.fill("#measure-form [name=responsible]", "张书记")
        page.click("#measure-form button[type=submit]")
        page.wait_for_selector("#measures >> text=公益性岗位")
        for _ in range(7):
            traveller.shift(dt.timedelta(days=30))
            login(page, live_server, cadre)  # a month later the session has expired
            page.goto(case_url)
            page.fill("#visit-form [name=situation]", "务工收入稳定")
            page.fill("#visit-form [name=per_capita_income]", "9000")
            page.click("#visit-form button[type=submit]")
            page.wait_for_load_state()
        assert page.locator("#visits tr").count() == 7
        act(page, "propose_elimination")
        assert state(page) == "elim_proposed"
        act(page, "elim_village_review")
        act(page, "elim_post_notice")

        traveller.shift(dt.timedelta(days=5))
        login(page, live_server, reviewer)
        page.goto(case_url)
        act(page, "elim_township_approve")

        login(page, live_server, approver)
        page.goto(case_url)
        act(page, "eliminate")
        assert state(page) == "eliminated"

        page.goto(f"{live_server.url}/households/{household.household_id}/")
        page.wait_for_selector(".case-timeline")
        timeline = page.inner_text(".case-timeline")
        # The steps in words (in the page's language): no code such as "eliminate".
        for action in ("eliminate", "approve"):
            words = set()
            for lang in ("zh-hans", "en"):
                with translation.override(lang):
                    words.add(evidence.step_word(action))
            assert any(w in timeline for w in words), (action, timeline)
        assert "eliminate\n" not in timeline
        assert " eliminate " not in timeline
    assert Case.objects.get().state == "eliminated"
    assert audit.verify().ok


def test_elimination_refused_lists_unmet_criteria(live_server, page):  # noqa: F811
    factories.make_tree()
    household = factories.household(factories.HOME_VILLAGE)
    cadre = factories.make_user("village_cadre", factories.HOME_VILLAGE)
    reviewer = factories.make_user("township_reviewer", factories.HOME_TOWNSHIP)
    approver = factories.make_user("county_approver", "513431000000")
    actors = Actors.__new__(Actors)
    actors.cadre, actors.reviewer, actors.approver = cadre, reviewer, approver
    with frozen(START) as traveller:
        case = to_monitored(actors, traveller, alert(actors, household))
        login(page, live_server, cadre)
        page.goto(f"{live_server.url}/cases/{case.pk}/")
        act(page, "propose_elimination")
        criteria = page.locator(".criterion").all_inner_texts()
    assert any("监测不满6个月" in c for c in criteria)
    assert any("尚未落实帮扶措施" in c for c in criteria)
    assert any("近6个月走访未记录收入" in c for c in criteria)
    assert Case.objects.get().state == "monitored"
    # The refusal answers 400, which the browser logs; that is the expected error here.
    page.errors[:] = [e for e in page.errors if "400" not in e]
