"""The household page's history by year and its API (ADR 0048): per state year the status,
members (born, joined, died or left), per-capita income against the year's line and the
guarantees; read in a fixed number of queries whatever the number of years; region-gated."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fupin.config.management.commands import demo
from fupin.core.access import Scope
from fupin.households import personal
from fupin.households.importer import run_import
from fupin.households.models import Household, HouseholdState
from fupin.regions.models import Division
from fupin_engine import snapshot
from tests import factories
from tests.test_registry_history import snapshots, write


@pytest.fixture
def county(tree, tmp_path):
    snaps = snapshots(seed=13, n=24)
    folders = write(tmp_path, snaps)
    for year in (2020, 2019, 2021):
        assert run_import(folders[year], actor="test", scope=Scope.nation()).ok
    return snaps


def _page(client, hid: str) -> str:
    return client.get(reverse("household-detail", args=[hid])).content.decode()


def _rows(html: str) -> dict[int, str]:
    table = html.split('id="years"', 1)[1].split("</table>", 1)[0]
    return {int(y): row for y, row in re.findall(r'<tr data-year="(\d+)">(.*?)</tr>', table,
                                                 re.S)}


def test_the_page_shows_each_year_with_births_departures_and_the_line(client, county):
    client.force_login(factories.make_user("county_officer", "513431000000"))
    hid = county[2021].households[1]["household_id"]  # the generator's newborn of 2020
    members = {y: {m["name"] for m in s.members if m["household_id"] == hid}
               for y, s in county.items()}
    rows = _rows(_page(client, hid))
    assert sorted(rows) == [2019, 2020, 2021]
    born = members[2020] - members[2019]
    assert born
    for name in born:
        assert name in rows[2020].split('class="small text-success born"', 1)[1]
        assert name not in rows[2019]
    assert "6,000" in rows[2021] or "6000" in rows[2021]
    # 2019: the pack sets no national monitoring line, so none is shown (never guessed).
    assert re.findall(r'<td class="text-end">–</td>', rows[2019])
    for year in (2019, 2020, 2021):
        state = next(h for h in county[year].households if h["household_id"] == hid)
        assert str(dict(Household._meta.get_field("status").choices)[state["status"]]) in rows[
            year]


def test_someone_who_died_is_named_in_the_year_he_is_gone(client, county):
    client.force_login(factories.make_user("county_officer", "513431000000"))
    gone = [(h["household_id"], m["name"])
            for h in county[2020].households for m in county[2020].members
            if m["household_id"] == h["household_id"]
            and m["id_number"] not in {x["id_number"] for x in county[2021].members}]
    assert gone
    hid, name = gone[0]
    rows = _rows(_page(client, hid))
    assert name in rows[2021].split('class="small text-muted gone"', 1)[1]


def test_the_history_is_read_in_a_fixed_number_of_queries(client, county, tree):
    client.force_login(factories.make_user("county_officer", "513431000000"))
    many = county[2021].households[0]["household_id"]
    one = factories.household()
    state = {f: getattr(one, f) for f in (
        "status", "exit_year", "housing_grade", "relocated", "water_quantity_ok",
        "water_quality_ok", "water_access_ok", "water_reliability_ok", "dibao", "tekun")}
    HouseholdState.objects.create(household=one, year=2021, village_code=one.village_id, **state)
    counts = []
    for hid in (one.household_id, many):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("household-detail", args=[hid])).status_code == 200
        counts.append(len([q for q in ctx.captured_queries if "state" in q["sql"]]))
    assert counts == [2, 2]  # households' states, members' states: one query each


def test_the_api_gives_the_history_and_keeps_it_inside_the_region(client, county):
    hid = county[2021].households[1]["household_id"]
    user = factories.make_user("county_officer", "513431000000")
    client.force_login(user)
    years = client.get(f"/api/households/{hid}/history").json()
    assert [y["year"] for y in years] == [2021, 2020, 2019]
    latest = years[0]
    assert latest["monitoring_line"] == 6000
    assert years[2]["monitoring_line"] is None
    size = len(latest["members"])
    (row,) = [e for e in county[2021].economy if e["household_id"] == hid and e["year"] == 2021]
    income = snapshot.net_income({k: v if isinstance(v, str) else Decimal(str(v))
                                  for k, v in row.items()})
    assert float(latest["per_capita_income"]) == pytest.approx(float(income) / size, abs=0.01)
    assert latest["below_line"] == (float(income) / size < 6000)
    assert years[1]["born"]
    for m in latest["members"]:
        # The birth date only with the permission to reveal (ADR 0018), else the year.
        assert re.fullmatch(r"\d{4}-\d\d-\d\d" if personal.can_reveal(user) else r"\d{4}",
                            m["birth"])
        assert "*" in m["id_number_masked"]
    client.force_login(factories.make_user("county_officer", "513436000000"))
    assert client.get(f"/api/households/{hid}/history").status_code == 404


def test_the_demo_imports_two_earlier_years_of_its_county(tree, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    county = Division.objects.get(code=demo.DEMO_COUNTY)
    command = demo.Command(stdout=io.StringIO(), stderr=io.StringIO())
    command._load_households(county, 30, 5)
    current = sorted(Household.objects.values_list("household_id", "status", "updated_at"))
    command._earlier_years(county, 30, 5)
    assert sorted(set(HouseholdState.objects.values_list("year", flat=True))) == [
        2019, 2020, 2021]
    # History only: the current registry is the 2021 snapshot's.
    assert sorted(Household.objects.values_list("household_id", "status",
                                                "updated_at")) == current
    changed = {hid for hid, n in HouseholdState.objects.values_list("household__household_id")
               .annotate(n=Count("status", distinct=True)).values_list(
                   "household__household_id", "n") if n > 1}
    assert changed  # statuses change across the years: the history shows something
    command._earlier_years(county, 30, 5)  # once
    assert HouseholdState.objects.count() == 3 * Household.objects.count()


def test_below_the_line_compares_income_with_line_times_size_unrounded():
    """17,999.99 for three people is 5,999.9966 a head: shown as 6,000.00, yet below a line of
    6,000, as a run counts it (net income < line × size)."""
    from fupin.households.yearly import YearState

    y = YearState(year=2021, state=HouseholdState(year=2021, village_code="513431001001"),
                  village_name="", members=[{}, {}, {}], net_income=Decimal("17999.99"),
                  per_capita=(Decimal("17999.99") / 3).quantize(Decimal("0.01")), line=6000.0)
    assert y.per_capita == Decimal("6000.00")
    assert y.below_line is True
    y.net_income = Decimal("18000.00")
    assert y.below_line is False
