"""Print templates read back from the printed HTML: the public notice (title, issuing
committee, reviewing township, posting and end dates, 12317, seal, no navigation), the case
decision and the household sheet (masked IDs), all on A4 through our own print CSS."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import translation

from fupin.cases import services
from tests import factories
from tests.cases_helpers import Actors, alert, frozen, line_pack, step, to_monitored  # noqa: F401

NAV_MARKS = ('id="main-menu"', "navbar", "scope-bar", 'id="language-form"', "Log out", "退出")


def _zh(client, url, **params):
    with translation.override("zh-hans"):
        response = client.get(url, params, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200, response.content[:300]
    return response.content.decode()


def _printable(html: str) -> None:
    """A print page: our print CSS, no navigation or user bar, no inline style (CSP)."""
    assert "/static/fupin/print.css" in html
    for mark in NAV_MARKS:
        assert mark not in html, mark
    assert "style=" not in html
    assert "<style" not in html


def test_the_print_css_is_a4():
    css = Path(finders.find("fupin/print.css")).read_text(encoding="utf-8")
    assert re.search(r"@page\s*\{[^}]*size:\s*A4", css)
    assert ".d-print-none" in css


def test_the_public_notice_prints_title_committee_dates_complaint_line_and_seal(tree, client):
    actors = Actors()
    with frozen(dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC)):
        case = alert(actors)
        for action in ("visit", "compare", "village_review"):
            case = step(case, actors.cadre, action)
        case = step(case, actors.cadre, "post_notice", notice_start=dt.date(2026, 3, 2))
        client.force_login(actors.reviewer)
        html = _zh(client, reverse("case-notice-print"), village=factories.HOME_VILLAGE)
        listing = _zh(client, reverse("case-notices"))
        with translation.override("zh-hans"):
            elsewhere = client.get(reverse("case-notice-print"),
                                   {"village": factories.OTHER_COUNTY_VILLAGE})
    _printable(html)
    title = re.search(r'<h1 class="doc-title">(.*?)</h1>', html).group(1)
    assert title == "俄尔古取村防止返贫监测对象公示"
    issuer = re.search(r'class="doc-issuer issuer">(.*?)</div>', html).group(1)
    assert issuer == "俄尔古取村村民委员会"
    assert "新城镇人民政府" in html
    assert "12317" in html
    assert "（盖章）" in html
    assert "公示期：2026年3月2日至2026年3月6日（共 5 天）" in html
    assert case.household.household_id in html
    assert case.household.head_name in html
    # The notice list links to it; another region's village is not found.
    assert reverse("case-notice-print") in listing
    assert elsewhere.status_code == 404


def test_the_case_decision_prints_with_the_county_and_the_evidence(tree, client, line_pack):  # noqa: F811
    actors = Actors()
    with frozen() as traveller:
        case = to_monitored(actors, traveller)
        client.force_login(actors.approver)
        html = _zh(client, reverse("case-decision-print", args=[case.pk]))
        pending = alert(actors)
        draft = _zh(client, reverse("case-decision-print", args=[pending.pk]))
        theirs = factories.household(factories.OTHER_COUNTY_VILLAGE)
        other = services.open_or_attach(actor="test", household=theirs, channel="cadre_visit",
                                        source="x", kind="illness")[0]
        elsewhere = client.get(reverse("case-decision-print", args=[other.pk]))
    _printable(html)
    assert re.search(r'<h1 class="doc-title">防止返贫监测对象认定决定书</h1>', html)
    assert re.search(r'class="doc-issuer issuer">昭觉县人民政府</div>', html)
    assert "12317" in html
    assert "（盖章）" in html
    assert "脱贫不稳定户" in html
    for code in ("visit", "township_approve", "village_review", "unstable"):
        assert code not in re.sub(r"<[^>]+>", " ", html), code
    # A pending case prints as a draft; another county's case is not found.
    assert "草稿" in draft
    assert elsewhere.status_code == 404


def test_the_household_sheet_masks_ids_and_shows_economy_and_guarantees(tree, client):
    household = factories.household(factories.HOME_VILLAGE, head_name="阿作拉且",
                                    economy=[{"year": 2021, "wage": 30000}])
    client.force_login(factories.make_user("township_reviewer", factories.HOME_TOWNSHIP))
    html = _zh(client, reverse("case-household-sheet", args=[household.household_id]))
    _printable(html)
    assert re.search(r'<h1 class="doc-title">农户基本情况表（户情表）</h1>', html)
    assert "阿作拉且" in html
    for member in household.members.all():
        clear = member.reveal_id_number()
        assert clear not in html
        assert re.search(r'class="masked-id">\d{6}\*+\w{2}</td>', html)
    assert "30,000" in html
    assert "15,000" in html
    assert html.count('class="tick"') >= 4
    theirs = factories.household(factories.OTHER_COUNTY_VILLAGE)
    assert client.get(reverse("case-household-sheet",
                              args=[theirs.household_id])).status_code == 404


@pytest.mark.parametrize("name", ["case-notice-print", "case-approvals"])
def test_print_and_batch_pages_need_a_login(client, name, db):
    assert client.get(reverse(name)).status_code == 302
