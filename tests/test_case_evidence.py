"""Issue 11, cases part: a run over unchanged data adds no alert; the case page carries the
evidence (reasons, income against the line, incomes by year, guarantees, self-report)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from fupin.cases import services
from fupin.cases.models import Alert, Case, Channel
from fupin.core.access import Scope
from fupin.households.importer import run_import
from fupin.monitoring import policy
from fupin.monitoring import services as monitoring
from tests import factories
from tests.test_exchange import _generated


def test_a_rerun_over_unchanged_data_adds_no_alert_to_open_cases(tree, tmp_path):
    assert run_import(_generated(tmp_path, n=60, seed=31), actor="test",
                      scope=Scope.nation()).ok
    first = monitoring.run_monitoring(actor="test", year=2021, scope=Scope.nation()).run
    services.sync_from_run(actor="test", run=first)
    alerts = Alert.objects.count()
    assert alerts == Case.objects.count() > 0
    # The same data run again under another scope is a new run (a new number, a new key) ...
    second = monitoring.run_monitoring(actor="test", year=2021, scope=Scope("5134")).run
    assert second.pk != first.pk
    counts = services.sync_from_run(actor="test", run=second)
    # ... whose findings repeat the last ones: no new alert on any open case.
    assert Alert.objects.count() == alerts
    assert counts["attached"] == 0 and counts["unchanged"] > 0


def test_a_changed_finding_is_a_new_alert(tree):
    household = factories.household(factories.HOME_VILLAGE)
    details = {"rules": "INCOME_BELOW_LINE", "risk_types": "07", "year": 2021}
    case, first, created = services.open_or_attach(
        actor="test", household=household, channel=Channel.ENGINE, source="run:1",
        kind="unstable", details=details, same_content_once=True)
    assert created and first is not None
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
