"""The evaluation engine: scoring methods at their boundaries, caps, grades, the defaults
(pure Python, no database)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from fupin_engine.evaluation import (
    Indicator,
    IndicatorSystem,
    Text,
    computed_values,
    default_codes,
    default_system,
    grade_for,
    parse_system,
    score_county,
    score_indicator,
    submitted_differs,
)


def ind(method: str, points: str = "6", kind: str = "base", **kw) -> Indicator:
    """An indicator built directly (the parser's rules are tested in _systems)."""
    params = {k: Decimal(v) if isinstance(v, str) else v for k, v in kw.items()}
    return Indicator(code="i", name=Text("指标", "Indicator"), kind=kind,
                     module="m" if kind == "base" else None, points=Decimal(points), unit="%",
                     method=method, **params)


def full_values(system: IndicatorSystem) -> dict[str, Decimal]:
    """A value that earns every base and bonus indicator its full points, no deductions."""
    out = {}
    for i in system.indicators():
        if i.kind == "deduction":
            out[i.code] = Decimal(0)
        elif i.method in ("threshold", "linear", "ratio"):
            out[i.code] = i.target
        elif i.method == "boolean":
            out[i.code] = Decimal(1)
        else:
            out[i.code] = i.points / i.per_event
    return out


LINEAR = ind("linear", floor="0.5", target="0.8")
LINEAR_LOW = ind("linear", points="5", floor="5", target="2", higher_is_better=False)
THRESHOLD = ind("threshold", points="4", target="600")
THRESHOLD_LOW = ind("threshold", points="4", target="30", higher_is_better=False)
RATIO = ind("ratio", points="7", target="3000")
RATIO_LOW = ind("ratio", points="4", target="2", higher_is_better=False)
BOOLEAN = ind("boolean", points="3")
COUNT = ind("count", points="3", per_event="0.5")
DEDUCTION = ind("deduction", points="10", kind="deduction", per_event="2")
HALF = ind("linear", points="1", floor="0", target="8")


@pytest.mark.parametrize(("indicator", "value", "expected"), [
    (LINEAR, "0.4", "0.00"), (LINEAR, "0.5", "0.00"), (LINEAR, "0.51", "0.20"),
    (LINEAR, "0.65", "3.00"), (LINEAR, "0.79", "5.80"), (LINEAR, "0.8", "6.00"),
    (LINEAR, "0.95", "6.00"),
    (LINEAR_LOW, "6", "0.00"), (LINEAR_LOW, "5", "0.00"), (LINEAR_LOW, "3.5", "2.50"),
    (LINEAR_LOW, "2", "5.00"), (LINEAR_LOW, "1", "5.00"),
    (THRESHOLD, "599.99", "0.00"), (THRESHOLD, "600", "4.00"), (THRESHOLD, "900", "4.00"),
    (THRESHOLD_LOW, "30", "4.00"), (THRESHOLD_LOW, "30.01", "0.00"), (THRESHOLD_LOW, "0", "4.00"),
    (RATIO, "-1", "0.00"), (RATIO, "0", "0.00"), (RATIO, "1500", "3.50"),
    (RATIO, "2999", "7.00"), (RATIO, "2990", "6.98"), (RATIO, "3000", "7.00"),
    (RATIO, "4000", "7.00"),
    (RATIO_LOW, "1", "4.00"), (RATIO_LOW, "2", "4.00"), (RATIO_LOW, "4", "2.00"),
    (BOOLEAN, "0", "0.00"), (BOOLEAN, "1", "3.00"),
    (COUNT, "0", "0.00"), (COUNT, "5", "2.50"), (COUNT, "6", "3.00"), (COUNT, "100", "3.00"),
    (DEDUCTION, "0", "0.00"), (DEDUCTION, "3", "6.00"), (DEDUCTION, "5", "10.00"),
    (DEDUCTION, "9", "10.00"),
    # 1/8 = 0.125 rounds half-up to 0.13 (banker's rounding would give 0.12); 3/8 → 0.38
    (HALF, "1", "0.13"), (HALF, "3", "0.38"), (HALF, "0.02", "0.00"),
])
def test_method_boundaries(indicator, value, expected):
    got = score_indicator(indicator, Decimal(value))
    assert got == Decimal(expected)
    assert got.as_tuple().exponent == -2


@pytest.mark.parametrize("indicator", [LINEAR, LINEAR_LOW, THRESHOLD, THRESHOLD_LOW, RATIO,
                                       RATIO_LOW, BOOLEAN, COUNT, DEDUCTION])
def test_missing_value_scores_and_deducts_nothing(indicator):
    assert score_indicator(indicator, None) == Decimal("0.00")


def test_float_and_int_values_are_read_exactly():
    assert score_indicator(LINEAR, 0.65) == Decimal("3.00")
    assert score_indicator(THRESHOLD, 600) == Decimal("4.00")


SMALL = """
code: small
version: "1"
name: {zh: 小, en: Small}
base: 100
bonus_cap: 2
deduction_cap: 3
modules:
  - code: m1
    name: {zh: 一, en: One}
    points: 60
    indicators:
      - {code: a, name: {zh: 甲, en: A}, points: 60, unit: "%", method: linear,
         floor: 0.5, target: 0.8}
  - code: m2
    name: {zh: 二, en: Two}
    points: 40
    indicators:
      - {code: b, name: {zh: 乙, en: B}, points: 40, unit: yes/no, method: boolean}
bonus:
  - {code: x, name: {zh: 加, en: X}, points: 3, unit: 项, method: count, per_event: 1}
deductions:
  - {code: d, name: {zh: 扣, en: D}, points: 5, unit: 次, method: deduction, per_event: 2}
"""


def test_bonus_and_deduction_are_capped_and_extra_deduction_is_not():
    system = parse_system(SMALL)
    s = score_county(system, {"a": Decimal("0.8"), "b": 1, "x": 3, "d": 3})
    assert s.modules == {"m1": Decimal("60.00"), "m2": Decimal("40.00")}
    assert s.bonus_raw == Decimal(3)
    assert s.bonus == Decimal(2)
    assert s.deduction_raw == Decimal(5)
    assert s.deduction == Decimal(3)
    assert s.total == Decimal(99)
    s = score_county(system, {"a": Decimal("0.8"), "b": 1, "x": 1, "d": 1},
                     extra_deduction=Decimal("4.5"))
    assert (s.bonus, s.deduction, s.extra_deduction) == (Decimal(1), Decimal(2), Decimal("4.5"))
    assert s.total == Decimal("94.50")
    assert s.grade == "excellent"
    s = score_county(system, {"a": Decimal("0.8"), "b": 1, "x": 0, "d": 5},
                     extra_deduction=Decimal(8))
    assert s.total == Decimal(89)  # 100 − 3 (capped) − 8 (outside the cap)
    assert s.grade == "good"


def test_total_never_below_zero_and_missing_listed():
    system = parse_system(SMALL)
    s = score_county(system, {"d": 5}, extra_deduction=Decimal(10))
    assert s.total == 0
    assert s.missing == ["a", "b", "x"]
    assert s.lines["d"].missing is False
    assert s.lines["a"].points == 0


def test_unknown_indicator_and_negative_extra_are_refused():
    system = parse_system(SMALL)
    with pytest.raises(ValueError, match="no indicator zz"):
        score_county(system, {"zz": 1})
    with pytest.raises(ValueError, match="must not be negative"):
        score_county(system, {}, extra_deduction=Decimal(-1))


@pytest.mark.parametrize(("total", "grade"), [
    ("100", "excellent"), ("90", "excellent"), ("89.99", "good"), ("80", "good"),
    ("79.99", "fair"), ("60", "fair"), ("59.99", "poor"), ("0", "poor"),
])
def test_grade_cut_offs_are_inclusive(total, grade):
    assert grade_for(default_system(), Decimal(total)) == grade


@pytest.mark.parametrize(("total", "cap", "grade"), [
    ("95", "good", "good"), ("85", "good", "good"), ("70", "good", "fair"),
    ("95", "poor", "poor"), ("95", "excellent", "excellent"), ("50", "fair", "poor"),
])
def test_grade_cap_lowers_but_never_raises(total, cap, grade):
    assert grade_for(default_system(), Decimal(total), cap=cap) == grade


def test_grade_cap_applies_in_score_county_and_unknown_cap_is_refused():
    system = default_system()
    assert score_county(system, full_values(system), grade_cap="good").grade == "good"
    with pytest.raises(ValueError, match="not a grade"):
        grade_for(system, Decimal(95), cap="outstanding")


@pytest.mark.parametrize("code", default_codes())
def test_default_all_at_target_scores_exactly_base_plus_bonus(code):
    system = default_system(code)
    assert system.code == code
    assert system.is_default
    assert system.province is None
    assert system.version == "2026.1"
    score = score_county(system, full_values(system))
    bonus = min(sum((i.points for i in system.bonus), Decimal(0)), system.bonus_cap)
    assert score.base_score == system.base == Decimal(100)
    assert score.bonus == bonus > 0
    assert score.total == system.base + bonus
    assert score.deduction == 0
    assert score.missing == []
    assert score.grade == "excellent"
    assert score.modules == {m.code: m.points for m in system.modules}


def test_defaults_use_every_method_and_describe_every_indicator():
    ecommerce = default_system("ecommerce-demo-county")
    assert {i.method for i in ecommerce.indicators()} == {
        "threshold", "linear", "ratio", "boolean", "count", "deduction"}
    assert [m.name.zh for m in ecommerce.modules] == [
        "组织管理", "资金使用", "公共服务体系", "物流配送", "农产品上行", "电商培训", "带贫益贫"]
    for code in default_codes():
        system = default_system(code)
        assert system.deduction_cap is not None
        for i in system.indicators():
            assert all((i.name.zh, i.name.en, i.explanation.zh, i.explanation.en)), i.code
            assert i.evidence, i.code
            if i.source == "computed":
                assert i.computed_key, i.code
    keys = {i.computed_key for i in default_system("fund-performance").indicators()}
    assert {"fund_execution_rate", "negative_list_expenditures", "negative_list_amount"} <= keys


def test_shipped_defaults_list_and_unknown_code():
    assert default_codes() == ["ecommerce-demo-county", "fund-performance"]
    assert default_system().code == "ecommerce-demo-county"
    with pytest.raises(KeyError, match="fund-performance"):
        default_system("nope")


def test_system_lookup_helpers():
    system = default_system()
    codes = [i.code for i in system.indicators()]
    assert len(codes) == len(set(codes))
    assert codes[-1] == system.deductions[-1].code
    assert system.indicator("train_person_times").module == "training"
    assert system.indicator("ded_falsified_data").kind == "deduction"
    with pytest.raises(KeyError, match="nope"):
        system.indicator("nope")


FLAGGED = ind("ratio", points="4", target="1000")  # tolerance 0.05 by default


@pytest.mark.parametrize(("submitted", "computed", "flagged"), [
    ("1050", "1000", False), ("950", "1000", False),   # exactly the tolerance: not flagged
    ("1050.01", "1000", True), ("949.99", "1000", True),
    ("0", "0", False), ("0.01", "0", True), ("-0.5", "0", True),
    (None, "1000", False), ("1000", None, False),
])
def test_submitted_differs_beyond_the_relative_tolerance(submitted, computed, flagged):
    submitted = None if submitted is None else Decimal(submitted)
    computed = None if computed is None else Decimal(computed)
    assert submitted_differs(FLAGGED, submitted, computed) is flagged


def test_tolerance_of_the_indicator_is_used_and_none_is_never_flagged():
    wide = ind("ratio", points="4", target="1000", tolerance="0.1")
    assert submitted_differs(wide, Decimal(1100), Decimal(1000)) is False
    assert submitted_differs(wide, Decimal("1100.01"), Decimal(1000)) is True
    unchecked = ind("ratio", points="4", target="1000", tolerance=None)
    assert submitted_differs(unchecked, Decimal(5000), Decimal(1000)) is False


def test_computed_values_map_keys_to_every_indicator_using_them():
    system = default_system("fund-performance")
    got = computed_values(system, {"negative_list_expenditures": Decimal(2),
                                   "fund_execution_rate": Decimal("0.8"), "unrelated": 1})
    assert got == {"dis_execution_rate": Decimal("0.8"),
                   "sup_negative_list_clean": Decimal(2)}
    score = score_county(system, got)
    assert score.lines["sup_negative_list_clean"].points == 0
    assert score.lines["dis_execution_rate"].points == Decimal("7.50")
