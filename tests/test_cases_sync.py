"""`cases sync` set-based (ADR 0053): the cases, alerts, deadlines and notices it writes are
what opening each case on its own writes; one ledger record proves them all."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import translation

from fupin.cases import services, workflow
from fupin.cases.models import Alert, Case, Channel
from fupin.core import audit
from fupin.core.access import Scope
from fupin.core.models import AuditRecord, Notification
from fupin.monitoring import services as monitoring
from tests import factories


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _poor(**fields):
    """An exited household of two below the 2021 line with unsafe water (a monitoring
    object of the 2021 run)."""
    return factories.household(factories.HOME_VILLAGE, water_quality_ok=False,
                               economy=[{"year": 2020, "wage": 16000},
                                        {"year": 2021, "wage": 10000}], **fields)


#: Fields that name the row, its household or the moment it was written.
OWN = {"id", "household_id", "opened_at", "state_since", "due_at"}


def test_a_synced_case_is_the_case_opening_it_alone_would_write(tree):
    cadre = factories.make_user("village_cadre", factories.HOME_VILLAGE)
    bulk, alone = _poor(), _poor()
    run = monitoring.run_monitoring(actor="test", year=2021, scope=Scope("513431")).run
    assessments = {a.household_id: a for a in run.assessments.all()}
    assert {bulk.pk, alone.pk} <= set(assessments)
    one = assessments[alone.pk]
    # The per-case path, for one of the two households ...
    services.open_or_attach(
        actor="test", household=alone, channel=Channel.ENGINE, source=f"run:{run.pk}",
        kind=one.category, details={"rules": one.rules, "risk_types": one.risk_types,
                                    "year": run.year},
        category=one.category, risk_types=one.risk_types, same_content_once=True)
    ledger = AuditRecord.objects.count()
    # ... and the sync for the run: the other household's case is opened in bulk.
    counts = services.sync_from_run(actor="test", run=run)
    assert counts == {"opened": 1, "attached": 0, "unchanged": 1}
    a, b = Case.objects.get(household=alone), Case.objects.get(household=bulk)
    strip = lambda c: {k: v for k, v in audit.snapshot(c).items() if k not in OWN}  # noqa: E731
    assert strip(b) == strip(a)
    assert b.due_at == workflow.CASES.due_for(b, b.opened_at)
    assert b.due_at > b.opened_at
    first, second = a.alerts.get(), b.alerts.get()
    assert (second.channel, second.source, second.kind, second.details, second.date,
            second.amount, second.consent) == (
        first.channel, first.source, first.kind, first.details, first.date, first.amount,
        first.consent)
    # The village cadre is told about the new case as about the other one.
    note = Notification.objects.get(user=cadre, object_id=b.pk, workflow=workflow.CASES.name)
    alone_note = Notification.objects.get(user=cadre, object_id=a.pk)
    assert note.message == alone_note.message.replace(alone.household_id, bulk.household_id) \
        .replace(alone.head_name, bulk.head_name)
    assert (note.kind, note.division_code, note.read_at) == (
        alone_note.kind, alone_note.division_code, None)
    # ONE ledger record for the sync, its rows the case and its alert.
    written = list(AuditRecord.objects.order_by("seq"))[ledger:]
    assert [r.action for r in written] == ["cases.sync"]
    assert written[0].after["summary"]["opened"] == 1


def test_a_resync_opens_nothing_and_a_changed_finding_attaches(tree):
    household = _poor()
    run = monitoring.run_monitoring(actor="test", year=2021, scope=Scope("513431")).run
    assert services.sync_from_run(actor="test", run=run)["opened"] == 1
    ledger = AuditRecord.objects.count()
    assert services.sync_from_run(actor="test", run=run) == {
        "opened": 0, "attached": 0, "unchanged": 1}
    assert AuditRecord.objects.count() == ledger  # nothing written, nothing recorded
    # The household's water is fixed: the next run finds something else (other rules).
    household.water_quality_ok = True
    household.save()
    later = monitoring.run_monitoring(actor="test", year=2021, scope=Scope("5134")).run
    finding = later.assessments.get(household=household)
    case = Case.objects.get(household=household)
    assert finding.rules != case.alerts.get().details["rules"]  # the water rule is gone
    assert services.sync_from_run(actor="test", run=later) == {
        "opened": 0, "attached": 1, "unchanged": 0}
    latest = case.alerts.order_by("-created_at", "-pk").first()
    assert (latest.source, latest.details["rules"]) == (f"run:{later.pk}", finding.rules)
    assert Alert.objects.filter(case=case).count() == 2
    # ... and once attached, syncing that run again adds nothing.
    assert services.sync_from_run(actor="test", run=later)["attached"] == 0


def test_the_sync_is_proved_by_the_ledger(tree, capsys):
    for _ in range(3):
        _poor()
    run = monitoring.run_monitoring(actor="test", year=2021, scope=Scope("513431")).run
    assert services.sync_from_run(actor="test", run=run)["opened"] == 3
    call_command("audit", "verify")
    assert "ledger intact" in capsys.readouterr().out
