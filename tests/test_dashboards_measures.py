"""Poverty measures by region on the dashboards: the screen and the API give the engine's own
numbers over a snapshot of the same registry (SQLite and PostgreSQL), inside the user's region,
for the roles that may see them, with a bounded number of queries."""

from __future__ import annotations

import io
import json

import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

from fupin.core.access import Scope
from fupin.core.models import AuditRecord
from fupin.dashboards.measures import Row
from fupin.households.exporter import export_snapshot, write_generated
from fupin.households.importer import run_import
from fupin_engine.generate import generate
from fupin_engine.measures import af, fgt
from tests import factories
from tests.test_exchange import VILLAGES

COUNTY = "513431000000"
OTHER_COUNTY = "513436000000"
LINE = 4000  # the pack's poverty line for 2021 (checked below)


@pytest.fixture
def registry(tree, tmp_path):
    """A generated county at home and a smaller one next door, imported as users would."""
    for county, villages, n, seed in ((COUNTY, VILLAGES, 150, 21),
                                      (OTHER_COUNTY, [factories.OTHER_COUNTY_VILLAGE], 40, 22)):
        folder = tmp_path / f"gen-{county}"
        write_generated(folder, "csv", generate(county_code=county, villages=villages,
                                                households=n, years=[2020, 2021], seed=seed))
        assert run_import(folder, actor="test", scope=Scope.nation()).ok
    snap = tmp_path / "snapshot"
    export_snapshot(snap, "csv", actor="test", scope=Scope(COUNTY[:6]))
    return snap


def _api(client, **params):
    response = client.get(reverse("api:get_measures"), params)
    assert response.status_code == 200, response.content
    return response.json()


def _login(client, role, division=COUNTY):
    user = factories.make_user(role, division)
    client.force_login(user)
    return user


def _engine(snap, by, line=LINE, k=2.0, dims=af.DIMENSIONS):
    f = {r.division: r for r in fgt.fgt(snap, 2021, line, by=by)}
    a = {r.division: r for r in af.af(snap, 2021, line, k, dimensions=dims, by=by)}
    return f, a


def _same(got: dict, f, a) -> None:
    assert got["people"] == f.people
    for name in ("P0", "P1", "P2"):
        assert got[name] == getattr(f, name), name
    for name in ("H", "A", "M0"):
        assert got[name] == getattr(a, name), name
    assert got["censored"] == a.censored


def test_county_screen_and_api_equal_the_engine_over_a_snapshot(client, registry):
    _login(client, "county_officer")
    got = _api(client, year=2021)
    assert got["line"] == str(LINE)  # the policy's line for the year, nobody typed one
    assert got["level"] == "township"
    f, a = _engine(registry, "township")
    assert {r["division"] for r in got["rows"]} == {d.ljust(12, "0") for d in f if d != "total"}
    for row in got["rows"]:
        _same(row, f[row["division"][:9]], a[row["division"][:9]])
    _same(got["total"], f["total"], a["total"])
    assert got["total"]["P0"] > 0  # the generated county has poor people: a real comparison
    split = af.decompose(list(a.values()))
    assert got["by_dimension"] == split.by_dimension
    assert sum(r["share"] for r in got["rows"]) == pytest.approx(1)

    page = client.get(reverse("dashboard-measures"), {"year": "2021"})
    assert page.status_code == 200
    html = page.content.decode()
    for row in got["rows"]:
        expected = Row(code="", name="", people=0, P0=row["P0"], P1=0, P2=0, H=row["H"],
                       A=row["A"], M0=0).P0_percent
        assert f'data-division="{row["division"]}"' in html
        assert expected in html
    assert "新城镇" in html
    assert "美姑县" not in html


def test_drill_down_to_a_township_gives_its_villages_with_the_engines_numbers(client, registry):
    _login(client, "county_officer")
    got = _api(client, division=factories.HOME_TOWNSHIP, year=2021, k="1",
               dimensions="income,housing,water", line="5000")
    assert got["level"] == "village"
    f, a = _engine(registry, "village", line=5000, k=1.0, dims=("income", "housing", "water"))
    assert got["rows"]
    for row in got["rows"]:
        assert row["division"].startswith(factories.HOME_TOWNSHIP[:9])
        _same(row, f[row["division"]], a[row["division"]])
    ft, at = _engine(registry, "township", line=5000, k=1.0,
                     dims=("income", "housing", "water"))
    _same(got["total"], ft[factories.HOME_TOWNSHIP[:9]], at[factories.HOME_TOWNSHIP[:9]])
    page = client.get(reverse("dashboard-measures"),
                      {"division": factories.HOME_TOWNSHIP, "year": "2021", "k": "1",
                       "dimensions": ["income", "housing", "water"], "line": "5000"})
    assert page.status_code == 200
    script = 'id="measures-chart-data" type="application/json">'
    chart = json.loads(page.content.decode().split(script)[1].split("</script>")[0])
    # Each village's bar is its M0, stacked by dimension.
    for i, code in enumerate(chart["codes"]):
        row = next(r for r in got["rows"] if r["division"] == code)
        assert sum(s["data"][i] for s in chart["series"]) == pytest.approx(row["M0"], abs=1e-5)
    assert len(chart["series"]) == 3


def test_another_region_is_not_found_and_its_numbers_never_shown(client, registry):
    _login(client, "county_officer", OTHER_COUNTY)
    for code in (factories.HOME_TOWNSHIP, COUNTY, "510000000000", "abc"):
        assert client.get(reverse("dashboard-measures"), {"division": code}).status_code == 404
        assert client.get(reverse("api:get_measures"), {"division": code}).status_code == 404
    own = _api(client, year=2021)
    assert own["division"] == OTHER_COUNTY
    assert all(r["division"].startswith("513436") for r in own["rows"])
    assert own["total"]["people"] < 200  # 40 households, not the home county's 150


@pytest.mark.parametrize(("role", "status"), [
    ("village_cadre", 403), ("township_reviewer", 200), ("county_officer", 200),
    ("county_approver", 200), ("province_viewer", 200), ("national_viewer", 200),
    ("evaluator", 200), ("auditor", 403), ("administrator", 403)])
def test_who_may_see_the_measures(client, tree, role, status):
    division = {"village_cadre": factories.HOME_VILLAGE,
                "township_reviewer": factories.HOME_TOWNSHIP,
                "province_viewer": "510000000000",
                "national_viewer": "000000000000"}.get(role, COUNTY)
    _login(client, role, division)
    assert client.get(reverse("dashboard-measures")).status_code == status
    assert client.get(reverse("api:get_measures")).status_code == status


@pytest.mark.parametrize(("params", "words"), [
    ({"k": "6"}, "k 不能大于所选维度数（5）"),
    ({"k": "3", "dimensions": ["income", "water"]}, "k 不能大于所选维度数（2）"),
    ({"year": "1800"}, "年度"), ({"line": "-5"}, "贫困标准"), ({"dimensions": ["wealth"]}, "维度"),
    ({"year": "2010"}, "政策中没有 2010 年的贫困标准")])
def test_bad_parameters_are_named_with_a_400(client, tree, params, words):
    _login(client, "county_officer")
    response = client.get(reverse("dashboard-measures"), params)
    assert response.status_code == 400
    html = response.content.decode()
    error = html.split('id="measures-error">')[1].split("</div>")[0]
    assert words in error
    api = client.get(reverse("api:get_measures"), {k: v if isinstance(v, str) else ",".join(v)
                                                   for k, v in params.items()})
    assert api.status_code == 400


def test_export_is_what_the_screen_shows_and_is_audited(client, registry):
    user = _login(client, "county_officer")
    got = _api(client, year=2021)
    response = client.get(reverse("dashboard-measures"), {"year": "2021", "export": "xlsx"})
    assert response.status_code == 200
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    sheet = book.get_sheet_by_index(0).to_python()
    rows = {r[1]: r for r in sheet[1:]}
    for row in [*got["rows"], got["total"]]:
        line = rows[row["division"]]
        assert line[2] == row["people"]
        assert line[3] == pytest.approx(row["P0"], rel=1e-12)
        assert line[8] == pytest.approx(row["M0"], rel=1e-12)
    record = AuditRecord.objects.filter(action="lists.export").latest("seq")
    assert record.object_id == "poverty-measures"
    assert record.actor_id == user.pk
    assert record.after["rows"] == len(got["rows"]) + 1


def test_queries_do_not_grow_with_the_registry(client, registry, django_assert_max_num_queries):
    """Three reads of the registry (the engine's relations), one of division names, and the
    session, user and crumbs: never a query per household or per division."""
    _login(client, "province_viewer", "510000000000")
    with django_assert_max_num_queries(14):
        response = client.get(reverse("dashboard-measures"), {"year": "2021"})
    assert response.status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(reverse("dashboard-measures"),
                          {"year": "2021", "division": COUNTY}).status_code == 200


def test_a_change_to_a_household_is_in_the_next_answer(client, registry):
    """Results are cached under the registry's state: a recorded change computes afresh."""
    from fupin.households.models import EconomyYear
    from fupin.households.services import record_economy_year

    _login(client, "county_officer")
    before = _api(client, year=2021)
    assert _api(client, year=2021) == before  # the same state: the same (cached) answer
    richest = (EconomyYear.objects.filter(year=2021, household__village__code__startswith="513431")
               .select_related("household").order_by("-wage").first())
    zero = dict.fromkeys(("wage", "operating", "ecommerce_revenue", "property", "transfer"), 0)
    record_economy_year(actor="test", household=richest.household, year=2021, **zero)
    after = _api(client, year=2021)
    assert after["total"]["P0"] > before["total"]["P0"]
    assert after["total"]["people"] == before["total"]["people"]
