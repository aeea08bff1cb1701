"""The household page's guarantee ticks (loaded into it) are the engine's verdicts for the
year shown."""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse

from fupin.monitoring import policy
from tests import factories


def _ticks(html: str) -> list[str]:
    block = html.split('id="guarantees"', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'class="(tick|cross)"', block)


def test_ticks_count_age_at_31_december_of_the_year_shown(client, tree):
    # 15 at 31 December 2021 (school age for the engine), 20 today: out of school is a failure
    # in 2021, whatever the calendar says now.
    child = factories.member("child", birth=dt.date(2006, 6, 1), in_school=False,
                             home_schooled=False, labor="none")
    household = factories.household(
        members=[factories.member("head"), child], housing_grade="D", relocated=True,
        economy=[{"year": 2021, "wage": 30000}])
    client.force_login(factories.make_user("county_officer", "513431000000"))
    page = client.get(reverse("household-detail", args=[household.household_id])).content
    assert b'id="guarantees-block"' in page
    html = client.get(reverse("monitoring-household-guarantees",
                              args=[household.household_id])).content
    ticks = _ticks(html.decode())
    rules = policy.guarantee_rules()
    assert len(ticks) == len(rules) == 4
    verdicts = policy.household_verdicts(household, 2021)
    assert "EDU_DROPOUT" in verdicts.fired
    assert ticks[rules.index("EDU_DROPOUT")] == "cross"
    # Grade D but relocated: housing is safe for the engine, so for the page too.
    assert ticks[rules.index("UNSAFE_HOUSING")] == "tick"
    assert ticks[rules.index("NO_MEDICAL_INSURANCE")] == "tick"


def test_a_child_of_16_at_year_end_is_past_school_age(client, tree):
    child = factories.member("child", birth=dt.date(2005, 12, 31), in_school=False,
                             home_schooled=False, labor="none")
    household = factories.household(members=[factories.member("head"), child],
                                     economy=[{"year": 2021, "wage": 30000}])
    assert "EDU_DROPOUT" not in policy.household_verdicts(household, 2021).fired


def test_the_ticks_are_named_in_chinese(client, tree):
    household = factories.household(economy=[{"year": 2021, "wage": 30000}])
    client.force_login(factories.make_user("county_officer", "513431000000"))
    html = client.get(reverse("monitoring-household-guarantees",
                              args=[household.household_id])).content.decode()
    assert "义务教育有保障" in html
    assert "Compulsory education" not in html


def test_refusals_and_missing_pages_are_work_pages_in_chinese(client, tree):
    client.force_login(factories.make_user("village_cadre", factories.HOME_VILLAGE))
    forbidden = client.get(reverse("audit-list"))
    assert forbidden.status_code == 403
    assert 'id="error-403"' in forbidden.content.decode()
    assert "无权访问" in forbidden.content.decode()
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    assert "未找到" in missing.content.decode()
