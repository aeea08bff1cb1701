"""The county evaluation as a procedure (issue 13), tested like the case procedure: every
transition with the wrong role, from another region, out of order and with a stale version;
two concurrent steps; deadlines from the round; escalation; the inbox."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
import time_machine
from django.db import connection

from fupin.core import inbox
from fupin.core import workflow as engine
from fupin.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from fupin.core.models import AuditRecord, Notification
from fupin.evaluation import services, workflows
from fupin.evaluation.models import CountyEvaluation
from tests import factories
from tests.evaluation_rounds_helpers import (
    COUNTY,
    START,
    People,
    evaluation_of,
    far_province,
    open_round,
    step,
)

TRANSITIONS = [(t.state, t.action, t.level) for t in workflows.EVALUATION.transitions]
#: The path to each state, as (who, action).
PATH = {"opened": [], "submitted": [("officer", "submit_evaluation")],
        "verified": [("officer", "submit_evaluation"), ("evaluator", "verify_evaluation")],
        "reviewed": [("officer", "submit_evaluation"), ("evaluator", "verify_evaluation"),
                     ("province", "review_evaluation")]}
#: Who may take each transition, and a role of the same level who may not.
WHO = {"submit_evaluation": ("approver", "evaluator"),
       "verify_evaluation": ("evaluator", "officer"),
       ("submitted", "send_back"): ("evaluator", "approver"),
       ("verified", "send_back"): ("province", "evaluator"),
       "review_evaluation": ("province", "officer"),
       "publish_evaluation": ("province", "evaluator")}


@pytest.fixture
def people(tree):
    return People()


def frozen(at=START):
    return time_machine.travel(at, tick=False)


def _to_state(people, state):
    evaluation = evaluation_of(open_round(people, counties=[COUNTY]))
    for who, action in PATH[state]:
        step(evaluation, getattr(people, who), action)
    evaluation.refresh_from_db()
    return evaluation


def _take(evaluation, actor, action, note="理由", *, stale=False):
    evaluation.refresh_from_db()
    version = evaluation.version - (1 if stale else 0)
    if action == "publish_evaluation":
        services.grade_county(actor=actor, evaluation=evaluation, version=version)
        evaluation.refresh_from_db()
        return evaluation
    return services.take_step(actor=actor, evaluation=evaluation, action=action,
                              version=version, note=note)


@pytest.mark.parametrize(("state", "action", "level"), TRANSITIONS)
def test_every_transition_checks_region_role_order_and_version(people, state, action, level):
    rightful, wrong = (getattr(people, w) for w in WHO.get((state, action), WHO.get(action)))
    with frozen():
        evaluation = _to_state(people, state)
        version = evaluation.version
        far_province()
        elsewhere = factories.make_user(rightful.groups.first().name,
                                        "520000000000" if level == "province"
                                        else "513436000000")
        with pytest.raises(NotFound):
            _take(evaluation, elsewhere, action)
        with pytest.raises(Forbidden):
            _take(evaluation, wrong, action)
        with pytest.raises(Conflict):
            _take(evaluation, rightful, action, stale=True)
        assert CountyEvaluation.objects.get(pk=evaluation.pk).version == version
        moved = _take(evaluation, rightful, action)
        assert moved.state == workflows.EVALUATION.transition(state, action).to
        assert moved.version == version + 1
        assert AuditRecord.objects.filter(action=f"evaluation.{action}").exists()
        if (moved.state, action) not in workflows.EVALUATION.by_key:
            with pytest.raises(engine.IllegalTransition):
                _take(moved, rightful, action)


@pytest.mark.parametrize(("state", "action", "who"), [
    ("opened", "verify_evaluation", "evaluator"), ("opened", "review_evaluation", "province"),
    ("submitted", "review_evaluation", "province"),
    ("verified", "submit_evaluation", "officer"),
    ("opened", "publish_evaluation", "province")])
def test_out_of_order_is_refused(people, state, action, who):
    evaluation = _to_state(people, state)
    with pytest.raises((engine.IllegalTransition, ValidationFailed)):
        _take(evaluation, getattr(people, who), action)
    assert CountyEvaluation.objects.get(pk=evaluation.pk).state == state


def test_send_back_needs_reasons_and_who_submitted_may_not_verify(people):
    evaluation = _to_state(people, "submitted")
    with pytest.raises(ValidationFailed):
        _take(evaluation, people.evaluator, "send_back", note=" ")
    assert CountyEvaluation.objects.get(pk=evaluation.pk).state == "submitted"
    both = factories.make_user("county_officer", COUNTY)
    both.user_permissions.add(*_perms("verify_evaluation"))
    moved = _take(evaluation, people.evaluator, "send_back", note="佐证材料不全")
    assert moved.state == "opened"
    step(moved, both, "submit_evaluation")
    both = type(both).objects.get(pk=both.pk)  # fresh permission cache
    with pytest.raises(Forbidden):
        _take(moved, both, "verify_evaluation")


def _perms(codename):
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(codename=codename, content_type__app_label="evaluation")


def test_two_concurrent_verifications_one_wins(transactional_db):
    factories.make_tree()
    people = People()
    second = factories.make_user("evaluator", COUNTY)
    evaluation = _to_state(people, "submitted")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def verify(user):
        try:
            barrier.wait()
            services.take_step(actor=user, evaluation=evaluation, action="verify_evaluation",
                               version=evaluation.version, note="核查")
            outcomes.append("verified")
        except Conflict as exc:
            outcomes.append(f"conflict: {exc}")
        finally:
            connection.close()

    threads = [threading.Thread(target=verify, args=(u,)) for u in (people.evaluator, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(o.split(":")[0] for o in outcomes) == ["conflict", "verified"]
    assert evaluation.steps.filter(action="verify_evaluation").count() == 1


# --- deadlines, escalation, the inbox --------------------------------------------------------

def test_deadlines_come_from_the_round_then_the_review_days(people, settings):
    settings.FUPIN_EVALUATION_REVIEW_DAYS = 10
    china = dt.timezone(dt.timedelta(hours=8))
    with frozen():
        evaluation = _to_state(people, "opened")
        assert evaluation.due_at == dt.datetime(2026, 4, 1, tzinfo=china)  # end of 31 March
        moved = step(evaluation, people.officer, "submit_evaluation")
        assert moved.due_at == dt.datetime(2026, 6, 1, tzinfo=china)  # end of 31 May
        moved = step(evaluation, people.evaluator, "verify_evaluation")
        assert moved.due_at > START
        assert moved.due_at <= START + dt.timedelta(days=16)


def test_an_overdue_submission_escalates_to_the_province_once(people):
    china = dt.timezone(dt.timedelta(hours=8))
    with frozen() as traveller:
        _to_state(people, "opened")
        assert engine.escalate_overdue() == 0
        traveller.move_to(dt.datetime(2026, 4, 1, tzinfo=china) - dt.timedelta(seconds=1))
        assert engine.escalate_overdue() == 0
        traveller.shift(dt.timedelta(seconds=2))
        assert engine.escalate_overdue() == 1
        assert engine.escalate_overdue() == 0
        note = Notification.objects.get(kind="escalation",
                                        workflow=workflows.EVALUATION_NAME)
        assert note.user == people.province


def test_the_inbox_lists_each_step_for_whoever_takes_it(people):
    with frozen():
        evaluation = _to_state(people, "opened")

        def waiting(user):
            return list(inbox.items(user, workflows=[workflows.EVALUATION_NAME]))

        assert len(waiting(people.officer)) == 1
        assert not waiting(people.evaluator)
        step(evaluation, people.officer, "submit_evaluation")
        assert len(waiting(people.evaluator)) == 1
        assert not waiting(people.officer)
        assert Notification.objects.filter(user=people.evaluator,
                                           workflow=workflows.EVALUATION_NAME).exists()
        step(evaluation, people.evaluator, "verify_evaluation")
        assert len(waiting(people.province)) == 1
        assert not waiting(people.evaluator)
