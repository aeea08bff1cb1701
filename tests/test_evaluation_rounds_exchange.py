"""Submissions and verifications of a round through the validating exchange (issue 13): a
round trip in CSV, Parquet and XLSX; planted bad rows refused whole with every problem by
file, row, column and rule."""

from __future__ import annotations

from decimal import Decimal

import pytest

from fupin.core.access import Scope
from fupin.core.exchange import open_tables
from fupin.core.exchange_write import write_tables
from fupin.evaluation.datasets.rounds import (
    METHOD_ZH,
    ROUND_VALUES,
    SUBMISSIONS,
    VERIFICATIONS,
)
from fupin.evaluation.models import IndicatorValue
from tests.evaluation_rounds_helpers import (
    COUNTY,
    FAR_COUNTY,
    OTHER_COUNTY,
    People,
    evaluation_of,
    far_province,
    open_round,
    step,
)

COUNTY_SCOPE = Scope("513431")


@pytest.fixture
def people(tree):
    return People()


def _write(path, fmt, submissions=(), verifications=()):
    write_tables(path, fmt, [SUBMISSIONS, VERIFICATIONS],
                 {"submissions": iter(submissions), "verifications": iter(verifications)})
    return path


def _read(path):
    out = {}
    for name, source in open_tables(path, [SUBMISSIONS, VERIFICATIONS]).items():
        headers, rows = source.read()
        out[name] = (list(headers), [list(v) for _, v in rows])
    return out


def _path(tmp_path, name, fmt):
    return tmp_path / (f"{name}.xlsx" if fmt == "xlsx" else name)


@pytest.mark.parametrize("fmt", ["csv", "parquet", "xlsx"])
def test_round_trip_of_submissions_then_verifications(people, tmp_path, fmt):
    round_ = open_round(people, counties=[COUNTY])
    evaluation = evaluation_of(round_)
    rows = [[round_.pk, COUNTY, "svc_centre_area", "650", "测绘报告"],
            [round_.pk, COUNTY, "svc_broadband", "0.9312", ""],
            [round_.pk, COUNTY, "org_plan", "1", "方案已备案"]]
    source = _write(_path(tmp_path, "in", fmt), fmt, submissions=rows)
    outcome = ROUND_VALUES.run_import(source, actor=people.officer, scope=COUNTY_SCOPE)
    assert outcome.ok, outcome.report.first
    assert outcome.counts == {"submissions": 3, "verifications": 0}
    assert IndicatorValue.objects.get(evaluation=evaluation,
                                      code="svc_broadband").submitted == Decimal("0.9312")
    step(evaluation, people.officer, "submit_evaluation")
    checks = [[round_.pk, COUNTY, "svc_centre_area", "600", "site", "实测600平方米"],
              [round_.pk, COUNTY, "org_plan", "1", "document", ""]]
    source = _write(_path(tmp_path, "checks", fmt), fmt, verifications=checks)
    outcome = ROUND_VALUES.run_import(source, actor=people.evaluator, scope=COUNTY_SCOPE)
    assert outcome.ok, outcome.report.first
    row = IndicatorValue.objects.get(evaluation=evaluation, code="svc_centre_area")
    assert (row.verified, row.verify_method, row.used) == (Decimal(600), "site", "verified")
    exported = _path(tmp_path, "out", fmt)
    ROUND_VALUES.run_export(exported, fmt, actor=people.officer, scope=COUNTY_SCOPE,
                            masked=False)
    back = _read(exported)
    assert [r[2] for r in back["submissions"][1]] == ["org_plan", "svc_broadband",
                                                      "svc_centre_area"]
    codes = {zh: code for code, zh in METHOD_ZH.items()}  # a workbook shows the Chinese
    assert [[*r[2:4], codes.get(r[4], r[4])] for r in back["verifications"][1]] == [
        ["org_plan", "1.0000", "document"], ["svc_centre_area", "600.0000", "site"]]


def test_planted_bad_rows_are_refused_whole(people, tmp_path):
    far_province()
    round_ = open_round(people)
    r = round_.pk
    submissions = [
        [r, COUNTY, "svc_centre_area", "650", ""],           # 2 fine
        [r, COUNTY, "no_such_indicator", "1", ""],           # 3
        [r, FAR_COUNTY, "svc_centre_area", "1", ""],         # 4 not in the round
        [r, OTHER_COUNTY, "svc_centre_area", "1", ""],       # 5 not in my region
        [r, COUNTY, "svc_broadband", "93", ""],              # 6 a share above 1
        [r, COUNTY, "org_plan", "yes", ""],                  # 7 not a number
        [r, COUNTY, "svc_centre_area", "700", ""],           # 8 duplicate of row 2
        [r + 99, COUNTY, "org_plan", "1", ""],               # 9 no such round
    ]
    verifications = [
        [r, COUNTY, "org_plan", "1", "phone", ""],           # 2 wrong state (opened)
    ]
    path = _write(tmp_path / "bad", "csv", submissions, verifications)
    outcome = ROUND_VALUES.run_import(path, actor=people.officer, scope=COUNTY_SCOPE)
    assert not outcome.ok
    assert outcome.counts is None
    found = {(p[0].split("/")[-1], p[1], p[2], p[5]) for p in outcome.report.first}
    expected = {
        ("submissions.csv", 3, "indicator", "unknown_indicator"),
        ("submissions.csv", 4, "county", "not_in_round"),
        ("submissions.csv", 5, "county", "not_in_round"),
        ("submissions.csv", 6, "value", "value_share"),
        ("submissions.csv", 7, "value", "value_number"),
        ("submissions.csv", 8, "indicator", "duplicate"),
        ("submissions.csv", 9, "county", "not_in_round"),
        ("verifications.csv", 2, "", "role"),
    }
    assert expected <= found, sorted(found - expected)
    assert not IndicatorValue.objects.filter(submitted__isnull=False).exists()


def test_verifications_need_the_state_the_method_and_the_reason(people, tmp_path):
    round_ = open_round(people, counties=[COUNTY])
    evaluation = evaluation_of(round_)
    r = round_.pk
    path = _write(tmp_path / "early", "csv", verifications=[
        [r, COUNTY, "org_plan", "1", "phone", "x"]])
    outcome = ROUND_VALUES.run_import(path, actor=people.evaluator, scope=COUNTY_SCOPE)
    assert {p[5] for p in outcome.report.first} == {"state"}
    step(evaluation, people.officer, "submit_evaluation")
    path = _write(tmp_path / "late", "csv", verifications=[
        [r, COUNTY, "org_plan", "1", "phone", ""],           # 2 differs from none submitted
        [r, COUNTY, "org_leadership", "1", "guess", "x"]])   # 3 unknown method
    outcome = ROUND_VALUES.run_import(path, actor=people.evaluator, scope=COUNTY_SCOPE)
    found = {(p[1], p[2], p[5]) for p in outcome.report.first}
    assert (2, "reason", "reason_required") in found
    assert any(row == 3 and column == "method" for row, column, _ in found)
    assert not IndicatorValue.objects.filter(verified__isnull=False).exists()
