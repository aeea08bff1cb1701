"""Integrity runs inside the product (issue 16, ADR 0037): the registry in scope through the
engine's tests, signals stored, flagged ones opening exactly one finding each."""

from __future__ import annotations

import csv

import pytest
from django.core.management import call_command
from django.urls import reverse

from fupin.accountability.integrity_sync import sync_integrity_run
from fupin.accountability.models import Finding
from fupin.core.access import Scope
from fupin.core.errors import ValidationFailed
from fupin.core.models import AuditRecord
from fupin.monitoring import integrity, integrity_tasks
from fupin.monitoring.integrity_models import IntegrityRun, IntegritySignal
from tests import factories, integrity_helpers


@pytest.fixture
def registry(tree, tmp_path):
    return integrity_helpers.registry(tmp_path / "snap")


def test_a_run_stores_the_signals_the_command_line_writes(registry, tmp_path):
    outcome = integrity.run_integrity(actor="test", year=2021, scope=Scope.nation(),
                                      level="county")
    out = tmp_path / "bunching.csv"
    call_command("integrity", "bunching", "--snapshot", str(registry), "--year", "2021",
                 "--by", "county", "--out", str(out))
    with out.open(encoding="utf-8") as fh:
        cli = list(csv.DictReader(fh))
    stored = IntegritySignal.objects.filter(run=outcome.run, test="bunching").order_by(
        "division_code")
    assert len(cli) == stored.count() == 2
    for row, s in zip(cli, stored, strict=True):
        assert s.division_code == row["division"].ljust(12, "0")
        assert s.n == int(row["households"])
        assert f"{s.statistic:.1f}" == row["excess"]
        assert f"{s.p_value:.6g}" == row["p_value"]
        assert int(s.flagged) == int(row["flagged"])
    assert [r["flagged"] for r in cli] == ["1", "0"]  # the manipulated county, not the clean



def _distinct_flagged_keys(run) -> set[str]:
    return set(run.signals.filter(flagged=True).values_list("source_key", flat=True))


def test_flagged_signals_open_exactly_one_finding_each_and_a_second_run_none(registry):
    province = factories.make_user("province_viewer", "510000000000")
    first = IntegrityRun.objects.get(pk=integrity_tasks.run_integrity_task.call(
        province.pk, 2021, "county", 0.05, "monitoring_line", "tok1"))
    keys = _distinct_flagged_keys(first)
    assert {"integrity:bunching:2021:513431000000",
            "integrity:heaping_100:2021:513431100204"} <= keys
    findings = Finding.objects.filter(source="integrity")
    assert findings.count() == len(keys)
    assert set(findings.values_list("source_key", flat=True)) == keys
    assert first.follow_up["findings"] == {"opened": len(keys), "already": 0}
    for s in first.signals.all():
        assert bool(s.finding_id) == s.flagged  # unflagged signals open nothing
    bunched = first.signals.get(test="bunching", division_code="513431000000")
    finding = Finding.objects.get(pk=bunched.finding_id)
    assert finding.division_code == "513431000000"
    assert finding.rectification.state == "assigned"  # a lead to verify, never a sanction
    assert not finding.actions.exists()
    assert set(finding.links.values_list("ref", flat=True)) == set(bunched.households)

    second = IntegrityRun.objects.get(pk=integrity_tasks.run_integrity_task.call(
        province.pk, 2021, "county", 0.05, "monitoring_line", "tok2"))
    assert second.pk != first.pk
    assert findings.count() == len(keys)
    assert second.follow_up["findings"] == {"opened": 0, "already": len(keys)}
    again = second.signals.get(test="bunching", division_code="513431000000")
    assert again.finding_id == bunched.finding_id
    assert sync_integrity_run(run=second) == {"opened": 0, "already": len(keys)}


def test_the_command_lines_csv_and_a_run_share_the_bunching_finding(registry, tmp_path):
    out = tmp_path / "b.csv"
    call_command("integrity", "bunching", "--snapshot", str(registry), "--year", "2021",
                 "--out", str(out))
    call_command("findings", "sync", "--integrity", str(out), "--year", "2021")
    assert Finding.objects.filter(source="integrity").count() == 1
    run = integrity.run_integrity(actor="test", year=2021, scope=Scope("513431"),
                                  level="county")
    sync_integrity_run(run=run.run)
    bunched = run.run.signals.get(test="bunching")
    assert bunched.flagged
    assert Finding.objects.filter(source_key=bunched.source_key).count() == 1


def test_a_run_covers_only_the_scope_and_a_county_sees_only_its_own_signals(registry, client):
    outcome = integrity.run_integrity(actor="test", year=2021, scope=Scope("51"),
                                      level="county")
    sync_integrity_run(run=outcome.run)
    assert set(outcome.run.signals.filter(test="bunching").values_list(
        "division_code", flat=True)) == {"513431000000", "513436000000"}
    mine = outcome.run.signals.get(test="bunching", division_code="513431000000")

    own = factories.make_user("county_officer", "513431000000")
    client.force_login(own)
    html = client.get(reverse("integrity-signals"), {"flagged": "1"}).content.decode()
    assert reverse("integrity-signal", args=[mine.pk]) in html
    page = client.get(reverse("integrity-signal", args=[mine.pk])).content.decode()
    assert 'id="signal-chart"' in page
    assert '"counterfactual"' in page
    assert reverse("finding-detail", args=[mine.finding_id]) in page
    assert reverse("household-detail", args=[mine.households[0]]) in page

    other = factories.make_user("county_approver", "513436000000")
    client.force_login(other)
    html = client.get(reverse("integrity-signals")).content.decode()
    assert reverse("integrity-signal", args=[mine.pk]) not in html
    assert "513431" not in html
    assert "昭觉县" not in html
    assert client.get(reverse("integrity-signal", args=[mine.pk])).status_code == 404
    api = client.get("/api/monitoring/integrity/signals", {"page_size": 200}).json()
    assert api["count"] > 0
    assert all(s["division_code"].startswith("513436") for s in api["items"])
    assert client.get(f"/api/monitoring/integrity/signals/{mine.pk}").status_code == 404
    # A run over one county tests that county's registry only.
    alone = integrity.run_integrity(actor="test", year=2021, scope=Scope("513436"),
                                    level="township")
    assert all(s.division_code.startswith("513436") for s in alone.run.signals.all())
    assert alone.run.households == 100


def test_a_run_is_audited_and_refuses_a_level_above_its_scope(registry):
    outcome = integrity.run_integrity(actor="test", year=2021, scope=Scope("513431"),
                                      level="village")
    record = AuditRecord.objects.get(action="monitoring.integrity_run")
    assert record.object_id == str(outcome.run.pk)
    assert record.after["flagged"] == outcome.flagged == outcome.run.flagged
    with pytest.raises(ValidationFailed):
        integrity.run_integrity(actor="test", year=2021, scope=Scope("513431100"),
                                level="county")
    with pytest.raises(ValidationFailed):
        integrity.run_integrity(actor="test", year=1999, scope=Scope("513431"))


def test_the_signal_list_exports_and_filters(registry, client):
    integrity.run_integrity(actor="test", year=2021, scope=Scope("513431"), level="county")
    client.force_login(factories.make_user("evaluator", "513431000000"))
    response = client.get(reverse("integrity-signals"), {"test": "heaping_100",
                                                         "export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    html = client.get(reverse("integrity-signals"), {"test": "bunching"}).content.decode()
    assert "513431100204" not in html  # only the county's bunching signal


def broken_follow_up(*, actor, run):
    raise RuntimeError("accountability is down")


def test_a_failing_follow_up_fails_the_job_with_its_reason_and_the_poll_ends(registry, client,
                                                                            settings):
    settings.FUPIN_AFTER_INTEGRITY_RUN = ["tests.test_integrity_runs.broken_follow_up"]
    user = factories.make_user("evaluator", "513431000000")
    client.force_login(user)
    response = client.post(reverse("integrity-start"), {"year": "2021", "level": "township"})
    assert response.status_code == 302
    token = response["Location"].split("token=")[1]
    waiting = client.get(reverse("integrity-signals"), {"token": token},
                         HTTP_HX_REQUEST="true").content.decode()
    assert 'id="integrity-running"' in waiting
    assert "hx-trigger" in waiting
    with pytest.raises(integrity_tasks.AfterIntegrityRunFailed, match="accountability is down"):
        integrity_tasks.run_integrity_task.call(user.pk, 2021, "township", 0.05,
                                                "monitoring_line", token)
    html = client.get(reverse("integrity-signals"), {"token": token},
                      HTTP_HX_REQUEST="true").content.decode()
    run = IntegrityRun.objects.get()
    assert f"integrity run {run.pk} finished, but the follow-up" in html
    assert "hx-trigger" not in html
    assert run.level == "township"
    assert not Finding.objects.exists()
