"""Job screens always end: the poll gets a fragment (never a redirect), stops at every end
(done, failed with the reason and a retry) and after a bounded time, shows progress in words;
the ledger check shows that it is busy (issue 11)."""

from __future__ import annotations

import time

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from fupin.core import jobs, progress
from fupin.core.access import Scope
from fupin.core.models import ExchangeJob
from fupin.households.importer import run_import
from fupin.monitoring import services
from tests import factories
from tests.test_exchange import _generated
from tests.test_exchange_ui import snapshot_xlsx

RUNS = "monitoring-runs"


def _poll_run(client, token, **extra):
    return client.get(reverse(RUNS), {"token": token, "year": "2021", **extra},
                      HTTP_HX_REQUEST="true")


@pytest.fixture
def officer(client, tree):
    user = factories.make_user("county_officer", "513431000000")
    client.force_login(user)
    return user


@pytest.mark.parametrize(("state", "polls"), [
    ({"state": "queued"}, True), ({"state": "running"}, True),
    ({"state": "done", "run": 4321, "created": True}, False),
    ({"state": "failed", "message": "磁盘已满"}, False), (None, False)])
def test_the_run_poll_is_a_fragment_that_stops_at_every_end(client, officer, state, polls):
    token = f"t{time.monotonic_ns()}"
    if state is not None:
        cache.set(f"fupin:monitor:{token}", state, 60)
    response = _poll_run(client, token)
    assert response.status_code == 200
    assert "Location" not in response
    assert "HX-Redirect" not in response
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="run-state"')
    assert "<nav" not in html
    assert "<html" not in html
    assert ("hx-trigger" in html) is polls
    if state and state["state"] == "done":
        assert f'href="{reverse("monitoring-run", args=[4321])}"' in html
    if state and state["state"] == "failed":
        assert "磁盘已满" in html
        assert 'id="run-retry"' in html


def test_a_finished_run_opened_without_htmx_shows_the_link_not_a_redirect(client, officer):
    cache.set("fupin:monitor:fin", {"state": "done", "run": 77, "created": False}, 60)
    response = client.get(reverse(RUNS), {"token": "fin"})
    assert response.status_code == 200
    assert 'id="run-done"' in response.content.decode()


def test_the_run_poll_gives_up_after_the_limit_and_says_so(client, officer):
    cache.set("fupin:monitor:slow", {"state": "running"}, 60)
    fresh = _poll_run(client, "slow").content.decode()
    assert "hx-trigger=\"every 1s\"" in fresh
    assert "since=" in fresh
    later = _poll_run(client, "slow", since=int(time.time()) - jobs.POLL_FAST_FOR - 5)
    assert 'hx-trigger="every 5s"' in later.content.decode()  # slower, still polling
    old = _poll_run(client, "slow", since=int(time.time()) - jobs.POLL_LIMIT - 1)
    html = old.content.decode()
    assert "hx-trigger" not in html
    assert 'id="poll-stopped"' in html
    assert "刷新" in html


def test_a_run_reports_its_phases_and_the_screen_shows_them_in_words(client, officer,
                                                                     tmp_path):
    assert run_import(_generated(tmp_path, n=20, seed=8), actor="test",
                      scope=Scope.nation()).ok
    heard: list[str] = []
    services.run_monitoring(actor="test", year=2021, scope=Scope.nation(),
                            progress=lambda phase, done=0: heard.append(phase))
    order = [p for i, p in enumerate(heard) if p not in heard[:i]]
    assert order == ["prepare", "read", "assess", "store"]
    # What the worker writes, the poll shows in words (every phase has words).
    assert set(order) <= set(progress.STEPS)
    cache.set("fupin:monitor:busy", {"state": "running"}, 60)
    progress.Reporter(progress.key("run", "busy"))("assess", 0)
    html = _poll_run(client, "busy").content.decode()
    assert str(progress.STEPS["assess"]) in html
    assert "assess" not in html


def test_the_reporter_never_drops_a_new_phase():
    reporter = progress.Reporter(progress.key("job", "phases"))
    reporter("read", 0)
    reporter("assess", 0)  # within the throttle window: still written
    assert progress.get(progress.key("job", "phases"))["phase"] == "assess"


@pytest.mark.django_db(transaction=True)
class TestExchangeJobScreens:
    @pytest.fixture(autouse=True)
    def _setup(self, settings, tmp_path, client):
        settings.FUPIN_EXCHANGE_DIR = tmp_path / "exchange"
        factories.make_tree()
        self.user = factories.make_user("county_officer", "513431000000")
        client.force_login(self.user)

    def _upload(self, client, name, content):
        client.post(reverse("exchange-import"), {"file": SimpleUploadedFile(name, content)})
        call_command("worker", batch=True, verbosity=0)
        job = ExchangeJob.objects.latest("pk")
        poll = client.get(reverse("exchange-job", args=[job.pk]), HTTP_HX_REQUEST="true")
        return job, poll.content.decode()

    def test_a_file_that_is_not_excel_ends_failed_with_the_reason_and_a_retry(self, client):
        job, html = self._upload(client, "名单.xlsx", "户编号,姓名\n1,张三\n".encode("gbk"))
        assert job.state == ExchangeJob.State.FAILED
        assert "名单.xlsx" in job.message
        assert "BadZipFile" not in job.message
        assert 'id="failed-reason"' in html
        assert job.message in html.replace("&quot;", '"')
        assert 'id="retry"' in html
        assert 'id="upload-again"' in html
        assert "hx-trigger" not in html

    def test_the_report_arrives_with_the_polled_end_without_a_reload(self, client, tmp_path):
        path = snapshot_xlsx(tmp_path, [factories.HOME_VILLAGE, factories.OTHER_COUNTY_VILLAGE])
        job, html = self._upload(client, path.name, path.read_bytes())
        assert job.state == ExchangeJob.State.INVALID
        assert 'id="issues"' in html  # the fragment the poll swaps in holds the problems
        assert "hx-trigger" not in html
        assert "households" not in html.split('id="rows-read"')[1].split("</p>")[0]

    def test_a_running_job_polls_then_gives_up_after_the_limit(self, client, tmp_path):
        path = snapshot_xlsx(tmp_path, [factories.HOME_VILLAGE])
        client.post(reverse("exchange-import"),
                    {"file": SimpleUploadedFile(path.name, path.read_bytes())})
        job = ExchangeJob.objects.get()  # queued: no worker ran
        url = reverse("exchange-job", args=[job.pk])
        html = client.get(url, HTTP_HX_REQUEST="true").content.decode()
        assert 'hx-trigger="every 1s"' in html
        stale = client.get(url, {"since": int(time.time()) - jobs.POLL_LIMIT - 1},
                           HTTP_HX_REQUEST="true").content.decode()
        assert "hx-trigger" not in stale
        assert 'id="poll-stopped"' in stale


def test_the_ledger_check_shows_that_it_is_busy(client, tree):
    client.force_login(factories.make_user("auditor", "513431000000"))
    html = client.get(reverse("audit-list")).content.decode()
    assert 'hx-indicator="#verify-busy"' in html
    assert 'id="verify-busy"' in html
    assert "htmx-indicator" in html
    assert "<style" not in html.split('id="verify-form"')[1][:2000]
