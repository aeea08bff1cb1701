"""Accountability (issue 14): findings from every source, rectification on the workflow
engine, complaints' statutory clock, the actions ledger and the evaluation hooks."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import pytest
import time_machine
from django.db import connection

from fupin.accountability import services, workflows
from fupin.accountability.models import AccountabilityAction, Finding, Rectification
from fupin.core import audit
from fupin.core import workflow as engine
from fupin.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from fupin.core.models import AuditRecord, Notification
from tests import factories
from tests.accountability_helpers import COUNTY, START, People, media_finding, step


@pytest.fixture
def people(tree):
    return People()


def frozen(at=START):
    return time_machine.travel(at, tick=False)


def to_claimed(people, finding):
    rect = finding.rectification
    step(rect, people.officer, "submit_plan", "整改方案：逐户核查")
    step(rect, people.officer, "report_progress", "已核查 30 户")
    return step(rect, people.officer, "claim_completion", "整改完成")


# --- findings --------------------------------------------------------------------------------

def test_a_finding_is_assigned_with_a_deadline_by_severity(people):
    with frozen():
        found = {s: media_finding(people.evaluator, severity=s)
                 for s in ("minor", "general", "serious")}
    days = {s: (f.rectification.deadline - f.found_on).days for s, f in found.items()}
    assert days == {"minor": 30, "general": 60, "serious": 90}
    rect = found["minor"].rectification
    assert rect.state == "assigned"
    assert rect.due_at == workflows.deadline_at(rect.deadline)
    # The responsible level is told.
    assert Notification.objects.filter(user=people.officer, object_id=rect.pk,
                                       workflow=workflows.RECTIFICATION_NAME).exists()


def test_a_province_may_set_its_own_rectification_days(people, settings):
    settings.FUPIN_DEADLINES_BY_PROVINCE = {
        "51": {"calendar": "working", "accountability.rectification": {"minor": 10}}}
    with frozen(dt.datetime(2026, 9, 30, 2, tzinfo=dt.UTC)):
        rect = media_finding(people.evaluator, severity="minor",
                             found_on=dt.date(2026, 9, 30)).rectification
    # 10 working days after 30 September 2026 skip the National Day holiday (1–7 October).
    assert rect.deadline > dt.date(2026, 10, 14)


def test_each_source_is_recorded_only_by_its_roles(people):
    with frozen():
        with pytest.raises(Forbidden):
            media_finding(people.officer)  # a media visit: the evaluator's
        with pytest.raises(Forbidden):
            media_finding(people.evaluator, source="audit")
        assert media_finding(people.auditor, source="inspection").source == "inspection"
        with pytest.raises(Forbidden):
            media_finding(people.evaluator, source="data_check")  # automatic only
        with pytest.raises(NotFound):
            media_finding(people.stranger)  # another county's division


def test_bad_input_names_each_field(people):
    with frozen(), pytest.raises(ValidationFailed) as exc:
        media_finding(people.evaluator, severity="huge", outlet="",
                      found_on=dt.date(2027, 1, 1))
    assert {"severity", "outlet", "found_on"} <= set(exc.value.errors)
    assert not Finding.objects.exists()


def test_links_are_region_checked(people):
    mine = factories.household(factories.HOME_VILLAGE)
    theirs = factories.household(factories.OTHER_COUNTY_VILLAGE)
    with frozen():
        finding = media_finding(people.evaluator, links=[("household", mine.household_id)])
        assert [(x.kind, x.ref) for x in finding.links.all()] == [
            ("household", mine.household_id)]
        with pytest.raises(NotFound):
            media_finding(people.evaluator, links=[("household", theirs.household_id)])
        with pytest.raises(ValidationFailed):  # not in the finding's (township) division
            media_finding(people.evaluator, division="513431101000",
                          links=[("household", mine.household_id)])
        with pytest.raises(ValidationFailed):  # no app keeps products yet
            media_finding(people.evaluator, links=[("product", "P1")])


# --- rectification: every transition, wrong role, other region, out of order ---------------

def test_rectification_from_plan_to_verified(people):
    with frozen():
        finding = media_finding(people.evaluator)
        rect = to_claimed(people, finding)
        assert rect.state == "claimed"
        rect = step(rect, people.evaluator, "verify", "复核属实")
    assert rect.state == "verified"
    assert rect.closed
    assert rect.on_time
    assert rect.due_at is None
    kinds = list(rect.reports.values_list("kind", flat=True))
    assert kinds == ["plan", "progress", "completion", "verification"]
    assert list(rect.steps.values_list("action", flat=True)) == [
        "submit_plan", "report_progress", "claim_completion", "verify"]


def test_sent_back_with_reasons_then_claimed_again(people):
    with frozen():
        rect = to_claimed(people, media_finding(people.evaluator))
        with pytest.raises(ValidationFailed):
            step(rect, people.evaluator, "send_back", "  ")
        rect = step(rect, people.evaluator, "send_back", "佐证材料不全")
        assert rect.state == "in_progress"
        assert rect.claimed_by is None
        rect = step(rect, people.officer, "claim_completion", "补充材料")
        assert rect.state == "claimed"


@pytest.mark.parametrize(("action", "who"), [
    ("submit_plan", "evaluator"),  # the source does not plan the unit's rectification
    ("submit_plan", "province"),  # bound to a province: not a county-level actor
    ("verify", "officer"),  # the unit does not verify itself
    ("verify", "auditor"),  # an auditor does not verify what a media visit found
])
def test_wrong_role_is_forbidden(people, action, who):
    with frozen():
        finding = media_finding(people.evaluator)
        rect = finding.rectification if action == "submit_plan" else to_claimed(people, finding)
        before = rect.version
        with pytest.raises(Forbidden):
            step(rect, getattr(people, who), action)
    assert Rectification.objects.get(pk=rect.pk).version == before


def test_who_claimed_may_not_verify(people):
    with frozen():
        rect = media_finding(people.approver, source="hotline_12317").rectification
        step(rect, people.approver, "submit_plan")
        step(rect, people.approver, "claim_completion")
        with pytest.raises(Forbidden):
            step(rect, people.approver, "verify")
        other = factories.make_user("county_approver", COUNTY)
        assert step(rect, other, "verify").state == "verified"


def test_another_region_learns_nothing(people):
    with frozen():
        rect = media_finding(people.evaluator).rectification
        for action in ("submit_plan", "verify", "no_such_action"):
            with pytest.raises(NotFound):
                step(rect, factories.make_user("county_officer", "513436000000"), action)


@pytest.mark.parametrize("action", ["verify", "claim_completion", "send_back"])
def test_out_of_order_is_refused(people, action):
    with frozen():
        rect = media_finding(people.evaluator).rectification
        actor = people.evaluator if action != "claim_completion" else people.officer
        with pytest.raises(engine.IllegalTransition):
            step(rect, actor, action)


def test_two_concurrent_verifications_one_wins(transactional_db):
    factories.make_tree()
    people = People()
    second = factories.make_user("evaluator", COUNTY)
    with frozen():
        rect = to_claimed(people, media_finding(people.evaluator))
        barrier = threading.Barrier(2)
        outcomes: list[str] = []

        def verify(user):
            try:
                barrier.wait()
                services.take_step(actor=user, rectification=rect, action="verify",
                                   version=rect.version, note="复核")
                outcomes.append("verified")
            except Conflict as exc:
                outcomes.append(f"conflict: {exc}")
            finally:
                connection.close()

        threads = [threading.Thread(target=verify, args=(u,)) for u in (people.evaluator,
                                                                        second)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert sorted(o.split(":")[0] for o in outcomes) == ["conflict", "verified"]
    assert Rectification.objects.get(pk=rect.pk).steps.filter(action="verify").count() == 1


# --- overdue: escalation and counting against the county ------------------------------------

def test_overdue_rectification_escalates_to_the_province_once(people):
    with frozen() as traveller:
        rect = media_finding(people.evaluator, severity="minor").rectification
        assert engine.escalate_overdue() == 0
        traveller.move_to(workflows.deadline_at(rect.deadline) - dt.timedelta(seconds=1))
        assert engine.escalate_overdue() == 0
        traveller.shift(dt.timedelta(seconds=2))
        assert engine.escalate_overdue() == 1
        assert engine.escalate_overdue() == 0  # idempotent
        note = Notification.objects.get(kind="escalation")
        assert note.user == people.province
        assert services.evaluation_adjustments(COUNTY, 2026).overdue_rectifications == 1
        # Verified late: closed, but not on time.
        rect = to_claimed(people, rect.finding)
        rect = step(rect, people.evaluator, "verify")
        assert rect.on_time is False
        assert services.evaluation_adjustments(COUNTY, 2026).overdue_rectifications == 0


# --- 12317: the statutory clock ---------------------------------------------------------------

def complaint(people, **over):
    return media_finding(people.officer, source="hotline_12317", outlet="",
                         complainant_name="李四", complainant_phone="13812345678", **over)


def test_12317_is_handled_within_15_days(people):
    with frozen() as traveller:
        finding = complaint(people)
        assert finding.handle_due == START + dt.timedelta(days=15)
        services.acknowledge_complaint(actor=people.officer, finding=finding)
        traveller.shift(dt.timedelta(days=15))
        assert not services.complaint_overdue(Finding.objects.get(pk=finding.pk))
        traveller.shift(dt.timedelta(seconds=1))
        assert services.complaint_overdue(Finding.objects.get(pk=finding.pk))
        with pytest.raises(ValidationFailed):  # too late to extend now
            services.extend_complaint(actor=people.officer, finding=finding, reason="复杂")


def test_12317_extends_once_to_20_days_with_a_reason(people):
    with frozen() as traveller:
        finding = complaint(people)
        with pytest.raises(ValidationFailed):
            services.extend_complaint(actor=people.officer, finding=finding, reason=" ")
        finding = services.extend_complaint(actor=people.officer, finding=finding,
                                            reason="需跨部门核实")
        assert finding.handle_due == START + dt.timedelta(days=20)
        with pytest.raises(ValidationFailed):
            services.extend_complaint(actor=people.officer, finding=finding, reason="再延")
        traveller.shift(dt.timedelta(days=19))
        finding = services.reply_complaint(actor=people.officer, finding=finding,
                                           reply="经核实已整改")
        assert not services.complaint_overdue(finding)
        with pytest.raises(ValidationFailed):
            services.reply_complaint(actor=people.officer, finding=finding, reply="again")
    with pytest.raises(Forbidden):
        services.acknowledge_complaint(actor=people.evaluator, finding=finding)


def test_complainant_is_masked_and_reveal_audited(people):
    with frozen():
        finding = complaint(people)
    assert services.complainant(finding) == {"name": "李*", "phone": "138****5678"}
    stored = AuditRecord.objects.filter(object_type="accountability.finding",
                                        object_id=str(finding.pk))
    assert "13812345678" not in str(list(stored.values_list("after", flat=True)))
    with pytest.raises(Forbidden):
        services.reveal_complainant(actor=people.evaluator, finding=finding)
    clear = services.reveal_complainant(actor=people.officer, finding=finding)
    assert clear == {"name": "李四", "phone": "13812345678"}
    assert stored.filter(action="accountability.reveal_complainant",
                         actor_id=people.officer.pk).count() == 1


def test_complaint_about_a_household_alerts_the_case_procedure(people):
    household = factories.household(factories.HOME_VILLAGE)
    with frozen():
        finding = complaint(people, division=factories.HOME_VILLAGE,
                            links=[("household", household.household_id)])
    case = household.cases.get()
    assert case.alerts.filter(source=f"accountability:{finding.pk}").count() == 1


# --- actions: the ledger ----------------------------------------------------------------------

def test_actions_are_approved_at_their_level(people):
    with frozen():
        finding = media_finding(people.evaluator)
        notice = services.propose_action(actor=people.evaluator, finding=finding,
                                         kind="notice", decision_document="川农通〔2026〕3号",
                                         decision_date=dt.date(2026, 3, 2))
        assert notice.state == "proposed_province"
        with pytest.raises(Forbidden):  # the county may not approve a province action
            services.decide_action(actor=people.approver, action=notice, decision="approve",
                                   version=notice.version)
        notice = services.decide_action(actor=people.province, action=notice,
                                        decision="approve", version=notice.version)
        assert notice.state == "approved"
        assert notice.approved_at is not None
        recovery = services.propose_action(
            actor=people.evaluator, finding=finding, kind="fund_recovery",
            decision_document="昭农〔2026〕9号", decision_date=dt.date(2026, 3, 2),
            amount="12000.50")
        assert recovery.state == "proposed_county"
        recovery = services.decide_action(actor=people.approver, action=recovery,
                                          decision="approve", version=recovery.version)
        recovery = services.record_recovery(actor=people.officer, action=recovery,
                                            recovered="5000")
        assert recovery.recovered == Decimal("5000.00")
        with pytest.raises(ValidationFailed):
            services.record_recovery(actor=people.officer, action=recovery,
                                     recovered="12000.51")


def test_proposer_may_not_approve_and_officials_need_unit_and_post(people):
    with frozen():
        finding = media_finding(people.evaluator)
        action = services.propose_action(actor=people.province, finding=finding, kind="talk",
                                         decision_document="约谈〔2026〕1号",
                                         decision_date=dt.date(2026, 3, 2))
        with pytest.raises(Forbidden):
            services.decide_action(actor=people.province, action=action, decision="approve",
                                   version=action.version)
        with pytest.raises(ValidationFailed) as exc:
            services.propose_action(actor=people.evaluator, finding=finding, kind="officials",
                                    decision_document="问责〔2026〕2号",
                                    decision_date=dt.date(2026, 3, 2),
                                    officials=[{"name": "王五", "unit": "", "post": ""}])
        assert "officials" in exc.value.errors


def test_audit_verify_names_a_tampered_action(people):
    with frozen():
        finding = media_finding(people.evaluator)
        rect = to_claimed(people, finding)
        step(rect, people.evaluator, "verify")
        action = services.propose_action(actor=people.evaluator, finding=finding,
                                         kind="deduction", points="2", year=2026,
                                         decision_document="川农〔2026〕5号",
                                         decision_date=dt.date(2026, 3, 2))
        services.decide_action(actor=people.province, action=action, decision="approve",
                               version=action.version)
    assert audit.verify().ok
    record = AuditRecord.objects.filter(object_type="accountability.accountabilityaction",
                                        object_id=str(action.pk)).earliest("seq")
    after = dict(record.after, points="0.50")
    AuditRecord.objects.filter(pk=record.pk).update(after=after)
    result = audit.verify()
    assert not result.ok
    assert f"accountability.accountabilityaction:{action.pk}" in result.reason


# --- automatic findings and the evaluation hooks ----------------------------------------------

def test_integrity_findings_are_idempotent(people):
    rows = [{"division": "513431100200", "households": "80", "excess": "12.5",
             "p_value": "0.001", "flagged": "1"},
            {"division": "513431101201", "households": "40", "excess": "0.3",
             "p_value": "0.6", "flagged": "0"}]
    with frozen():
        assert services.sync_integrity(rows=rows, year=2025) == {"opened": 1, "already": 0}
        assert services.sync_integrity(rows=rows, year=2025) == {"opened": 0, "already": 1}
    finding = Finding.objects.get()
    assert finding.source == "integrity"
    assert finding.rectification.state == "assigned"
    with pytest.raises(ValidationFailed) as exc:
        services.sync_integrity(rows=[{"division": "999999", "flagged": "1"}], year=2025)
    assert "row 2, column division" in str(exc.value)


def test_a_poor_grade_opens_exactly_one_finding_with_3_months(people):
    with frozen():
        first = services.open_evaluation_finding(actor="evaluation", county_code=COUNTY,
                                                 year=2025, grade="poor", result_ref="R1")
        again = services.open_evaluation_finding(actor="evaluation", county_code=COUNTY,
                                                 year=2025, grade="poor", result_ref="R1")
        assert services.open_evaluation_finding(actor="evaluation", county_code=COUNTY,
                                                year=2025, grade="good") is None
    assert first.pk == again.pk
    assert Finding.objects.filter(source="evaluation").count() == 1
    assert first.rectification.deadline == dt.date(2026, 6, 2)


def test_evaluation_adjustments_sum_approved_actions_of_the_year(people):
    with frozen():
        finding = media_finding(people.evaluator)
        made = []
        for kind, points, year in (("deduction", "2", 2026), ("deduction", "1.5", 2026),
                                   ("deduction", "9", 2025), ("no_top_grade", None, 2026)):
            made.append(services.propose_action(
                actor=people.evaluator, finding=finding, kind=kind, points=points, year=year,
                decision_document=f"文{len(made)}", decision_date=dt.date(2026, 3, 2)))
        for action in made[:3]:  # the grade cap stays proposed
            services.decide_action(actor=people.province, action=action, decision="approve",
                                   version=action.version)
    adj = services.evaluation_adjustments(COUNTY, 2026)
    assert adj.deductions == Decimal("3.50")
    assert adj.grade_cap is None
    assert not adj.loses_demonstration
    assert services.evaluation_adjustments("513436000000", 2026).deductions == 0
    assert services.evaluation_adjustments(COUNTY, 2025).deductions == Decimal("9.00")
    capped = AccountabilityAction.objects.get(pk=made[3].pk)
    services.decide_action(actor=people.province, action=capped, decision="approve",
                           version=capped.version)
    assert services.evaluation_adjustments(COUNTY, 2026).grade_cap == "good"


def test_evaluation_app_poor_grade_gets_one_rectification(people):
    """With the evaluation app: scoring a round that grades the county 较差, twice, leaves
    exactly one evaluation finding with a deadline 3 months after the grading (the app calls
    ``services.open_evaluation_finding``; this side is tested above)."""
    from fupin.evaluation import services as evaluation
    from fupin.evaluation.models import IndicatorSystem
    from tests.evaluation_rounds_helpers import evaluation_of, open_round, to_reviewed, zero

    evaluation.ensure_default_systems()
    # A county is evaluated once a year on a system: the demonstration-county evaluation and
    # the fund performance of the same year both grade it 较差.
    systems = [IndicatorSystem.objects.get(code=code, province_code="")
               for code in ("ecommerce-demo-county", "fund-performance")]
    with frozen():
        results = []
        for system in systems:
            county = evaluation_of(open_round(people, year=2026, counties=[COUNTY],
                                              system=system))
            to_reviewed(county, people, value=zero)
            results.append(evaluation.grade_county(actor=people.province, evaluation=county))
    assert [r.grade for r in results] == ["poor", "poor"]
    finding = Finding.objects.get(source="evaluation")
    assert [r.finding_id for r in results] == [finding.pk, finding.pk]
    assert finding.rectification.deadline == dt.date(2026, 6, 2)


def test_evaluation_app_next_round_score_changes_by_the_deduction(people):
    """With the evaluation app: an approved deduction of N points for year Y lowers the
    county's score of round Y by exactly N (the app reads
    ``services.evaluation_adjustments``; this side is tested above)."""
    from fupin.evaluation import services as evaluation
    from tests.evaluation_rounds_helpers import evaluation_of, open_round, to_reviewed

    with frozen():
        county = evaluation_of(open_round(people, year=2026, counties=[COUNTY]))
        to_reviewed(county, people)
        before = evaluation.score_county(county).total
        other_year = services.propose_action(
            actor=people.evaluator, finding=media_finding(people.evaluator),
            kind="deduction", points="4", year=2025, decision_document="文1",
            decision_date=dt.date(2026, 3, 2))
        action = services.propose_action(
            actor=people.evaluator, finding=media_finding(people.evaluator),
            kind="deduction", points="2.5", year=2026, decision_document="文2",
            decision_date=dt.date(2026, 3, 2))
        for made in (other_year, action):
            services.decide_action(actor=people.province, action=made, decision="approve",
                                   version=made.version)
        after = evaluation.score_county(county).total
        result = evaluation.grade_county(actor=people.province, evaluation=county)
    assert before - after == Decimal("2.50")
    assert (result.total, result.extra_deduction) == (after, Decimal("2.50"))


# --- every transition: wrong role, another region, out of order ------------------------------

#: The state each transition starts from and who may take it.
TRANSITIONS = [(t.state, t.action) for t in workflows.RECTIFICATION.transitions]


def _to_state(people, state: str):
    finding = media_finding(people.evaluator)
    rect = finding.rectification
    path = {"assigned": [], "planned": ["submit_plan"],
            "in_progress": ["submit_plan", "report_progress"],
            "claimed": ["submit_plan", "claim_completion"]}[state]
    for action in path:
        rect = step(rect, people.officer, action)
    return rect


@pytest.mark.parametrize(("state", "action"), TRANSITIONS)
def test_every_rectification_transition_checks_region_role_and_order(people, state, action):
    rightful = people.evaluator if action in {"verify", "send_back"} else people.officer
    wrong = people.officer if rightful is people.evaluator else people.auditor
    with frozen():
        rect = _to_state(people, state)
        version = rect.version
        with pytest.raises(NotFound):
            step(rect, factories.make_user(rightful.groups.first().name, "513436000000"),
                 action)
        with pytest.raises(Forbidden):
            step(rect, wrong, action)
        assert Rectification.objects.get(pk=rect.pk).version == version
        moved = step(rect, rightful, action, "理由与情况")
        assert moved.state == workflows.RECTIFICATION.transition(state, action).to
        if moved.closed:  # out of order: nothing more is possible once verified
            with pytest.raises(engine.IllegalTransition):
                step(moved, rightful, action)


@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_every_action_transition_checks_region_level_and_order(people, decision):
    with frozen():
        finding = media_finding(people.evaluator)
        action = services.propose_action(actor=people.evaluator, finding=finding,
                                         kind="deadline", decision_document="限改1",
                                         decision_date=dt.date(2026, 3, 2))
        stranger = factories.make_user("county_approver", "513436000000")
        with pytest.raises(NotFound):
            services.decide_action(actor=stranger, action=action, decision=decision,
                                   version=action.version)
        with pytest.raises(Forbidden):  # a county-level action: not the province's
            services.decide_action(actor=people.province, action=action, decision=decision,
                                   version=action.version)
        done = services.decide_action(actor=people.approver, action=action,
                                      decision=decision, version=action.version, note="理由")
        assert done.state == ("approved" if decision == "approve" else "rejected")
        with pytest.raises(engine.IllegalTransition):
            services.decide_action(actor=people.approver, action=done, decision=decision,
                                   version=done.version, note="理由")
