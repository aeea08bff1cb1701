"""What the web load test found (ADR 0055), held: the household list neither groups every
household of the region nor counts them again while nothing changed; the dashboard's aggregates
are cached until a write; the household rows drawn without the per-cell machinery say exactly
what the generic table says."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tables2 import RequestConfig

from fupin.core import audit, freshness
from fupin.households.models import Household
from fupin.households.views import HouseholdTable, filtered_households
from tests import factories


def _get(client, url, params=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200, response.status_code
    return response, [q["sql"] for q in queries.captured_queries]


def _counts(sqls: list[str], table: str) -> list[str]:
    return [s for s in sqls if "__count" in s and table in s]


@pytest.fixture
def officer(client, tree):
    user = factories.make_user("county_officer", "513431000000")
    client.force_login(user)
    return user


def test_household_list_counts_members_of_the_page_rows_only(client, officer):
    big = factories.household(members=[factories.member("head", name=f"户主{i}") if i == 0
                                       else factories.member("child", name=f"子女{i}")
                                       for i in range(5)])
    factories.household()
    response, sqls = _get(client, reverse("household-list"))
    sizes = {h.household_id: h.size for h in response.context["table"].paginated_rows.data}
    assert sizes[big.household_id] == 5
    assert sorted(sizes.values()) == [2, 5]
    grouped = [s for s in sqls if re.search(r'GROUP BY "households_household"\."id"', s)]
    assert grouped == []  # no query groups every household of the region


def test_household_list_count_is_cached_until_a_write(client, officer):
    factories.household()
    factories.household(factories.OTHER_TOWNSHIP_VILLAGE)
    first, sqls = _get(client, reverse("household-list"))
    assert first.context["table"].paginator.count == 2
    assert _counts(sqls, "households_household")
    again, sqls = _get(client, reverse("household-list"))
    assert again.context["table"].paginator.count == 2
    assert _counts(sqls, "households_household") == []  # nothing changed: not counted again
    factories.household()  # an audited write
    after, sqls = _get(client, reverse("household-list"))
    assert after.context["table"].paginator.count == 3
    assert _counts(sqls, "households_household")
    Household.objects.filter(pk=Household.objects.order_by("pk").first().pk).delete()
    assert _get(client, reverse("household-list"))[0].context["table"].paginator.count == 2


def test_a_cached_count_never_crosses_regions_or_filters(client, officer, tree):
    factories.household(status="poor", exit_year=None)
    factories.household(factories.OTHER_TOWNSHIP_VILLAGE)
    reviewer = factories.make_user("township_reviewer", factories.HOME_TOWNSHIP)
    assert freshness.count(filtered_households(officer, {})) == 2
    assert freshness.count(filtered_households(reviewer, {})) == 1
    assert freshness.count(filtered_households(officer, {"status": "poor"})) == 1
    outsider = factories.make_user(None, "513431000000")
    assert freshness.count(filtered_households(outsider, {})) == 0
    client.force_login(reviewer)
    assert _get(client, reverse("household-list"))[0].context["table"].paginator.count == 1


def test_the_generation_moves_with_any_save_and_with_a_signal_less_audited_write(tree):
    before = freshness.generation()
    assert freshness.generation() == before
    factories.household()
    moved = freshness.generation()
    assert moved != before
    # A bulk write sends no signal of its own but is audited (an import batch, cases sync):
    # the ledger head it advances is saved through the ORM.
    with transaction.atomic():
        audit.record_many(actor="test", entries=[
            audit.Entry("households.bulk", "households.household", "x", "513431100200")])
    assert freshness.generation() != moved
    # An evicted version reads as a change too.
    now = freshness.generation()
    cache.delete(freshness.VERSION_KEY)
    assert freshness.generation() != now


def test_a_commit_replaces_the_generation_again(transactional_db, tree):
    with transaction.atomic():
        factories.household()
        inside = freshness.generation()
    assert freshness.generation() != inside  # a reader before the commit cached nothing lasting


def test_county_dashboard_is_cached_and_a_write_shows_at_once(client, officer):
    factories.household()
    first, _ = _get(client, reverse("dashboard"))
    assert first.context["total"] == 1
    again, sqls = _get(client, reverse("dashboard"))
    assert again.context["total"] == 1
    assert not [s for s in sqls if "households_household" in s and "GROUP BY" in s]
    factories.household(factories.OTHER_TOWNSHIP_VILLAGE)
    after, sqls = _get(client, reverse("dashboard"))
    assert after.context["total"] == 2
    assert [s for s in sqls if "households_household" in s and "GROUP BY" in s]
    # The same county seen by a township reviewer is its own entry (its own region gate).
    reviewer = factories.make_user("township_reviewer", factories.HOME_TOWNSHIP)
    client.force_login(reviewer)
    township = client.get(reverse("dashboard"))
    assert [r["households"] for r in township.context["villages"]] == [1]


def _normalised(html: str) -> str:
    html = re.sub(r"\s+", " ", html)
    html = re.sub(r">\s+<", "><", html)
    return re.sub(r"<(\w+) >", r"<\1>", html).strip()


@pytest.mark.parametrize("order", ["household_id", "-size", "township", "-status"])
def test_household_rows_say_what_the_generic_table_says(officer, order):
    factories.household(status="poor", exit_year=None)
    factories.household(factories.OTHER_TOWNSHIP_VILLAGE, status="exited", exit_year=2018)
    nameless = factories.household(status="general", exit_year=None)
    Household.objects.filter(pk=nameless.pk).update(head_name="")
    request = RequestFactory().get("/households/", {"sort": order})
    request.user = officer
    drawn = []
    for template in (None, "django_tables2/bootstrap5.html"):
        table = HouseholdTable(filtered_households(officer, {}), template_name=template)
        RequestConfig(request, paginate={"per_page": 3}).configure(table)
        drawn.append(_normalised(table.as_html(request)))
    fast, generic = drawn
    assert fast.count("<tr") == 4
    assert "<td>—</td>" in fast
    at = next((i for i, (a, b) in enumerate(zip(fast, generic, strict=False)) if a != b), None)
    assert fast == generic, (fast[at - 80:at + 120], generic[at - 80:at + 120]) if at else ""
