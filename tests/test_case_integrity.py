"""Issue 10, the procedure half: the holes an inspection would find, each closed by the
workflow (guards and effects) and proven here."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from fupin.cases import services, workflow
from fupin.core.errors import Forbidden, NotFound, ValidationFailed
from tests import factories
from tests.cases_helpers import (
    Actors,
    alert,
    frozen,
    line_pack,  # noqa: F401 - a fixture
    prepare_elimination,
    step,
    to_monitored,
    today,
)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def actors(tree, line_pack):  # noqa: F811
    return Actors()


def _to_reviewed(actors, case=None):
    case = case or alert(actors)
    for action in ("visit", "compare", "village_review"):
        case = step(case, actors.cadre, action)
    return case


def test_a_backdated_or_early_notice_is_refused(actors):
    with frozen():
        case = _to_reviewed(actors)
        with pytest.raises(ValidationFailed, match="cannot be backdated"):
            step(case, actors.cadre, "post_notice", notice_start=today() - dt.timedelta(days=5))
        with pytest.raises(ValidationFailed, match="before the village review"):
            step(case, actors.cadre, "post_notice", notice_start=today() - dt.timedelta(days=1))
        case = step(case, actors.cadre, "post_notice", notice_start=today())
        assert workflow.notice_end(case) == today() + dt.timedelta(days=4)


def test_notice_days_per_province_on_page_print_and_export(actors, client, settings):
    settings.FUPIN_DEADLINES_BY_PROVINCE = {"51": {"cases.case": {"public_notice": 7}}}
    with frozen() as traveller:
        case = step(_to_reviewed(actors), actors.cadre, "post_notice")
        end = (today() + dt.timedelta(days=6)).isoformat()
        client.force_login(actors.cadre)
        assert end in client.get(reverse("case-detail", args=[case.pk])).content.decode()
        assert end in client.get(reverse("case-notices")).content.decode()
        csv = client.get(reverse("case-notices") + "?format=csv").content.decode("utf-8-sig")
        assert f"{today().isoformat()},{end},7" in csv
        traveller.shift(dt.timedelta(days=6))
        with pytest.raises(ValidationFailed, match=r"7 (days|天)"):
            step(case, actors.reviewer, "township_approve")


def test_missing_line_refuses_elimination_naming_year_and_province(actors, settings):
    settings.FUPIN_POLICY_PACK = "cn-national"
    from fupin.monitoring import policy
    policy.pack.cache_clear()
    with frozen() as traveller:
        case = to_monitored(actors, traveller)
        prepare_elimination(actors, traveller, case)
        case.refresh_from_db()
        with pytest.raises(ValidationFailed, match="no monitoring line for 2025 in province 51"):
            step(case, actors.cadre, "propose_elimination", elimination_kind="assistance")


def test_category_follows_status_and_changes_need_a_reason(actors):
    with frozen() as traveller:
        general = factories.household(factories.HOME_VILLAGE, status="general",
                                      exit_year=None)
        case = _to_reviewed(actors, alert(actors, general))
        case = step(case, actors.cadre, "post_notice")
        traveller.shift(dt.timedelta(days=5))
        case = step(case, actors.reviewer, "township_approve")
        assert workflow.derived_category(case) == "marginal"
        with pytest.raises(ValidationFailed, match="cannot be approved as unstable"):
            step(case, actors.approver, "approve", category="unstable", note="上级要求")
        with pytest.raises(ValidationFailed, match="give the reason for sudden_hardship"):
            step(case, actors.approver, "approve", category="sudden_hardship")
        with pytest.raises(ValidationFailed, match="at least one risk type"):
            step(case, actors.approver, "approve", risk_types="")
        case = step(case, actors.approver, "approve")
        assert (case.category, case.risk_types) == ("marginal", "01")


def test_county_officer_refused_at_village_step(actors):
    county = factories.make_user("county_approver", "513431000000")
    with frozen():
        case = alert(actors)
        with pytest.raises(Forbidden):
            step(case, county, "visit")


def test_early_refusal_at_the_visit_needs_a_reason(actors):
    with frozen():
        case = alert(actors)
        with pytest.raises(ValidationFailed, match="signed authorisation"):
            services.take_step(actor=actors.cadre, case=case, action="visit",
                               version=case.version, consent=False,
                               consent_date=today(), consent_signed_by="户主")
        with pytest.raises(ValidationFailed, match="give the reason"):
            step(case, actors.cadre, "visit_reject")
        case = step(case, actors.cadre, "visit_reject", note="家庭收入远高于监测线")
        assert (case.state, case.closed) == ("rejected", True)
        assert case.decision_note == "家庭收入远高于监测线"


def test_an_open_objection_blocks_the_township_review(actors):
    with frozen() as traveller:
        case = step(_to_reviewed(actors), actors.cadre, "post_notice")
        objection = services.raise_objection(actor=actors.cadre, case=case, raised_by="村民李某",
                                             content="家中有车辆")
        traveller.shift(dt.timedelta(days=5))
        with pytest.raises(ValidationFailed, match="objection"):
            step(case, actors.reviewer, "township_approve")
        services.answer_objection(actor=actors.reviewer, case=case,
                                  objection_id=objection.pk, answer="已核实，车辆为农用车")
        case = step(case, actors.reviewer, "township_approve")
        assert case.state == "township_approved"


def test_sudden_hardship_gets_measures_before_approval(actors):
    with frozen():
        household = factories.household(factories.HOME_VILLAGE)
        services.open_or_attach(actor=actors.cadre, household=household,
                                channel="department", source="应急管理:1", kind="disaster")
        case = household.cases.get()
        measure = services.add_measure(actor=actors.cadre, case=case, type="social_assistance",
                                       description="临时救助", responsible="张", start=today())
        assert measure.in_advance
        plain = alert(actors)
        with pytest.raises(ValidationFailed, match="先行落实"):
            services.add_measure(actor=actors.cadre, case=plain, type="other",
                                 description="x", responsible="y", start=today())


def test_step_records_and_attachments_another_county_cannot_fetch(actors, client):
    with frozen():
        case = _to_reviewed(actors)
        assert (case.consent, case.consent_signed_by) == (True, "户主")
        assert case.compared_departments
        assert case.votes_for == 9
        attachment = services.attach(actor=actors.cadre, case=case, name="授权书.pdf",
                                     content=b"%PDF-1.4 signed")
        path = services.attachment_dir() / attachment.stored_as
        assert os.stat(path).st_mode & 0o777 == 0o600
        url = reverse("case-attachment", args=[case.pk, attachment.pk])
        client.force_login(actors.reviewer)
        assert b"".join(client.get(url).streaming_content) == b"%PDF-1.4 signed"
        other = factories.make_user("county_approver", "513436000000")
        client.force_login(other)
        assert client.get(url).status_code == 404
        with pytest.raises(NotFound):
            services.access_attachment(other, case.pk, attachment.pk)


def test_rollback_needs_a_reason_and_restarts_the_clock(actors):
    with frozen() as traveller:
        case = to_monitored(actors, traveller)
        prepare_elimination(actors, traveller, case)
        case.refresh_from_db()
        for action, kw in (("propose_elimination", {"elimination_kind": "assistance"}),
                           ("elim_village_review", {}), ("elim_post_notice", {})):
            case = step(case, actors.cadre, action, **kw)
        traveller.shift(dt.timedelta(days=5))
        case = step(case, actors.reviewer, "elim_township_approve")
        case = step(case, actors.approver, "eliminate")
        with pytest.raises(ValidationFailed, match="give the reason"):
            step(case, actors.approver, "rollback")
        case = step(case, actors.approver, "rollback", note="因病返贫风险")
        assert case.monitored_since.date() == today()
        services.add_visit(actor=actors.cadre, case=case, date=today(), situation="x",
                           per_capita_income=Decimal("9000"))
        with pytest.raises(ValidationFailed, match="less than 6 months"):
            step(case, actors.cadre, "propose_elimination", elimination_kind="assistance")


def test_the_two_month_warning_fires(actors):
    with frozen() as traveller:
        case = to_monitored(actors, traveller)
        traveller.shift(dt.timedelta(days=20))
        services.add_visit(actor=actors.cadre, case=case, date=today(), situation="好转",
                           per_capita_income=Decimal("9000"))
        case.refresh_from_db()
        case = step(case, actors.cadre, "propose_elimination", elimination_kind="natural")
        assert any("within 2 months" in w for w in case.warnings)


def test_the_elimination_rate_says_it_is_no_target(client, tree):
    client.force_login(factories.make_user("county_officer", "513431000000"))
    html = client.get(reverse("case-dashboard")).content.decode()
    assert 'id="elimination-caution"' in html
    assert "禁止下达风险消除指标" in html


def test_categories_are_shown_in_words(client, tree):
    client.force_login(factories.make_user("county_officer", "513431000000"))
    html = client.get(reverse("case-dashboard")).content.decode()
    assert "sudden_hardship" not in html
    assert "突发严重困难户" in html
