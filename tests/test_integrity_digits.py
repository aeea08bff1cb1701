"""Heaping, terminal-digit and Benford tests: a heaping village or cadre stands out, clean
groups do not, and Benford is only run where it applies."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from fupin_engine.integrity.digits import BENFORD, benford, first_digits, heaping, terminal_digit


def _clean(rng, n):
    return np.round(np.exp(np.log(8000) + 0.5 * rng.standard_normal(n)), 2)


def test_a_cadre_who_rounds_to_hundreds_is_flagged_and_named_with_the_households():
    rng = np.random.default_rng(1)
    groups, values, ids = [], [], []
    for cadre in ("张", "李", "王", "赵"):
        v = _clean(rng, 400)
        if cadre == "李":
            v[:80] = np.round(v[:80], -2)  # a fifth entered as round hundreds
        groups += [cadre] * 400
        values += v.tolist()
        ids += [f"{cadre}{i}" for i in range(400)]
    signals = {s.group: s for s in heaping(groups, values, base=100, household_ids=ids)}
    assert [g for g, s in signals.items() if s.flagged] == ["李"]
    assert signals["李"].score == pytest.approx(80 / 400, abs=0.01)
    assert set(signals["李"].households) >= {f"李{i}" for i in range(80)}
    assert signals["张"].p_value > 0.05


def test_heaping_needs_enough_values():
    [signal] = heaping(["村"] * 10, [100.0] * 10)
    assert not signal.applies
    assert not signal.flagged


def test_terminal_digit_flags_a_village_whose_amounts_end_in_zero_or_five():
    rng = np.random.default_rng(2)
    clean = _clean(rng, 1000)
    shaped = np.floor(_clean(rng, 1000) / 5) * 5  # every amount ends in 0 or 5
    signals = terminal_digit(["513431100200"] * 1000 + ["513431100201"] * 1000,
                             np.concatenate([clean, shaped]))
    assert [s.flagged for s in signals] == [False, True]
    assert signals[1].plot["observed"][1] == 0
    # The clean village's p-value is the chi-square on its own digit counts.
    digits = np.floor(clean[clean >= 10]) % 10
    expected = stats.chisquare(np.bincount(digits.astype(int), minlength=10)).pvalue
    assert signals[0].p_value == pytest.approx(expected)


def test_first_digits():
    assert first_digits(np.array([1.0, 19.5, 0.03, 999, 5000.01])).tolist() == [1, 1, 3, 9, 5]


def test_benford_holds_on_wide_data_and_flags_invented_amounts():
    rng = np.random.default_rng(3)
    wide = 10 ** rng.uniform(1, 5, 3000)  # log-uniform over 4 orders: Benford exactly
    invented = rng.uniform(1000, 9999, 3000) * 10 ** rng.integers(0, 3, 3000)
    signals = benford(["a"] * 3000 + ["b"] * 3000, np.concatenate([wide, invented]))
    assert [s.flagged for s in signals] == [False, True]
    assert signals[0].score < 0.015 < signals[1].score
    assert signals[1].plot["expected"][0] == pytest.approx(BENFORD[0] * 3000, abs=0.01)


def test_benford_does_not_apply_to_narrow_or_small_groups():
    rng = np.random.default_rng(4)
    narrow = _clean(rng, 2000)  # incomes: within two orders of magnitude
    signals = benford(["narrow"] * 2000 + ["small"] * 50,
                      np.concatenate([narrow, 10 ** rng.uniform(0, 4, 50)]))
    assert [s.applies for s in signals] == [False, False]
    assert "orders of magnitude" in signals[0].reason
    assert "fewer than" in signals[1].reason
    assert not any(s.flagged for s in signals)


def test_clean_groups_are_flagged_at_most_at_the_nominal_rate():
    rng = np.random.default_rng(5)
    groups = np.repeat([f"v{i:03d}" for i in range(100)], 500)
    values = _clean(rng, 100 * 500)
    assert sum(s.flagged for s in terminal_digit(groups, values)) <= 5
    assert sum(s.flagged for s in heaping(groups, np.round(values))) <= 5
