"""The evaluation engine: indicator systems, scoring one county, grades (pure Python, no DB)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from fupin_engine.evaluation import (
    IndicatorSystem,
    default_codes,
    default_system,
    grade_for,
    score_county,
)


def full_values(system: IndicatorSystem) -> dict[str, Decimal]:
    """A value that earns every base and bonus indicator its full points, no deductions."""
    out = {}
    for ind in system.indicators():
        if ind.kind == "deduction":
            out[ind.code] = Decimal(0)
        elif ind.method in ("threshold", "linear", "ratio"):
            out[ind.code] = ind.target
        elif ind.method == "boolean":
            out[ind.code] = Decimal(1)
        else:
            out[ind.code] = ind.points / ind.per_event
    return out


@pytest.mark.parametrize("code", default_codes())
def test_default_all_at_target_scores_base_plus_capped_bonus(code):
    system = default_system(code)
    assert system.code == code
    assert system.is_default
    assert system.version == "2026.1"
    score = score_county(system, full_values(system))
    bonus = min(sum((i.points for i in system.bonus), Decimal(0)), system.bonus_cap)
    assert score.base_score == system.base == Decimal(100)
    assert score.total == system.base + bonus
    assert score.deduction == 0
    assert score.missing == []
    assert score.grade == "excellent"


def test_shipped_defaults():
    assert default_codes() == ["ecommerce-demo-county", "fund-performance"]
    assert default_system().code == "ecommerce-demo-county"
    with pytest.raises(KeyError, match="fund-performance"):
        default_system("nope")


def test_grade_cap_lowers_but_never_raises():
    system = default_system()
    assert grade_for(system, Decimal(95), cap="good") == "good"
    assert grade_for(system, Decimal(70), cap="good") == "fair"
