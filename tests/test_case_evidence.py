"""Issue 11, cases part: a run over unchanged data adds no alert; the case page carries the
evidence (reasons, income against the line, incomes by year, guarantees, self-report); the
county approver's batch view with evidence and its Excel export."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from fupin.cases import services
from fupin.cases.elimination import elimination_check
from fupin.cases.models import Alert, Case, Channel
from fupin.core.access import Scope
from fupin.households.importer import run_import
from fupin.monitoring import services as monitoring
from tests import factories
from tests.cases_helpers import Actors, frozen, line_pack, step, to_monitored  # noqa: F401
from tests.test_exchange import _generated

#: Codes that must never reach a Chinese case page as such.
CODES = ("INCOME_BELOW_LINE", "UNSAFE_WATER", "village_review", "township_approve",
         "unstable", "income_drop", "illness")


def test_a_rerun_over_unchanged_data_adds_no_alert_to_open_cases(tree, tmp_path):
    assert run_import(_generated(tmp_path, n=60, seed=31), actor="test",
                      scope=Scope.nation()).ok
    first = monitoring.run_monitoring(actor="test", year=2021, scope=Scope.nation()).run
    services.sync_from_run(actor="test", run=first)
    alerts = Alert.objects.count()
    assert alerts == Case.objects.count()
    assert alerts > 0
    # The same data run again under another scope is a new run (a new number, a new key) ...
    second = monitoring.run_monitoring(actor="test", year=2021, scope=Scope("5134")).run
    assert second.pk != first.pk
    counts = services.sync_from_run(actor="test", run=second)
    # ... whose findings repeat the last ones: no new alert on any open case.
    assert Alert.objects.count() == alerts
    assert counts["attached"] == 0
    assert counts["unchanged"] > 0


def test_a_changed_finding_is_a_new_alert(tree):
    household = factories.household(factories.HOME_VILLAGE)
    details = {"rules": "INCOME_BELOW_LINE", "risk_types": "07", "year": 2021}
    case, first, created = services.open_or_attach(
        actor="test", household=household, channel=Channel.ENGINE, source="run:1",
        kind="unstable", details=details, same_content_once=True)
    assert created
    assert first is not None
    _case, again, _ = services.open_or_attach(
        actor="test", household=household, channel=Channel.ENGINE, source="run:2",
        kind="unstable", details=details, same_content_once=True)
    assert again is None
    _case, changed, _ = services.open_or_attach(
        actor="test", household=household, channel=Channel.ENGINE, source="run:3",
        kind="unstable", details={**details, "rules": "INCOME_BELOW_LINE;UNSAFE_WATER"},
        same_content_once=True)
    assert changed is not None
    assert case.alerts.count() == 2


def flagged_case(income_per_head: int = 5480) -> Case:
    """An exited household of two below the 2021 line (6,000) with unsafe water, flagged by a
    run of its county and opened as a case."""
    household = factories.household(
        factories.HOME_VILLAGE, head_name="吉克阿依", water_quality_ok=False,
        economy=[{"year": 2020, "wage": 16000}, {"year": 2021, "wage": 2 * income_per_head}])
    run = monitoring.run_monitoring(actor="test", year=2021, scope=Scope("513431")).run
    services.sync_from_run(actor="test", run=run)
    return Case.objects.get(household=household)


def _zh(client, url, **params):
    with translation.override("zh-hans"):
        response = client.get(url, params, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200, response.content[:500]
    return response.content.decode()


def test_the_case_page_says_why_the_household_was_flagged(tree, client):
    case = flagged_case()
    actors = Actors()
    step(case, actors.cadre, "visit")
    client.force_login(actors.approver)
    html = _zh(client, reverse("case-detail", args=[case.pk]))
    assert "人均纯收入 5,480 元，低于监测线 6,000 元" in html
    evidence = html[html.index('id="case-evidence"'):]
    # Incomes by year, per head, with thousands separators, against the year's line.
    incomes = evidence[evidence.index('id="evidence-incomes"'):]
    assert "8,000" in incomes
    assert "5,480" in incomes
    # Guarantees as ticks and crosses: water fails, the others hold.
    guarantees = evidence[evidence.index('id="evidence-guarantees"'):].split("</ul>")[0]
    assert re.search(r'class="cross">✗</span>\s*饮水安全', guarantees)
    assert guarantees.count('class="tick"') == 3
    for code in CODES:
        assert code not in _visible(html), code


def _visible(html: str) -> str:
    """The page's text without tags and attribute values (codes may sit in data-* / value)."""
    return re.sub(r"<[^>]+>", " ", html)


def test_a_self_report_shows_its_text_and_amount_on_the_case_page(tree, client):
    actors = Actors()
    household = factories.household(factories.HOME_VILLAGE)
    case = services.self_report(actor=actors.cadre, household=household, kind="disaster",
                                description="暴雨冲毁大棚，损失惨重", consent=True,
                                amount=Decimal("12000"))
    client.force_login(actors.reviewer)
    html = _zh(client, reverse("case-detail", args=[case.pk]))
    block = html[html.index('id="case-evidence"'):html.index("</section>")]
    assert "暴雨冲毁大棚，损失惨重" in block
    assert "12,000" in block
    timeline = html[html.index('id="timeline"'):]
    assert "暴雨冲毁大棚，损失惨重" in timeline
    assert "12,000" in timeline
    assert "disaster" not in _visible(html)


def test_the_approvals_batch_shows_each_case_with_its_evidence_and_exports(tree, client):
    with frozen() as traveller:
        case = flagged_case()
        actors = Actors()
        for action in ("visit", "compare", "village_review", "post_notice"):
            case = step(case, actors.cadre, action)
        traveller.shift(dt.timedelta(days=5))
        case = step(case, actors.reviewer, "township_approve")
        other = flagged_case(income_per_head=9000)  # still at the village: not listed
    client.force_login(actors.approver)
    html = _zh(client, reverse("case-approvals"))
    table = html[html.index('id="approvals"'):]
    assert case.household.household_id in table
    assert other.household.household_id not in table
    assert "人均纯收入 5,480 元，低于监测线 6,000 元" in table
    assert "饮水安全" in table
    assert reverse("inbox") in html
    with translation.override("zh-hans"):
        response = client.get(reverse("case-approvals"), {"export": "xlsx"},
                              HTTP_ACCEPT_LANGUAGE="zh-hans")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2
    assert case.household.household_id in rows[1]
    assert "纳入原因" in rows[0]
    assert any("低于监测线" in str(v) for v in rows[1])
    # The village officer is not a county approver.
    client.force_login(actors.cadre)
    assert client.get(reverse("case-approvals")).status_code == 403


@pytest.mark.parametrize("role", ["village_cadre", "township_reviewer"])
def test_only_the_county_sees_the_approvals(tree, client, role):
    client.force_login(factories.make_user(role, factories.HOME_VILLAGE if role ==
                                           "village_cadre" else factories.HOME_TOWNSHIP))
    assert client.get(reverse("case-approvals")).status_code == 403


def test_the_case_dashboard_names_risk_types_and_measures_in_words(tree, client, line_pack):  # noqa: F811
    actors = Actors()
    with frozen() as traveller:
        case = to_monitored(actors, traveller)
        services.add_measure(actor=actors.cadre, case=case, type="other", description="临时救助",
                             responsible="张三", start=case.approved_at.date())
        client.force_login(factories.make_user("county_officer", "513431000000"))
        html = _zh(client, reverse("case-dashboard"))
    text = _visible(html)
    assert "因病" in text  # risk type 01
    assert "其他" in text
    assert not re.search(r">\s*01\s*<", html)
    assert not re.search(r">\s*other\s*<", html)


def test_an_unmet_guarantee_is_refused_in_words(tree):
    actors = Actors()
    household = factories.household(factories.HOME_VILLAGE, water_quality_ok=False,
                                    economy=[{"year": 2021, "wage": 30000}])
    case = services.open_or_attach(actor=actors.cadre, household=household,
                                   channel=Channel.CADRE_VISIT, source="t", kind="illness")[0]
    with translation.override("zh-hans"):
        unmet, _warnings = elimination_check(case, "assistance", timezone.now())
    refusal = next(u for u in unmet if "未保障" in u)
    assert "饮水安全" in refusal
    assert "UNSAFE_WATER" not in refusal


def test_the_approvals_page_runs_a_fixed_number_of_queries(tree, client):
    actors = Actors()
    client.force_login(actors.approver)

    def waiting(n: int) -> int:
        with frozen() as traveller:
            for _ in range(n):
                case = flagged_case()
                for action in ("visit", "compare", "village_review", "post_notice"):
                    case = step(case, actors.cadre, action)
                traveller.shift(dt.timedelta(days=5))
                step(case, actors.reviewer, "township_approve")
            client.force_login(actors.approver)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse("case-approvals")).status_code == 200
        return len(queries)

    one = waiting(1)
    assert waiting(3) == one
