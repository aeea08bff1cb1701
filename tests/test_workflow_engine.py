"""The core workflow engine, driven by a toy workflow defined only here: a two-level leave
request (draft → submitted → approved / refused) with a guard, an effect, deadlines counted
per province, escalation, notifications and the inbox — proving the machinery is generic."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
import time_machine
from django.apps.registry import Apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.utils import timezone, translation

from fupin.core import audit, deadlines, inbox
from fupin.core import workflow as engine
from fupin.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from fupin.core.models import Notification, WorkflowStep
from tests import factories

# A registry of its own, so the toy model never shows up in the product's migrations.
toy_apps = Apps(["fupin.core"])


class LeaveRequest(engine.WorkflowObject):
    """A village cadre's leave request, approved or refused by the township."""

    division_code = models.CharField(max_length=12)
    days = models.PositiveIntegerField(default=1)
    decided_at = models.DateTimeField(null=True, blank=True)

    access_permissions = {"view": "core.toy_view_leave"}

    class Meta:
        app_label = "core"
        apps = toy_apps
        db_table = "test_toy_leave_request"


def short_enough(move: engine.Move) -> list[str]:
    days = move.obj.days
    return [] if days <= 15 else [f"a leave of {days} days needs the county's consent"]


def reason_given(move: engine.Move) -> list[str]:
    return [] if move.note.strip() else ["give the reason"]


def decide(move: engine.Move) -> None:
    move.obj.decided_at = move.now


LEAVE = engine.Workflow(
    name="tests.leave", model=LeaveRequest, noun="leave request",
    states={"draft": "Draft", "submitted": "Submitted: township decision due",
            "approved": "Approved", "refused": "Refused"},
    transitions=[
        engine.Transition("draft", "submit", "submitted", "village", "Submit",
                          guard=short_enough),
        engine.Transition("submitted", "approve", "approved", "township", "Approve",
                          effect=decide),
        engine.Transition("submitted", "refuse", "refused", "township", "Refuse",
                          guard=reason_given, effect=decide),
    ],
    levels={"village": "core.toy_act_village", "township": "core.toy_act_township",
            "county": "core.toy_act_county"},
    closed=frozenset({"approved", "refused"}),
    deadline_defaults=lambda: {"draft": 2, "submitted": 3, "step": 3},
    describe=lambda leave: f"leave request {leave.pk} ({leave.days} d)",
)


@pytest.fixture(scope="session")
def _toy_table(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with connection.schema_editor() as editor:
            editor.create_model(LeaveRequest)
        yield
        with connection.schema_editor() as editor:
            editor.delete_model(LeaveRequest)


@pytest.fixture
def leave(_toy_table):
    engine.register(LEAVE)
    yield LEAVE
    engine.REGISTRY.pop(LEAVE.name, None)
    # The toy's content type row is rolled back with each test: forget the cached one.
    ContentType.objects.clear_cache()
    LeaveRequest.objects.all().delete()  # rows committed by the two-thread test


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def toy_user(level: str, division_code: str):
    """A user holding only the toy workflow's permissions (nothing of cases): the engine works
    for any app's permissions."""
    user = factories.make_user(None, division_code)
    step_type = ContentType.objects.get_for_model(WorkflowStep)
    for codename in ("toy_view_leave", f"toy_act_{level}"):
        perm, _ = Permission.objects.get_or_create(
            content_type=step_type, codename=codename, defaults={"name": codename})
        user.user_permissions.add(perm)
    return type(user).objects.get(pk=user.pk)  # fresh permission cache


class People:
    def __init__(self) -> None:
        self.cadre = toy_user("village", factories.HOME_VILLAGE)
        self.reviewer = toy_user("township", factories.HOME_TOWNSHIP)
        self.approver = toy_user("county", "513431000000")


@pytest.fixture
def people(tree):
    return People()


def draft(days: int = 3, code: str = factories.HOME_VILLAGE) -> LeaveRequest:
    now = timezone.now()
    obj = LeaveRequest(division_code=code, days=days, state="draft", state_since=now)
    obj.due_at = LEAVE.due_for(obj, now)
    obj.save()
    return obj


def take(obj, actor, action, **kw):
    return engine.take(LEAVE, actor=actor, obj=obj, action=action,
                       version=kw.pop("version", obj.version), **kw)


MONDAY = dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC)  # 10:00 in Beijing, no holiday near


def test_a_toy_workflow_runs_through_the_engine(leave, people):
    with time_machine.travel(MONDAY, tick=False) as traveller:
        obj = draft(days=20)
        assert obj.due_at == MONDAY + dt.timedelta(days=2)
        with pytest.raises(ValidationFailed) as refused:
            take(obj, people.cadre, "submit")
        assert refused.value.errors["criteria"] == [
            "a leave of 20 days needs the county's consent"]
        obj.days = 3
        obj.save()
        obj = take(obj, people.cadre, "submit")
        assert (obj.state, obj.version) == ("submitted", 2)
        assert obj.due_at == MONDAY + dt.timedelta(days=3)
        # The township is told and finds it in its inbox; the county does not, yet.
        note = Notification.objects.get(user=people.reviewer)
        assert note.kind == "step"
        assert note.message == f"leave request {obj.pk} (3 d): Submitted: township decision due"
        assert [i.pk for i in inbox.items(people.reviewer)] == [obj.pk]
        assert inbox.items(people.approver) == []
        assert inbox.items(people.cadre) == []

        # Overdue: escalated to the county, announced once however often escalation runs.
        traveller.shift(dt.timedelta(days=4))
        assert engine.escalate_overdue() == 1
        assert engine.escalate_overdue() == 0
        escalation = Notification.objects.get(user=people.approver)
        assert escalation.kind == "escalation"
        assert escalation.message.startswith("Overdue, escalated to you: leave request")
        [item] = inbox.items(people.approver)
        assert (item.pk, item.escalated, item.days_left) == (obj.pk, True, -1)
        assert [n.pk for n in engine.unread(people.approver)] == [escalation.pk]

        obj = take(obj, people.reviewer, "approve")
        assert obj.closed
        assert obj.due_at is None
        assert obj.decided_at == timezone.now()
        assert inbox.items(people.reviewer) == []
        assert inbox.items(people.approver) == []
    steps = WorkflowStep.objects.filter(workflow="tests.leave", object_id=obj.pk)
    assert [(s.action, s.from_state, s.to_state) for s in steps] == [
        ("submit", "draft", "submitted"), ("approve", "submitted", "approved")]
    assert audit.verify().ok
    # Opening the object reads the notices about it; the inbox stops showing them.
    assert engine.mark_read(people.approver, obj) == 1
    assert not engine.unread(people.approver).exists()


def test_wrong_level_is_forbidden_even_with_the_permission(leave, people):
    obj = take(draft(), people.cadre, "submit")
    with pytest.raises(Forbidden, match="township"):
        take(obj, people.approver, "approve")
    # A township reviewer bound to the county (one level too high) may not act either.
    high = toy_user("township", "513431000000")
    with pytest.raises(Forbidden):
        take(obj, high, "approve")
    assert "township" not in LEAVE.acting_levels(high)
    obj.refresh_from_db()
    assert obj.state == "submitted"


def test_another_region_is_not_found_before_version_or_state_is_revealed(leave, people):
    obj = draft()
    stale = obj.version
    take(obj, people.cadre, "submit")
    outsider = toy_user("township", "513436100000")
    for action, version in (("approve", stale), ("submit", stale), ("approve", 2),
                            ("no_such_action", 2)):
        with pytest.raises(NotFound) as exc:
            take(obj, outsider, action, version=version)
        text = str(exc.value)
        assert "submitted" not in text
        assert people.cadre.username not in text
    # An in-region actor with the stale version is told who acted first.
    with pytest.raises(Conflict, match=f"already moved on by {people.cadre.username}"):
        take(obj, people.reviewer, "approve", version=stale)


def test_out_of_order_steps_are_refused(leave, people):
    obj = draft()
    with pytest.raises(engine.IllegalTransition, match="possible: submit"):
        take(obj, people.reviewer, "approve")
    obj = take(obj, people.cadre, "submit")
    with pytest.raises(ValidationFailed, match="give the reason"):
        take(obj, people.reviewer, "refuse")
    obj = take(obj, people.reviewer, "refuse", note="农忙")
    with pytest.raises(ValidationFailed, match="is not possible"):
        take(obj, people.reviewer, "approve")


def test_notices_are_region_scoped_and_dismissable(leave, people):
    obj = take(draft(), people.cadre, "submit")
    note = engine.unread(people.reviewer).get()
    outsider = toy_user("township", "513436100000")
    with pytest.raises(NotFound):
        engine.dismiss(outsider, note.pk)
    # A user moved to another region no longer sees notices about the old one.
    people.reviewer.division_id = "513436100000"
    assert not engine.unread(people.reviewer).exists()
    people.reviewer.division_id = factories.HOME_TOWNSHIP
    engine.dismiss(people.reviewer, note.pk)
    assert not engine.unread(people.reviewer).exists()
    assert [i.pk for i in inbox.items(people.reviewer)] == [obj.pk]  # the work itself stays


def test_inbox_is_overdue_first_and_paginated(leave, people):
    with time_machine.travel(MONDAY, tick=False) as traveller:
        first = take(draft(), people.cadre, "submit")
        traveller.shift(dt.timedelta(days=1))
        second = take(draft(), people.cadre, "submit")
        third = take(draft(), people.cadre, "submit")
        traveller.shift(dt.timedelta(days=3))
        page = inbox.page(people.reviewer, 1, per_page=2)
        assert [i.pk for i in page.object_list] == [first.pk, second.pk]
        assert [i.days_left for i in page.object_list] == [-1, 0]
        assert page.paginator.num_pages == 2
        assert [i.pk for i in inbox.page(people.reviewer, 2, per_page=2)] == [third.pk]


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_decisions_one_wins_one_is_told(leave):
    factories.make_tree()
    people = People()
    other = toy_user("township", factories.HOME_TOWNSHIP)
    obj = take(draft(), people.cadre, "submit")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def decide_as(user, action):
        try:
            barrier.wait()
            take(obj, user, action, note="x")
            outcomes.append(action)
        except Conflict as exc:
            outcomes.append(f"conflict: {exc}")
        finally:
            connection.close()

    threads = [threading.Thread(target=decide_as, args=args)
               for args in ((people.reviewer, "approve"), (other, "refuse"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(outcomes) == 2, outcomes
    [told] = [o for o in outcomes if o.startswith("conflict: ")]
    [won] = [o for o in outcomes if not o.startswith("conflict: ")]
    winner = people.reviewer if won == "approve" else other
    assert winner.username in told  # the loser learns who acted first (threads speak zh)
    assert WorkflowStep.objects.filter(workflow="tests.leave", object_id=obj.pk,
                                       from_state="submitted").count() == 1


# --- deadlines --------------------------------------------------------------------------------

def test_working_days_follow_the_chinese_holiday_calendar():
    # National Day 2024: 1–7 October off; Saturday 12 October was a working day.
    assert deadlines.add_days(dt.date(2024, 9, 30), 3, "working") == dt.date(2024, 10, 10)
    assert deadlines.add_days(dt.date(2024, 10, 10), 3, "working") == dt.date(2024, 10, 14)
    assert deadlines.add_days(dt.date(2024, 10, 10), 3, "calendar") == dt.date(2024, 10, 13)
    # Beyond the calendar's last known year: a plain Monday–Friday week.
    assert deadlines.add_days(dt.date(2099, 1, 2), 2, "working") == dt.date(2099, 1, 6)


def test_a_province_counts_working_days_across_national_day(leave, people, settings):
    settings.FUPIN_DEADLINES_BY_PROVINCE = {"51": {"calendar": "working",
                                                   "tests.leave": {"submitted": 2}}}
    with time_machine.travel(dt.datetime(2024, 9, 30, 2, 0, tzinfo=dt.UTC), tick=False):
        obj = take(draft(), people.cadre, "submit")
    # 30 September + 2 working days: 1–7 October are holidays → Wednesday 9 October.
    assert timezone.localtime(obj.due_at).date() == dt.date(2024, 10, 9)
    with time_machine.travel(dt.datetime(2024, 10, 10, 2, 0, tzinfo=dt.UTC), tick=False):
        obj = take(draft(), people.cadre, "submit")
    # Thursday 10 October + 2 working days: Friday 11, Saturday 12 (an adjusted workday).
    assert timezone.localtime(obj.due_at).date() == dt.date(2024, 10, 12)
    # Another province counts calendar days with the default days.
    settings.FUPIN_DEADLINES_BY_PROVINCE = {"52": {"calendar": "working"}}
    with time_machine.travel(dt.datetime(2024, 9, 30, 2, 0, tzinfo=dt.UTC), tick=False):
        obj = take(draft(), people.cadre, "submit")
    assert timezone.localtime(obj.due_at).date() == dt.date(2024, 10, 3)
