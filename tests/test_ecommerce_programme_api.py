"""The programme's read API: paginated rows of the caller's region only, the screens' filters,
and the county indicators equal to ``ecommerce/coverage.py`` for the same scope."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from fupin.core.access import Scope
from fupin.ecommerce import coverage
from tests import ecommerce_programme_data as data
from tests import factories


@pytest.fixture
def programme(tree):
    return data.build()


def _get(client, name, role="county_officer", division=data.HOME, **params):
    client.force_login(factories.make_user(role, division))
    kwargs = params.pop("kwargs", {})
    return client.get(reverse(f"api:{name}", kwargs=kwargs), params)


def test_lists_are_paginated_and_inside_the_region(client, programme):
    body = _get(client, "list_sites").json()
    assert body["count"] == 7  # 昭觉县: five village points, the centre, a station
    assert {s["division_code"][:6] for s in body["items"]} == {"513431"}
    theirs = _get(client, "list_sites", division=data.OTHER).json()
    assert [s["name"] for s in theirs["items"]] == ["美姑服务点"]
    paged = _get(client, "list_sites", page_size=2, page=2).json()
    assert len(paged["items"]) == 2


def test_filters_mean_what_they_mean_on_the_screens(client, programme):
    points = _get(client, "list_sites", level="village_point", status="working").json()
    assert points["count"] == 3
    township = _get(client, "list_logistics", year=2019, express_covered="true").json()
    assert [r["division_code"] for r in township["items"]] == [factories.HOME_TOWNSHIP]
    assert township["items"][0]["carriers"] == ["邮政", "顺丰"]
    labour = _get(client, "list_beneficiaries", kind="labour").json()
    assert labour["count"] == 2
    assert _get(client, "list_sites", level="nope").status_code == 400


def test_pairings_carry_their_years_and_enterprises_their_region(client, programme):
    pairings = _get(client, "list_pairings").json()["items"]
    assert [len(p["years"]) for p in pairings] == [3, 1]
    names = {e["name"] for e in _get(client, "list_enterprises").json()["items"]}
    assert names == {"某电商平台", "某农业合作社"}
    # 美姑县 is paired with the platform only.
    theirs = {e["name"]: e["paired_counties"] for e in
              _get(client, "list_enterprises", division=data.OTHER).json()["items"]}
    assert theirs == {"某电商平台": 1}


def test_county_indicators_equal_the_bulk_functions(client, programme):
    body = _get(client, "get_county_indicators", year=2019,
                kwargs={"county_code": data.HOME}).json()
    scope = Scope("513431")
    expected = coverage.service_coverage(scope, [2019])[data.HOME][2019]
    assert body["service_coverage"] == expected
    assert Decimal(body["pairings"]["total"]["to_date"]["purchase"]) == 750_000
    assert body["training"]["cumulative"] == 2400
    assert body["products"]["by_state"] == {"listed": 2, "applied": 1}


def test_a_township_user_gets_the_townships_share_of_the_county(client, programme):
    body = _get(client, "get_county_indicators", role="township_reviewer",
                division="513431101000", year=2019, kwargs={"county_code": data.HOME}).json()
    # 城北镇 alone: one administrative village (瓦尔村), poor, covered in 2019.
    assert (body["service_coverage"]["villages"], body["service_coverage"]["poor_share"]) \
        == (1, 100.0)
    assert body["pairings"]["total"] is None  # pairings are the county's, not the township's


def test_county_rows_for_a_province(client, programme):
    rows = _get(client, "list_county_indicators", role="province_viewer",
                division="510000000000", year=2019).json()["items"]
    assert {r["code"]: r["poor_share"] for r in rows} == {data.HOME: 100.0, data.OTHER: 100.0}
    assert _get(client, "list_county_indicators", year=1999).status_code == 400
