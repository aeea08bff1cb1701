"""Bad query strings and uploads answer 4xx with a message, never 500 (issue 9)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories


@pytest.fixture
def officer(client, tree):
    factories.household()
    user = factories.make_user("county_officer", "513431000000")
    client.force_login(user)
    return user


@pytest.mark.parametrize("query", [
    {"year": "abc"}, {"year": "99999999999999999999"}, {"year": "-5"},
    {"monitoring_line": "nan"}, {"monitoring_line": "inf"}, {"monitoring_line": "1e400"},
    {"monitoring_line": "-1"}, {"sharp_drop_ratio": "Infinity"},
])
def test_what_if_refuses_bad_numbers_with_400(client, officer, query):
    response = client.get(reverse("monitoring-what-if"), query)
    assert response.status_code == 400
    assert next(iter(query)) in response.content.decode()


@pytest.mark.parametrize("page", ["1e20", "100000000000000000000", "-1", "0", "abc", "1.5"])
def test_api_pages_out_of_range_are_4xx(client, officer, page):
    response = client.get("/api/households", {"page": page})
    assert 400 <= response.status_code < 500, response.content
    response = client.get("/api/cases", {"page": page})
    assert 400 <= response.status_code < 500, response.content


@pytest.mark.parametrize("page", ["1e20", "99999999999999999999999", "abc"])
def test_screen_pages_out_of_range_are_not_500(client, officer, page):
    assert client.get(reverse("household-list"), {"page": page}).status_code == 200


def test_nul_bytes_in_query_strings_are_not_500(client, officer):
    # PostgreSQL text cannot hold NUL: it reached the database and answered 500 there.
    assert client.get("/api/cases", {"state": "M\x00"}).status_code == 400
    assert client.get("/api/households", {"q": "a\x00b"}).status_code == 400
    screen = client.get(reverse("household-list"), {"q": "a\x00b", "village": "\x00"})
    assert screen.status_code == 400  # refused once, with what to do, before any view
    assert b"NUL" in screen.content
