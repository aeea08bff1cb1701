"""Runs over the registry: stored with evidence, idempotent, same answers as the snapshot."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse

from fupin.cases.models import Case
from fupin.core import audit
from fupin.core.access import Scope
from fupin.households import services as household_services
from fupin.households.exporter import export_snapshot
from fupin.households.importer import run_import
from fupin.households.models import Household
from fupin.monitoring import services
from fupin.monitoring.models import Assessment, MonitoringRun
from fupin_engine.executors import get_executor
from fupin_engine.run import run
from fupin_engine.source import SnapshotSource
from tests import factories
from tests.conftest import is_postgres
from tests.test_exchange import _generated


@pytest.fixture
def registry(tree, tmp_path):
    assert run_import(_generated(tmp_path, n=120, seed=21), actor="test", scope=Scope.nation()).ok


def test_run_stores_flagged_households_with_evidence_and_is_idempotent(registry):
    first = services.run_monitoring(actor="test", year=2021, scope=Scope.nation())
    assert first.created
    mrun = first.run
    assert mrun.households == 120
    assert mrun.flagged == Assessment.objects.filter(run=mrun).count() > 0
    below = Assessment.objects.filter(run=mrun, rules__contains="INCOME_BELOW_LINE").first()
    assert below is not None
    ev = below.evidence["INCOME_BELOW_LINE"]
    assert ev["monitoring_line"] == 6000
    assert ev["per_capita_income"] < 6000
    assert mrun.parameters["sharp_drop_ratio"] == 0.3
    assert audit.verify().ok

    again = services.run_monitoring(actor="test", year=2021, scope=Scope.nation())
    assert not again.created
    assert again.run.pk == mrun.pk
    assert MonitoringRun.objects.count() == 1

    h = Household.objects.order_by("household_id").first()
    household_services.update_household(actor="test", household=h, housing_grade="D",
                                        relocated=False)
    third = services.run_monitoring(actor="test", year=2021, scope=Scope.nation())
    assert third.created
    a = Assessment.objects.get(run=third.run, household=h)
    assert "UNSAFE_HOUSING" in a.rules


# Committed data: the in-database engine reads through its own connection.
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("engine", ["duckdb", "postgres"])
def test_registry_run_matches_the_snapshot_run(registry, tmp_path, engine):
    if engine == "postgres" and not is_postgres():
        pytest.skip("the in-database engine runs in the PostgreSQL test run")
    outcome = services.run_monitoring(actor="test", year=2021, engine=engine, scope=Scope.nation())
    folder = tmp_path / "export"
    export_snapshot(folder, "csv", actor="test", scope=Scope.nation())
    executor = get_executor("duckdb", SnapshotSource.at(folder))
    expected = run("cn-national", executor, 2021, province="51").output().to_pylist()
    executor.close()
    stored = {a.household.household_id: a for a in
              Assessment.objects.filter(run=outcome.run).select_related("household")}
    for row in expected:
        a = stored.get(row["household_id"])
        if row["category"] == "none" and not row["rules"] and not row["data_checks"]:
            assert a is None
            continue
        assert a.category == row["category"]
        assert a.rules == row["rules"]
        assert a.risk_types == row["risk_types"]


def test_what_if_counts_who_enters_and_leaves(registry):
    rows = services.what_if(year=2021, overrides={"monitoring_line": 9000},
                            scope=Scope("513431"))
    county = {r["category"]: r for r in rows if r["division"] == "513431"}
    entered = sum(r["entered"] for r in county.values())
    left = sum(r["left"] for r in county.values())
    assert entered == left > 0
    assert county["none"]["what_if"] <= county["none"]["current"]
    assert MonitoringRun.objects.count() == 0  # nothing stored


def test_household_page_explains_the_latest_assessment(registry, client):
    services.run_monitoring(actor="test", year=2021, scope=Scope.nation())
    a = Assessment.objects.filter(rules__contains="INCOME_BELOW_LINE").select_related(
        "household").first()
    user = factories.make_user("county_officer", "513431000000")
    client.force_login(user)
    html = client.get(reverse("monitoring-household-assessment",
                              args=[a.household.household_id])).content.decode()
    assert "低于监测线 6,000 元" in html
    assert "人均纯收入" in html
    # The rule by its title and clause; its code only where a machine reads it (issue 11).
    assert 'data-rule="INCOME_BELOW_LINE"' in html
    assert ">INCOME_BELOW_LINE" not in html
    assert "INCOME_BELOW_LINE;" not in html
    assert "人均纯收入低于监测线" in html


def test_run_page_shows_counts_reasons_and_drills_down(registry, client):
    mrun = services.run_monitoring(actor="test", year=2021, scope=Scope.nation()).run
    user = factories.make_user("county_officer", "513431000000")
    client.force_login(user)
    html = client.get(reverse("monitoring-run", args=[mrun.pk])).content.decode()
    assert "新城镇" in html
    assert 'id="flagged"' in html
    assert "?division=513431100000" in html
    drill = client.get(reverse("monitoring-run", args=[mrun.pk]),
                       {"division": "513431100000"}).content.decode()
    assert "俄尔古取村村民委员会" in drill
    outsider = factories.make_user("county_officer", "513436000000")
    client.force_login(outsider)
    html = client.get(reverse("monitoring-run", args=[mrun.pk])).content.decode()
    assert "俄尔古取村" not in html


@pytest.mark.django_db(transaction=True)
def test_start_a_run_from_the_screen_with_the_worker(client, tmp_path):
    factories.make_tree()
    assert run_import(_generated(tmp_path, n=30, seed=5), actor="test", scope=Scope.nation()).ok
    user = factories.make_user("county_officer", "513431000000")
    client.force_login(user)
    response = client.post(reverse("monitoring-start"), {"year": "2021"})
    assert response.status_code == 302
    token = parse_qs(urlsplit(response["Location"]).query)["token"][0]
    waiting = client.get(reverse("monitoring-runs"), {"token": token})
    assert 'id="run-state"' in waiting.content.decode()
    call_command("worker", batch=True, verbosity=0)
    done = client.get(reverse("monitoring-runs"), {"token": token})
    mrun = MonitoringRun.objects.get()
    target = reverse("monitoring-run", args=[mrun.pk])
    assert done.status_code == 200
    assert f'href="{target}"' in done.content.decode()
    # The screen's poll gets the fragment with a link, never a redirect it would follow and
    # draw the run page (navigation included) inside the list.
    polled = client.get(reverse("monitoring-runs"), {"token": token}, HTTP_HX_REQUEST="true")
    assert polled.status_code == 200
    assert "HX-Redirect" not in polled
    assert "Location" not in polled
    body = polled.content.decode()
    assert 'id="run-done"' in body
    assert f'href="{target}"' in body
    assert "<nav" not in body
    assert "hx-trigger" not in body
    assert mrun.division_code == "513431000000"
    assert mrun.created_by == user.username
    # The configured follow-up opened a case for every monitoring object of the run.
    flagged = mrun.assessments.filter(
        category__in=["unstable", "marginal", "sudden_hardship"]).count()
    assert Case.objects.count() == flagged


def test_a_run_whose_progress_is_lost_stops_polling_and_offers_a_retry(client, tree):
    client.force_login(factories.make_user("county_officer", "513431000000"))
    html = client.get(reverse("monitoring-runs"), {"token": "gone", "year": "2020"},
                      HTTP_HX_REQUEST="true").content.decode()
    assert 'id="run-failed"' in html
    assert 'id="run-retry"' in html
    assert "hx-trigger" not in html
    assert 'name="year" value="2020"' in html
