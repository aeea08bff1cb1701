"""Bulk scoring (DuckDB) agrees with score_county; rank stability is reproducible."""

from __future__ import annotations

from decimal import Decimal

import pyarrow as pa
import pytest

from fupin_engine.evaluation import (
    default_codes,
    default_system,
    parse_system,
    rank_stability,
    score_county,
    score_many,
)
from fupin_engine.evaluation.stability import competition_ranks
from fupin_engine.evaluation.synthetic import long_table, synthetic_system, synthetic_values


def assert_same(system, values, table):
    rows = table.to_pylist()
    assert [r["county"] for r in rows] == sorted(values)
    for row in rows:
        s = score_county(system, values[row["county"]])
        got = (row["base_score"], row["bonus"], row["deduction"], row["total"], row["grade"])
        assert got == (s.base_score, s.bonus, s.deduction, s.total, s.grade), row["county"]
        for code, points in s.modules.items():
            assert row[f"module_{code}"] == points


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_score_many_equals_score_county_on_random_systems_and_values(seed):
    system = synthetic_system(40, seed=seed)
    values = synthetic_values(system, 150, seed=seed, missing=0.1)
    assert_same(system, values, score_many(system, long_table(values)))


@pytest.mark.parametrize("code", default_codes())
def test_score_many_equals_score_county_on_the_defaults(code):
    system = default_system(code)
    values = synthetic_values(system, 120, seed=7)
    assert_same(system, values, score_many(system, long_table(values)))
    # doubles in, the same numbers out (values with up to 4 decimals are read exactly)
    assert_same(system, values, score_many(system, long_table(values, as_double=True)))


TIES = """
code: ties
version: "1"
name: {zh: 进位, en: Ties}
base: 100
bonus_cap: 0
modules:
  - code: m
    name: {zh: 模块, en: Module}
    points: 100
    indicators:
      - {code: a, name: {zh: 甲, en: A}, points: 1, unit: "%", method: linear, floor: 0, target: 8}
      - {code: r, name: {zh: 乙, en: R}, points: 1, unit: "%", method: ratio, target: 8}
      - {code: low, name: {zh: 丙, en: L}, points: 1, unit: "%", method: ratio, target: 1,
         higher_is_better: false}
      - {code: rest, name: {zh: 丁, en: Rest}, points: 97, unit: yes/no, method: boolean}
"""


def test_score_many_rounds_exact_ties_half_up_like_score_county():
    system = parse_system(TIES)
    lows = ["8", "4", "1.6", "2", "3.2", "6.4", "1.28"]  # 1/v: 0.125, 0.25, 0.625, 0.5, …
    values = {f"c{k}": {"a": Decimal(k), "r": Decimal(k), "low": Decimal(lows[k - 1])}
              for k in range(1, 8)}
    table = score_many(system, long_table(values))
    assert_same(system, values, table)
    assert table.to_pylist()[0]["base_score"] == Decimal("0.39")  # 0.13 × 3


def test_score_many_refuses_duplicates_unknown_codes_and_missing_columns():
    system = parse_system(TIES)
    dup = pa.table({"county": ["c", "c"], "indicator": ["a", "a"], "value": [1.0, 2.0]})
    with pytest.raises(ValueError, match="county c has 2 values for indicator a"):
        score_many(system, dup)
    unknown = pa.table({"county": ["c"], "indicator": ["zz"], "value": [1.0]})
    with pytest.raises(ValueError, match="no indicator 'zz'"):
        score_many(system, unknown)
    with pytest.raises(ValueError, match="missing value"):
        score_many(system, pa.table({"county": ["c"], "indicator": ["a"]}))


def test_county_with_only_missing_values_scores_zero():
    system = parse_system(TIES)
    table = pa.table({"county": ["c"], "indicator": ["a"],
                      "value": pa.array([None], pa.float64())})
    (row,) = score_many(system, table).to_pylist()
    assert row["total"] == 0
    assert row["grade"] == "poor"


def test_competition_ranking_gives_ties_the_same_rank():
    assert competition_ranks([Decimal(90), Decimal(95), Decimal(90), Decimal(80)]
                             ).tolist() == [2, 1, 2, 4]


def stability_values(n: int, seed: int):
    system = synthetic_system(30, seed=seed)
    return system, synthetic_values(system, n, seed=seed, missing=0.0)


def test_rank_stability_is_reproducible_with_a_seed_and_differs_with_another():
    system, values = stability_values(80, 5)
    a = rank_stability(system, values, seed=11, draws=300)
    b = rank_stability(system, values, seed=11, draws=300)
    c = rank_stability(system, values, seed=12, draws=300)
    assert a == b
    assert a != c
    assert {k: v.rank for k, v in a.items()} == {k: v.rank for k, v in c.items()}
    for st in a.values():
        assert st.low <= st.median_rank <= st.high
        assert 0 <= st.same_rank_share <= 1
        assert st.max_move >= max(abs(st.low - st.rank), abs(st.high - st.rank))
    assert any(st.max_move > 0 for st in a.values())


def test_base_rank_is_by_exact_total_with_ties_sharing():
    system, values = stability_values(30, 6)
    values["TWIN"] = dict(values["C00000"])
    st = rank_stability(system, values, seed=1, draws=50)
    totals = {c: score_county(system, v).total for c, v in values.items()}
    for county, s in st.items():
        assert s.rank == 1 + sum(t > totals[county] for t in totals.values())
    assert st["TWIN"].rank == st["C00000"].rank
    assert st["TWIN"] == st["C00000"]


def test_a_county_far_ahead_never_moves_and_no_spread_moves_nobody():
    system, values = stability_values(60, 8)
    top = {i.code: (Decimal(1) if i.method == "boolean" else Decimal(0)
                    if i.kind == "deduction" else Decimal(1000)) for i in system.indicators()}
    values["TOP"] = top
    st = rank_stability(system, values, seed=3, draws=400, spread=0.3)
    assert st["TOP"].rank == 1
    assert st["TOP"].max_move == 0
    assert st["TOP"].same_rank_share == 1
    still = rank_stability(system, values, seed=3, draws=20, spread=0.0)
    assert all(s.max_move == 0 for s in still.values())


def test_rank_stability_refuses_bad_arguments_and_empty_input():
    system = synthetic_system(20, seed=1)
    assert rank_stability(system, {}, seed=1) == {}
    with pytest.raises(ValueError, match="draws"):
        rank_stability(system, {"c": {}}, seed=1, draws=0)
    with pytest.raises(ValueError, match="spread"):
        rank_stability(system, {"c": {}}, seed=1, spread=1.5)


def test_nan_is_missing_and_extra_decimals_round_alike_in_both():
    system = parse_system(TIES)
    # 0.9999996 is read as 1.000000: 1/8 → 0.13 (unrounded it would give 0.12 in Python)
    values = {"c1": {"a": Decimal("0.9999996"), "r": Decimal("0.9999994")},
              "c2": {"a": Decimal(8), "r": Decimal(4)}}
    table = pa.table({"county": ["c1", "c1", "c2", "c2"], "indicator": ["a", "r", "a", "r"],
                      "value": pa.array([Decimal("0.9999996"), Decimal("0.9999994"),
                                         Decimal(8), Decimal(4)], pa.decimal128(20, 7))})
    assert_same(system, values, score_many(system, table))
    line = score_county(system, values["c1"]).lines["a"]
    assert line.value == Decimal("1.000000")
    assert line.points == Decimal("0.13")
    assert score_county(system, {"a": float("nan")}).lines["a"].missing
    doubles = pa.table({"county": ["c", "c"], "indicator": ["a", "r"],
                        "value": [float("nan"), 4.0]})
    (row,) = score_many(system, doubles).to_pylist()
    assert row["base_score"] == score_county(system, {"a": None, "r": Decimal(4)}).base_score


def test_out_of_range_value_is_named():
    system = parse_system(TIES)
    big = pa.table({"county": ["c"], "indicator": ["a"], "value": [1e15]})
    with pytest.raises(ValueError, match=r"county c, indicator a: value .* out of range"):
        score_many(system, big)


def test_extra_deductions_move_the_rank_as_in_the_round():
    system, values = stability_values(40, 9)
    plain = rank_stability(system, values, seed=2, draws=50)
    top = min(plain, key=lambda c: plain[c].rank)
    lowered = rank_stability(system, values, seed=2, draws=50,
                             extra_deductions={top: Decimal(100)})
    totals = {c: score_county(system, v, extra_deduction=Decimal(100) if c == top else 0).total
              for c, v in values.items()}
    for county, s in lowered.items():
        assert s.rank == 1 + sum(t > totals[county] for t in totals.values())
    assert lowered[top].rank > plain[top].rank
    with pytest.raises(ValueError, match="without values: nowhere"):
        rank_stability(system, values, seed=2, extra_deductions={"nowhere": Decimal(1)})
