"""List pages run a fixed number of queries, whatever the number of rows (no N+1)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fupin.core.access import Scope
from fupin.households.importer import run_import
from fupin.monitoring import services
from tests import factories
from tests.test_exchange import _generated


@pytest.fixture
def officer(client, tree, tmp_path):
    assert run_import(_generated(tmp_path, n=60, seed=8), actor="test", scope=Scope.nation()).ok
    user = factories.make_user("county_officer", "513431000000")
    client.force_login(user)
    return user


def _count(client, django_assert_max_num_queries, url, params=None, limit=15):
    with django_assert_max_num_queries(limit):
        response = client.get(url, params or {})
    assert response.status_code == 200
    return response


def test_household_list_queries_are_pinned(client, officer, django_assert_max_num_queries):
    _count(client, django_assert_max_num_queries, reverse("household-list"), limit=10)
    _count(client, django_assert_max_num_queries, reverse("household-list"), {"q": "王"},
           limit=10)


def test_audit_and_dashboard_queries_are_pinned(client, officer,
                                                django_assert_max_num_queries):
    # One query for the page, one for the count, one for the division names of the page.
    _count(client, django_assert_max_num_queries, reverse("audit-list"), limit=9)
    _count(client, django_assert_max_num_queries, reverse("dashboard"), limit=10)


def test_run_page_queries_are_pinned(client, officer, django_assert_max_num_queries):
    run = services.run_monitoring(actor="test", year=2021, scope=Scope.nation()).run
    _count(client, django_assert_max_num_queries, reverse("monitoring-run", args=[run.pk]),
           limit=15)
