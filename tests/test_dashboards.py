"""The first screen of every role (ADR 0033): what needs doing, in words, inside the region,
with drill-down; counties as rows one level up, exported to Excel."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from fupin.cases import services
from fupin.cases.models import Channel, Measure
from fupin.core import labels
from fupin.monitoring import policy
from tests import cases_helpers as ch
from tests import factories


@pytest.fixture
def actors(tree):
    return ch.Actors()


def _alert_by(user, village):
    case, _alert, _created = services.open_or_attach(
        actor=user, household=factories.household(village), channel=Channel.CADRE_VISIT,
        source=f"cadre:{user.pk}", kind="income_drop")
    return case


def _html(client, user, **params):
    client.force_login(user)
    response = client.get(reverse("dashboard"), params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_village_cadre_today_lists_what_needs_the_cadre_each_row_a_link(client, actors):
    fresh = ch.alert(actors)  # a new alert: a visit is due
    noticed = ch.alert(actors)
    for action in ("visit", "compare", "village_review"):
        noticed = ch.step(noticed, actors.cadre, action)  # next: post the notice
    measured = ch.alert(actors)  # a measure set up in advance (test data, not the procedure)
    Measure.objects.create(case=measured, type="industry",
                         description="养殖", responsible="张三",
                         start=timezone.localdate() - dt.timedelta(days=300),
                         end=timezone.localdate() + dt.timedelta(days=10))
    officer = factories.make_user("county_officer", "513431000000")
    elsewhere = _alert_by(officer, factories.OTHER_TOWNSHIP_VILLAGE)
    html = _html(client, actors.cadre)
    section = {s: html.split(f'id="today-{s}"')[1].split("</section>")[0]
               for s in ("alerts", "visits", "measures", "notices")}
    case_url = reverse("case-detail", args=[fresh.pk])
    assert case_url in section["alerts"]
    assert case_url in section["visits"]  # due within the week
    assert reverse("case-detail", args=[noticed.pk]) in section["notices"]
    assert reverse("case-detail", args=[noticed.pk]) not in section["alerts"]
    assert reverse("case-detail", args=[measured.pk]) in section["measures"]
    assert reverse("case-detail", args=[elsewhere.pk]) not in html  # another village
    assert "industry" not in section["measures"]  # the measure in words


def test_county_dashboard_shows_categories_per_township_and_drills_down(client, actors):
    case = ch.alert(actors)
    case.category = "unstable"
    case.risk_types = "01;02"
    case.save(update_fields=["category", "risk_types"])
    _alert_by(factories.make_user("county_officer", "513436000000"),
              factories.OTHER_COUNTY_VILLAGE)
    officer = factories.make_user("county_officer", "513431000000")
    html = _html(client, officer)
    chart = json.loads(re.search(r'id="category-chart-data"[^>]*>(.*?)</script>', html,
                                 re.S).group(1))
    assert chart["codes"] == [factories.HOME_TOWNSHIP]  # not 美姑县's
    assert chart["drill"]
    assert [s["name"] for s in chart["series"]] == [policy.category_titles(lang="zh")["unstable"]]
    assert labels.word("risk_type", "01") in html
    # Drill down: the township, then the village, each inside the officer's county.
    township = _html(client, officer, division=factories.HOME_TOWNSHIP)
    assert 'id="village-table"' in township
    assert f"?division={factories.HOME_VILLAGE}" in township
    village = _html(client, officer, division=factories.HOME_VILLAGE)
    assert reverse("case-detail", args=[case.pk]) in village
    for outside in ("513436000000", factories.OTHER_COUNTY_VILLAGE, "51343", "x" * 12):
        assert client.get(reverse("dashboard"), {"division": outside}).status_code == 404


def test_a_village_cadre_cannot_drill_up_or_sideways(client, actors):
    client.force_login(actors.cadre)
    for code in (factories.HOME_TOWNSHIP, factories.OTHER_TOWNSHIP_VILLAGE, "513431000000"):
        assert client.get(reverse("dashboard"), {"division": code}).status_code == 404


def test_township_reviewer_compares_villages_and_sees_what_waits(client, actors):
    case = ch.alert(actors)
    for action in ("visit", "compare", "village_review", "post_notice"):
        case = ch.step(case, actors.cadre, action)
    html = _html(client, actors.reviewer)
    table = html.split('id="village-table"')[1].split("</table>")[0]
    assert labels.word("division", factories.HOME_VILLAGE) in table
    waiting = html.split('id="waiting"')[1].split("</table>")[0]
    assert reverse("case-detail", args=[case.pk]) in waiting


def test_province_sees_counties_as_rows_sortable_and_exported(client, tree):
    for _ in range(3):
        factories.household(factories.HOME_VILLAGE)
    factories.household(factories.OTHER_COUNTY_VILLAGE)
    viewer = factories.make_user("province_viewer", "510000000000")
    html = _html(client, viewer, sort="-households")
    table = html.split('id="counties"')[1].split("</table>")[0]
    home, other = labels.word("division", "513431000000"), labels.word("division", "513436000000")
    assert table.index(str(home)) < table.index(str(other))  # 3 households before 1
    assert "?division=513431000000" in table
    client.force_login(viewer)
    response = client.get(reverse("dashboard"), {"export": "xlsx", "sort": "households"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] in {"County", "县"}
    assert [r[0] for r in rows[1:]] == [str(other), str(home)]
    assert [r[1] for r in rows[1:]] == [1, 3]


def _queries(client, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("dashboard"), params).status_code == 200
    return len(queries)


def test_dashboard_queries_are_pinned_and_do_not_grow_with_rows(client, actors):
    officer = factories.make_user("county_officer", "513431000000")
    client.force_login(officer)
    for village in (factories.HOME_VILLAGE, factories.OTHER_TOWNSHIP_VILLAGE):
        _alert_by(officer, village)
    county, township = _queries(client), _queries(client, division=factories.HOME_TOWNSHIP)
    village = _queries(client, division=factories.HOME_VILLAGE)
    assert county <= 22, county
    assert township <= 16, township
    assert village <= 14, village
    for _ in range(6):
        _alert_by(officer, factories.OTHER_TOWNSHIP_VILLAGE)
        _alert_by(officer, factories.HOME_VILLAGE)
    assert _queries(client) == county
    assert _queries(client, division=factories.HOME_TOWNSHIP) == township
    assert _queries(client, division=factories.HOME_VILLAGE) == village


def test_counties_as_rows_queries_do_not_grow_with_counties(client, tree):
    viewer = factories.make_user("national_viewer", "000000000000")
    client.force_login(viewer)
    factories.household(factories.HOME_VILLAGE)
    few = _queries(client)
    assert few <= 12, few
    for village in (factories.OTHER_COUNTY_VILLAGE, factories.OTHER_TOWNSHIP_VILLAGE):
        factories.household(village)
    assert _queries(client) == few
