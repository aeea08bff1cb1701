"""Round-number heaping, terminal-digit and first-digit (Benford) tests per group.

A group is whatever recorded the values: a village (the first 12 digits of the code) or a
recording cadre (from the ledger; the product passes it in). Every function takes parallel
sequences (group, value[, household id]) and returns one :class:`DigitSignal` per group,
flagged after Benjamini–Hochberg across the groups. Formulas: ``docs/integrity.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import stats as sps

from fupin_engine.integrity.data import Groups
from fupin_engine.integrity.stats import DEFAULT_FDR, benjamini_hochberg

#: Benford's first-digit law, P(d) = log10(1 + 1/d).
BENFORD = np.log10(1 + 1 / np.arange(1, 10))
#: Nigrini's (2012) first-digit MAD cut-off for nonconformity.
MAD_NONCONFORMITY = 0.015


@dataclass
class DigitSignal:
    """One group's test. ``score``: the heaped share (heaping), Cramér's V (terminal digit)
    or the mean absolute deviation (Benford); ``applies`` false (with ``reason``) when the
    test does not fit the data, which is then never flagged."""

    group: str
    test: str
    n: int
    statistic: float
    p_value: float
    score: float
    flagged: bool = False
    applies: bool = True
    reason: str = ""
    households: list[str] = field(default_factory=list)
    plot: dict = field(default_factory=dict)


def _groups(groups: Sequence[str] | Groups, values: Sequence[float]):
    v = np.asarray(values, dtype=float)
    if isinstance(groups, Groups):
        if groups.index.shape != v.shape:
            raise ValueError("groups and values have the same length")
        return groups.names, groups.index, v
    g = np.asarray(groups, dtype=object).astype(str)
    if g.shape != v.shape:
        raise ValueError("groups and values have the same length")
    names, index = np.unique(g, return_inverse=True)
    return names, index, v


def _members(index: np.ndarray, mask: np.ndarray, ids, groups: int) -> list[list[str]]:
    """Per group, the sorted ids of the rows in ``mask`` (one pass, not one per group)."""
    if ids is None:
        return [[] for _ in range(groups)]
    rows = np.flatnonzero(mask)
    order = rows[np.argsort(index[rows], kind="stable")]
    bounds = np.searchsorted(index[order], np.arange(groups + 1))
    return [sorted(ids[order[bounds[i]:bounds[i + 1]]].tolist()) for i in range(groups)]


def _flag(signals: list[DigitSignal], fdr: float, extra=lambda s: True) -> list[DigitSignal]:
    tested = [s for s in signals if s.applies]
    for s, reject in zip(tested, benjamini_hochberg([s.p_value for s in tested], fdr),
                         strict=True):
        s.flagged = reject and extra(s)
    return signals


def heaping(groups: Sequence[str], values: Sequence[float], *, base: float = 100,
            household_ids: Sequence[str] | None = None, fdr: float = DEFAULT_FDR,
            min_n: int = 30) -> list[DigitSignal]:
    """Share of positive values that are exact multiples of ``base`` (100, 1,000 yuan) in
    each group against the share in all other groups (one-sided exact binomial): a group
    that rounds much more than its peers is a lead, whatever the recording precision."""
    names, index, v = _groups(groups, values)
    positive = np.isfinite(v) & (v > 0)
    heaped = positive & (np.abs(v - np.round(v / base) * base) < 0.005)
    n = np.bincount(index, weights=positive, minlength=len(names)).astype(int)
    k = np.bincount(index, weights=heaped, minlength=len(names)).astype(int)
    total_n, total_k = int(n.sum()), int(k.sum())
    ids = np.asarray(household_ids, dtype=object) if household_ids is not None else None
    # Leave-one-out reference, smoothed so a group never faces a reference of zero.
    ref = (total_k - k + 0.5) / (total_n - n + 1)
    p = np.where(k > 0, sps.binom.sf(k - 1, n, ref), 1.0)
    share = np.divide(k, n, out=np.zeros(len(names)), where=n > 0)
    behind = _members(index, heaped, ids, len(names))
    out = []
    for i, name in enumerate(names):
        out.append(DigitSignal(
            str(name), f"heaping_{int(base)}", int(n[i]), float(k[i]), float(p[i]),
            float(share[i]), applies=bool(n[i] >= min_n),
            reason="" if n[i] >= min_n else f"fewer than {min_n} values",
            households=behind[i], plot={"share": float(share[i]), "reference": float(ref[i])}))
    return _flag(out, fdr)


def terminal_digit(groups: Sequence[str], values: Sequence[float], *,
                   fdr: float = DEFAULT_FDR, min_n: int = 50) -> list[DigitSignal]:
    """Chi-square test that the units digit of the whole-yuan amount is uniform on 0–9
    (values ≥ 10 only, where the units digit is not the leading one)."""
    names, index, v = _groups(groups, values)
    ok = np.isfinite(v) & (v >= 10)
    digit = (np.floor(v[ok]) % 10).astype(int)
    table = np.bincount(index[ok] * 10 + digit, minlength=10 * len(names)).reshape(-1, 10)
    totals = table.sum(axis=1)
    expected = np.maximum(totals, 1)[:, None] / 10
    # Pearson's chi-square against the uniform, every group at once (= scipy's chisquare).
    chi2_all = ((table - expected) ** 2 / expected).sum(axis=1)
    p_all = sps.chi2.sf(chi2_all, 9)
    out = []
    for i, name in enumerate(names):
        counts = table[i]
        n = int(totals[i])
        if n < min_n:
            out.append(DigitSignal(str(name), "terminal_digit", n, 0.0, 1.0, 0.0,
                                   applies=False, reason=f"fewer than {min_n} values",
                                   plot={"digits": list(range(10)),
                                         "observed": counts.tolist()}))
            continue
        chi2, p = float(chi2_all[i]), float(p_all[i])
        out.append(DigitSignal(
            str(name), "terminal_digit", n, chi2, p,
            float(np.sqrt(chi2 / (n * 9))),
            plot={"digits": list(range(10)), "observed": counts.tolist(),
                  "expected": [n / 10] * 10}))
    return _flag(out, fdr)


def first_digits(values: np.ndarray) -> np.ndarray:
    """The leading digit (1–9) of each positive value."""
    v = np.asarray(values, dtype=float)
    return (v / 10 ** np.floor(np.log10(v))).astype(int).clip(1, 9)


def benford(groups: Sequence[str], values: Sequence[float], *, fdr: float = DEFAULT_FDR,
            min_n: int = 300, min_orders: float = 2.0,
            mad_threshold: float = MAD_NONCONFORMITY) -> list[DigitSignal]:
    """First-digit test where Benford's law can apply: at least ``min_n`` positive values
    spanning at least ``min_orders`` orders of magnitude (1st to 99th percentile). Flagged
    when Benjamini–Hochberg rejects the chi-square test *and* the MAD exceeds Nigrini's
    nonconformity cut-off: the chi-square guards small groups, the MAD large ones (where
    any trivial deviation is significant)."""
    names, index, v = _groups(groups, values)
    ok = np.isfinite(v) & (v > 0)
    gi, x_all = index[ok], v[ok]
    order = np.argsort(gi, kind="stable")  # integer keys: a radix sort, linear
    sorted_values, sorted_groups = x_all[order], gi[order]
    bounds = np.searchsorted(sorted_groups, np.arange(len(names) + 1))
    sizes = np.diff(bounds)
    table = np.bincount(sorted_groups * 10 + first_digits(sorted_values),
                        minlength=10 * len(names)).reshape(-1, 10)[:, 1:]
    expected = BENFORD[None, :] * np.maximum(sizes, 1)[:, None]
    chi2_all = ((table - expected) ** 2 / expected).sum(axis=1)
    p_all = sps.chi2.sf(chi2_all, 8)
    out = []
    for i, name in enumerate(names):
        n = int(sizes[i])
        if n:
            p1, p99 = np.percentile(sorted_values[bounds[i]:bounds[i + 1]], (1, 99))
            orders = float(np.log10(p99 / p1))
        else:
            orders = 0.0
        reason = (f"fewer than {min_n} positive values" if n < min_n
                  else f"spans {orders:.1f} orders of magnitude, fewer than {min_orders:g}"
                  if orders < min_orders else "")
        counts = table[i]
        plot = {"digits": list(range(1, 10)), "observed": counts.tolist(),
                "expected": (BENFORD * n).round(2).tolist()}
        if reason:
            out.append(DigitSignal(str(name), "benford", n, 0.0, 1.0, 0.0, applies=False,
                                   reason=reason, plot=plot))
            continue
        mad = float(np.mean(np.abs(counts / n - BENFORD)))
        # MAD expected by chance at this n (normal approximation), shown beside the cut-off.
        plot["expected_mad"] = float(np.mean(np.sqrt(2 * BENFORD * (1 - BENFORD) / (np.pi * n))))
        out.append(DigitSignal(str(name), "benford", n, float(chi2_all[i]), float(p_all[i]),
                               mad, plot=plot))
    return _flag(out, fdr, extra=lambda s: s.score > mad_threshold)

