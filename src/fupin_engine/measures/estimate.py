"""Estimators of the assessment's rates with design-based 95% intervals, and verdicts.

as the exit assessment defines them (《贫困县退出专项评估检查实施办法》),
people-weighted where it says people:

- ``wrong_exit_rate`` = Σ w s · wrongly_exited / Σ w s over sampled exited households asked;
- ``omission_rate`` = Σ w s · omitted / Σ w s over sampled unregistered households asked;
- ``approval_rate`` = Σ w · approves / Σ w over households asked (households, not people);
- ``comprehensive_poverty_rate`` = (registered poor people + estimated omitted people +
  estimated wrongly exited people) / rural population of the county (both from the snapshot).

Each is a ratio ``R = Y/X`` of weighted totals. Its variance is the Taylor linearisation for a
stratified cluster design in the ultimate-cluster form (villages are the primary units, drawn
with replacement as an approximation; Wolter 2007 §6.11, Lohr 2019 §9.1, Binder 1983):
``z_i = w_i (y_i − R x_i) / X``, ``z_v = Σ_{i∈v} z_i``, ``v(R) = n/(n−1) Σ_v (z_v − z̄)²``;
the interval is ``R ± t_{0.975, n−1} √v(R)``, clipped to [0, 1]. Households not asked count as
zeros in both totals (domain estimation), so their village still counts as a unit.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import stats

from fupin_engine.measures import MeasureError
from fupin_engine.measures.sampling import SampledHousehold

INDICATORS = ("wrong_exit_rate", "omission_rate", "approval_rate")
ESTIMATE_COLUMNS = ("indicator", "estimate", "ci_low", "ci_high", "sampled")
RESULT_COLUMNS = ("household_id", "wrongly_exited", "omitted", "approves")
#: Exit thresholds of the county exit assessment: the side that passes and the bound.
THRESHOLDS = {"wrong_exit_rate": ("<", 0.02), "omission_rate": ("<", 0.02),
              "approval_rate": (">=", 0.90), "comprehensive_poverty_rate": ("<", 0.02)}
WESTERN_COMPREHENSIVE = 0.03

PASSES, FAILS, UNDECIDED = "passes", "fails", "undecided"


@dataclass(frozen=True)
class FieldResult:
    """What the field team found in one household (None: not asked)."""

    wrongly_exited: int | None = None
    omitted: int | None = None
    approves: int | None = None


@dataclass(frozen=True)
class Estimate:
    indicator: str
    estimate: float | None
    ci_low: float | None
    ci_high: float | None
    sampled: int
    threshold: tuple[str, float]

    @property
    def verdict(self) -> str:
        """``passes`` or ``fails`` when the whole interval is on one side of the threshold;
        ``undecided`` when it straddles it (or cannot be computed)."""
        return verdict(self.ci_low, self.ci_high, self.threshold)

    def values(self) -> tuple:
        return (self.indicator, self.estimate, self.ci_low, self.ci_high, self.sampled)


def verdict(low: float | None, high: float | None, threshold: tuple[str, float]) -> str:
    if low is None or high is None:
        return UNDECIDED
    side, bound = threshold
    if side == "<":
        return PASSES if high < bound else FAILS if low >= bound else UNDECIDED
    return PASSES if low >= bound else FAILS if high < bound else UNDECIDED


def ratio_ci(y: np.ndarray, x: np.ndarray, w: np.ndarray, psu: Sequence[str],
             level: float = 0.95) -> tuple[float | None, float | None, float | None]:
    """(R, low, high) for ``R = Σ w y / Σ w x`` with the linearised variance above."""
    big_x = float(np.sum(w * x))
    if big_x <= 0:
        return None, None, None
    r = float(np.sum(w * y)) / big_x
    z = w * (y - r * x) / big_x
    return r, *_interval(r, z, psu, level)


def _interval(r: float, z: np.ndarray, psu: Sequence[str], level: float
              ) -> tuple[float | None, float | None]:
    units: dict[str, float] = {}
    for value, unit in zip(z, psu, strict=True):
        units[unit] = units.get(unit, 0.0) + float(value)
    n = len(units)
    if n < 2:
        return None, None
    zv = np.array(list(units.values()))
    var = n / (n - 1) * float(np.sum((zv - zv.mean()) ** 2))
    half = float(stats.t.ppf(0.5 + level / 2, n - 1)) * math.sqrt(var)
    return max(0.0, r - half), min(1.0, r + half)


@dataclass(frozen=True)
class Household:
    """What the estimators need of a sampled household from the snapshot."""

    status: str
    size: int


def estimate(sample: Sequence[SampledHousehold], results: Mapping[str, FieldResult],
             households: Mapping[str, Household], *, population: int | None = None,
             registered_poor: int | None = None, western: bool = False) -> list[Estimate]:
    """The three rates (and the comprehensive poverty rate when the county's ``population``
    and ``registered_poor`` people are given), each with its interval and threshold."""
    missing = [h.household_id for h in sample if h.household_id not in households]
    if missing:
        raise MeasureError(f"sampled household {missing[0]} is not in the snapshot")
    w = np.array([h.weight for h in sample])
    size = np.array([households[h.household_id].size for h in sample], dtype=float)
    psu = [h.village_code for h in sample]
    res = [results.get(h.household_id, FieldResult()) for h in sample]

    def column(name: str) -> tuple[np.ndarray, np.ndarray]:
        asked = np.array([getattr(r, name) is not None for r in res], dtype=float)
        value = np.array([getattr(r, name) or 0 for r in res], dtype=float)
        return value, asked

    out = []
    for indicator, name, people in (("wrong_exit_rate", "wrongly_exited", True),
                                    ("omission_rate", "omitted", True),
                                    ("approval_rate", "approves", False)):
        value, asked = column(name)
        scale = size if people else np.ones(len(sample))
        r, low, high = ratio_ci(value * scale, asked * scale, w, psu)
        out.append(Estimate(indicator, r, low, high, int(asked.sum()), THRESHOLDS[indicator]))
    if population and registered_poor is not None:
        omitted, _ = column("omitted")
        wrong, _ = column("wrongly_exited")
        z = w * size * (omitted + wrong) / population
        r = (registered_poor + float(np.sum(w * size * (omitted + wrong)))) / population
        low, high = _interval(r, z, psu, 0.95)
        bound = WESTERN_COMPREHENSIVE if western else THRESHOLDS["comprehensive_poverty_rate"][1]
        out.append(Estimate("comprehensive_poverty_rate", r, low, high, len(sample),
                            ("<", bound)))
    return out


def _flag(path: Path, row_no: int, column: str, text: str | None) -> int | None:
    text = (text or "").strip()
    if text == "":
        return None
    if text in {"0", "1"}:
        return int(text)
    raise MeasureError(f"{path}, row {row_no}, column {column}: {text!r} is not 0, 1 or empty")


def read_results(path: str | Path, sample: Sequence[SampledHousehold],
                 households: Mapping[str, Household]) -> dict[str, FieldResult]:
    """``household_id,wrongly_exited,omitted,approves`` back; every household must be in the
    sample, ``wrongly_exited`` only for exited and ``omitted`` only for unregistered ones."""
    path = Path(path)
    in_sample = {h.household_id: h for h in sample}
    try:
        fh = path.open(newline="", encoding="utf-8-sig")
    except OSError as exc:
        raise MeasureError(f"{path}: {exc.strerror}") from exc
    out: dict[str, FieldResult] = {}
    with fh:
        reader = csv.DictReader(fh)
        missing = [c for c in RESULT_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise MeasureError(f"{path}: missing column(s) {', '.join(missing)}")
        for row_no, row in enumerate(reader, start=2):
            hid = (row["household_id"] or "").strip()
            if hid not in in_sample:
                raise MeasureError(f"{path}, row {row_no}, column household_id: {hid!r} is "
                                   "not in the sample")
            if hid in out:
                raise MeasureError(f"{path}, row {row_no}, column household_id: {hid} twice")
            result = FieldResult(*(_flag(path, row_no, c, row[c]) for c in RESULT_COLUMNS[1:]))
            status = households[hid].status if hid in households else ""
            if result.wrongly_exited is not None and status != "exited":
                raise MeasureError(f"{path}, row {row_no}, column wrongly_exited: household "
                                   f"{hid} is {status or 'unknown'}, not exited")
            if result.omitted is not None and in_sample[hid].stratum != "unregistered":
                raise MeasureError(f"{path}, row {row_no}, column omitted: household {hid} is "
                                   "registered; omission is asked of unregistered households")
            out[hid] = result
    return out


def write_estimates(rows: Sequence[Estimate], path: str | Path) -> None:
    """``indicator,estimate,ci_low,ci_high,sampled`` (empty where not computable)."""
    with Path(path).open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(ESTIMATE_COLUMNS)
        for e in rows:
            out.writerow(["" if v is None else v for v in e.values()])
