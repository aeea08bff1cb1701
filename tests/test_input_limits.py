"""Input limits (issue 9): bounded, finite numbers; limited text; household ids by pattern.

Each value is refused where it enters (API schema, form parsing, model validation) naming the
field, and the database refuses it too when a path skips those (CHECK constraints).
"""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import DataError, IntegrityError, transaction
from django.urls import reverse

from fupin.cases.models import Alert, Case, Measure, Visit
from fupin.core.errors import ValidationFailed
from fupin.households.models import EconomyYear, Household
from tests import cases_helpers as ch
from tests import factories
from tests.test_exchange import V1, econ_row, hh_row, ident, mem_row, names, read_report, write_csv

HUGE = ["1e30", "NaN", "Infinity", "-Infinity", "1e400"]


@pytest.fixture
def monitored(tree):
    actors = ch.Actors()
    with ch.frozen() as traveller:
        case = ch.to_monitored(actors, traveller)
    return actors, case


def _api(client, user, path, body):
    client.force_login(user)
    return client.post(path, body, content_type="application/json")


@pytest.mark.parametrize("value", HUGE)
def test_api_refuses_unbounded_visit_income(client, monitored, value):
    actors, case = monitored
    r = _api(client, actors.cadre, f"/api/cases/{case.pk}/visits",
             f'{{"date": "2026-01-05", "situation": "x", "per_capita_income": {value}}}')
    assert r.status_code == 400, r.content
    assert "per_capita_income" in r.content.decode()
    assert not Visit.objects.exists()
    r = _api(client, actors.cadre, f"/api/cases/{case.pk}/visits",
             {"date": "2026-01-05", "situation": "x", "per_capita_income": value})
    assert r.status_code == 400
    assert client.get(f"/api/cases/{case.pk}").status_code == 200


def test_api_refuses_huge_alert_amount_long_kind_and_bad_household_id(client, tree):
    household = factories.household()
    cadre = factories.make_user("village_cadre", factories.HOME_VILLAGE)
    body = {"household_id": household.household_id, "kind": "illness", "consent": True}
    r = _api(client, cadre, "/api/cases/alerts", {**body, "amount": "1e30"})
    assert r.status_code == 400
    assert "amount" in r.content.decode()
    r = _api(client, cadre, "/api/cases/alerts", {**body, "kind": "k" * 10_000})
    assert r.status_code == 400
    assert "kind" in r.content.decode()
    r = _api(client, cadre, "/api/cases/alerts", {**body, "household_id": "../x"})
    assert r.status_code == 400
    assert "household_id" in r.content.decode()
    assert not Alert.objects.exists()
    assert _api(client, cadre, "/api/cases/alerts", {**body, "amount": "300.5"}).status_code \
        == 200


def test_api_refuses_negative_measure_amount(client, monitored):
    actors, case = monitored
    body = {"type": "employment", "description": "岗位", "responsible": "张",
            "start": "2026-01-05", "amount": "-100"}
    r = _api(client, actors.cadre, f"/api/cases/{case.pk}/measures", body)
    assert r.status_code == 400
    assert "amount" in r.content.decode()
    assert not Measure.objects.exists()


@pytest.mark.parametrize("value", ["1e30", "NaN", "Infinity", "abc"])
def test_visit_form_refuses_unbounded_income_naming_the_field(client, monitored, value):
    actors, case = monitored
    client.force_login(actors.cadre)
    r = client.post(reverse("case-visit", args=[case.pk]),
                    {"date": "2026-01-05", "situation": "x", "per_capita_income": value})
    assert r.status_code == 400
    assert "per_capita_income" in r.content.decode()
    assert not Visit.objects.exists()
    assert client.get(reverse("case-detail", args=[case.pk])).status_code == 200


def test_self_report_form_refuses_a_kind_over_60_characters(client, tree):
    household = factories.household()
    cadre = factories.make_user("village_cadre", factories.HOME_VILLAGE)
    client.force_login(cadre)
    r = client.post(reverse("case-self-report", args=[household.household_id]),
                    {"kind": "k" * 10_000, "consent": "on"})
    assert r.status_code == 400
    assert "kind" in r.content.decode()
    assert not Case.objects.exists()


def _refused_by_database(make):
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        make()


def test_database_refuses_what_skips_the_services(monitored):
    actors, case = monitored
    _refused_by_database(lambda: Visit.objects.create(
        case=case, date=dt.date(2026, 1, 5), situation="x", by=actors.cadre,
        per_capita_income=Decimal("99999999999")))
    _refused_by_database(lambda: Measure.objects.create(
        case=case, type="employment", description="d", responsible="r",
        start=dt.date(2026, 1, 5), amount=Decimal("-1")))
    _refused_by_database(lambda: Alert.objects.create(
        case=case, channel="self_report", source="s", kind="k" * 61, date=dt.date(2026, 1, 5)))
    _refused_by_database(lambda: Alert.objects.create(
        case=case, channel="self_report", source="s", kind="k", date=dt.date(2026, 1, 5),
        amount=Decimal("-5")))
    household = case.household
    _refused_by_database(lambda: EconomyYear.objects.create(
        household=household, year=2021, wage=Decimal("10000000000")))
    _refused_by_database(lambda: EconomyYear.objects.create(
        household=household, year=2021, medical_oop=Decimal("-1")))
    _refused_by_database(lambda: EconomyYear.objects.create(household=household, year=1066))


@pytest.mark.parametrize("value", ["1e30", "NaN", "Infinity", "abc", "-1"])
def test_economy_amounts_are_bounded_and_finite(tree, value):
    household = factories.household()
    from fupin.households.services import record_economy_year
    with pytest.raises(ValidationFailed) as exc:
        record_economy_year(actor="test", household=household, year=2021, wage=value)
    assert "wage" in exc.value.errors
    assert not EconomyYear.objects.exists()


@pytest.mark.parametrize("hid", ["a/b", "../x", "H 1", "户1", "x" * 33, "H1\n"])
def test_household_id_outside_the_pattern_is_refused(tree, hid):
    with pytest.raises(ValidationFailed) as exc:
        factories.household(household_id=hid)
    assert "household_id" in exc.value.errors
    assert not Household.objects.exists()


def test_import_refuses_a_household_id_with_a_slash_and_a_huge_amount(tree, tmp_path):
    folder = tmp_path / "snap"
    write_csv(folder, "households", names("households"), [hh_row("H1"), hh_row("A/B")])
    write_csv(folder, "members", names("members"), [
        mem_row("H1", ident("1980-05-17")), mem_row("A/B", ident("1981-05-17"),
                                                    birth="1981-05-17")])
    write_csv(folder, "economy", names("economy"), [econ_row("H1", 2021, wage="1e30")])
    report = tmp_path / "report.csv"
    with pytest.raises(CommandError):
        call_command("import", str(folder), report=str(report), lang="en")
    got = read_report(report)
    assert ("households.csv", "3", "household_id", "pattern") in got  # line 3 of the file
    assert ("members.csv", "3", "household_id", "pattern") in got
    assert ("economy.csv", "2", "wage", "too_large") in got
    assert not Household.objects.exists()
    assert V1


def _feed(client, user, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile
    client.force_login(user)
    return client.post(reverse("case-feed"), {
        "department": "医保局", "file": SimpleUploadedFile("feed.csv", content, "text/csv")})


def test_feed_with_a_bad_amount_or_a_long_type_is_refused_by_row_and_column(client, tree):
    household = factories.household()
    cadre = factories.make_user("village_cadre", factories.HOME_VILLAGE)
    rows = [["household_id", "alert_type", "date", "amount"],
            [household.household_id, "illness", "2026-01-05", "abc"],
            [household.household_id, "k" * 61, "2026-01-05", "1e30"]]
    text = "\n".join(",".join(r) for r in rows).encode()
    r = _feed(client, cadre, text)
    assert r.status_code == 400
    page = r.content.decode()
    assert "第 2 行“金额（元）”列" in page  # the file's line 2 (the header is line 1)
    assert not Alert.objects.exists()
    body = {"department": "医保局", "rows": [{"household_id": household.household_id,
                                              "alert_type": "illness", "date": "2026-01-05",
                                              "amount": "abc"}]}
    r = _api(client, cadre, "/api/cases/department-feed", body)
    assert r.status_code == 400
    assert "金额" in str(r.json())
    assert not Alert.objects.exists()


def test_feed_that_is_not_utf8_is_refused_with_a_message(client, tree):
    household = factories.household()
    cadre = factories.make_user("village_cadre", factories.HOME_VILLAGE)
    content = f"household_id,alert_type,date,amount\n{household.household_id},因病,2026-01-05,1\n"
    r = _feed(client, cadre, content.encode("utf-16"))
    assert r.status_code == 400
    assert "UTF-8" in r.content.decode()
    assert not Alert.objects.exists()
    assert _feed(client, cadre, content.encode("utf-8-sig")).status_code == 302
    assert Alert.objects.count() == 1


def test_snapshot_docs_name_the_household_id_pattern():
    from pathlib import Path

    from fupin_engine.snapshot import HOUSEHOLD_ID_PATTERN
    doc = Path(__file__).resolve().parents[1] / "docs" / "formats" / "snapshot-v1.md"
    assert HOUSEHOLD_ID_PATTERN in doc.read_text(encoding="utf-8")
    assert csv
