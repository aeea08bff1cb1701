"""The consolidation screens (issue 18 item 5): each page shows exactly the services' figures
for the division asked for, one level below by default, drills down to a village's exited
households and to the household page; another region's division is not found; every table
exports as Excel and CSV with the same rows (read back with openpyxl and csv), audited; the
menu offers each role its pages; the queries do not grow with the households."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from fupin.accounts.choices import Role
from fupin.consolidation import figures, services
from fupin.core import menus
from fupin.core.access import Scope
from fupin.core.models import AuditRecord
from fupin.regions.choices import Level
from fupin.regions.models import Division
from tests import consolidation_screens_data as data
from tests import factories

COUNTY = data.COUNTY
HOME_TOWNSHIP = factories.HOME_TOWNSHIP
OTHER_TOWNSHIP = "513431101000"
PAGES = ["consolidation-quality", "consolidation-help", "consolidation-intensity",
         "consolidation-lost"]


@pytest.fixture
def county(tree):
    return data.build()


def _login(client, role: str, division: str):
    user = factories.make_user(role, division)
    client.force_login(user)
    return user


def _csv(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _xlsx(response) -> list[list]:
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    rows = [["" if v is None else v for v in row]
            for row in book.active.iter_rows(values_only=True)]
    # A read-only sheet drops empty cells at a row's end.
    return [row + [""] * (len(rows[0]) - len(row)) for row in rows]


def _same(text: str, cell) -> bool:
    """A CSV cell and an Excel cell hold the same value (a number as a number)."""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return float(text) == float(cell)
    return text == str(cell)


def _get(client, name: str, **query):
    return client.get(reverse(name), query)


def _names(codes) -> set[str]:
    return set(Division.objects.filter(code__in=list(codes)).values_list("name", flat=True))


# --- quality of exit and drill-down -----------------------------------------------------------

@pytest.mark.parametrize(("role", "division"), [
    ("county_officer", COUNTY), ("township_reviewer", HOME_TOWNSHIP),
    ("province_viewer", "510000000000"), ("national_viewer", "000000000000")])
def test_a_division_shows_the_level_below_by_default(client, county, role, division):
    _login(client, role, division)
    focus = Division.objects.get(code=division)
    level = figures.DEFAULT_LEVEL[Level(focus.level)]
    expected = services.exit_quality(Scope.of_code(division), level=level)
    rows = _csv(_get(client, "consolidation-quality", export="csv"))[1:]
    assert {r[0] for r in rows} == _names(r["division_code"] for r in expected)
    assert expected  # the county has exited households at every level


@pytest.mark.parametrize("level", ["township", "village"])
def test_quality_rows_are_the_services(client, county, level):
    _login(client, "county_officer", COUNTY)
    expected = {r["name"]: r for r in services.exit_quality(Scope("513431"), level=level)}
    rows = _csv(_get(client, "consolidation-quality", level=level, export="csv"))
    header, body = rows[0], rows[1:]
    assert len(body) == len(expected)
    share_columns = [i for i, h in enumerate(header) if i >= 5]
    for row in body:
        want = expected[row[0]]
        assert [int(row[1]), int(row[2])] == [want["exited"], want["inside_period"]]
        assert float(row[3]) == round(want["stayed_above_share"] * 100, 1)
        assert float(row[4]) == round(want["became_objects_share"] * 100, 1)
        # One column per help type some household received, its share in per cent.
        shown = [round(want[f"help_{t}_share"] * 100, 1)
                 for t in figures.HELP_TYPES
                 if any(r[f"help_{t}_share"] for r in expected.values())]
        assert [float(row[i]) for i in share_columns] == shown


def test_a_division_opens_the_level_below_and_a_village_its_households(client, county):
    _login(client, "county_officer", COUNTY)
    page = _get(client, "consolidation-quality").content.decode()
    assert f'?division={HOME_TOWNSHIP}"' in page
    assert f"?division={OTHER_TOWNSHIP}\"" in page
    township = _get(client, "consolidation-quality", division=HOME_TOWNSHIP).content.decode()
    village_url = f"{reverse('consolidation-village')}?division={data.V1}"
    assert village_url in township
    assert data.V3 not in township
    # A village on the quality page is its households' page.
    assert _get(client, "consolidation-quality", division=data.V1)["Location"] == village_url
    village = _get(client, "consolidation-village", division=data.V1).content.decode()
    exited = {r["household_id"] for r in figures.village_households(
        Division.objects.get(code=data.V1))}
    assert exited == {"QS1", "QS2"}  # not the poor QS5, not another village's
    for hid in exited:
        assert reverse("household-detail", args=[hid]) in village
    assert "QS5" not in village
    assert "QS3" not in village
    rows = _csv(_get(client, "consolidation-village", division=data.V1, export="csv"))
    by_id = {r[0]: r for r in rows[1:]}
    assert by_id["QS2"][5] == "2020"  # below the line in 2020 only
    assert by_id["QS1"][5] == ""


def test_the_village_page_is_for_a_village(client, county):
    _login(client, "county_officer", COUNTY)
    assert _get(client, "consolidation-village", division=HOME_TOWNSHIP).status_code == 404
    assert _get(client, "consolidation-village").status_code == 404  # a county is no village


def test_a_township_sees_only_its_own_villages(client, county):
    _login(client, "township_reviewer", HOME_TOWNSHIP)
    rows = _csv(_get(client, "consolidation-quality", export="csv"))[1:]
    assert {r[0] for r in rows} == _names([data.V1, data.V2])
    for name in PAGES:
        assert _get(client, name, division=OTHER_TOWNSHIP).status_code == 404
        assert _get(client, name, division=data.V3).status_code == 404
        assert _get(client, name, division=COUNTY).status_code == 404
    assert _get(client, "consolidation-village", division=data.V3).status_code == 404
    assert client.get(reverse("consolidation-household", args=["QS4"])).status_code == 404
    assert "QS4" not in _get(client, "consolidation-lost").content.decode()
    help_rows = _csv(_get(client, "consolidation-help", export="csv"))[1:]
    assert {r[0] for r in help_rows} <= _names([data.V1, data.V2])


def test_bad_inputs_say_what_to_do(client, county):
    _login(client, "county_officer", COUNTY)
    for name, query in [("consolidation-quality", {"level": "county"}),
                        ("consolidation-quality", {"level": "planet"}),
                        ("consolidation-quality", {"year": "1900"}),
                        ("consolidation-help", {"type": "zzz"}),
                        ("consolidation-help", {"year": "abc"}),
                        ("consolidation-lost", {"year": "99999"}),
                        ("consolidation-intensity", {"year": "-1"})]:
        response = _get(client, name, **query)
        assert response.status_code == 400, (name, query)
    assert _get(client, "consolidation-quality", division="abc").status_code == 404


# --- help by type, intensity, follow-up -------------------------------------------------------

def test_help_rows_are_the_services_and_narrow_by_year_and_type(client, county):
    _login(client, "county_officer", COUNTY)
    expected = services.help_by_type(Scope("513431"), level="township")
    rows = _csv(_get(client, "consolidation-help", export="csv"))[1:]
    assert sorted((r[0], int(r[1]), r[2], Decimal(r[3]), int(r[4])) for r in rows) == sorted(
        (e["name"], e["year"], figures.type_word(e["type"]), e["amount"], e["households"])
        for e in expected)
    narrowed = _csv(_get(client, "consolidation-help", year="2021", type="industry",
                         export="csv"))[1:]
    assert [(r[1], r[2]) for r in narrowed] == [("2021", figures.type_word("industry"))] * len(
        [e for e in expected if e["year"] == 2021 and e["type"] == "industry"])
    assert narrowed


def test_divisions_that_cut_help_are_marked(client, county):
    _login(client, "county_officer", COUNTY)

    def marked() -> bool:
        return "cut-help" in _get(client, "consolidation-intensity").content.decode()

    (row,) = services.help_intensity(Scope("513431"))
    assert row["kept_up"] is False
    assert marked()
    # Help during the period raised above the help before exit: no longer marked.
    services.record_help(actor="system:test", household=county["QS2"], year=2021,
                         type="health", amount=Decimal("8000"), source="县卫健局")
    (row,) = services.help_intensity(Scope("513431"))
    assert row["kept_up"] is True
    assert not marked()


def test_the_follow_up_list_is_the_services_and_empties_when_help_comes(client, county):
    _login(client, "county_officer", COUNTY)
    expected = [r["household_id"] for r in services.lost_help(Scope("513431"))]
    rows = _csv(_get(client, "consolidation-lost", export="csv"))[1:]
    assert [r[0] for r in rows] == expected == ["QS3"]
    page = _get(client, "consolidation-lost").content.decode()
    assert reverse("household-detail", args=["QS3"]) in page
    assert "QS9" not in page
    services.record_help(actor="system:test", household=county["QS3"], year=2021,
                         type="education", amount=Decimal("400"), source="县教育局")
    assert _csv(_get(client, "consolidation-lost", export="csv"))[1:] == []


def test_a_village_cadre_sees_the_village_s_follow_up_list(client, county):
    _login(client, "village_cadre", data.V2)
    assert "QS3" in _get(client, "consolidation-lost").content.decode()
    _login(client, "village_cadre", data.V1)
    assert "QS3" not in _get(client, "consolidation-lost").content.decode()
    assert _get(client, "consolidation-lost", division=data.V2).status_code == 404


# --- the household page -----------------------------------------------------------------------

def test_the_household_section_shows_each_year_since_exit(client, county):
    _login(client, "village_cadre", data.V1)
    detail = client.get(reverse("household-detail", args=["QS2"])).content.decode()
    assert reverse("consolidation-household", args=["QS2"]) in detail
    section = client.get(reverse("consolidation-household", args=["QS2"])).content.decode()
    found = services.household_consolidation(county["QS2"])
    for year in found["years"]:
        assert f'data-year="{year["year"]}"' in section
    below = sum(1 for y in found["years"] if y["above_line"] is False)
    assert below == 1
    assert section.count('class="cross"') == below
    assert str(found["exit_year"]) in section
    poor = client.get(reverse("consolidation-household", args=["QS5"])).content.decode()
    assert "since-exit-years" not in poor


# --- exports ----------------------------------------------------------------------------------

EXPORTS = [("consolidation-quality", {}), ("consolidation-village", {"division": data.V1}),
           ("consolidation-help", {}), ("consolidation-intensity", {}),
           ("consolidation-lost", {})]


@pytest.mark.parametrize(("name", "query"), EXPORTS)
def test_every_table_exports_as_excel_and_csv_with_the_same_rows(client, county, name, query):
    user = _login(client, "county_officer", COUNTY)
    before = AuditRecord.objects.filter(action="lists.export").count()
    as_csv = _csv(_get(client, name, export="csv", **query))
    as_xlsx = _xlsx(_get(client, name, export="xlsx", **query))
    assert len(as_csv) > 1
    assert len(as_csv) == len(as_xlsx)
    assert as_csv[0] == [str(h) for h in as_xlsx[0]]
    for a, b in zip(as_csv[1:], as_xlsx[1:], strict=True):
        assert len(a) == len(b)
        assert all(_same(x, y) for x, y in zip(a, b, strict=True)), (a, b)
    page = _get(client, name, **query).content.decode()
    assert f'class="list-count">共 {len(as_csv) - 1} 行' in page
    records = AuditRecord.objects.filter(action="lists.export").order_by("seq")
    assert records.count() == before + 2
    last = records.last()
    assert last.actor_id == user.pk
    assert last.after["rows"] == len(as_csv) - 1
    assert records.filter(after__format="csv").count() == 1


def test_an_export_guards_formulas(client, tree):
    factories.make_tree()
    household = factories.household(data.V1, household_id="QS7", head_name="=1+2",
                                     exit_year=2019, economy=[{"year": 2021, "wage": 14000}])
    services.record_help(actor="system:test", household=household, year=2020,
                         type="industry", amount=Decimal("10"))
    _login(client, "county_officer", COUNTY)
    rows = _csv(_get(client, "consolidation-village", division=data.V1, export="csv"))
    assert rows[1][1] == "'=1+2"


# --- menus and queries ------------------------------------------------------------------------

EXPECTED_MENU = {
    Role.VILLAGE_CADRE: {"consolidation-lost"},
    Role.TOWNSHIP_REVIEWER: {"consolidation-quality", "consolidation-help",
                             "consolidation-lost"},
    Role.COUNTY_OFFICER: set(PAGES), Role.COUNTY_APPROVER: set(PAGES),
    Role.EVALUATOR: set(PAGES), Role.AUDITOR: set(PAGES),
    Role.PROVINCE_VIEWER: set(PAGES) - {"consolidation-lost"},
    Role.NATIONAL_VIEWER: set(PAGES) - {"consolidation-lost"},
    Role.ADMINISTRATOR: set(PAGES) - {"consolidation-lost"},
}


@pytest.mark.parametrize("role", list(EXPECTED_MENU))
def test_each_role_s_menu_offers_its_pages(client, tree, role):
    division = {"village_cadre": data.V1, "township_reviewer": HOME_TOWNSHIP,
                "province_viewer": "510000000000", "national_viewer": "000000000000",
                "administrator": "000000000000"}.get(role, COUNTY)
    user = _login(client, role, division)
    offered = {e["url_name"] for e in menus.items_for(user)
               if e["url_name"].startswith("consolidation-")}
    assert offered == EXPECTED_MENU[role]
    for name in offered:
        assert _get(client, name).status_code == 200


def _count(client, name: str, **query) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert _get(client, name, **query).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(("name", "query"), EXPORTS)
def test_queries_do_not_grow_with_the_households(client, county, name, query):
    _login(client, "county_officer", COUNTY)
    before = _count(client, name, **query)
    for i in range(4):
        h = factories.household(data.V1, household_id=f"QS2{i}", exit_year=2019,
                                economy=[{"year": 2020, "wage": 14000},
                                         {"year": 2021, "wage": 8000}])
        services.record_help(actor="system:test", household=h, year=2020, type="industry",
                             amount=Decimal("100"))
    assert _count(client, name, **query) == before
