"""A failing follow-up of a monitoring run fails the run's job with the reason, so the
screen stops polling and says why."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fupin.core.access import Scope
from fupin.households.importer import run_import
from fupin.monitoring import tasks
from fupin.monitoring.models import MonitoringRun
from tests import factories
from tests.test_exchange import _generated


def broken_follow_up(*, actor, run):
    raise RuntimeError("the case service is down")


def test_a_failing_after_run_hook_fails_the_job_with_its_reason(tree, tmp_path, client,
                                                               settings):
    settings.FUPIN_AFTER_MONITORING_RUN = ["tests.test_monitoring_after_run.broken_follow_up"]
    assert run_import(_generated(tmp_path, n=20, seed=7), actor="test", scope=Scope.nation()).ok
    user = factories.make_user("county_officer", "513431000000")
    with pytest.raises(tasks.AfterRunFailed, match="the case service is down"):
        tasks.run_monitoring_task.call(user.pk, 2021, "duckdb", "tok")
    client.force_login(user)
    html = client.get(reverse("monitoring-runs"), {"token": "tok"},
                      HTTP_HX_REQUEST="true").content.decode()
    run = MonitoringRun.objects.get()
    assert f"run {run.pk} finished, but the follow-up" in html
    assert "the case service is down" in html
    assert "hx-trigger" not in html  # the screen stops polling
