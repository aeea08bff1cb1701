"""The case procedure: alerts, steps by role and region, deadlines, assistance, elimination."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.utils import timezone, translation

from fupin.cases import services, workflow
from fupin.cases.models import Alert, Case
from fupin.core import audit
from fupin.core.access import Scope
from fupin.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from fupin.core.models import Notification
from fupin.households.importer import run_import
from fupin.monitoring import policy
from fupin.monitoring import services as monitoring
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
from tests.test_exchange import _generated


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def actors(tree, line_pack):  # noqa: F811
    return Actors()


def test_the_state_machine_refuses_illegal_moves():
    assert workflow.transition("alerted", "visit").to == "visited"
    with pytest.raises(workflow.IllegalTransition, match="possible: visit"):
        workflow.transition("alerted", "approve")
    assert workflow.level_of("notice") == "township"
    assert workflow.level_of("township_approved") == "county"
    assert workflow.level_of("eliminated") is None


def test_one_open_case_per_household_alerts_attach(actors):
    h = factories.household()
    case, first, created = services.open_or_attach(
        actor=actors.cadre, household=h, channel="department", source="civil_affairs:1",
        kind="dibao_application")
    assert created
    assert first is not None
    same, _second, created2 = services.open_or_attach(
        actor=actors.cadre, household=h, channel="self_report", source="self:1",
        kind="illness")
    assert same.pk == case.pk
    assert not created2
    again = services.open_or_attach(actor=actors.cadre, household=h, channel="self_report",
                                    source="self:1", kind="illness")
    assert again[1] is None  # the same alert twice is recorded once
    assert Case.objects.count() == 1
    assert Alert.objects.filter(case=case).count() == 2
    assert Notification.objects.filter(user=actors.cadre, object_id=case.pk,
                                       workflow="cases.case").exists()


def test_sync_from_a_run_opens_one_case_per_monitoring_object(tree, tmp_path):
    assert run_import(_generated(tmp_path, n=80, seed=31), actor="test", scope=Scope.nation()).ok
    run = monitoring.run_monitoring(actor="test", year=2021, scope=Scope.nation()).run
    flagged = run.assessments.filter(category__in=policy.monitoring_categories()).count()
    assert flagged > 0
    call_command("cases", "sync")
    assert Case.objects.count() == flagged
    again = monitoring.run_monitoring(actor="test", year=2021, scope=Scope.nation())
    assert not again.created
    call_command("cases", "sync")
    assert Case.objects.count() == flagged
    assert Alert.objects.count() == flagged


def test_full_procedure_with_roles_deadlines_and_notice_minimum(actors):
    with frozen() as traveller:
        case = alert(actors)
        assert case.due_at.date() == dt.date(2026, 1, 8)  # 3 days to visit
        with pytest.raises(Forbidden):
            step(case, actors.reviewer, "visit")  # wrong role
        case = step(case, actors.cadre, "visit")
        case = step(case, actors.cadre, "compare")
        case = step(case, actors.cadre, "village_review")
        case = step(case, actors.cadre, "post_notice")
        assert case.notice_start == today()
        traveller.shift(dt.timedelta(days=4))
        with pytest.raises(ValidationFailed, match="must stay up 5 days"):
            step(case, actors.reviewer, "township_approve")
        traveller.shift(dt.timedelta(days=1))
        case = step(case, actors.reviewer, "township_approve")
        with pytest.raises(ValidationFailed, match="give at least one risk type"):
            step(case, actors.approver, "approve", risk_types="")
        case = step(case, actors.approver, "approve")  # category derived: exited → unstable
        assert (case.category, case.risk_types) == ("unstable", "01")
        assert case.state == "monitored"
        # Approved: the first measure is due within 15 days.
        assert case.due_at.date() == today() + dt.timedelta(days=15)
        services.add_measure(actor=actors.cadre, case=case, type="employment",
                             description="公益岗位", responsible="张书记", start=today())
        case.refresh_from_db()
        assert case.due_at.date() == today() + dt.timedelta(days=30)  # monthly visits
    assert audit.verify().ok
    assert [s.action for s in case.steps.all()] == [
        "visit", "compare", "village_review", "post_notice", "township_approve", "approve"]


def test_overdue_cases_escalate_to_the_next_level(actors):
    with frozen() as traveller:
        case = alert(actors)
        assert case in services.inbox(actors.cadre)["mine"]
        assert case not in services.inbox(actors.reviewer)["escalated"]
        traveller.shift(dt.timedelta(days=4))
        assert case in services.inbox(actors.reviewer)["escalated"]
        overdue = Case.objects.filter(due_at__lt=dt.datetime.now(dt.UTC))
        assert overdue.count() == 1


def test_wrong_region_is_refused(actors):
    case = alert(actors)
    outsider = factories.make_user("village_cadre", factories.OTHER_COUNTY_VILLAGE)
    with pytest.raises(NotFound):
        step(case, outsider, "visit")
    with pytest.raises(NotFound):
        services.access_case(outsider, case.pk)


def test_a_stale_version_is_told_someone_acted_first(actors):
    case = alert(actors)
    stale = case.version
    step(case, actors.cadre, "visit")
    with pytest.raises(Conflict, match="already moved on by"):
        services.take_step(actor=actors.cadre, case=case, action="visit", version=stale)


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_approvals_one_wins_one_is_told():
    factories.make_tree()
    actors = Actors()
    other = factories.make_user("county_approver", "513431000000")
    with frozen() as traveller:
        case = alert(actors)
        for actor, action in ((actors.cadre, "visit"), (actors.cadre, "compare"),
                              (actors.cadre, "village_review"), (actors.cadre, "post_notice")):
            case = step(case, actor, action)
        traveller.shift(dt.timedelta(days=5))
        case = step(case, actors.reviewer, "township_approve")
        barrier = threading.Barrier(2)
        outcomes: list[str] = []

        def approve(user):
            try:
                barrier.wait()
                services.take_step(actor=user, case=case, action="approve",
                                   version=case.version, category="unstable",
                                   risk_types="01")
                outcomes.append("approved")
            except Conflict as exc:
                outcomes.append(f"conflict: {exc}")
            finally:
                connection.close()

        threads = [threading.Thread(target=approve, args=(u,))
                   for u in (actors.approver, other)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert sorted(o.split(":")[0] for o in outcomes) == ["approved", "conflict"]
    assert Case.objects.get(pk=case.pk).steps.filter(action="approve").count() == 1


def test_elimination_refused_with_each_unmet_criterion(actors):
    with frozen() as traveller:
        case = to_monitored(actors, traveller)
        with pytest.raises(ValidationFailed) as exc:
            step(case, actors.cadre, "propose_elimination", elimination_kind="assistance")
        criteria = exc.value.errors["criteria"]
        assert any("less than 6 months" in c for c in criteria)
        assert any("no assistance measure" in c for c in criteria)
        assert any("no income recorded" in c for c in criteria)
        assert Case.objects.get(pk=case.pk).state == "monitored"


def test_elimination_through_the_review_chain_and_rollback(actors):
    with frozen() as traveller:
        case = to_monitored(actors, traveller)
        prepare_elimination(actors, traveller, case)
        case.refresh_from_db()
        case = step(case, actors.cadre, "propose_elimination", elimination_kind="assistance")
        assert case.warnings == []
        case = step(case, actors.cadre, "elim_village_review")
        case = step(case, actors.cadre, "elim_post_notice")
        traveller.shift(dt.timedelta(days=5))
        case = step(case, actors.reviewer, "elim_township_approve")
        case = step(case, actors.approver, "eliminate")
        assert case.state == "eliminated"
        assert case.closed
        case = step(case, actors.approver, "rollback", note="收入再次下降")
        assert case.state == "monitored"
        assert not case.closed
    assert audit.verify().ok


def test_household_without_labour_is_never_eliminated(actors):
    h = factories.household(members=[factories.member("head", labor="none",
                                                      health="disabled")])
    with frozen() as traveller:
        case = to_monitored(actors, traveller, alert(actors, h))
        unmet, _ = services.elimination_check(case, "natural", dt.datetime.now(dt.UTC))
    assert any("no member is able to work" in c for c in unmet)


def test_self_report_needs_consent(actors):
    h = factories.household()
    with pytest.raises(ValidationFailed, match="consent"):
        services.self_report(actor=actors.cadre, household=h, kind="illness",
                             description="住院", consent=False)
    case = services.self_report(actor=actors.cadre, household=h, kind="illness",
                                description="住院", consent=True)
    assert case.alerts.get().consent


def test_department_feed_attaches_by_id_number(actors):
    h = factories.household()
    number = h.members.first().reveal_id_number()
    result = services.department_feed(
        actor=actors.cadre, department="health_insurance", scope=Scope.of_user(actors.cadre),
        rows=[{"id_number": number, "alert_type": "high_medical_cost", "date": "2026-01-02",
               "amount": "35000"}])
    assert result == {"alerts": 1}
    with pytest.raises(ValidationFailed, match="row 1"):
        services.department_feed(actor=actors.cadre, department="x", scope=Scope.nation(),
                                 rows=[{"household_id": "nope", "alert_type": "a",
                                        "date": "2026-01-02"}])


def test_cases_list_command(actors, capsys):
    alert(actors)
    call_command("cases", "list", format="csv")
    out = capsys.readouterr().out.splitlines()
    assert out[0].split(",")[:9] == ["case", "household_id", "village_code", "category",
                                     "risk_types", "state", "channel", "opened", "due"]
    assert ",alerted,cadre_visit," in out[1]
    call_command("cases", "list", format="json", state="alerted", division="513431")
    assert '"state": "alerted"' in capsys.readouterr().out


def test_a_stale_step_from_another_region_learns_nothing(actors):
    case = alert(actors)
    stale = case.version
    step(case, actors.cadre, "visit")
    outsider = factories.make_user("village_cadre", factories.OTHER_COUNTY_VILLAGE)
    for action in ("visit", "compare", "approve"):
        with pytest.raises(NotFound) as exc:
            services.take_step(actor=outsider, case=case, action=action, version=stale)
        assert "visited" not in str(exc.value)
        assert actors.cadre.username not in str(exc.value)
    assert Case.objects.get(pk=case.pk).version == stale + 1


def test_a_county_role_bound_to_the_province_may_not_decide(actors):
    with frozen() as traveller:
        case = alert(actors)
        for action in ("visit", "compare", "village_review", "post_notice"):
            case = step(case, actors.cadre, action)
        traveller.shift(dt.timedelta(days=5))
        case = step(case, actors.reviewer, "township_approve")
        provincial = factories.make_user("county_approver", "510000000000")
        with pytest.raises(Forbidden):
            step(case, provincial, "approve", category="unstable")
        assert not services.can_act(provincial, case, "county")
        assert services.can_act(actors.approver, case, "county")


def test_deadlines_are_configurable_per_province(actors, settings):
    settings.FUPIN_DEADLINES_BY_PROVINCE = {"51": {"cases.case": {"alerted": 5}}}
    with frozen():
        case = alert(actors)
    assert case.due_at.date() == dt.date(2026, 1, 10)


def test_the_inbox_page_reads_notices_when_the_case_is_opened(actors, client):
    case = alert(actors)
    client.force_login(actors.cadre)
    html = client.get("/cases/").content.decode()
    assert 'id="notifications"' in html
    assert case.household.household_id in html
    client.get(f"/cases/{case.pk}/")
    html = client.get("/cases/").content.decode()
    assert 'id="notifications"' not in html  # read: no longer shown
    assert case.household.household_id in html  # the work itself still waits


def test_department_feed_needs_an_explicit_scope(actors):
    h = factories.household()
    row = {"household_id": h.household_id, "alert_type": "a", "date": "2026-01-02"}
    with pytest.raises(TypeError):
        services.department_feed(actor=actors.cadre, department="x", rows=[row], scope="")
    with pytest.raises(ValidationFailed, match="not found in your region"):
        services.department_feed(actor=actors.cadre, department="x", rows=[row],
                                 scope=Scope("513436"))
    assert services.department_feed(actor=actors.cadre, department="x", rows=[row],
                                     scope=Scope.nation()) == {"alerts": 1}


def test_the_inbox_runs_a_fixed_number_of_queries(actors, client, django_assert_max_num_queries):
    for _ in range(3):
        alert(actors, factories.household())
    client.force_login(actors.cadre)
    client.get("/cases/")  # warm the session and permission caches
    # Session, user, permissions, division; the filter's places and their names; count,
    # page, the page's cases, their unread notices; the unread count; the header's divisions.
    with django_assert_max_num_queries(13) as few:
        assert client.get("/cases/").status_code == 200
    for _ in range(12):
        alert(actors, factories.household())
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get("/cases/").content.decode()
    assert html.count('data-workflow="cases.case"') == 15


def test_overdue_cases_are_escalated_once_by_the_command(actors, capsys):
    with frozen() as traveller:
        case = alert(actors)
        traveller.shift(dt.timedelta(days=4))
        call_command("workflows", "escalate")
        assert "escalation notices sent: 1" in capsys.readouterr().out
        call_command("workflows", "escalate")
        assert "escalation notices sent: 0" in capsys.readouterr().out
    [notice] = Notification.objects.filter(user=actors.reviewer, kind="escalation")
    assert (notice.object_id, notice.division_code) == (case.pk, case.village_code)
    assert not Notification.objects.filter(user=actors.approver).exists()


def test_a_province_counting_working_days_skips_national_day(actors, settings):
    settings.FUPIN_DEADLINES_BY_PROVINCE = {"51": {"calendar": "working"}}
    with time_machine.travel(dt.datetime(2024, 9, 30, 2, 0, tzinfo=dt.UTC), tick=False):
        case = alert(actors)
    # 3 working days after Monday 30 September 2024: 8, 9 and 10 October.
    assert timezone.localtime(case.due_at).date() == dt.date(2024, 10, 10)
