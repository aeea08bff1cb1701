"""Runs over many provinces apply each province's parameters to its own households (ADR 0049).

The shipped pack gives 河北 (13) a 2022 monitoring line of 7,300 and 辽宁 (21) one of 7,260;
a two-province registry (阜平县 and 喀喇沁左翼蒙古族自治县, real NBS codes) is run once for the
nation, and each household is held to its own province's line. A crafted pack with three
provinces, two sharing their parameters, checks the plan's branches and its equality with the
one-province plan.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.urls import reverse

from fupin.core.access import Scope
from fupin.core.errors import ValidationFailed
from fupin.monitoring import explain, integrity, services
from fupin.monitoring.models import Assessment, MonitoringRun
from fupin.regions.choices import NATION_CODE, Level
from fupin.regions.models import Division
from fupin_engine.executors import get_executor
from fupin_engine.policy.loader import PACKS, PolicyError, load_pack, resolve_parameters
from fupin_engine.run import prepare, prepare_present, provinces_present, run_plan
from fupin_engine.source import SnapshotSource
from tests import engine_data as ed
from tests import factories
from tests.conftest import is_postgres

YEAR = 2022
#: Two real counties of different provinces: 河北 阜平县 城厢村, 辽宁 喀左县 南村.
HEBEI_VILLAGE = "130624100200"
LIAONING_VILLAGE = "211324101200"
TREE = [
    ("130000000000", "河北省", Level.PROVINCE, NATION_CODE),
    ("130600000000", "保定市", Level.PREFECTURE, "130000000000"),
    ("130624000000", "阜平县", Level.COUNTY, "130600000000"),
    ("130624100000", "阜平镇", Level.TOWNSHIP, "130624000000"),
    (HEBEI_VILLAGE, "城厢村村民委员会", Level.VILLAGE, "130624100000"),
    ("210000000000", "辽宁省", Level.PROVINCE, NATION_CODE),
    ("211300000000", "朝阳市", Level.PREFECTURE, "210000000000"),
    ("211324000000", "喀喇沁左翼蒙古族自治县", Level.COUNTY, "211300000000"),
    ("211324101000", "南公营子镇", Level.TOWNSHIP, "211324000000"),
    (LIAONING_VILLAGE, "南村村民委员会", Level.VILLAGE, "211324101000"),
]
#: Per-capita incomes around both lines: below both, at the lower, between, at the higher,
#: above both.
INCOMES = [5000, 7259, 7260, 7280, 7299, 7300, 7301, 9000]


def line(province: str, year: int = YEAR) -> float:
    return resolve_parameters(load_pack("cn-national"), year, province)["monitoring_line"]


@pytest.fixture
def two_provinces(tree):
    """Every income of INCOMES once in each province (two members, wage only)."""
    factories.make_tree()
    for code, name, level, parent in TREE:
        Division.objects.get_or_create(code=code, defaults={"name": name, "level": level,
                                                            "parent_id": parent})
    out = {}
    for village in (HEBEI_VILLAGE, LIAONING_VILLAGE):
        for income in INCOMES:
            h = factories.household(village, economy=[{"year": YEAR, "wage": 2 * income}])
            out[h.household_id] = (village[:2], income)
    return out


def _flagged(run) -> dict[str, Assessment]:
    return {a.household.household_id: a for a in Assessment.objects.filter(
        run=run, rules__contains="INCOME_BELOW_LINE").select_related("household")}


def test_the_lines_differ_in_the_shipped_pack():
    # The premise of the tests below: the two provinces have different 2022 lines.
    assert line("13") != line("21")
    assert min(INCOMES) < min(line("13"), line("21")) < max(line("13"), line("21")) \
        < max(INCOMES)


def test_a_national_run_holds_each_household_to_its_own_provinces_line(two_provinces):
    outcome = services.run_monitoring(actor="test", year=YEAR, scope=Scope.nation())
    mrun = outcome.run
    assert mrun.households == len(two_provinces)
    flagged = _flagged(mrun)
    for hid, (province, income) in two_provinces.items():
        assert (hid in flagged) == (income < line(province)), (province, income)
        if hid in flagged:
            # The evidence shows the household's own province's line.
            evidence = flagged[hid].evidence["INCOME_BELOW_LINE"]
            assert evidence["monitoring_line"] == line(province)
            assert evidence["per_capita_income"] == income
    # An income between the lines: flagged in the higher-line province only.
    between = [p for p, i in two_provinces.values() if line("21") <= i < line("13")]
    assert between
    assert set(between) == {"13", "21"}
    assert {two_provinces[h][0] for h in flagged
            if line("21") <= two_provinces[h][1] < line("13")} == {"13"}
    # The run records the parameters of each province; the lines are not "shared".
    assert {p: v["monitoring_line"] for p, v in mrun.province_parameters.items()} == {
        "13": line("13"), "21": line("21")}
    assert "monitoring_line" not in mrun.parameters
    assert mrun.parameters["sharp_drop_ratio"] == 0.3
    assert mrun.parameters_for("13")["monitoring_line"] == line("13")
    assert mrun.province == ""


def test_a_province_level_run_still_uses_its_province(two_provinces):
    for province, code in (("13", "130000000000"), ("21", "210000000000")):
        mrun = services.run_monitoring(actor="test", year=YEAR, scope=Scope.of_code(code)).run
        assert mrun.province == province
        assert mrun.province_parameters == {province: mrun.parameters}
        assert mrun.parameters["monitoring_line"] == line(province)
        flagged = _flagged(mrun)
        mine = {h: i for h, (p, i) in two_provinces.items() if p == province}
        assert mrun.households == len(mine)
        assert set(flagged) == {h for h, i in mine.items() if i < line(province)}


def test_a_province_named_by_the_operator_applies_to_every_household(two_provinces):
    mrun = services.run_monitoring(actor="test", year=YEAR, scope=Scope.nation(),
                                   province="13").run
    assert set(_flagged(mrun)) == {h for h, (_p, i) in two_provinces.items()
                                   if i < line("13")}
    assert mrun.province_parameters == {"13": mrun.parameters}


def test_the_run_key_covers_every_province(two_provinces):
    first = services.run_monitoring(actor="test", year=YEAR, scope=Scope.nation())
    again = services.run_monitoring(actor="test", year=YEAR, scope=Scope.nation())
    assert first.created
    assert not again.created
    # Same registry, one province's line changed by an override: another run.
    other = services.run_monitoring(actor="test", year=YEAR, scope=Scope.nation(),
                                    overrides={"monitoring_line": 7300})
    assert other.created
    assert other.run.parameters["monitoring_line"] == 7300
    assert MonitoringRun.objects.count() == 2


def test_a_province_without_a_line_is_refused_by_name(two_provinces):
    factories.household(factories.HOME_VILLAGE, economy=[{"year": YEAR, "wage": 100}])
    with pytest.raises(PolicyError, match="province 51"):
        services.run_monitoring(actor="test", year=YEAR, scope=Scope.nation())
    assert MonitoringRun.objects.count() == 0


def test_what_if_compares_each_province_with_its_own_line(two_provinces):
    # Raising every province to 7,300 moves only 辽宁's households between the lines.
    found = services.compare(year=YEAR, overrides={"monitoring_line": line("13")},
                             scope=Scope.nation())
    moved = {h for h in found.before if found.before[h] != found.after[h]}
    assert moved == {h for h, (p, i) in two_provinces.items()
                     if p == "21" and line("21") <= i < line("13")}


def test_the_what_if_page_of_a_national_user_names_each_provinces_line(two_provinces,
                                                                       client):
    client.force_login(factories.make_user("national_viewer", NATION_CODE))
    url = reverse("monitoring-what-if")
    html = client.get(url, {"year": YEAR}).content.decode()
    assert "河北省 7300 / 辽宁省 7260" in html
    response = client.get(url, {"year": YEAR, "monitoring_line": 7300})
    assert response.status_code == 200
    rows = response.context["rows"]
    liaoning = {r["category"]: r for r in rows if r["division"] == "211324"}
    entering = len([1 for p, i in two_provinces.values()
                    if p == "21" and line("21") <= i < line("13")])
    assert sum(r["entered"] for r in liaoning.values()) == entering
    assert not [r for r in rows if r["division"] == "130624" and r["entered"]]


def test_the_explanation_and_the_run_page_show_the_households_own_line(two_provinces, client):
    mrun = services.run_monitoring(actor="test", year=YEAR, scope=Scope.nation()).run
    pack = explain.pack_named(mrun.policy_name)
    for a in _flagged(mrun).values():
        (reason,) = [r for r in explain.reasons(a, pack) if r.code == "INCOME_BELOW_LINE"]
        assert f"{line(a.village_code[:2]):,.0f}" in reason.text
    user = factories.make_user("national_viewer", NATION_CODE)
    client.force_login(user)
    html = client.get(reverse("monitoring-run", args=[mrun.pk])).content.decode()
    lines = html[html.index('id="province-lines"'):]
    lines = lines[:lines.index("</p>")]
    assert '河北省 <span class="parameter">监测线 7,300' in lines
    assert '辽宁省 <span class="parameter">监测线 7,260' in lines
    # A user of one province sees the line of that province.
    user = factories.make_user("province_viewer", "210000000000")
    client.force_login(user)
    html = client.get(reverse("monitoring-run", args=[mrun.pk])).content.decode()
    lines = html[html.index('id="province-lines"'):]
    lines = lines[:lines.index("</p>")]
    assert "辽宁省" in lines
    assert "河北省" not in lines


def test_the_run_api_says_which_lines_were_used(two_provinces, client):
    mrun = services.run_monitoring(actor="test", year=YEAR, scope=Scope.nation()).run
    client.force_login(factories.make_user("national_viewer", NATION_CODE))
    found = client.get(f"/api/monitoring/runs/{mrun.pk}").json()
    assert {p: v["monitoring_line"] for p, v in found["province_parameters"].items()} == {
        "13": line("13"), "21": line("21")}
    assert found["lines"] == ["13: monitoring_line 7300", "21: monitoring_line 7260"]
    listed = client.get("/api/monitoring/runs").json()["items"]
    assert [r["id"] for r in listed] == [mrun.pk]
    # A province's user: its own province's parameters, not the other's, no whole totals.
    client.force_login(factories.make_user("province_viewer", "130000000000"))
    found = client.get(f"/api/monitoring/runs/{mrun.pk}").json()
    assert list(found["province_parameters"]) == ["13"]
    assert found["province_parameters"]["13"]["monitoring_line"] == line("13")
    assert found["households"] == len(INCOMES)  # its part of the run
    assert found["parameters"] is None
    assert found["flagged"] == len([h for h, (p, i) in two_provinces.items()
                                    if p == "13" and i < line("13")])


def test_the_monitor_command_says_which_lines_it_used(two_provinces, capsys):
    call_command("monitor", year=YEAR)
    out = capsys.readouterr().out
    assert "13: monitoring_line 7300" in out
    assert "21: monitoring_line 7260" in out


def test_an_integrity_run_over_provinces_with_different_lines_is_refused(two_provinces):
    """Bunching compares each division with one line: over the nation, every province present
    must have the same; each province's own run tests against its line."""
    with pytest.raises(ValidationFailed, match="13: 7300, 21: 7260"):
        integrity.run_integrity(actor="test", year=YEAR, scope=Scope.nation(),
                                level="township")
    hebei = integrity.run_integrity(actor="test", year=YEAR, scope=Scope.of_code(
        "130000000000"), level="township").run
    assert hebei.line == line("13")
    given = integrity.run_integrity(actor="test", year=YEAR, scope=Scope.nation(),
                                    level="township", line=7000).run
    assert given.line == 7000


# Committed data: the in-database engine reads through its own connection.
@pytest.mark.django_db(transaction=True)
def test_the_in_database_engine_agrees(two_provinces):
    if not is_postgres():
        pytest.skip("the in-database engine runs in the PostgreSQL test run")
    runs = {engine: services.run_monitoring(actor="test", year=YEAR, engine=engine,
                                            scope=Scope.nation()).run
            for engine in ("duckdb", "postgres")}
    found = {engine: {(a.household_id, a.category, a.rules, a.risk_types,
                       a.evidence.get("INCOME_BELOW_LINE", {}).get("monitoring_line"))
                      for a in Assessment.objects.filter(run=r)}
             for engine, r in runs.items()}
    assert found["duckdb"] == found["postgres"]
    assert len(found["duckdb"]) > 0


# --- The plan itself, on a crafted pack ------------------------------------------------------

#: Crafted 2021 lines: 13 and 21 share 7,000; 51 keeps the national 6,000.
CRAFTED = {"13": 7000, "21": 7000}


@pytest.fixture
def crafted(tmp_path) -> Path:
    data = yaml.safe_load((PACKS / "cn-national.yaml").read_text(encoding="utf-8"))
    data["parameters"]["monitoring_line"]["provinces"] = {
        p: {2021: v} for p, v in CRAFTED.items()}
    path = tmp_path / "crafted.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def snapshot(tmp_path) -> Path:
    """Each income in each of three provinces, and a child out of school in each."""
    households, members, econ = [], [], []
    villages = {"13": HEBEI_VILLAGE, "21": LIAONING_VILLAGE, "51": factories.HOME_VILLAGE}
    for province, village in villages.items():
        for i, income in enumerate([4000, 5999, 6000, 6500, 6999, 7000, 8000]):
            hid = f"{province}{i:06d}"
            households.append(ed.household(hid, village_code=village))
            members.append(ed.member(hid))
            members.append(ed.member(hid, "1982-01-01", relation="spouse", sex="F"))
            econ.append(ed.economy(hid, year=2021, wage=2 * income))
        hid = f"{province}999999"
        households.append(ed.household(hid, village_code=village))
        members.append(ed.member(hid))
        members.append(ed.member(hid, "2012-04-01", relation="child"))
    return ed.write(tmp_path / "snap", households, members, econ)


def _rows(plan, folder) -> list[dict]:
    executor = get_executor("duckdb", SnapshotSource.at(folder))
    try:
        return run_plan(plan, executor).table.to_pylist()
    finally:
        executor.close()


def test_provinces_with_equal_parameters_share_a_branch(crafted):
    plan = prepare(crafted, 2021, provinces=["51", "13", "21"])
    sql = plan.sql()
    assert "p0_r AS" in sql
    assert "p1_r AS" in sql
    assert "p2_r" not in sql
    # The steps before the first parameter are written once.
    assert sql.count(" m AS (") == 1
    assert "p0_m" not in sql
    assert "IN ('13', '21')" in sql
    assert "IN ('51')" in sql
    assert {p: v["monitoring_line"] for p, v in plan.provinces.items()} == {
        "13": 7000, "21": 7000, "51": 6000}
    assert "monitoring_line" not in plan.params


def test_each_province_gets_what_its_own_plan_gives(crafted, snapshot):
    """The rows of each province under the plan over all provinces equal that province's
    own one-province plan's rows, whatever the income."""
    executor = get_executor("duckdb", SnapshotSource.at(snapshot))
    present = provinces_present(executor)
    executor.close()
    assert present == ["13", "21", "51"]
    plan = prepare_present(crafted, 2021, present)
    rows = _rows(plan, snapshot)
    assert [r["household_id"] for r in rows] == sorted(r["household_id"] for r in rows)
    for province in present:
        own = [r for r in _rows(prepare(crafted, 2021, province), snapshot)
               if r["village_code"][:2] == province]
        assert [r for r in rows if r["village_code"][:2] == province] == own
    below = {r["household_id"] for r in rows if r["r_INCOME_BELOW_LINE"]}
    for r in rows:
        if r["household_id"].endswith("999999"):
            assert "EDU_DROPOUT" in r["rules"]
            continue
        limit = CRAFTED.get(r["household_id"][:2], 6000)
        assert (r["household_id"] in below) == (r["per_capita_income"] < limit)
        if r["household_id"] in below:
            params = plan.params_for(r["village_code"])
            assert services.evidence_of(r, plan)["INCOME_BELOW_LINE"][
                "monitoring_line"] == params["monitoring_line"] == limit


def test_one_province_present_is_that_provinces_plan(crafted):
    assert prepare_present(crafted, 2021, ["13"]).sql() == prepare(crafted, 2021, "13").sql()
    assert prepare_present(crafted, 2021, []).sql() == prepare(crafted, 2021).sql()
    assert prepare_present(crafted, 2021, ["13", "51"], province="51").lines == {
        "51": prepare(crafted, 2021, "51").params}


def test_a_province_without_values_is_named(crafted):
    with pytest.raises(PolicyError) as exc:
        prepare("cn-national", 2022, provinces=["13", "51", "62"])
    assert "province 51" in str(exc.value)
    assert "province 62" in str(exc.value)
    assert "province 13" not in str(exc.value)


@pytest.mark.parametrize(("age_limit", "dropout_in"), [(14, {"51"}), (15, {"13", "51"}),
                                                       (16, {"13", "51"})])
def test_a_provincial_parameter_in_a_member_feature(tmp_path, age_limit, dropout_in):
    """A parameter read before village_code is known (a count over members): each branch
    then counts its own members, and the province filter still applies (a child of 15 at the
    end of 2021 out of school: a dropout where the school age ends at or after 15)."""
    data = yaml.safe_load((PACKS / "cn-national.yaml").read_text(encoding="utf-8"))
    data["parameters"]["school_age_max"] = {"basis": "choice", "default": 15,
                                            "provinces": {"13": {2021: age_limit}}}
    data["member_features"][0]["count_where"] = (
        "age BETWEEN 6 AND :school_age_max AND in_school = 0 AND home_schooled = 0")
    pack = tmp_path / "school.yaml"
    pack.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    households, members, econ = [], [], []
    for province, village in (("13", HEBEI_VILLAGE), ("51", factories.HOME_VILLAGE)):
        hid = f"{province}000001"
        households.append(ed.household(hid, village_code=village))
        members += [ed.member(hid), ed.member(hid, "2006-03-01", relation="child")]
        econ.append(ed.economy(hid, year=2021, wage=30000))
    folder = ed.write(tmp_path / "snap", households, members, econ)
    plan = prepare(pack, 2021, provinces=["13", "51"])
    if age_limit != 15:
        assert "p0_m AS" in plan.sql()
    rows = _rows(plan, folder)
    assert {r["household_id"][:2] for r in rows if "EDU_DROPOUT" in r["rules"]} == dropout_in
    assert len(rows) == 2
