"""Boundary tests for every rule of cn-national (the national pack), on DuckDB."""

from __future__ import annotations

import pytest

from fupin_engine.executors import get_executor
from fupin_engine.run import run
from fupin_engine.source import SnapshotSource
from tests.engine_data import economy, household, member, write


def assess(tmp_path, households, members, econ, **params):
    folder = write(tmp_path / "snap", households, members, econ)
    executor = get_executor("duckdb", SnapshotSource.at(folder))
    try:
        result = run("cn-national", executor, 2021, overrides=params or None)
    finally:
        executor.close()
    return {r["household_id"]: r for r in result.output().to_pylist()}


def rules(r):
    return set(filter(None, r["rules"].split(";")))


def test_equal_to_the_line_is_not_below_it(tmp_path):
    out = assess(tmp_path, [household("AT"), household("BELOW")],
                 [member("AT"), member("BELOW")],
                 [economy("AT", wage=6000), economy("BELOW", wage="5999.99"),
                  economy("AT", year=2020, wage=6000), economy("BELOW", year=2020, wage=6000)])
    assert "INCOME_BELOW_LINE" not in rules(out["AT"])
    assert out["AT"]["category"] == "none"
    assert out["AT"]["per_capita_income"] == 6000.0
    assert "INCOME_BELOW_LINE" in rules(out["BELOW"])
    assert out["BELOW"]["category"] == "unstable"


def test_a_drop_of_exactly_the_ratio_fires(tmp_path):
    out = assess(tmp_path, [household("EXACT"), household("LESS"), household("NOPREV")],
                 [member("EXACT"), member("LESS"), member("NOPREV")],
                 [economy("EXACT", year=2020, wage=10000), economy("EXACT", wage=7000),
                  economy("LESS", year=2020, wage=10000), economy("LESS", wage="7000.01"),
                  economy("NOPREV", wage=100)])
    assert "INCOME_SHARP_DROP" in rules(out["EXACT"])
    assert out["EXACT"]["category"] == "sudden_hardship"
    assert "07" in out["EXACT"]["risk_types"].split(";")
    assert "INCOME_SHARP_DROP" not in rules(out["LESS"])
    # No previous year: no drop; the base income is this year's.
    assert "INCOME_SHARP_DROP" not in rules(out["NOPREV"])
    assert out["NOPREV"]["prev_per_capita_income"] is None


def test_no_economy_row_is_no_data_with_only_guarantee_rules(tmp_path):
    out = assess(tmp_path, [household("ND", housing_grade="D")], [member("ND")],
                 [economy("ND", year=2020, wage=1)])
    assert out["ND"]["category"] == "no_data"
    assert rules(out["ND"]) == {"UNSAFE_HOUSING"}
    assert out["ND"]["per_capita_income"] is None


def test_registered_poor_whatever_fires_and_rules_reported(tmp_path):
    out = assess(tmp_path, [household("P", status="poor", housing_grade="C")], [member("P")],
                 [economy("P", wage=100)])
    assert out["P"]["category"] == "registered_poor"
    assert {"INCOME_BELOW_LINE", "UNSAFE_HOUSING"} <= rules(out["P"])


@pytest.mark.parametrize(("birth", "fires"), [
    ("2016-01-01", False),  # 5 on 31 December 2021
    ("2015-12-31", True),   # 6
    ("2006-01-01", True),   # 15
    ("2005-12-31", False),  # 16
])
def test_school_age_is_6_to_15_on_31_december(tmp_path, birth, fires):
    out = assess(tmp_path, [household("K", status="general")],
                 [member("K"), member("K", birth=birth, relation="child", labor="none")],
                 [economy("K", wage=50000)])
    assert ("EDU_DROPOUT" in rules(out["K"])) is fires
    assert (out["K"]["category"] == "marginal") is fires


def test_home_schooling_counts_as_schooling(tmp_path):
    out = assess(tmp_path, [household("H")],
                 [member("H"), member("H", birth="2012-01-01", relation="child",
                                      home_schooled=1, health="disabled")],
                 [economy("H", wage=50000)])
    assert "EDU_DROPOUT" not in rules(out["H"])


@pytest.mark.parametrize(("grade", "relocated", "fires"), [
    ("C", 0, True), ("D", 0, True), ("C", 1, False), ("D", 1, False), ("B", 0, False)])
def test_relocated_c_and_d_houses_are_safe(tmp_path, grade, relocated, fires):
    out = assess(tmp_path, [household("X", housing_grade=grade, relocated=relocated)],
                 [member("X")], [economy("X", wage=50000)])
    assert ("UNSAFE_HOUSING" in rules(out["X"])) is fires


def test_any_water_criterion_failing_is_unsafe_water(tmp_path):
    out = assess(tmp_path, [household("W", water_access_ok=0), household("OK")],
                 [member("W"), member("OK")],
                 [economy("W", wage=50000), economy("OK", wage=50000)])
    assert "UNSAFE_WATER" in rules(out["W"])
    assert out["W"]["category"] == "unstable"
    assert "UNSAFE_WATER" not in rules(out["OK"])


def test_uninsured_member(tmp_path):
    out = assess(tmp_path, [household("U", status="general")],
                 [member("U"), member("U", relation="spouse", medical_insurance=0)],
                 [economy("U", wage=50000)])
    assert "NO_MEDICAL_INSURANCE" in rules(out["U"])
    assert out["U"]["risk_types"] == "01"


def test_debt_with_and_without_income(tmp_path):
    out = assess(tmp_path,
                 [household("RICH"), household("POOR"), household("NEG")],
                 [member("RICH"), member("POOR"), member("NEG")],
                 [economy("RICH", wage=50000, ecommerce_debt=30000),
                  economy("POOR", ecommerce_debt=1),
                  economy("NEG", production_cost=500, ecommerce_debt=1)])
    assert "ECOM_VENTURE_LOSS" not in rules(out["RICH"])
    assert "ECOM_VENTURE_LOSS" in rules(out["POOR"])   # debt > max(0 income, 0)
    assert "ECOM_VENTURE_LOSS" in rules(out["NEG"])    # negative income counts as 0
    assert "06" in out["POOR"]["risk_types"].split(";")


def test_venture_loss_of_exactly_the_share_fires(tmp_path):
    out = assess(tmp_path, [household("HALF"), household("LESS")],
                 [member("HALF"), member("LESS")],
                 [economy("HALF", year=2020, wage=20000),
                  economy("HALF", wage=30000, ecommerce_revenue=1000, ecommerce_cost=11000),
                  economy("LESS", year=2020, wage=20000),
                  economy("LESS", wage=30000, ecommerce_revenue=1000,
                          ecommerce_cost="10999.99")])
    assert "ECOM_VENTURE_LOSS" in rules(out["HALF"])   # loss 10000 = 0.5 × 20000
    assert out["HALF"]["category"] == "sudden_hardship"
    assert "ECOM_VENTURE_LOSS" not in rules(out["LESS"])


def test_rigid_expense_over_income_names_its_causes(tmp_path):
    out = assess(tmp_path, [household("R", status="general")], [member("R")],
                 [economy("R", year=2020, wage=20000),
                  economy("R", wage=20000, medical_oop=15000, disaster_loss="5000.01")])
    assert "RIGID_EXPENSE_OVER_INCOME" in rules(out["R"])
    assert out["R"]["risk_types"] == "01;02"
    assert out["R"]["category"] == "sudden_hardship"


def test_parameters_can_be_overridden(tmp_path):
    out = assess(tmp_path, [household("M")], [member("M")], [economy("M", wage=6500)],
                 monitoring_line=7000)
    assert "INCOME_BELOW_LINE" in rules(out["M"])


def test_data_checks_are_reported_apart(tmp_path):
    out = assess(tmp_path, [household("D")], [member("D")], [economy("D", wage=50)])
    assert "DC_WAGE_SUSPICIOUS" in out["D"]["data_checks"].split(";")
    assert "DC_EXITED_BELOW_POVERTY_LINE" in out["D"]["data_checks"].split(";")
    assert "DC_WAGE_SUSPICIOUS" not in rules(out["D"])


def test_unstable_employment_needs_an_able_member(tmp_path):
    """因务工就业不稳 (07) only with someone able to work; otherwise lack of labour (04)."""
    out = assess(tmp_path, [household("ABLE"), household("NOLAB")],
                 [member("ABLE"), member("NOLAB", labor="none", health="chronic")],
                 [economy("ABLE", year=2020, wage=20000), economy("ABLE", wage=10000),
                  economy("NOLAB", year=2020, wage=20000), economy("NOLAB", wage=10000)])
    assert "INCOME_SHARP_DROP" in rules(out["ABLE"])
    assert "07" in out["ABLE"]["risk_types"].split(";")
    assert "INCOME_SHARP_DROP" in rules(out["NOLAB"])
    assert "07" not in out["NOLAB"]["risk_types"].split(";")
    assert "04" in out["NOLAB"]["risk_types"].split(";")
    assert "DC_UNSTABLE_EMPLOYMENT_NO_LABOUR" not in out["NOLAB"]["data_checks"]


def test_a_pack_assigning_07_without_labour_is_flagged_by_the_data_check(tmp_path):
    """The national data check sees the risk types a pack assigns: the old pattern (07 on any
    wage drop) is an error on a household with no able-bodied member."""
    import yaml

    from fupin_engine.policy.loader import PACKS

    data = yaml.safe_load((PACKS / "cn-national.yaml").read_text(encoding="utf-8"))
    drop = next(r for r in data["rules"] if r["code"] == "INCOME_SHARP_DROP")
    drop["risk_types"] = [{"code": "07", "when": "wage < prev_wage"}]
    pack = tmp_path / "old.yaml"
    pack.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    folder = write(tmp_path / "snap", [household("NOLAB"), household("ABLE")],
                   [member("NOLAB", labor="none"), member("ABLE")],
                   [economy("NOLAB", year=2020, wage=20000), economy("NOLAB", wage=10000),
                    economy("ABLE", year=2020, wage=20000), economy("ABLE", wage=10000)])
    executor = get_executor("duckdb", SnapshotSource.at(folder))
    try:
        out = {r["household_id"]: r for r in run(str(pack), executor, 2021).output().to_pylist()}
    finally:
        executor.close()
    assert out["NOLAB"]["risk_types"] == "07"
    assert "DC_UNSTABLE_EMPLOYMENT_NO_LABOUR" in out["NOLAB"]["data_checks"].split(";")
    assert "DC_UNSTABLE_EMPLOYMENT_NO_LABOUR" not in out["ABLE"]["data_checks"]
    assert "DC_UNSTABLE_EMPLOYMENT_NO_LABOUR" not in rules(out["NOLAB"])


@pytest.mark.parametrize(("table", "column", "blank"), [
    ("members", "medical_insurance", {"medical_insurance": ""}),
    ("members", "in_school", {"in_school": ""}),
    ("households", "water_quality_ok", {"water_quality_ok": ""}),
])
def test_monitor_refuses_a_snapshot_with_an_empty_guarantee_cell(tmp_path, table, column,
                                                                 blank):
    """An empty cell was NULL to the engine, and NULL = 0 is not true: the guarantee rule
    passed silently. The import's rules refuse it, naming file, row and column."""
    from django.core.management import CommandError, call_command
    from django.utils import translation

    hh = [household("OK"), household("BAD", **(blank if table == "households" else {}))]
    mem = [member("OK"), member("BAD", **(blank if table == "members" else {}))]
    folder = write(tmp_path / "snap", hh, mem,
                   [economy("OK", wage=50000), economy("BAD", wage=50000)])
    with translation.override("en"), pytest.raises(CommandError) as exc:
        call_command("monitor", snapshot=str(folder), year=2021, out=tmp_path / "r.csv")
    assert f"{table}.csv, row 2: {column}: a value is required" in str(exc.value)
    with translation.override("zh-hans"), pytest.raises(CommandError) as exc:
        call_command("monitor", snapshot=str(folder), year=2021, out=tmp_path / "r.csv")
    assert f"{table}.csv，第 2 行：{column}" in str(exc.value)
    assert not (tmp_path / "r.csv").exists()


def test_snapshot_check_names_type_and_range_problems_and_passes_clean_files(tmp_path):
    from fupin_engine.snapshot_check import SnapshotInvalid, check_snapshot

    clean = write(tmp_path / "clean", [household("A")], [member("A")], [economy("A")])
    check_snapshot(SnapshotSource.at(clean))
    bad = write(tmp_path / "bad",
                [household("A", status="gone"), household("B", status="exited", exit_year="")],
                [member("A", labor="strong"), member("B", birth_date="1980-02-30")],
                [economy("A", wage="-5"), economy("B", wage="abc")])
    with pytest.raises(SnapshotInvalid) as exc:
        check_snapshot(SnapshotSource.at(bad))
    found = {(p.file, p.row, p.column, p.code) for p in exc.value.problems}
    assert found == {
        ("households.csv", 1, "status", "enum"),
        ("households.csv", 2, "exit_year", "required_when_exited"),
        ("members.csv", 1, "labor", "enum"),
        ("members.csv", 2, "birth_date", "date"),
        ("economy.csv", 1, "wage", "negative"),
        ("economy.csv", 2, "wage", "type"),
    }
    assert exc.value.total == 6


def test_snapshot_check_reads_parquet_nulls_as_empty_cells(tmp_path):
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    from fupin_engine.snapshot_check import SnapshotInvalid, check_snapshot

    folder = write(tmp_path / "csv", [household("A"), household("B")],
                   [member("A"), member("B", medical_insurance="")],
                   [economy("A"), economy("B")])
    out = tmp_path / "parquet"
    out.mkdir()
    for table in ("households", "members", "economy"):
        pq.write_table(pacsv.read_csv(folder / f"{table}.csv"), out / f"{table}.parquet")
    with pytest.raises(SnapshotInvalid) as exc:
        check_snapshot(SnapshotSource.at(out))
    assert [(p.file, p.row, p.column, p.code) for p in exc.value.problems] == [
        ("members.parquet", 2, "medical_insurance", "required")]
