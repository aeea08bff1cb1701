"""The third-party assessment (issue 15): the sample drawn from the registry, field results
with replacements in order, estimates by the engine, and the procedure on the workflow
engine (region, role, order, concurrency)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.utils import translation

from fupin.assessment import estimates, services, workflows
from fupin.assessment.choices import Outcome, Role
from fupin.assessment.models import Assessment, SampledUnit
from fupin.assessment.sample import registry_frame
from fupin.core import workflow as engine
from fupin.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from fupin.core.models import AuditRecord, Notification
from fupin_engine.measures.estimate import estimate as engine_estimate
from fupin_engine.measures.sampling import draw
from tests import factories
from tests.assessment_helpers import (
    COUNTY,
    DESIGN,
    People,
    answers_for,
    county_registry,
    estimated,
    interview_all,
    opened,
    step,
)


@pytest.fixture
def people(tree):
    county_registry()
    return People()


def _sample(assessment):
    return sorted((u.household_id, u.role, u.replacement_order, u.probability)
                  for u in assessment.units.all())


# --- the sample from the registry -----------------------------------------------------------

def test_opening_draws_from_the_registry_what_the_engine_draws_with_the_seed(people):
    assessment = opened(people, seed=11)
    frame = registry_frame(COUNTY)
    assert len(frame) == 30
    assert all(h.size == 2 for h in frame)
    drawn = draw(frame, county="513431", seed=11, villages=2, households=8)
    active = sorted(u.household_id for u in assessment.units.filter(active=True))
    assert active == sorted(h.household_id for h in drawn.households)
    # Every unit carries stratum, probability, weight = 1/probability and its list position.
    for unit in assessment.units.all():
        assert unit.weight == pytest.approx(1 / unit.probability)
        assert (unit.role == Role.SAMPLED) == (unit.replacement_order == 0)
    queues = {k: [h.household_id for h in q] for k, q in drawn.replacements.items()}
    for (village, stratum), queue in queues.items():
        stored = list(assessment.units.filter(village_code=village, stratum=stratum,
                                              role=Role.REPLACEMENT)
                      .order_by("replacement_order").values_list("household_id", flat=True))
        assert stored == queue
    assert assessment.frame_households == 30
    assert assessment.population == 60
    assert assessment.registered_poor == 12  # 2 poor households × 3 villages × 2 people
    assert assessment.western  # 四川: the 3% threshold
    assert AuditRecord.objects.filter(action="assessment.open").count() == 1


def test_the_same_seed_redraws_the_same_sample_and_another_seed_another(people):
    first = _sample(opened(people, seed=5, year=2025))
    second = _sample(opened(people, seed=5, year=2026))
    third = _sample(opened(people, seed=6, year=2027))
    assert first == second
    assert first != third
    digests = set(Assessment.objects.values_list("frame_digest", flat=True))
    assert len(digests) == 1


def test_village_probabilities_sum_to_the_villages_drawn(people):
    assessment = opened(people)
    probs = dict(assessment.units.values_list("village_code", "village_probability"))
    # Only drawn villages have units; the frame's three villages are equal in size, so each
    # has probability 2/3 and the drawn ones sum to 2 × 2/3 (the design's n = 2 overall).
    assert len(probs) == 2
    assert all(p == pytest.approx(2 / 3) for p in probs.values())


def test_only_the_evaluator_of_the_county_opens(people):
    for user in (people.officer, people.province):
        with pytest.raises(Forbidden):
            services.open_assessment(actor=user, county_code=COUNTY, year=2026, seed=1,
                                     design=DESIGN)
    with pytest.raises(NotFound):
        services.open_assessment(actor=people.stranger, county_code=COUNTY, year=2026,
                                 seed=1, design=DESIGN)
    opened(people)
    with pytest.raises(Conflict):
        opened(people)
    with pytest.raises(ValidationFailed):
        services.open_assessment(actor=people.evaluator, county_code=factories.HOME_VILLAGE,
                                 year=2025, seed=1, design=DESIGN)


# --- field results ---------------------------------------------------------------------------

def test_refusals_are_replaced_in_the_drawn_order(people):
    assessment = opened(people)
    unit = assessment.units.filter(active=True).first()
    queue = list(assessment.units.filter(village_code=unit.village_code, stratum=unit.stratum,
                                         role=Role.REPLACEMENT).order_by("replacement_order"))
    first = services.record_unavailable(actor=people.evaluator, unit=unit,
                                        outcome=Outcome.REFUSED)
    assert first.pk == queue[0].pk
    assert first.active
    assert first.replaces_id == unit.pk
    second = services.record_unavailable(actor=people.evaluator, unit=first,
                                         outcome=Outcome.ABSENT)
    assert second.pk == queue[1].pk
    unit.refresh_from_db()
    assert not unit.active
    assert unit.outcome == Outcome.REFUSED
    # The same probability and weight as the household replaced (same village and stratum).
    assert second.weight == pytest.approx(unit.weight)
    # Used up: the last household stays in the sample, not asked.
    current = second
    for _ in queue[2:]:
        current = services.record_unavailable(actor=people.evaluator, unit=current,
                                              outcome=Outcome.ABSENT)
    assert services.record_unavailable(actor=people.evaluator, unit=current,
                                       outcome=Outcome.ABSENT) is None
    current.refresh_from_db()
    assert current.active
    assert current.outcome == Outcome.ABSENT


def test_one_submission_per_household_following_the_questionnaire(people):
    assessment = opened(people)
    exited = assessment.units.filter(active=True, status="exited").first()
    general = assessment.units.filter(active=True, status="general").first()
    with pytest.raises(ValidationFailed) as err:
        services.record_interview(actor=people.evaluator, unit=exited,
                                  answers=services.Answers(omitted=True, approves=True))
    assert set(err.value.errors) == {"wrongly_exited", "omitted"}
    with pytest.raises(ValidationFailed):
        services.record_interview(actor=people.evaluator, unit=general,
                                  answers=services.Answers(wrongly_exited=False,
                                                           approves=True))
    services.record_interview(actor=people.evaluator, unit=exited, answers=answers_for(exited))
    with pytest.raises(Conflict):
        services.record_interview(actor=people.evaluator, unit=exited,
                                  answers=answers_for(exited))
    with pytest.raises(Forbidden):
        services.record_interview(actor=people.officer, unit=general,
                                  answers=answers_for(general))
    with pytest.raises(NotFound):
        services.record_interview(actor=people.stranger, unit=general,
                                  answers=answers_for(general))


# --- estimates -------------------------------------------------------------------------------

def test_estimates_are_the_engines_over_the_stored_results(people):
    assessment = opened(people)
    units = list(assessment.units.filter(active=True))
    wrong = next(u for u in units if u.status == "exited")
    omitted = next(u for u in units if u.status == "general")
    disapproving = units[-1]
    for u in units:
        services.record_interview(actor=people.evaluator, unit=u, answers=answers_for(
            u, wrong=u == wrong, omitted=u == omitted, approves=u != disapproving,
            officials=u == units[0] and u != disapproving))
    step(assessment, people.evaluator, "complete_fieldwork")
    done = step(assessment, people.evaluator, "estimate")
    rows = {e.indicator: e for e in estimates.stored(done)}
    assert list(rows) == list(estimates.ORDER)
    # The same numbers as the engine given the same sample (the officials-present interview's
    # approval left out).
    from fupin_engine.measures.estimate import FieldResult, Household
    from fupin_engine.measures.sampling import SampledHousehold
    sample = [SampledHousehold(u.household_id, u.village_code, u.stratum, u.probability)
              for u in units]
    results = {u.household_id: FieldResult(
        int(u == wrong) if u.status == "exited" else None,
        int(u == omitted) if u.stratum == "unregistered" else None,
        None if u == units[0] and u != disapproving else int(u != disapproving))
        for u in units}
    expected = engine_estimate(sample, results,
                               {u.household_id: Household(u.status, u.size) for u in units},
                               population=60, registered_poor=12, western=True)
    for e in expected:
        got = rows[e.indicator]
        assert got.estimate == pytest.approx(e.estimate)
        assert got.ci_low == pytest.approx(e.ci_low)
        assert got.ci_high == pytest.approx(e.ci_high)
        assert got.verdict == e.verdict
    assert rows["comprehensive_poverty_rate"].threshold == ("<", 0.03)
    assert rows["approval_rate"].sampled == len(units) - 1


def test_response_and_design_for_the_report(people):
    assessment = opened(people)
    unit = assessment.units.filter(active=True).first()
    services.record_unavailable(actor=people.evaluator, unit=unit, outcome=Outcome.REFUSED)
    interview_all(people, assessment)
    fields = estimates.report_fields(assessment, "昭觉县")
    assert fields["response"] == {"interviewed": 8, "refused": 1, "absent": 0, "replaced": 1,
                                  "response_rate": pytest.approx(8 / 9)}
    assert fields["design"]["villages_drawn"] == 2
    assert fields["design"]["households_drawn"] == 8
    assert fields["design"]["strata"] == {"registered": 4, "unregistered": 4}
    assert fields["county_code"] == "513431"
    assert fields["seed"] == assessment.seed


# --- the procedure ---------------------------------------------------------------------------

def test_field_work_must_be_complete_before_estimating(people):
    assessment = opened(people)
    with translation.override("en"), pytest.raises(ValidationFailed, match="8 sampled "
                                                                          "households"):
        step(assessment, people.evaluator, "complete_fieldwork")
    with pytest.raises(engine.IllegalTransition):
        step(assessment, people.evaluator, "estimate")
    interview_all(people, assessment)
    step(assessment, people.evaluator, "complete_fieldwork")
    done = step(assessment, people.evaluator, "estimate")
    assert done.state == "estimated"
    assert done.estimates.count() == 4


@pytest.mark.parametrize("who", ["officer", "approver", "province"])
def test_only_the_evaluator_moves_the_assessment(people, who):
    assessment = opened(people)
    interview_all(people, assessment)
    with pytest.raises(Forbidden):
        step(assessment, getattr(people, who), "complete_fieldwork")
    with pytest.raises(NotFound):
        step(assessment, people.stranger, "complete_fieldwork")


def test_appeal_upheld_then_field_work_reopened_then_published(people):
    assessment = estimated(people, wrong=True)
    unit = assessment.units.filter(active=True, status="exited").first()
    appeal = services.file_appeal(actor=people.approver, assessment=assessment,
                                  unit=unit, reason="该户收入已稳定超过标准，附银行流水")
    assert Notification.objects.filter(workflow=workflows.APPEAL_NAME,
                                       user=people.evaluator).exists()
    services.add_evidence(actor=people.approver, appeal=appeal, name="流水.pdf",
                          content=b"%PDF-1")
    with translation.override("en"), pytest.raises(ValidationFailed, match="not decided"):
        step(assessment, people.evaluator, "publish")
    services.decide_appeal(actor=people.evaluator, appeal=appeal, decision="uphold",
                           version=appeal.version, note="证据属实")
    appeal.refresh_from_db()
    assert appeal.state == "upheld"
    assert appeal.decided_by == people.evaluator
    step(assessment, people.evaluator, "reopen_fieldwork", note="复核申诉户")
    assessment.refresh_from_db()
    assert assessment.state == "fieldwork"
    step(assessment, people.evaluator, "complete_fieldwork")
    step(assessment, people.evaluator, "estimate")
    published = step(assessment, people.evaluator, "publish")
    assert published.closed
    assert published.published_at is not None


# --- the appeal procedure matrix (like the case procedure) -----------------------------------

@pytest.fixture
def appeal(people):
    assessment = estimated(people)
    return services.file_appeal(actor=people.officer, assessment=assessment,
                                reason="漏评率样本户认定有误", indicator="omission_rate")


def _decide(appeal, actor, decision="reject", note="理由不成立"):
    appeal.refresh_from_db()
    return services.decide_appeal(actor=actor, appeal=appeal, decision=decision,
                                  version=appeal.version, note=note)


@pytest.mark.parametrize("who", ["officer", "approver", "province"])
def test_appeal_wrong_role_is_forbidden(people, appeal, who):
    with pytest.raises(Forbidden):
        _decide(appeal, getattr(people, who))
    appeal.refresh_from_db()
    assert appeal.state == "filed"
    assert appeal.version == 1


def test_appeal_from_another_region_learns_nothing(people, appeal):
    for action in ("uphold", "reject", "no_such"):
        with pytest.raises(NotFound):
            _decide(appeal, people.stranger, action)
    with pytest.raises(NotFound):
        services.file_appeal(actor=factories.make_user("county_approver", "513436000000"),
                             assessment=appeal.assessment, reason="x")


def test_appeal_out_of_order_is_refused(people, appeal):
    _decide(appeal, people.evaluator, "reject")
    with pytest.raises(engine.IllegalTransition):
        _decide(appeal, people.evaluator, "uphold")
    # Filing is for estimated assessments only (not in field work, not once published).
    fresh = opened(people, year=2027)
    with pytest.raises(Conflict):
        services.file_appeal(actor=people.officer, assessment=fresh, reason="过早")


def test_appeal_decision_needs_reasons_and_filing_needs_permission(people, appeal):
    with pytest.raises(ValidationFailed):
        _decide(appeal, people.evaluator, "reject", note=" ")
    with pytest.raises(Forbidden):
        services.file_appeal(actor=people.evaluator, assessment=appeal.assessment,
                             reason="评估方不能申诉")


def test_two_concurrent_decisions_one_wins(transactional_db):
    factories.make_tree()
    county_registry()
    people = People()
    second = factories.make_user("evaluator", COUNTY)
    appeal = services.file_appeal(actor=people.approver, assessment=estimated(people),
                                  reason="申诉")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def decide(user, decision):
        try:
            barrier.wait()
            services.decide_appeal(actor=user, appeal=appeal, decision=decision,
                                   version=appeal.version, note="决定")
            outcomes.append("decided")
        except Conflict:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=decide, args=a)
               for a in ((people.evaluator, "uphold"), (second, "reject"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict", "decided"]
    assert SampledUnit.objects.exists()
    from fupin.assessment.models import Appeal
    assert Appeal.objects.get(pk=appeal.pk).steps.count() == 1


def test_the_draw_sizes_follow_the_margin_rate_and_design_effect():
    """The engine's ``draw`` takes the design's margin, rate and design effect (what the
    evaluator sets when opening) — 2 villages: 1,506 households by default, 2,000 (the cap)
    at ±0.5 points."""
    from fupin_engine.measures.sampling import FrameHousehold, households_for

    frame = [FrameHousehold(f"H{v}{i}", f"51343110020{v}", "exited" if i % 2 else "general", 3)
             for v in range(2) for i in range(10)]
    assert draw(frame, county="513431", seed=1).per_stratum == -(-households_for() // 4)
    assert draw(frame, county="513431", seed=1, margin=0.005).per_stratum == 500
    assert draw(frame, county="513431", seed=1, margin=0.02, deff=1.0).per_stratum == 350
