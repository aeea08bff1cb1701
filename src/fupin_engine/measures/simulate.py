"""A synthetic county with known true rates, to check the estimators by simulation
(coverage of the 95% intervals): ``tests/test_assess_coverage.py`` and
``bench/assessment_coverage.py``. Outcomes vary between villages (a village effect), as they do
in the field, so the design effect is real."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from fupin_engine.measures.estimate import FieldResult, Household
from fupin_engine.measures.sampling import FrameHousehold


@dataclass
class County:
    frame: list[FrameHousehold]
    truth: dict[str, FieldResult]
    rates: dict[str, float]

    @property
    def households(self) -> dict[str, Household]:
        return {h.household_id: Household(h.status, h.size) for h in self.frame}


def simulate_county(*, villages: int = 80, seed: int = 7, county: str = "513431",
                    wrong_exit: float = 0.03, omission: float = 0.02,
                    approval: float = 0.92) -> County:
    """Villages of 60–400 households; for each household its true field results."""
    rng = np.random.default_rng(seed)
    frame, truth = [], {}
    for v in range(villages):
        code = f"{county}{100 + v // 20:03d}{200 + v % 20:03d}"
        shift = rng.normal(0, 0.6)  # the village effect, on the logit scale

        def p(base: float, s: float = shift) -> float:
            return float(1 / (1 + np.exp(-(np.log(base / (1 - base)) + s))))

        for i in range(int(rng.integers(60, 400))):
            hid = f"{code[6:]}{i:04d}"
            status = rng.choice(["poor", "exited", "general"], p=[0.03, 0.37, 0.60])
            size = int(rng.integers(1, 7))
            frame.append(FrameHousehold(hid, code, str(status), size))
            truth[hid] = FieldResult(
                wrongly_exited=int(rng.random() < p(wrong_exit)) if status == "exited" else None,
                omitted=int(rng.random() < p(omission)) if status == "general" else None,
                approves=int(rng.random() < p(approval, -shift)))
    rates = true_rates(frame, truth)
    return County(frame, truth, rates)


def true_rates(frame: list[FrameHousehold], truth: dict[str, FieldResult]) -> dict[str, float]:
    """The census values of the three rates (people-weighted as the estimators are)."""
    def ratio(name: str, people: bool) -> float:
        num = den = 0.0
        for h in frame:
            value = getattr(truth[h.household_id], name)
            if value is None:
                continue
            s = h.size if people else 1
            num += s * value
            den += s
        return num / den

    return {"wrong_exit_rate": ratio("wrongly_exited", True),
            "omission_rate": ratio("omitted", True),
            "approval_rate": ratio("approves", False)}
