"""No domain error gives a 500: every URL, as every role, with bad ids, bad years, bad pages and
bad policy packs, answers 2xx, 3xx or 4xx.

The URLs come from the resolver, so a new view is walked without a line here.
"""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from fupin.accounts.choices import Role
from tests import factories

ROLE_DIVISIONS = {
    Role.VILLAGE_CADRE: factories.HOME_VILLAGE,
    Role.TOWNSHIP_REVIEWER: factories.HOME_TOWNSHIP,
    Role.COUNTY_OFFICER: "513431000000",
    Role.COUNTY_APPROVER: "513431000000",
    Role.PROVINCE_VIEWER: "510000000000",
    Role.NATIONAL_VIEWER: "000000000000",
    Role.EVALUATOR: "513431000000",
    Role.AUDITOR: "513431000000",
    Role.ADMINISTRATOR: "000000000000",
}

#: Values for path parameters that name nothing real, or are malformed.
BAD_INTS = ["999999999", "0", "99999999999999999999"]
BAD_STRS = ["nope", "..", "%2F", "x" * 300, "1e30", "513436100201"]
#: Query strings that broke views before (bad years, pages, numbers, packs, divisions).
BAD_QUERIES = [
    "year=abc", "year=99999", "year=-1", "page=1e20", "page=-3", "page=abc",
    "division=abc", "division=999999999999", "category=%3Cscript%3E", "policy=no-such-pack",
    "policy=../../etc/passwd", "monitoring_line=nan", "monitoring_line=inf",
    "monitoring_line=1e400", "sharp_drop_ratio=-5", "ecom_loss_share=abc", "state=zzz",
    "q=%00", "township=abc", "village=abc", "status=abc", "limit=-1", "offset=1e20",
    "token=nope", "object_type=x&object_id=%00", "format=exe", "action=%00", "q=a%00b",
]
BAD_FORMS = [
    {}, {"year": "abc"}, {"year": "1900", "engine": "spark"}, {"action": "approve",
                                                                "version": "abc"},
    {"action": "nope", "version": "1"}, {"date": "not-a-date", "situation": "x",
                                         "per_capita_income": "abc"},
    {"type": "zzz", "start": "2026-13-45", "amount": "1e400"},
    {"fmt": "exe", "format": "exe"}, {"policy": "no-such-pack", "year": "2021"},
]


def _patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            yield from _patterns(p, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p


def _fill(route: str, int_value: str, str_value: str) -> str:
    route = route.lstrip("^").rstrip("$")
    route = re.sub(r"<int:\w+>", int_value, route)
    route = re.sub(r"<(?:str|slug|path):\w+>", str_value, route)
    route = re.sub(r"<\w+>", str_value, route)
    return "/" + route.replace("\\", "")


def _urls() -> list[str]:
    urls = set()
    for route, _pattern in _patterns():
        if "(?P<" in route or "<" not in route:
            urls.add(_fill(route, "1", "x"))
            if "<" not in route:
                continue
        for i, s in zip(BAD_INTS * 2, BAD_STRS, strict=False):
            urls.add(_fill(route, i, s))
    return sorted(u for u in urls if "(?P<" not in u)


@pytest.fixture
def users(tree):
    factories.household(factories.HOME_VILLAGE)
    return {role: factories.make_user(role, code) for role, code in ROLE_DIVISIONS.items()}


def _check(client, method: str, url: str, **kw) -> str | None:
    response = getattr(client, method)(url, **kw)
    if response.status_code >= 500:
        return f"{method.upper()} {url} {kw.get('data', '')} → {response.status_code}"
    return None


#: The county officer's walk (every URL with every bad query and form) is the longest: it is cut
#: into this many slices, so the test processes of ``make test`` share it (a slice per test).
OFFICER_SLICES = 4
WALKS = [(role, 0) for role in ROLE_DIVISIONS if role != Role.COUNTY_OFFICER] + [
    (Role.COUNTY_OFFICER, k) for k in range(OFFICER_SLICES)]


@pytest.mark.parametrize(("role", "part"), WALKS)
def test_every_url_with_bad_input_answers_below_500(client, users, settings, tmp_path, role,
                                                   part):
    settings.FUPIN_EXCHANGE_DIR = tmp_path / "exchange"
    client.raise_request_exception = False
    urls = _urls()
    assert len(urls) > 30, "the walk found too few URLs to mean anything"
    if role == Role.COUNTY_OFFICER:
        urls = urls[part::OFFICER_SLICES]
    failures = []
    client.force_login(users[role])
    for url in urls:
        if "logout" in url:
            continue
        for query in (["", *BAD_QUERIES] if role == Role.COUNTY_OFFICER else [""]):
            target = f"{url}?{query}" if query else url
            failures.append(_check(client, "get", target))
        if role in {Role.COUNTY_OFFICER, Role.VILLAGE_CADRE, Role.COUNTY_APPROVER}:
            for form in BAD_FORMS:
                failures.append(_check(client, "post", url, data=form))
    failures = [f for f in failures if f]
    assert not failures, "server errors:\n" + "\n".join(failures[:40])


def test_api_with_bad_json_answers_below_500(client, users):
    client.raise_request_exception = False
    client.force_login(users[Role.VILLAGE_CADRE])
    failures = []
    for url in [u for u in _urls() if u.startswith("/api/")]:
        for body in ("{", "[]", '{"version": "abc", "action": 5}', '{"amount": 1e400}',
                     '{"date": "2026-99-99", "situation": null}'):
            failures.append(_check(client, "post", url, data=body,
                                   content_type="application/json"))
    failures = [f for f in failures if f]
    assert not failures, "server errors:\n" + "\n".join(failures[:40])
