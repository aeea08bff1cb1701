"""Upgrading keeps the case timelines and unread notices: ``cases.Step`` and
``cases.Notification`` rows move to the core workflow tables."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("cases", "0002_input_limits"), ("core", "0003_exchangejob")]
AFTER = [("cases", "0003_steps_and_notifications_to_core")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_steps_and_notifications_move_to_core():
    old = _migrate(BEFORE)
    try:
        Division = old.get_model("regions", "Division")
        User = old.get_model("accounts", "User")
        Household = old.get_model("households", "Household")
        Case = old.get_model("cases", "Case")
        Step = old.get_model("cases", "Step")
        Notification = old.get_model("cases", "Notification")
        village = Division.objects.create(code="513431100200", name="村", level="village")
        user = User.objects.create(username="cadre", division=village)
        household = Household.objects.create(
            household_id="H1", village=village, status="general", housing_grade="A",
            water_quantity_ok=True, water_quality_ok=True, water_access_ok=True,
            water_reliability_ok=True)
        at = dt.datetime(2026, 1, 5, 2, 0, tzinfo=dt.UTC)
        case = Case.objects.create(household=household, village_code=village.code,
                                   state="visited", channel="cadre_visit", opened_at=at,
                                   state_since=at, version=2)
        Step.objects.create(case=case, action="visit", from_state="alerted",
                            to_state="visited", actor=user, at=at, note="见户")
        Notification.objects.create(user=user, case=case, message="H1: visited")
        Notification.objects.create(user=user, case=case, message="H1: old", read=True)
    finally:
        new = _migrate(AFTER)
    WorkflowStep = new.get_model("core", "WorkflowStep")
    notices = new.get_model("core", "Notification")
    [s] = WorkflowStep.objects.all()
    assert (s.workflow, s.object_id, s.division_code, s.action, s.note, s.actor_id) == (
        "cases.case", case.pk, "513431100200", "visit", "见户", user.pk)
    assert s.content_type.app_label == "cases"
    unread = notices.objects.filter(read_at=None)
    assert [n.message for n in unread] == ["H1: visited"]
    assert notices.objects.count() == 2
    _migrate(_migrate_to_latest())


def _migrate_to_latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()
