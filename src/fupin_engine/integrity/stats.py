"""The statistical pieces the integrity tests share: exact binomial tails, the polynomial
counterfactual of the bunching estimator and Benjamini–Hochberg."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import stats
from statsmodels.stats.multitest import multipletests

DEFAULT_FDR = 0.05


def binomial_upper(k: int, n: int, p: float) -> float:
    """P(X ≥ k) for X ~ Binomial(n, p): the one-sided exact binomial p-value."""
    if n <= 0 or k <= 0:
        return 1.0
    return float(stats.binom.sf(k - 1, n, p))


def binomial_two_sided(k: int, n: int, p: float) -> float:
    """The exact two-sided binomial p-value (outcomes no more likely than ``k``)."""
    if n <= 0:
        return 1.0
    return float(stats.binomtest(k, n, p, alternative="two-sided").pvalue)


def benjamini_hochberg(p_values: Sequence[float], fdr: float = DEFAULT_FDR) -> list[bool]:
    """Which hypotheses are rejected when the false discovery rate is held at ``fdr``."""
    if not 0 < fdr < 1:
        raise ValueError(f"the false discovery rate is between 0 and 1, not {fdr}")
    if len(p_values) == 0:
        return []
    reject, *_ = multipletests(np.asarray(p_values, dtype=float), alpha=fdr, method="fdr_bh")
    return [bool(r) for r in reject]

