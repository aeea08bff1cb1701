"""Every view and API endpoint, four ways: anonymous, no permission, permission, and
permission but for another region (which must neither see nor change anything).

Adding a URL without a row here fails ``test_every_url_is_in_the_matrix``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from fupin.accounts.services import issue_token
from fupin.core.models import AuditRecord
from tests import factories

PUBLIC = {"home", "favicon", "login", "logout", "set_language", "javascript-catalog",
          "api:openapi-json", "api:openapi-view", "api:api-root"}


@dataclass
class World:
    mine: object  # a household in the home village
    theirs: object  # a household in another county
    my_member: object
    their_member: object


@dataclass
class Case:
    name: str  # URL name
    role: str  # a role holding the permission
    method: str = "get"
    kwargs: Callable[[World], dict] = lambda w: {}
    api: bool = False
    #: Region-sensitive behaviour: "detail" (404 elsewhere) or "list" (lists only mine).
    kind: str = "list"
    marker: Callable[[World], str] = lambda w: w.mine.household_id
    other_kwargs: Callable[[World], dict] | None = None
    #: What a user of another region must not see (default: the marker).
    leak: Callable[[World], str] | None = None


CASES = [
    Case("dashboard", "county_officer", marker=lambda w: "新城镇"),
    Case("household-list", "village_cadre"),
    Case("household-detail", "village_cadre", kind="detail",
         kwargs=lambda w: {"household_id": w.mine.household_id},
         other_kwargs=lambda w: {"household_id": w.theirs.household_id}),
    Case("member-reveal", "township_reviewer", method="post", kind="detail",
         kwargs=lambda w: {"member_id": w.my_member.pk},
         other_kwargs=lambda w: {"member_id": w.their_member.pk},
         marker=lambda w: w.my_member.reveal_id_number()),
    Case("audit-list", "county_officer", marker=lambda w: f"households.household:{w.mine.pk}"),
    Case("audit-verify", "auditor", method="post", marker=lambda w: "alert-success",
         leak=lambda w: f"households.household:{w.mine.pk}"),
    Case("api:list_households", "village_cadre", api=True),
    Case("api:get_household", "village_cadre", api=True, kind="detail",
         kwargs=lambda w: {"household_id": w.mine.household_id},
         other_kwargs=lambda w: {"household_id": w.theirs.household_id}),
]
IDS = [c.name for c in CASES]


def _all_url_names(resolver=None, prefix="") -> set[str]:
    names = set()
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            names |= _all_url_names(p, ns)
        elif isinstance(p, URLPattern) and p.name:
            names.add(prefix + p.name)
    return names


def test_every_url_is_in_the_matrix():
    missing = _all_url_names() - PUBLIC - {c.name for c in CASES}
    assert not missing, f"views without permission-matrix rows: {sorted(missing)}"


@pytest.fixture
def world(tree):
    mine = factories.household(factories.HOME_VILLAGE)
    theirs = factories.household(factories.OTHER_COUNTY_VILLAGE)
    return World(mine, theirs, mine.members.first(), theirs.members.first())


def _request(client, case: Case, kwargs: dict, *, token: str | None = None):
    url = reverse(case.name, kwargs=kwargs)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return getattr(client, case.method)(url, **headers)


def _home_division(role: str) -> str:
    return {"village_cadre": factories.HOME_VILLAGE,
            "township_reviewer": factories.HOME_TOWNSHIP}.get(role, "513431000000")


def _other_division(role: str) -> str:
    return {"village_cadre": factories.OTHER_COUNTY_VILLAGE,
            "township_reviewer": "513436100000"}.get(role, "513436000000")


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_anonymous_is_refused(client, world, case):
    before = AuditRecord.objects.count()
    response = _request(client, case, case.kwargs(world))
    if case.api:
        assert response.status_code == 401
    else:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    assert AuditRecord.objects.count() == before


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_without_permission_is_forbidden(client, world, case):
    user = factories.make_user(None, _home_division(case.role))
    client.force_login(user)
    before = AuditRecord.objects.count()
    response = _request(client, case, case.kwargs(world))
    assert response.status_code == 403
    assert AuditRecord.objects.count() == before


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_with_permission_in_region(client, world, case):
    user = factories.make_user(case.role, _home_division(case.role))
    client.force_login(user)
    response = _request(client, case, case.kwargs(world))
    assert response.status_code == 200
    assert case.marker(world) in response.content.decode()


@pytest.mark.parametrize("case", [c for c in CASES if c.api], ids=[c.name for c in CASES
                                                                  if c.api])
def test_with_token_in_region(client, world, case):
    user = factories.make_user(case.role, _home_division(case.role))
    token = issue_token(actor="test", user=user, name="t")
    response = _request(client, case, case.kwargs(world), token=token)
    assert response.status_code == 200
    assert case.marker(world) in response.content.decode()
    bad = _request(client, case, case.kwargs(world), token=token + "x")
    assert bad.status_code == 401


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_with_permission_for_another_region(client, world, case):
    user = factories.make_user(case.role, _other_division(case.role))
    client.force_login(user)
    before = AuditRecord.objects.count()
    if case.kind == "detail":
        response = _request(client, case, case.kwargs(world))
        assert response.status_code == 404
        assert AuditRecord.objects.count() == before
        # The same request for an object of the user's own region works (sanity).
        own = _request(client, case, case.other_kwargs(world))
        assert own.status_code == 200
    else:
        response = _request(client, case, case.kwargs(world))
        assert response.status_code == 200
        assert (case.leak or case.marker)(world) not in response.content.decode()
