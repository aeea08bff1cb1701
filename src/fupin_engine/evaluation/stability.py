"""How stable is a ranking under the weights? Monte Carlo over perturbed base points.

Each draw multiplies every base indicator's points by an independent uniform factor in
[1 − spread, 1 + spread], rescales them so they sum to the base again, rescores every county
(the share of its points each county earned on each indicator stays as scored) and reranks.
Vectorised with numpy: a (counties × indicators) @ (indicators × draws) product.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from fupin_engine.evaluation.model import IndicatorSystem
from fupin_engine.evaluation.scoring import score_county


@dataclass(frozen=True)
class Stability:
    """A county's rank (competition ranking, ties share a rank) and its spread over draws:
    median, 5th–95th percentile (low, high), the largest move from the rank, and the share of
    draws that kept exactly the rank."""

    rank: int
    median_rank: float
    low: int
    high: int
    max_move: int
    same_rank_share: float


def competition_ranks(totals: np.ndarray) -> np.ndarray:
    """Competition ranks ("1224") of each row of ``totals`` along axis 0 (higher is better).

    ``totals`` is (counties,) or (counties, draws); rank = 1 + how many are strictly higher.
    """
    t = np.asarray(totals)
    if t.ndim == 1:
        s = np.sort(t)
        return (t.size - np.searchsorted(s, t, side="right") + 1).astype(np.int64)
    order = np.argsort(-t, axis=0, kind="stable")
    ranked = np.take_along_axis(t, order, axis=0)
    n = t.shape[0]
    # position of the first of each run of equal totals, carried down the run
    starts = np.ones(t.shape, dtype=bool)
    starts[1:] = ranked[1:] != ranked[:-1]
    first = np.where(starts, np.arange(n)[:, None], 0)
    first = np.maximum.accumulate(first, axis=0)
    out = np.empty(t.shape, dtype=np.int64)
    np.put_along_axis(out, order, first + 1, axis=0)
    return out


def rank_stability(system: IndicatorSystem,
                   values: Mapping[str, Mapping[str, Decimal | None]], *, seed: int,
                   draws: int = 1000, spread: float = 0.10,
                   extra_deductions: Mapping[str, Decimal] | None = None
                   ) -> dict[str, Stability]:
    """Per county: its rank by total and how that rank moves when the base indicators' weights
    are perturbed (``draws`` draws, factors uniform in [1 − spread, 1 + spread], numpy
    ``default_rng(seed)``; the same seed gives the same result).

    Bonus, capped deduction and the county's ``extra_deductions`` (accountability's, outside
    the cap; so that the rank is the round's) stay as scored; totals are floored at 0 as in
    scoring.
    """
    if draws < 1:
        raise ValueError("draws must be at least 1")
    if not 0 <= spread < 1:
        raise ValueError("spread must be in [0, 1)")
    counties = list(values)
    if not counties:
        return {}
    base_inds = [i for m in system.modules for i in m.indicators]
    points = np.array([float(i.points) for i in base_inds])
    share = np.zeros((len(counties), len(base_inds)))
    fixed = np.zeros(len(counties))
    totals = []
    extra = extra_deductions or {}
    unknown = sorted(set(extra) - set(values))
    if unknown:
        raise ValueError(f"extra_deductions for counties without values: {', '.join(unknown)}")
    for r, county in enumerate(counties):
        sc = score_county(system, values[county],
                          extra_deduction=extra.get(county, Decimal(0)))
        totals.append(sc.total)
        fixed[r] = float(sc.bonus - sc.deduction - sc.extra_deduction)
        for c, ind in enumerate(base_inds):
            if ind.points:
                share[r, c] = float(sc.lines[ind.code].points / ind.points)
    # exact Decimal ties share a rank (competition ranking "1224")
    running, pos = 0, {}
    counts = Counter(totals)
    for t in sorted(counts, reverse=True):
        pos[t] = running + 1
        running += counts[t]
    base_rank = np.array([pos[t] for t in totals], dtype=np.int64)
    rng = np.random.default_rng(seed)
    factors = rng.uniform(1 - spread, 1 + spread, size=(len(base_inds), draws))
    weights = points[:, None] * factors
    weights *= float(system.base) / weights.sum(axis=0, keepdims=True)
    drawn = np.maximum(0.0, share @ weights + fixed[:, None])
    ranks = competition_ranks(np.round(drawn, 6))
    moves = np.abs(ranks - base_rank[:, None])
    med = np.median(ranks, axis=1)
    low = np.floor(np.percentile(ranks, 5, axis=1)).astype(int)
    high = np.ceil(np.percentile(ranks, 95, axis=1)).astype(int)
    same = (moves == 0).mean(axis=1)
    return {county: Stability(rank=int(base_rank[r]), median_rank=float(med[r]),
                              low=int(low[r]), high=int(high[r]),
                              max_move=int(moves[r].max()), same_rank_share=float(same[r]))
            for r, county in enumerate(counties)}
