"""A run for a year reads each household's province as of that year (ADR 0048, ADR 0049).

A household of 辽宁 喀左县 today lived in 河北 阜平县 at the end of 2022 (its 2022 snapshot says
so; the 2023 one moved it). A run for 2022 plans with the provinces of the rows it reads, so
that household is held to 河北's 2022 line (7,300, against 辽宁's 7,260); a run over 辽宁 alone
does not store it (it was not in 辽宁 that year); and a run whose plan misses a province read
is refused, naming that province, rather than dropping or misjudging its households.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fupin.core.access import Scope
from fupin.core.errors import ValidationFailed
from fupin.households.exporter import write_generated
from fupin.households.importer import run_import
from fupin.households.models import Household
from fupin.monitoring import services
from fupin.monitoring.models import Assessment
from fupin.regions.models import Division
from fupin_engine.executors import get_executor
from fupin_engine.generate import generate_years
from fupin_engine.policy.loader import load_pack, resolve_parameters
from fupin_engine.run import prepare_present, run_plan
from fupin_engine.source import ArrowSource
from tests import factories
from tests.conftest import is_postgres
from tests.test_monitoring_provinces import HEBEI_VILLAGE, LIAONING_VILLAGE, TREE

YEAR = 2022


def line(province: str) -> float:
    return resolve_parameters(load_pack("cn-national"), YEAR, province)["monitoring_line"]


def _load(folder: Path) -> None:
    outcome = run_import(folder, actor="test", scope=Scope.nation())
    assert outcome.ok, outcome.report.rows[:3]


@pytest.fixture
def moved(tree, tmp_path):
    """The registry of 2022 and 2023 (imported in that order); the first household was in
    河北 in 2022 and is in 辽宁 in 2023. Returns its household_id."""
    factories.make_tree()
    for code, name, level, parent in TREE:
        Division.objects.get_or_create(code=code, defaults={"name": name, "level": level,
                                                            "parent_id": parent})
    snaps = generate_years(county_code="211324000000", villages=[LIAONING_VILLAGE],
                           households=12, years=[YEAR, YEAR + 1], seed=5)
    mover = snaps[YEAR].households[0]
    mover["village_code"] = HEBEI_VILLAGE
    for year in (YEAR, YEAR + 1):
        write_generated(tmp_path / f"y{year}", "csv", snaps[year])
        _load(tmp_path / f"y{year}")
    assert Household.objects.get(household_id=mover["household_id"]).village_id \
        == LIAONING_VILLAGE
    return mover["household_id"]


def test_the_lines_differ():
    assert line("13") != line("21")


def test_the_provinces_are_those_of_the_year_read_not_of_today(moved):
    assert services.provinces_in(Scope.nation()) == ["21"]  # today's registry
    assert services.provinces_as_of(Scope.nation(), YEAR) == ["13", "21"]
    assert services.provinces_as_of(Scope.nation(), YEAR + 1) == ["21"]
    plan = services.plan_over(year=YEAR, scope=Scope.nation())
    assert {p: v["monitoring_line"] for p, v in plan.lines.items()} == {
        "13": line("13"), "21": line("21")}


def test_each_household_is_held_to_the_line_of_its_province_that_year(moved):
    plan = services.plan_over(year=YEAR, scope=Scope.nation())
    rows = services.execute_over_registry(plan, engine="duckdb",
                                          scope=Scope.nation()).table.to_pylist()
    by_id = {r["household_id"]: r for r in rows}
    assert by_id[moved]["village_code"] == HEBEI_VILLAGE
    assert len(rows) == services.scoped_tables(Scope.nation(), YEAR)["households"].num_rows
    for r in rows:
        pci = r["per_capita_income"]
        if pci is None or pci != pci:
            continue
        assert bool(r["r_INCOME_BELOW_LINE"]) == (pci < line(r["village_code"][:2])), r


@pytest.mark.django_db(transaction=True)  # the in-database engine reads on its own connection
@pytest.mark.parametrize("engine", ["duckdb", "postgres"])
def test_a_run_over_a_province_stores_no_household_of_another_that_year(moved, engine):
    if engine == "postgres" and not is_postgres():
        engine = "duckdb"
    liaoning = Scope.of_code("210000000000")
    outcome = services.run_monitoring(actor="test", year=YEAR, scope=liaoning, engine=engine,
                                      overrides=None)
    run = outcome.run
    assert set(run.province_parameters) == {"21"}
    as_of = services.scoped_tables(Scope.nation(), YEAR)["households"].num_rows
    assert run.households == as_of - 1
    assert not Assessment.objects.filter(run=run).exclude(village_code__startswith="21")
    assert not Assessment.objects.filter(run=run, household__household_id=moved)
    nation = services.run_monitoring(actor="test", year=YEAR, engine=engine,
                                     scope=Scope.nation()).run
    assert nation.households == as_of
    assert {p: v["monitoring_line"] for p, v in nation.province_parameters.items()} == {
        "13": line("13"), "21": line("21")}
    for a in Assessment.objects.filter(run=nation, household__household_id=moved):
        assert a.village_code == HEBEI_VILLAGE


def test_a_plan_that_misses_a_province_read_is_refused_naming_it(moved):
    liaoning_only = prepare_present("cn-national", YEAR, ["21"])
    with pytest.raises(ValidationFailed, match="province 13"):
        services.execute_over_registry(liaoning_only, engine="duckdb", scope=Scope.nation())
    # An explicit choice of one province's parameters for everyone is not refused.
    assert services.execute_over_registry(liaoning_only, engine="duckdb",
                                          scope=Scope.nation(), chosen=True).table.num_rows
    # The engine itself refuses a plan over several provinces that misses one read.
    other = prepare_present("cn-national", YEAR, ["21", "22"],
                            overrides={"monitoring_line": 7000})
    executor = get_executor("duckdb", ArrowSource(services.scoped_tables(Scope.nation(),
                                                                         YEAR)))
    try:
        with pytest.raises(ValueError, match="province 13"):
            run_plan(other, executor)
    finally:
        executor.close()
