"""Policy packs: the national pack is valid; bad packs are refused with rule and position."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command

from fupin_engine.policy.loader import PACKS, PolicyError, load_pack, resolve_parameters
from fupin_engine.run import prepare
from fupin_engine.sql.compile import DIALECTS
from fupin_engine.sql.validate import check_pack

SNAPSHOTS = Path(__file__).parent / "snapshots"


def test_national_pack_is_valid_and_complete():
    pack = load_pack("cn-national")
    assert check_pack(pack) == []
    codes = {r.code for r in pack.rules}
    assert {"INCOME_BELOW_LINE", "INCOME_SHARP_DROP", "RIGID_EXPENSE_OVER_INCOME",
            "EDU_DROPOUT", "NO_MEDICAL_INSURANCE", "UNSAFE_HOUSING", "UNSAFE_WATER",
            "ECOM_VENTURE_LOSS"} <= codes
    assert [c.code for c in pack.categories] == [
        "registered_poor", "no_data", "unstable", "marginal", "sudden_hardship", "none"]
    assert {r.code for r in pack.rules if r.severity == "data_check"}


def test_parameters_per_year_and_province():
    pack = load_pack("cn-national")
    assert resolve_parameters(pack, 2021)["monitoring_line"] == 6000
    assert resolve_parameters(pack, 2022, "13")["monitoring_line"] == 7300
    assert resolve_parameters(pack, 2022, "210000000000")["monitoring_line"] == 7260
    assert resolve_parameters(pack, 2021, overrides={"monitoring_line": 7000})[
        "monitoring_line"] == 7000
    assert resolve_parameters(pack, 2021)["sharp_drop_ratio"] == 0.3


def test_a_year_without_a_line_names_the_year_and_the_province():
    pack = load_pack("cn-national")
    with pytest.raises(PolicyError) as exc:
        resolve_parameters(pack, 2023, "51")
    assert "monitoring_line" in str(exc.value)
    assert "2023" in str(exc.value)
    assert "province 51" in str(exc.value)
    with pytest.raises(PolicyError, match="national"):
        resolve_parameters(pack, 2022)


def _bad_pack(tmp_path, rule_when: str, **extra) -> Path:
    data = yaml.safe_load((PACKS / "cn-national.yaml").read_text(encoding="utf-8"))
    data["rules"][0]["when"] = rule_when
    data.update(extra)
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(("when", "message", "position"), [
    ("household_net_incom < :monitoring_line", "unknown column household_net_incom", 0),
    ("household_net_income < pow(:monitoring_line, 1)", "function POW", 23),
    ("household_net_income < (SELECT 1)", "subquery", 23),
    ("household_net_income < :monitoring_lin", "unknown parameter :monitoring_lin", 23),
    ("status > 5", "compares text with number", 0),
    ("household_net_income + 1", "must be a condition", 0),
    ("household_net_income < ", "cannot parse", None),
    # Exact money: no per-capita double, no division, in any rule.
    ("per_capita_income < :monitoring_line", "per_capita_income is a floating-point", 0),
    ("household_net_income / size < :monitoring_line", "division is not exact", 23),
])
def test_bad_expressions_are_refused_with_rule_and_position(tmp_path, when, message,
                                                            position):
    path = _bad_pack(tmp_path, when)
    problems = check_pack(load_pack(path))
    assert problems, when
    first = problems[0]
    assert first.where == "rule INCOME_BELOW_LINE"
    assert message in first.message
    if position is not None:
        assert first.position == position
    with pytest.raises(CommandError):
        call_command("policy", "check", str(path))


def test_a_missing_year_is_refused_by_policy_check(tmp_path):
    path = _bad_pack(tmp_path, "household_net_income < :monitoring_line * size",
                     years=[2020, 2021, 2023])
    problems = [str(p) for p in check_pack(load_pack(path))]
    assert any("rule INCOME_BELOW_LINE" in p and "monitoring_line" in p and "2023" in p
               for p in problems)


def test_policy_check_and_show_commands(capsys):
    call_command("policy", "check", "cn-national")
    call_command("policy", "show", "cn-national", year=2022, province="13")
    out = capsys.readouterr().out
    assert '"monitoring_line": 7300.0' in out


@pytest.mark.parametrize("dialect", DIALECTS)
def test_generated_sql_is_pinned(dialect):
    """A sqlglot upgrade that changes the SQL shows up here (UPDATE_SNAPSHOTS=1 rewrites)."""
    sql = prepare("cn-national", 2021).sql(dialect, pretty=True) + "\n"
    path = SNAPSHOTS / f"cn-national-2021.{dialect}.sql"
    if os.environ.get("UPDATE_SNAPSHOTS") == "1" or not path.exists():
        path.write_text(sql, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == sql


@pytest.mark.parametrize("dialect", DIALECTS)
def test_generated_sql_over_two_provinces_is_pinned(dialect):
    """The plan over 河北 and 辽宁 for 2022 (their own lines, ADR 0049), pinned like the
    one-province plan."""
    plan = prepare("cn-national", 2022, provinces=["13", "21"])
    sql = plan.sql(dialect, pretty=True) + "\n"
    path = SNAPSHOTS / f"cn-national-2022-provinces-13-21.{dialect}.sql"
    if os.environ.get("UPDATE_SNAPSHOTS") == "1" or not path.exists():
        path.write_text(sql, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == sql


def _pack_with(tmp_path, change) -> Path:
    data = yaml.safe_load((PACKS / "cn-national.yaml").read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "crafted.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


INJECTED = "none' || read_text('/etc/hostname') || '"


@pytest.mark.parametrize(("change", "field"), [
    (lambda d: d["categories"][-1].update(code=INJECTED), "categories.5.code"),
    (lambda d: d["categories"][2].update(code="unstable'"), "categories.2.code"),
    (lambda d: d["rules"][0].update(code="INCOME'; DROP TABLE x; --"), "rules.0.code"),
    (lambda d: d["rules"][0]["risk_types"].append({"code": "01' || '"}),
     "rules.0.risk_types"),
    (lambda d: d["parameters"].update({"x') OR (1": {"default": 1}}), "parameters"),
    (lambda d: d["features"][0].update(name="base_income, read_text('/etc/passwd')"),
     "features.0.name"),
    (lambda d: d["parameters"]["monitoring_line"].update(default=float("nan")),
     "parameters.monitoring_line.default"),
])
def test_crafted_identifiers_are_refused_at_load_naming_the_field(tmp_path, capsys, change,
                                                                 field):
    path = _pack_with(tmp_path, change)
    with pytest.raises(PolicyError) as exc:
        load_pack(path)
    assert field in str(exc.value)
    with pytest.raises(CommandError):
        call_command("policy", "check", str(path))
    err = capsys.readouterr().err
    assert field in err
    assert "Traceback" not in err


def test_string_values_reach_sql_as_sqlglot_literals():
    """Category and rule codes are quoted by sqlglot: a quote in one cannot end the string."""
    from fupin_engine.sql import compile as compile_module

    assert compile_module._text("it's") == "'it''s'"
    sql = prepare("cn-national", 2021).sql("duckdb")
    assert "ELSE 'none' END" in sql


def test_every_parameter_value_says_its_basis(capsys):
    pack = load_pack("cn-national")
    line = pack.parameters["monitoring_line"]
    assert line.basis_for(2021) == "national"
    assert line.basis_for(2020) == "unverified"
    assert line.basis_for(2022, "13") == "local"
    assert line.basis_for(2022, "210000000000") == "local"
    assert pack.parameters["sharp_drop_ratio"].basis_for(2021) == "choice"
    call_command("policy", "show", "cn-national", year=2022, province="13", format="text")
    text = capsys.readouterr().out
    assert any(row.split()[:3] == ["monitoring_line", "7300", "local"]
               for row in text.splitlines())
    assert any(row.split()[:3] == ["sharp_drop_ratio", "0.3", "choice"]
               for row in text.splitlines())
    call_command("policy", "show", "cn-national", year=2021)
    shown = json.loads(capsys.readouterr().out)
    assert shown["resolved"]["basis"]["monitoring_line"] == "national"
    assert shown["parameters"]["monitoring_line"]["province_basis"] == {"13": "local",
                                                                       "21": "local"}


def test_an_unlabelled_value_is_unverified_and_old_packs_still_load(tmp_path):
    data = yaml.safe_load((PACKS / "cn-national.yaml").read_text(encoding="utf-8"))
    del data["parameters"]["sharp_drop_ratio"]["basis"]
    data["parameters"]["poverty_line"] = {"unverified": True, "default": 4000}
    path = tmp_path / "old.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    pack = load_pack(path)
    assert pack.parameters["sharp_drop_ratio"].basis == "unverified"
    assert pack.parameters["poverty_line"].basis == "unverified"
    data["parameters"]["ecom_loss_share"]["basis"] = "guess"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(PolicyError, match="basis"):
        load_pack(path)


def test_clauses_cite_policy_documents_not_internal_files():
    pack = load_pack("cn-national")
    for rule in pack.rules:
        assert "DOMAIN" not in rule.clause, rule.code
        if rule.severity == "risk":
            assert "《" in rule.clause, rule.code
    water = next(r for r in pack.rules if r.code == "UNSAFE_WATER")
    assert "T/CHES 18-2018" in water.clause
    assert "DOMAIN" not in (PACKS / "cn-national.yaml").read_text(encoding="utf-8")


def test_risk_types_are_names_in_data_checks_only(tmp_path):
    """A risk rule cannot read the risk types (they are computed from the risk rules)."""
    problems = check_pack(load_pack(_bad_pack(tmp_path, "risk_07")))
    assert problems
    assert "unknown column risk_07" in problems[0].message
    data = yaml.safe_load((PACKS / "cn-national.yaml").read_text(encoding="utf-8"))
    check = next(r for r in data["rules"] if r["code"] == "DC_UNSTABLE_EMPLOYMENT_NO_LABOUR")
    assert check["severity"] == "data_check"
    assert check_pack(load_pack("cn-national")) == []
