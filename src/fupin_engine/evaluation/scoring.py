"""Scoring one county: indicator points, module sums, capped bonus and deduction, grade.

All arithmetic is exact Decimal; every indicator's points are quantised to 0.01 half-up (the
divisions of ``linear`` and ``ratio`` are rounded exactly, from quotient and remainder).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from fupin_engine.evaluation.model import Indicator, IndicatorSystem

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def q2(value: Decimal) -> Decimal:
    """``value`` quantised to 0.01, half-up."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def _div_half_up(num: Decimal, den: Decimal) -> Decimal:
    """num / den rounded half-up to 0.01, exactly (num ≥ 0, den > 0)."""
    whole, rest = divmod(num * 100, den)
    if 2 * rest >= den:
        whole += 1
    return q2(whole / 100)


VALUE_PLACES = Decimal("0.000001")
"""Values are read to 6 decimal places (half-up), as the bulk scoring's DECIMAL(20,6)."""


def _dec(value: object) -> Decimal | None:
    """``value`` as an exact Decimal to 6 places; None, NaN and infinities are missing."""
    if value is None:
        return None
    if isinstance(value, float):
        value = Decimal(repr(value))  # the shortest repr: 0.1 is 0.1
    elif not isinstance(value, Decimal):
        value = Decimal(value)  # int or str
    if not value.is_finite():
        return None
    return value.quantize(VALUE_PLACES, rounding=ROUND_HALF_UP)


def score_indicator(indicator: Indicator, value: Decimal | None) -> Decimal:
    """Points earned (base/bonus) or deducted (deduction items, a positive number) for ``value``.

    A missing value (None, NaN) gives 0; values are read to 6 decimal places. Methods:
    threshold (full if value ≥ target, ≤ when lower is better, else 0), linear (0 at/below
    floor, full at/above target, linear between), ratio (points × min(value/target, 1); lower
    is better: min(target/value, 1)), boolean (value ≥ 1 → full, else 0), count and deduction
    (per_event × value, capped at points; negative counts 0).
    """
    v = _dec(value)
    p = indicator.points
    if v is None:
        return ZERO
    m, t, f = indicator.method, indicator.target, indicator.floor
    hib = indicator.higher_is_better
    if m == "threshold":
        return q2(p) if (v >= t if hib else v <= t) else ZERO
    if m == "linear":
        if hib:
            if v <= f:
                return ZERO
            if v >= t:
                return q2(p)
            return _div_half_up(p * (v - f), t - f)
        if v >= f:
            return ZERO
        if v <= t:
            return q2(p)
        return _div_half_up(p * (f - v), f - t)
    if m == "ratio":
        if hib:
            if v <= 0:
                return ZERO
            if v >= t:
                return q2(p)
            return _div_half_up(p * v, t)
        if v <= t:
            return q2(p)
        return _div_half_up(p * t, v)
    if m == "boolean":
        return q2(p) if v >= 1 else ZERO
    # count and deduction
    if v <= 0:
        return ZERO
    return q2(min(p, indicator.per_event * v))


@dataclass(frozen=True)
class Line:
    """One indicator's result: its value, points (deducted points for deduction items) and
    whether the value was missing."""

    code: str
    value: Decimal | None
    points: Decimal
    missing: bool


@dataclass(frozen=True)
class CountyScore:
    """A county's score: lines by indicator code, module sums, capped bonus and deduction, the
    extra (approved accountability) deduction outside the cap, total and grade."""

    lines: dict[str, Line]
    modules: dict[str, Decimal]
    base_score: Decimal
    bonus: Decimal
    deduction: Decimal
    extra_deduction: Decimal
    total: Decimal
    grade: str
    bonus_raw: Decimal = ZERO
    deduction_raw: Decimal = ZERO

    @property
    def missing(self) -> list[str]:
        """Codes of the indicators whose value is missing."""
        return [c for c, ln in self.lines.items() if ln.missing]


def grade_for(system: IndicatorSystem, total: Decimal, cap: str | None = None) -> str:
    """The grade for ``total`` (the best whose min_score it reaches, else the last), then no
    better than ``cap`` (a grade code of the system; ValueError if unknown)."""
    codes = [g.code for g in system.grades]
    if cap is not None and cap not in codes:
        raise ValueError(f"grade cap {cap!r} is not a grade of {system.code}; grades: "
                         f"{', '.join(codes)}")
    total = Decimal(total)
    idx = len(codes) - 1
    for i, g in enumerate(system.grades):
        if total >= g.min_score:
            idx = i
            break
    if cap is not None:
        idx = max(idx, codes.index(cap))
    return codes[idx]


def score_county(system: IndicatorSystem, values: Mapping[str, Decimal | None], *,
                 extra_deduction: Decimal = Decimal(0),
                 grade_cap: str | None = None) -> CountyScore:
    """Score one county from its indicator values (code → value; absent or None = missing).

    total = max(0, base_score + min(bonus, bonus_cap) − min(deduction, deduction_cap) −
    extra_deduction). Codes in ``values`` that the system does not know are a ValueError.
    """
    unknown = sorted(set(values) - {i.code for i in system.indicators()})
    if unknown:
        raise ValueError(f"indicator system {system.code} {system.version} has no indicator "
                         f"{', '.join(unknown)}")
    extra = q2(_dec(extra_deduction) or 0)
    if extra < 0:
        raise ValueError(f"extra_deduction {extra} must not be negative")
    lines: dict[str, Line] = {}
    for ind in system.indicators():
        v = _dec(values.get(ind.code))
        lines[ind.code] = Line(ind.code, v, score_indicator(ind, v), v is None)
    modules = {m.code: sum((lines[i.code].points for i in m.indicators), ZERO)
               for m in system.modules}
    base_score = sum(modules.values(), ZERO)
    bonus_raw = sum((lines[i.code].points for i in system.bonus), ZERO)
    deduction_raw = sum((lines[i.code].points for i in system.deductions), ZERO)
    bonus = min(bonus_raw, q2(system.bonus_cap))
    deduction = deduction_raw if system.deduction_cap is None else min(
        deduction_raw, q2(system.deduction_cap))
    total = max(ZERO, base_score + bonus - deduction - extra)
    return CountyScore(lines=lines, modules=modules, base_score=base_score, bonus=bonus,
                       deduction=deduction, extra_deduction=extra, total=total,
                       grade=grade_for(system, total, grade_cap), bonus_raw=bonus_raw,
                       deduction_raw=deduction_raw)


def submitted_differs(indicator: Indicator, submitted: Decimal | None,
                      computed: Decimal | None) -> bool:
    """The submitted-vs-computed flag: True when both values are known and
    |submitted − computed| > tolerance × |computed| (relative; a difference of exactly the
    tolerance is not flagged; with computed 0 any difference is). An indicator whose tolerance
    is None is not checked (never flagged)."""
    s, c = _dec(submitted), _dec(computed)
    if s is None or c is None or indicator.tolerance is None:
        return False
    return abs(s - c) > indicator.tolerance * abs(c)


def computed_values(system: IndicatorSystem, computed: Mapping[str, Decimal | None]
                    ) -> dict[str, Decimal | None]:
    """Indicator code → value for every indicator whose ``computed_key`` is in ``computed``
    (a county's computed figures by key, as fupin's value providers return them); several
    indicators may share a key. Submitted indicators with a key get the computed value too —
    the figure their submission is checked against (:func:`submitted_differs`)."""
    return {i.code: computed[i.computed_key] for i in system.indicators()
            if i.computed_key is not None and i.computed_key in computed}
