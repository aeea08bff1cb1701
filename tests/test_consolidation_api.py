"""The consolidation API (issue 18 item 5): the screens' figures as JSON — equal to the
services' rows — for the caller's division or one inside it; 401 without a login or token,
403 without the permission, 404 for another region's division or household, 400 for a bad
level, year or type; the OpenAPI document lists every operation with its answers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from fupin.accounts.services import issue_token
from fupin.consolidation import figures, services
from fupin.core.access import Scope
from tests import consolidation_screens_data as data
from tests import factories

COUNTY = Scope("513431")
OPERATIONS = ["list_exit_quality", "list_help_by_type", "list_help_intensity",
              "list_lost_help"]


@pytest.fixture
def county(tree):
    return data.build()


def _get(client, name: str, *args, **query):
    return client.get(reverse(f"api:{name}", args=args), query)


def _login(client, role: str, division: str):
    user = factories.make_user(role, division)
    client.force_login(user)
    return user


def test_quality_equals_the_services_at_every_level(client, county):
    _login(client, "county_officer", data.COUNTY)
    for level in ("township", "village"):
        body = _get(client, "list_exit_quality", level=level).json()
        expected = services.exit_quality(COUNTY, level=level)
        assert body["count"] == len(expected)
        for got, want in zip(body["items"], expected, strict=True):
            assert got["division_code"] == want["division_code"]
            assert got["division"] == want["name"]
            assert got["level"] == level
            for key in ("exited", "inside_period", "stayed_above", "became_objects"):
                assert got[key] == want[key], key
            assert got["stayed_above_share"] == pytest.approx(want["stayed_above_share"])
            assert got["help_shares"] == pytest.approx(
                {t: want[f"help_{t}_share"] for t in figures.HELP_TYPES})


def test_help_intensity_and_follow_up_equal_the_services(client, county):
    _login(client, "county_officer", data.COUNTY)
    got = _get(client, "list_help_by_type", level="township").json()["items"]
    assert [(g["division_code"], g["year"], g["type"], Decimal(g["amount"]), g["households"])
            for g in got] == [(w["division_code"], w["year"], w["type"], w["amount"],
                               w["households"])
                              for w in services.help_by_type(COUNTY, level="township")]
    only = _get(client, "list_help_by_type", level="township", year=2021,
                type="health").json()["items"]
    assert [(g["year"], g["type"]) for g in only] == [(2021, "health")]
    (intensity,) = _get(client, "list_help_intensity").json()["items"]
    (want,) = services.help_intensity(COUNTY)
    assert intensity["kept_up"] is want["kept_up"] is False
    assert float(intensity["before_mean"]) == pytest.approx(want["before_mean"])
    assert intensity["ratio"] == pytest.approx(want["ratio"])
    lost = _get(client, "list_lost_help").json()
    assert [r["household_id"] for r in lost["items"]] == [
        r["household_id"] for r in services.lost_help(COUNTY)] == ["QS3"]
    assert lost["items"][0]["last_help_types"] == ["education"]


def test_one_household_since_exit(client, county):
    _login(client, "village_cadre", data.V1)
    body = _get(client, "get_household_consolidation", "QS2").json()
    want = services.household_consolidation(county["QS2"])
    assert (body["exit_year"], body["years_since_exit"], body["inside_period"]) == (
        want["exit_year"], want["years_since_exit"], want["inside_period"])
    assert body["period"] == list(want["period"])
    assert [(y["year"], y["above_line"], y["monitoring_object"]) for y in body["years"]] == [
        (y["year"], y["above_line"], y["monitoring_object"]) for y in want["years"]]


def test_the_region_gate(client, county):
    _login(client, "township_reviewer", factories.HOME_TOWNSHIP)
    body = _get(client, "list_exit_quality").json()
    assert {r["division_code"] for r in body["items"]} == {data.V1, data.V2}
    for name in OPERATIONS:
        assert _get(client, name, division="513431101000").status_code == 404
        assert _get(client, name, division=data.COUNTY).status_code == 404
    assert _get(client, "get_household_consolidation", "QS4").status_code == 404
    assert _get(client, "get_household_consolidation", "QS9").status_code == 404
    assert _get(client, "get_household_consolidation", "NOPE").status_code == 404


def test_without_login_token_or_permission(client, county):
    for name in OPERATIONS:
        assert _get(client, name).status_code == 401
    client.force_login(factories.make_user(None, data.COUNTY))
    for name in OPERATIONS:
        assert _get(client, name).status_code == 403
    assert _get(client, "get_household_consolidation", "QS1").status_code == 403
    client.logout()
    officer = factories.make_user("county_officer", data.COUNTY)
    token = issue_token(actor="test", user=officer, name="t")
    response = client.get(reverse("api:list_lost_help"),
                          HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    assert response.json()["items"][0]["household_id"] == "QS3"


def test_bad_inputs_are_400(client, county):
    _login(client, "county_officer", data.COUNTY)
    for name, query in [("list_exit_quality", {"level": "province"}),
                        ("list_exit_quality", {"year": 1999}),
                        ("list_exit_quality", {"year": "abc"}),
                        ("list_help_by_type", {"type": "zzz"}),
                        ("list_help_intensity", {"page": 0})]:
        assert _get(client, name, **query).status_code == 400, (name, query)
    assert _get(client, "list_exit_quality", division="abc").status_code == 404


def test_the_openapi_document_lists_each_operation_and_its_answers(client, tree):
    _login(client, "county_officer", data.COUNTY)
    schema = client.get(reverse("api:openapi-json")).json()
    paths = {p: ops["get"] for p, ops in schema["paths"].items()
             if p.startswith("/api/consolidation/")}
    assert set(paths) == {"/api/consolidation/quality", "/api/consolidation/help",
                          "/api/consolidation/intensity", "/api/consolidation/lost-help",
                          "/api/consolidation/households/{household_id}"}
    for operation in paths.values():
        assert {"200", "400", "401", "403", "404"} <= set(operation["responses"])
        assert operation["tags"] == ["consolidation"]
