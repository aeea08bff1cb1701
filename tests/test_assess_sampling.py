"""The assessment's sample: reproducible, PPS probabilities, weights, replacements, coverage."""

from __future__ import annotations

import pytest

from fupin_engine.measures import MeasureError
from fupin_engine.measures.estimate import FieldResult, Household, estimate, verdict
from fupin_engine.measures.sampling import (
    FrameHousehold,
    draw,
    households_for,
    plan_sizes,
    pps_probabilities,
)
from fupin_engine.measures.simulate import simulate_county


@pytest.fixture(scope="module")
def county():
    return simulate_county(villages=120, seed=3)


def test_same_seed_same_sample_and_another_seed_another(county):
    a = draw(county.frame, county="513431", seed=2021)
    b = draw(county.frame, county="513431", seed=2021)
    c = draw(county.frame, county="513431", seed=2022)
    assert a.households == b.households
    assert a.replacements == b.replacements
    assert a.households != c.households
    # The defaults of county exit assessments: 25–29 villages, 1,400–2,000 households, half
    # in the register.
    assert 25 <= len(a.villages_drawn) <= 29
    assert 1400 <= len(a.households) <= 2000
    registered = sum(h.stratum == "registered" for h in a.households)
    assert registered == len(a.households) - registered


def test_village_probabilities_sum_to_the_villages_drawn_and_weights_invert_them(county):
    sample = draw(county.frame, county="513431", seed=5, villages=27)
    assert len(sample.villages_drawn) == 27
    assert sum(sample.village_probabilities.values()) == pytest.approx(27)
    in_stratum: dict[tuple[str, str], int] = {}
    for h in county.frame:
        key = (h.village_code, "registered" if h.status in {"poor", "exited"} else "unregistered")
        in_stratum[key] = in_stratum.get(key, 0) + 1
    taken: dict[tuple[str, str], int] = {}
    for h in sample.households:
        taken[(h.village_code, h.stratum)] = taken.get((h.village_code, h.stratum), 0) + 1
    for h in sample.households:
        key = (h.village_code, h.stratum)
        expected = sample.village_probabilities[h.village_code] * taken[key] / in_stratum[key]
        assert h.weight == pytest.approx(1 / expected)


def test_a_village_larger_than_the_interval_is_taken_with_certainty():
    pi = pps_probabilities([1000, 10, 10, 10, 10, 10], 3)
    assert pi[0] == 1.0
    assert pi.sum() == pytest.approx(3)
    assert list(pi[1:]) == pytest.approx([0.4] * 5)
    with pytest.raises(MeasureError, match="cannot draw"):
        pps_probabilities([1, 2], 3)


def test_replacements_are_used_in_the_drawn_order():
    frame = [FrameHousehold(f"h{i:02d}", "513431100201", "general", 3) for i in range(10)]
    sample = draw(frame, county="513431", seed=9, villages=1, households=6)
    assert len(sample.households) == 3
    queue = list(sample.replacements[("513431100201", "unregistered")])
    assert len(queue) == 7
    refused = sample.households[0].household_id
    first = sample.replace(refused)
    second = sample.replace(first.household_id)
    assert [first, second] == queue[:2]
    assert sample.households[0] == second
    assert first.weight == queue[0].weight
    for _ in range(5):
        sample.replace(sample.households[1].household_id)
    with pytest.raises(MeasureError, match="no replacement household left"):
        sample.replace(sample.households[1].household_id)


def test_sizes_from_margin_rate_and_design_effect():
    assert households_for(0.01, 0.02, 2.0) == 1506
    assert plan_sizes() == (26, 29)  # 26 villages × 2 strata × 29 = 1,508 households
    assert plan_sizes(households=100, villages=4, frame_villages=3) == (3, 17)


def test_estimates_on_a_hand_computed_sample():
    # Every unit taken (weights 1); exited households of 2, 3 and 5 people, the first wrongly
    # exited: wrong_exit_rate = 2 / (2 + 3 + 5) = 0.2; approval 3 of 4 households.
    sample = draw([FrameHousehold(f"a{i}", "513431100201", "exited", 2 + i) for i in range(2)]
                  + [FrameHousehold(f"b{i}", "513431100202", "exited", 5) for i in range(1)]
                  + [FrameHousehold(f"c{i}", "513431100202", "general", 1) for i in range(1)],
                  county="513431", seed=1, villages=2, households=8)
    households = {h: Household("exited", s) for h, s in (("a0", 2), ("a1", 3), ("b0", 5))}
    households["c0"] = Household("general", 1)
    results = {"a0": FieldResult(wrongly_exited=1, approves=1),
               "a1": FieldResult(wrongly_exited=0, approves=1),
               "b0": FieldResult(wrongly_exited=0, approves=0),
               "c0": FieldResult(omitted=0, approves=1)}
    rows = {e.indicator: e for e in estimate(sample.households, results, households)}
    assert rows["wrong_exit_rate"].estimate == pytest.approx(0.2)
    assert rows["wrong_exit_rate"].sampled == 3
    assert rows["approval_rate"].estimate == pytest.approx(0.75)
    assert rows["omission_rate"].estimate == 0.0


def test_verdicts_pass_fail_or_undecided_by_the_interval():
    below = ("<", 0.02)
    assert verdict(0.005, 0.019, below) == "passes"
    assert verdict(0.015, 0.025, below) == "undecided"
    assert verdict(0.02, 0.03, below) == "fails"
    at_least = (">=", 0.90)
    assert verdict(0.90, 0.95, at_least) == "passes"
    assert verdict(0.88, 0.93, at_least) == "undecided"
    assert verdict(0.80, 0.899, at_least) == "fails"
    assert verdict(None, None, below) == "undecided"


def test_intervals_cover_the_true_rates_about_95_percent(county):
    # 60 replicates (bench/assessment_coverage.py runs several hundred): each indicator's
    # coverage must sit in a generous band around 95%.
    hits = dict.fromkeys(county.rates, 0)
    replicates = 60
    households = county.households
    for seed in range(replicates):
        sample = draw(county.frame, county="513431", seed=seed)
        for e in estimate(sample.households, county.truth, households):
            hits[e.indicator] += e.ci_low <= county.rates[e.indicator] <= e.ci_high
    for indicator, n in hits.items():
        assert 0.83 <= n / replicates <= 1.0, (indicator, n)
