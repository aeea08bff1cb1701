"""Aggregates obey the region gate: every page and endpoint that shows a number shows only the
user's own subtree.

Two counties are seeded with different marker counts of flagged households — ``MINE`` in the
home county, ``THEIRS`` in the county next door — and runs are made over each county, over the
province that holds both and over the nation. A user of the home county (and of a village in
it) opens every number-showing page: the other county's count and the combined count never
appear as a number there, while the home county's count does (so the test can fail).
"""

from __future__ import annotations

import json
import re

import pytest
import time_machine
from django.urls import reverse

from fupin.cases import services as cases
from fupin.core.access import Scope
from fupin.core.models import AuditRecord
from fupin.monitoring import services as monitoring
from tests import factories

MINE, THEIRS = 6, 23
TOTAL = MINE + THEIRS
#: Times and dates on pages must not contain the marker numbers by accident.
FROZEN = "2025-03-02 08:04:00+00:00"

#: (URL name, kwargs from the world, whether the page must show MINE).
PAGES = [
    ("dashboard", None, True),
    ("household-list", None, False),
    ("monitoring-runs", None, True),
    ("monitoring-run", "national_run", True),
    ("monitoring-run", "province_run", True),
    ("monitoring-run", "my_run", True),
    ("case-inbox", None, False),
    ("case-dashboard", None, True),
    ("case-notices", None, False),
    ("audit-list", None, False),
    ("exchange", None, False),
    ("monitoring-what-if", None, False),
]
API = ["api:list_households", "api:list_cases"]
#: Pages a role may not open (their 403 is asserted, never skipped).
CLOSED_TO = {("village_cadre", "audit-list")}


def _numbers(html: str) -> set[int]:
    """Numbers shown as a cell's or badge's whole text, or as values in chart data.

    The ledger's sequence numbers (positions in one global chain) and numbers that are a
    link's whole text (ids: run #23) are not counts: skipped."""
    html = re.sub(r'<td class="audit-seq">\d+</td>', "", html)
    html = re.sub(r"<a [^>]*>\s*#?\d+\s*</a>", "", html)
    found = {int(n.replace(",", "")) for n in re.findall(r">\s*([\d,]+)\s*<", html)}
    for blob in re.findall(r'<script[^>]*type="application/json"[^>]*>(.*?)</script>', html,
                           flags=re.S):
        found |= {int(n) for n in re.findall(r"(?<![\w.\-])(\d+)(?![\w.\-])", blob)}
    return found


def _flagged_household(village: str) -> None:
    factories.household(village, status="exited",
                        economy=[{"year": 2020, "wage": 9000}, {"year": 2021, "wage": 1000}])


@pytest.fixture
def world(tree):
    with time_machine.travel(FROZEN, tick=False):
        for _ in range(MINE):
            _flagged_household(factories.HOME_VILLAGE)
        for _ in range(THEIRS):
            _flagged_household(factories.OTHER_COUNTY_VILLAGE)
        runs = {
            "national_run": monitoring.run_monitoring(actor="test", year=2021,
                                                      scope=Scope.nation()).run,
            "province_run": monitoring.run_monitoring(actor="test", year=2021,
                                                      scope=Scope("51")).run,
            "my_run": monitoring.run_monitoring(actor="test", year=2021,
                                                scope=Scope("513431")).run,
            "their_run": monitoring.run_monitoring(actor="test", year=2021,
                                                   scope=Scope("513436")).run,
        }
        cases.sync_from_run(actor="test", run=runs["province_run"])
    return runs


@pytest.mark.parametrize("division", ["513431000000", factories.HOME_VILLAGE])
@pytest.mark.parametrize(("name", "run", "shows_mine"), PAGES)
def test_pages_show_only_the_users_subtree(client, world, division, name, run, shows_mine):
    role = "county_officer" if len(division.rstrip("0")) <= 6 else "village_cadre"
    user = factories.make_user(role, division)
    client.force_login(user)
    kwargs = {"pk": world[run].pk} if run else {}
    with time_machine.travel(FROZEN, tick=False):
        response = client.get(reverse(name, kwargs=kwargs))
    if (role, name) in CLOSED_TO:
        assert response.status_code == 403
        return
    assert response.status_code == 200
    numbers = _numbers(response.content.decode())
    assert THEIRS not in numbers, f"{name}: the other county's count is shown"
    assert TOTAL not in numbers, f"{name}: a count over both counties is shown"
    if shows_mine and role == "county_officer":
        assert MINE in numbers, f"{name}: the user's own count is missing (test is blind)"


def test_their_run_is_not_listed_or_readable(client, world):
    user = factories.make_user("county_officer", "513431000000")
    client.force_login(user)
    page = client.get(reverse("monitoring-runs")).content.decode()
    assert reverse("monitoring-run", kwargs={"pk": world["their_run"].pk}) not in page
    response = client.get(reverse("monitoring-run", kwargs={"pk": world["their_run"].pk}))
    assert response.status_code == 404


@pytest.mark.parametrize("name", API)
def test_api_lists_count_only_the_users_subtree(client, world, name):
    user = factories.make_user("county_officer", "513431000000")
    client.force_login(user)
    body = json.loads(client.get(reverse(name)).content)
    count = body.get("count") if isinstance(body, dict) else len(body)
    assert count not in {THEIRS, TOTAL}
    assert count == MINE


def test_verify_tells_a_county_auditor_only_the_county_figure(client, world):
    auditor = factories.make_user("auditor", "513431000000")
    client.force_login(auditor)
    with time_machine.travel(FROZEN, tick=False):
        html = client.post(reverse("audit-verify")).content.decode()
    everything = AuditRecord.objects.count()
    mine = AuditRecord.objects.for_user(auditor).count()
    assert mine < everything
    assert str(everything) not in re.findall(r"\d+", html)
    assert str(mine) in re.findall(r"\d+", html)
