"""County evaluation rounds (issue 13): systems as published versions, opening a round, the
three values side by side with the flag and the precedence, evidence, grading, consequences,
ranks with their stability, and results that never change."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from fupin.accountability.models import Finding
from fupin.core.errors import Forbidden, NotFound, ValidationFailed
from fupin.core.models import AuditRecord
from fupin.evaluation import services
from fupin.evaluation.models import CountyEvaluation, IndicatorSystem, IndicatorValue, Result
from fupin_engine.evaluation import default_system as engine_default
from tests import factories
from tests.evaluation_rounds_helpers import (
    COUNTY,
    FAR_COUNTY,
    OTHER_COUNTY,
    START,
    People,
    at_target,
    default_system,
    evaluation_of,
    far_province,
    open_round,
    step,
    to_reviewed,
    zero,
)


@pytest.fixture
def people(tree):
    return People()


def frozen(at=START):
    return time_machine.travel(at, tick=False)


def _province_text(version="2026.2", **replace) -> str:
    text = engine_default("ecommerce-demo-county").text
    text = text.replace("province: null", 'province: "51"').replace(
        'version: "2026.1"', f'version: "{version}"').replace("is_default: true",
                                                              "is_default: false")
    for old, new in replace.items():
        text = text.replace(old, new)
    return text


# --- indicator systems -----------------------------------------------------------------------

def test_default_systems_load_once(people):
    first = services.ensure_default_systems()
    again = services.ensure_default_systems()
    assert [r.pk for r in first] == [r.pk for r in again]
    assert {r.code for r in first} >= {"ecommerce-demo-county", "fund-performance"}
    assert all(r.is_default and r.province_code == "" for r in first)
    assert AuditRecord.objects.filter(action="evaluation.load_system").count() == len(first)


def test_a_province_publishes_its_own_version(people):
    row = services.publish_system(actor=people.province, text=_province_text(),
                                  source_name="sichuan.yaml")
    assert (row.province_code, row.version, row.published_by) == ("51", "2026.2",
                                                                   people.province)
    assert row.system().province == "51"
    # the same file again is the same version; a changed file under that version is refused
    assert services.publish_system(actor=people.province, text=_province_text(),
                                   source_name="again.yaml").pk == row.pk
    changed = _province_text(**{"points: 3\n        unit: yes/no\n        method: boolean\n"
                                "        evidence: [成立领导小组的文件":
                                "points: 3\n        unit: yes/no\n        method: boolean\n"
                                "        evidence: [成立领导小组文件"})
    with pytest.raises(ValidationFailed) as exc:
        services.publish_system(actor=people.province, text=changed, source_name="x.yaml")
    assert exc.value.errors == {"text": "version"}
    # a county may not, another province's file is refused
    with pytest.raises(Forbidden):
        services.publish_system(actor=people.officer, text=_province_text(), source_name="x")
    with pytest.raises(ValidationFailed, match='province: "51"') as exc:
        services.publish_system(actor=people.province, text=_province_text(
            "2026.3").replace('province: "51"', 'province: "52"'), source_name="x.yaml")
    assert exc.value.errors == {"text": "province"}


def test_a_bad_system_names_every_problem_with_path_and_line(people):
    bad = _province_text().replace("method: boolean", "method: magic", 2)
    with pytest.raises(services.SystemRejected) as exc:
        services.publish_system(actor=people.province, text=bad, source_name="bad.yaml")
    problems = exc.value.problems
    assert len(problems) >= 2
    assert all(p.line for p in problems)
    assert {p.path for p in problems} >= {"modules[0].indicators[0].method",
                                          "modules[0].indicators[1].method"}
    assert problems[0].line < problems[1].line
    assert not IndicatorSystem.objects.filter(province_code="51").exists()


# --- opening a round -------------------------------------------------------------------------

def test_opening_a_round_creates_evaluations_and_computes(people):
    with frozen():
        round_ = open_round(people)
    evaluations = list(round_.evaluations.order_by("division_code"))
    assert [e.division_code for e in evaluations] == [COUNTY, OTHER_COUNTY]
    assert {e.state for e in evaluations} == {"opened"}
    system = engine_default("ecommerce-demo-county")
    assert evaluations[0].values.count() == len(system.indicators())
    assert round_.seed == services.rounds.round_seed(round_)
    # fupin's own data: three villages, none with a service point → coverage 0, computed
    value = evaluations[0].values.get(code="svc_admin_village_coverage")
    assert (value.computed, value.used) == (Decimal("0.0000"), "computed")
    assert "evaluation_values" in value.computed_note
    # no poor households registered → the share is missing, never 0
    assert evaluations[0].values.get(code="svc_poor_village_coverage").computed is None
    assert evaluations[0].due_at is not None


def test_opening_checks_role_region_counties_and_dates(people):
    far_province()
    args = {"province_code": "51", "year": 2025, "system": default_system(),
            "submit_by": dt.date(2026, 3, 31), "verify_by": dt.date(2026, 5, 31)}
    with pytest.raises(Forbidden):
        services.open_round(actor=people.officer, counties=[COUNTY], **args)
    far = factories.make_user("province_viewer", "520000000000")
    with pytest.raises(NotFound):
        services.open_round(actor=far, counties=[COUNTY], **args)
    with pytest.raises(ValidationFailed, match=FAR_COUNTY):
        services.open_round(actor=people.province, counties=[COUNTY, FAR_COUNTY], **args)
    with pytest.raises(ValidationFailed) as exc:
        services.open_round(actor=people.province, counties=[], **args)
    assert exc.value.errors == {"counties": "required"}
    with pytest.raises(ValidationFailed) as exc:
        services.open_round(actor=people.province, counties=[COUNTY],
                            **{**args, "verify_by": dt.date(2026, 3, 30)})
    assert exc.value.errors == {"verify_by": "before_submit_by"}
    assert not CountyEvaluation.objects.exists()


# --- values: the flag and the precedence -----------------------------------------------------

def test_flag_is_set_beyond_the_tolerance_on_submit_and_on_recompute(people, monkeypatch):
    round_ = open_round(people)
    evaluation = evaluation_of(round_)
    code = "train_person_times"  # computed 0 person-times
    row = services.submit_value(actor=people.officer, evaluation=evaluation, code=code,
                                value="0", note="")
    assert not row.flagged
    row = services.submit_value(actor=people.officer, evaluation=evaluation, code=code,
                                value="3000", note="培训台账")
    assert row.flagged
    assert row.used == "computed"
    # the computed value moves to 2,900: |3000 − 2900| = 100 ≤ 5% × 2900 = 145 → no flag
    with pytest.raises(Forbidden):  # who takes no step does not recompute either
        services.compute_values(actor=factories.make_user("auditor", COUNTY),
                                evaluation=evaluation)
    monkeypatch.setattr(
        "fupin.ecommerce.services.evaluation.training",
        lambda scope, years, county_codes=None: {
            c: {y: {"cumulative": 2900} for y in years} for c in county_codes})
    services.compute_values(actor=people.officer, evaluation=evaluation)
    row.refresh_from_db()
    assert (row.computed, row.flagged) == (Decimal("2900.0000"), False)
    # at the tolerance's edge: 2900 × 1.05 = 3045 is not flagged, 3045.01 is
    assert not services.submit_value(actor=people.officer, evaluation=evaluation, code=code,
                                     value="3045", note="").flagged
    assert services.submit_value(actor=people.officer, evaluation=evaluation, code=code,
                                 value="3045.01", note="").flagged


def test_precedence_verified_then_computed_then_submitted(people):
    round_ = open_round(people)
    evaluation = evaluation_of(round_)
    submitted_only = "svc_centre_area"  # no computed value
    computed = "log_township_express"
    services.submit_value(actor=people.officer, evaluation=evaluation, code=submitted_only,
                          value="650", note="")
    services.submit_value(actor=people.officer, evaluation=evaluation, code=computed,
                          value="1", note="")
    rows = {r.code: r for r in evaluation.values.all()}
    assert rows[submitted_only].used == "submitted"
    assert rows[computed].used == "computed"  # computed 0 beats submitted 1
    assert rows["org_plan"].used == "missing"
    preview = services.preview(evaluation)
    assert preview.values[computed] == Decimal(0)
    assert preview.score.lines[submitted_only].points == Decimal("4.00")
    step(evaluation, people.officer, "submit_evaluation")
    services.verify_value(actor=people.evaluator, evaluation=evaluation, code=computed,
                          value="0.5", method="site", reason="实地核查半数乡镇")
    row = IndicatorValue.objects.get(evaluation=evaluation, code=computed)
    assert (row.used, row.verify_method) == ("verified", "site")
    assert services.preview(evaluation).values[computed] == Decimal("0.5")


def test_a_verified_value_differing_from_the_submitted_needs_a_reason(people):
    evaluation = evaluation_of(open_round(people))
    services.submit_value(actor=people.officer, evaluation=evaluation, code="org_plan",
                          value="1", note="")
    step(evaluation, people.officer, "submit_evaluation")
    with pytest.raises(ValidationFailed) as exc:
        services.verify_value(actor=people.evaluator, evaluation=evaluation, code="org_plan",
                              value="0", method="document", reason=" ")
    assert exc.value.errors == {"reason": "required"}
    with pytest.raises(ValidationFailed):
        services.verify_value(actor=people.evaluator, evaluation=evaluation, code="org_plan",
                              value="1", method="guess", reason="")
    same = services.verify_value(actor=people.evaluator, evaluation=evaluation,
                                 code="org_plan", value="1", method="phone", reason="")
    assert same.verified == Decimal(1)
    with pytest.raises(Forbidden):
        services.verify_value(actor=people.officer, evaluation=evaluation, code="org_plan",
                              value="1", method="phone", reason="")


@pytest.mark.parametrize(("code", "value", "rule"), [
    ("nope", "1", "unknown"), ("org_plan", "abc", "number"), ("org_plan", "2", "boolean"),
    ("svc_broadband", "90", "share"), ("svc_centre_area", "-1", "range"),
    ("svc_centre_area", "", "required"), ("svc_centre_area", "NaN", "range")])
def test_bad_values_are_refused_by_rule(people, code, value, rule):
    evaluation = evaluation_of(open_round(people))
    with pytest.raises(ValidationFailed) as exc:
        services.submit_value(actor=people.officer, evaluation=evaluation, code=code,
                              value=value, note="")
    assert rule in exc.value.errors.values()


def test_values_change_only_in_their_state_and_region(people):
    evaluation = evaluation_of(open_round(people))
    with pytest.raises(NotFound):
        services.submit_value(actor=people.other_officer, evaluation=evaluation,
                              code="org_plan", value="1", note="")
    with pytest.raises(Forbidden):
        services.submit_value(actor=people.evaluator, evaluation=evaluation,
                              code="org_plan", value="1", note="")
    with pytest.raises(ValidationFailed):  # the evaluator verifies only after submission
        services.verify_value(actor=people.evaluator, evaluation=evaluation,
                              code="org_plan", value="1", method="phone", reason="x")
    step(evaluation, people.officer, "submit_evaluation")
    with pytest.raises(ValidationFailed):
        services.submit_value(actor=people.officer, evaluation=evaluation, code="org_plan",
                              value="1", note="")


# --- evidence --------------------------------------------------------------------------------

def test_evidence_is_stored_checked_and_downloaded_with_an_audit_line(people, settings,
                                                                      tmp_path):
    settings.VAR_DIR = tmp_path
    evaluation = evaluation_of(open_round(people))
    pdf = b"%PDF-1.4 minutes of the leading group"
    evidence = services.add_value_evidence(actor=people.officer, evaluation=evaluation,
                                           code="org_leadership", name="../纪要.pdf",
                                           content=pdf)
    assert (evidence.name, evidence.size) == ("纪要.pdf", len(pdf))
    path = services.open_value_evidence(actor=people.evaluator, evidence=evidence)
    assert path.read_bytes() == pdf
    assert oct(path.stat().st_mode)[-3:] == "600"
    assert AuditRecord.objects.filter(action="evaluation.download_evidence").count() == 1
    with pytest.raises(NotFound):
        services.open_value_evidence(actor=people.stranger, evidence=evidence)
    for name, content, rule in (("a.pdf", b"", "size"), ("a.exe", b"MZ", "type"),
                                ("a.pdf", b"GIF89a", "content")):
        with pytest.raises(ValidationFailed) as exc:
            services.add_value_evidence(actor=people.officer, evaluation=evaluation,
                                        code="org_leadership", name=name, content=content)
        assert exc.value.errors == {"file": rule}


# --- grading, consequences, ranks ------------------------------------------------------------

def test_a_county_at_target_scores_100_plus_bonuses_and_is_excellent(people):
    with frozen():
        evaluation = evaluation_of(open_round(people))
        to_reviewed(evaluation, people)
        result = services.grade_county(actor=people.province, evaluation=evaluation)
    system = engine_default("ecommerce-demo-county")
    assert result.base_score == Decimal("100.00")
    assert result.bonus == min(system.bonus_cap, sum(i.points for i in system.bonus))
    assert result.total == result.base_score + result.bonus
    assert (result.grade, result.consequence) == ("excellent", "more_support")
    assert (result.system_code, result.system_version, result.system_digest) == (
        system.code, system.version, system.digest)
    assert result.rank == 1
    assert result.stability["seed"] == evaluation.round.seed
    assert result.stability["draws"] == 1000
    assert result.stability["max_move"] == 0
    line = next(r for r in result.lines if r["code"] == "log_township_express")
    assert (line["source"], line["value"], line["points"], line["computed"]) == (
        "verified", "1.0000", "6.00", "0.0000")
    assert sum(Decimal(m["points"]) for m in result.modules) == Decimal("100.00")
    assert CountyEvaluation.objects.get(pk=evaluation.pk).state == "published"


def test_a_poor_grade_opens_a_finding_and_twice_in_a_row_loses_the_status(people):
    with frozen():
        last = evaluation_of(open_round(people, year=2024, counties=[COUNTY]))
        to_reviewed(last, people, value=zero)
        first = services.grade_county(actor=people.province, evaluation=last)
    assert (first.grade, first.consequence) == ("poor", "no_new_funds")
    assert first.finding.rectification.deadline == dt.date(2026, 6, 2)
    with frozen(START + dt.timedelta(days=30)):
        now = evaluation_of(open_round(people, year=2025, counties=[COUNTY]))
        to_reviewed(now, people, value=zero)
        second = services.grade_county(actor=people.province, evaluation=now)
    assert (second.grade, second.consequence) == ("poor", "status_lost")
    assert "2024" in second.consequence_note
    assert Finding.objects.filter(source="evaluation").count() == 2  # one per year


def test_an_approved_no_top_grade_caps_an_excellent_county_at_good(people):
    from fupin.accountability import services as accountability
    from tests.accountability_helpers import media_finding

    evaluation = evaluation_of(open_round(people, counties=[COUNTY]))
    to_reviewed(evaluation, people)
    finding = media_finding(people.evaluator)
    action = accountability.propose_action(
        actor=people.evaluator, finding=finding, kind="no_top_grade", year=2025,
        decision_document="川评〔2026〕1号", decision_date=dt.date(2026, 3, 2))
    accountability.decide_action(actor=people.province, action=action, decision="approve",
                                 version=action.version)
    result = services.grade_county(actor=people.province, evaluation=evaluation)
    assert result.total >= Decimal(100)
    assert (result.grade, result.grade_cap, result.consequence) == ("good", "good",
                                                                    "continued")


def test_publish_round_ranks_all_reviewed_with_the_published_seed(people):
    other_evaluator = people.stranger
    other = factories.make_user("county_officer", OTHER_COUNTY)
    round_ = open_round(people)
    mine, theirs = evaluation_of(round_), evaluation_of(round_, OTHER_COUNTY)
    to_reviewed(mine, people)
    half = People(officer=other, evaluator=other_evaluator, province=people.province)
    to_reviewed(theirs, half, value=lambda i: (at_target(i) / 2) if i.method in
                {"linear", "ratio", "threshold"} else at_target(i))
    results = services.publish_round(actor=people.province, round=round_)
    by_county = {r.evaluation.division_code: r for r in results}
    assert by_county[COUNTY].rank == 1
    assert by_county[OTHER_COUNTY].rank == 2
    assert by_county[COUNTY].total > by_county[OTHER_COUNTY].total
    for r in results:
        assert r.stability["seed"] == round_.seed
        assert r.stability["of"] == 2
        assert 1 <= r.stability["low"] <= r.stability["high"] <= 2
    with pytest.raises(ValidationFailed):  # nothing left to publish
        services.publish_round(actor=people.province, round=round_)


def test_a_published_result_never_changes(people):
    evaluation = evaluation_of(open_round(people, counties=[COUNTY]))
    to_reviewed(evaluation, people)
    result = services.grade_county(actor=people.province, evaluation=evaluation)
    frozen_fields = (result.total, result.grade, result.system_digest, result.lines)
    # a newer system version published by the province, and a recomputation, change nothing
    services.publish_system(actor=people.province, text=_province_text("2027.1"),
                            source_name="2027.yaml")
    with pytest.raises(ValidationFailed) as exc:
        services.compute_values(actor=people.province, evaluation=evaluation)
    assert exc.value.errors == {"state": "published"}
    evaluation.refresh_from_db()
    with pytest.raises(ValidationFailed):  # closed: nothing more is possible
        services.grade_county(actor=people.province, evaluation=evaluation)
    again = Result.objects.get(pk=result.pk)
    assert (again.total, again.grade, again.system_digest, again.lines) == frozen_fields
    assert Result.objects.count() == 1


def test_a_round_keeps_its_system_version_when_a_newer_one_is_published(people):
    round_ = open_round(people, counties=[COUNTY])
    newer = services.publish_system(actor=people.province, text=_province_text("2027.1"),
                                    source_name="2027.yaml")
    round_.refresh_from_db()
    assert round_.system != newer
    assert round_.system.is_default
    assert newer in services.systems_for("51")


def test_submit_refreshes_the_flags_against_the_computed_values(people, monkeypatch):
    evaluation = evaluation_of(open_round(people, counties=[COUNTY]))
    services.submit_value(actor=people.officer, evaluation=evaluation,
                          code="train_person_times", value="3000", note="")
    IndicatorValue.objects.filter(evaluation=evaluation).update(flagged=False)
    step(evaluation, people.officer, "submit_evaluation")
    assert IndicatorValue.objects.get(evaluation=evaluation,
                                      code="train_person_times").flagged
    # the evaluator cannot verify the evaluation while a flagged value is unverified
    with pytest.raises(ValidationFailed) as exc:
        step(evaluation, people.evaluator, "verify_evaluation")
    assert "1" in str(exc.value)  # the one flagged value is named by count


def test_every_configured_value_provider_imports_and_gives_known_keys(people):
    from django.conf import settings

    from fupin_engine.evaluation import COMPUTED_KEYS

    paths = [path for path, _provider in services.rounds.providers()]
    assert paths == list(settings.FUPIN_EVALUATION_VALUE_PROVIDERS)
    assert "fupin.ecommerce.services.evaluation.evaluation_values" in paths
    given = services.provided_values([COUNTY, OTHER_COUNTY], 2025)
    keys = {key for values in given.values() for key in values}
    assert keys <= set(COMPUTED_KEYS)
    assert {"admin_village_coverage", "overdue_rectifications"} <= keys
