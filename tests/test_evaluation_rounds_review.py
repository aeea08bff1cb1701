"""What an outside review of the round found, each as a rule: a rank's range contains the rank
(accountability's deductions move both), a published county is ranked as published, the
computed figures are fixed once verified, a county is evaluated once a year, typed values are
never rounded silently, the API shows a published result as written, and an exported header
never runs as a formula."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from fupin.accountability import services as accountability
from fupin.core.errors import ValidationFailed
from fupin.core.lists import xlsx_sheets_response
from fupin.evaluation import services
from tests.accountability_helpers import media_finding
from tests.evaluation_rounds_helpers import (
    COUNTY,
    OTHER_COUNTY,
    People,
    at_target,
    evaluation_of,
    open_round,
    to_reviewed,
)


@pytest.fixture
def people(tree):
    return People()


def _deduct(people, points: str, year: int = 2025) -> None:
    finding = media_finding(people.evaluator)
    action = accountability.propose_action(
        actor=people.evaluator, finding=finding, kind="deduction", year=year,
        points=Decimal(points), decision_document="川评〔2026〕2号",
        decision_date=dt.date(2026, 3, 2))
    accountability.decide_action(actor=people.province, action=action, decision="approve",
                                 version=action.version)


def _half(indicator):
    return (at_target(indicator) / 2) if indicator.method in {"linear", "ratio",
                                                              "threshold"} else \
        at_target(indicator)


def _two_reviewed(people):
    round_ = open_round(people)
    mine, theirs = evaluation_of(round_), evaluation_of(round_, OTHER_COUNTY)
    to_reviewed(mine, people)
    other = People(officer=people.other_officer, evaluator=people.stranger,
                   province=people.province)
    to_reviewed(theirs, other, value=_half)
    return round_, mine, theirs


def test_the_range_next_to_a_rank_contains_it_when_a_deduction_moves_the_rank(people):
    round_, _mine, _theirs = _two_reviewed(people)
    _deduct(people, "60")  # the county at target falls below the other one
    results = {r.evaluation.division_code: r
               for r in services.publish_round(actor=people.province, round=round_)}
    assert results[COUNTY].extra_deduction == Decimal("60.00")
    assert (results[COUNTY].rank, results[OTHER_COUNTY].rank) == (2, 1)
    for r in results.values():
        assert r.stability["low"] <= r.rank <= r.stability["high"], r.stability


def test_a_published_county_is_ranked_as_published_not_rescored(people):
    _round, mine, theirs = _two_reviewed(people)
    first = services.grade_county(actor=people.province, evaluation=mine)
    assert first.rank == 1
    # Approved after the county was published: it changes no published figure, and the next
    # county is ranked against the published total, not a re-scored one.
    _deduct(people, "60")
    theirs.refresh_from_db()
    second = services.grade_county(actor=people.province, evaluation=theirs)
    assert second.rank == 2
    assert second.total < first.total


def test_the_computed_figures_are_fixed_once_verified(people):
    evaluation = evaluation_of(open_round(people, counties=[COUNTY]))
    services.compute_values(actor=people.officer, evaluation=evaluation)  # opened: fine
    to_reviewed(evaluation, people)
    for actor in (people.officer, people.province):
        with pytest.raises(ValidationFailed) as exc:
            services.compute_values(actor=actor, evaluation=evaluation)
        assert exc.value.errors == {"state": "reviewed"}


def test_a_county_is_evaluated_once_a_year(people):
    open_round(people, counties=[COUNTY])
    with pytest.raises(ValidationFailed) as exc:
        open_round(people, counties=[COUNTY, OTHER_COUNTY])
    assert exc.value.errors == {"counties": "already_in_round"}
    assert "昭觉县" in str(exc.value)
    open_round(people, year=2026, counties=[COUNTY])  # another year is another evaluation
    open_round(people, counties=[OTHER_COUNTY])  # and another county the same year


@pytest.mark.parametrize(("value", "ok"), [("0.8499", True), ("0.84995", False),
                                           ("3000.0001", True), ("3000.00001", False)])
def test_typed_values_are_never_rounded_silently(people, value, ok):
    evaluation = evaluation_of(open_round(people, counties=[COUNTY]))
    code = "svc_broadband" if value.startswith("0.") else "svc_centre_area"
    if ok:
        row = services.submit_value(actor=people.officer, evaluation=evaluation, code=code,
                                    value=value, note="")
        assert Decimal(value) == evaluation.values.get(code=code).submitted
        assert row is not None
    else:
        with pytest.raises(ValidationFailed) as exc:
            services.submit_value(actor=people.officer, evaluation=evaluation, code=code,
                                  value=value, note="")
        assert "places" in exc.value.errors.values()


def test_the_api_shows_a_published_result_as_written(client, people):
    evaluation = evaluation_of(open_round(people, counties=[COUNTY]))
    to_reviewed(evaluation, people)
    result = services.grade_county(actor=people.province, evaluation=evaluation)
    _deduct(people, "5")  # approved later: the published score stays
    client.force_login(people.province)
    data = client.get(f"/api/evaluation/county-evaluations/{evaluation.pk}").json()
    assert Decimal(str(data["score"]["total"])) == result.total
    assert Decimal(str(data["score"]["extra_deduction"])) == Decimal(0)


def test_an_exported_header_never_runs_as_a_formula():
    response = xlsx_sheets_response("t", [("表", ["=HYPERLINK(\"http://x\")", "+SUM(A1)", "县"],
                                              [[1, 2, 3]])])
    sheet = load_workbook(BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    assert header == ["'=HYPERLINK(\"http://x\")", "'+SUM(A1)", "县"]
