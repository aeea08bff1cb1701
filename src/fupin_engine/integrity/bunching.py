"""Bunching at a line: excess mass just above it, a binned binomial test of the jump,
placebo thresholds and Benjamini–Hochberg across divisions.

Histogram counts come from one DuckDB query for all divisions; the statistics are then
vectorised over divisions (one least-squares solve per threshold, all divisions at once).
Formulas and references: ``docs/integrity.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import stats as sps

from fupin_engine.integrity.data import RunningTable, level_digits
from fupin_engine.integrity.stats import DEFAULT_FDR, benjamini_hochberg


@dataclass(frozen=True)
class BunchingConfig:
    """The estimator's choices. Bin width defaults to 2 % of the line (120 yuan at 6,000).

    ``bins``: bins fitted on each side of a threshold; ``below``/``above``: bins excluded
    just below/above it (the window where manipulated households go missing/appear);
    ``placebos``: placebo thresholds on each side, ``placebo_step`` bins apart.
    """

    bin_width: float | None = None
    bins: int = 15
    below: int = 2
    above: int = 2
    degree: int = 5
    placebos: int = 4
    placebo_step: int = 5
    fdr: float = DEFAULT_FDR
    min_count: int = 20  # fewer households in the two adjacent bins: no test (p = 1)

    def width(self, line: float) -> float:
        if self.bin_width is not None:
            if self.bin_width <= 0:
                raise ValueError("the bin width is positive")
            return float(self.bin_width)
        return abs(line) * 0.02 or 1.0

    @property
    def reach(self) -> int:
        """Bins either side of the line the histogram must cover (placebos included)."""
        return self.bins + self.placebos * self.placebo_step


@dataclass
class BunchingSignal:
    """One division's bunching test at one line.

    ``excess``: households above the line beyond the counterfactual (in the excluded window
    above it); ``b``: the same in counterfactual bins (Kleven 2016's normalised excess
    mass); ``p_value``: one-sided exact binomial on the two bins adjacent to the line;
    ``placebo_p``: the rank of that p-value among the placebo thresholds' p-values;
    ``flagged``: after Benjamini–Hochberg across the divisions tested together.
    ``plot``: the histogram (lower bin edges, counts) and the counterfactual, with the line.
    """

    division: str
    households: int
    line: float
    excess: float
    b: float
    missing: float
    statistic: int  # households in the bin just above the line
    trials: int  # households in the two bins adjacent to the line
    p_null: float  # share of the two bins expected above under the counterfactual
    p_value: float
    placebo_p_values: list[float] = field(default_factory=list)
    placebo_p: float = 1.0
    flagged: bool = False
    window: tuple[float, float] = (0.0, 0.0)  # the excluded window above the line, [lo, hi)
    plot: dict = field(default_factory=dict)


def histogram(running: RunningTable, line: float, width: float, reach: int,
              level: str) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Counts per division in bins ``[line + j·width, line + (j+1)·width)`` for
    ``j = -reach … reach-1``, and households per division; one query for all divisions."""
    digits = level_digits(level)
    rows = running.con.execute(
        "SELECT substr(village_code, 1, ?) AS division, "
        "CASE WHEN value >= ? AND value < ? THEN CAST(floor((value - ?) / ?) AS INTEGER) "
        "END AS bin, count(*) AS n FROM running WHERE value IS NOT NULL "
        "GROUP BY ALL ORDER BY ALL",
        [digits, line - reach * width, line + reach * width, line, width]).fetchall()
    divisions = sorted({r[0] for r in rows})
    index = {d: i for i, d in enumerate(divisions)}
    counts = np.zeros((len(divisions), 2 * reach), dtype=np.int64)
    households = np.zeros(len(divisions), dtype=np.int64)
    for division, b, n in rows:
        households[index[division]] += n
        if b is not None and -reach <= b < reach:
            counts[index[division], b + reach] += n
    return divisions, households, counts


def _test_at(counts: np.ndarray, offset: int, cfg: BunchingConfig, reach: int) -> dict:
    """Counterfactual, excess and binomial p-value of every division at the threshold
    ``offset`` bins from the line (0 = the line itself)."""
    start = reach + offset - cfg.bins
    window = counts[:, start:start + 2 * cfg.bins].astype(float)
    centres = np.arange(-cfg.bins, cfg.bins) + 0.5
    excluded = (centres > -cfg.below - 0.5) & (centres < cfg.above)
    keep = ~excluded
    degree = min(cfg.degree, int(keep.sum()) - 1)
    vander = np.polynomial.polynomial.polyvander(centres, degree)
    coef, *_ = np.linalg.lstsq(vander[keep], window[:, keep].T, rcond=None)
    cf = np.clip((vander @ coef).T, 0.0, None)
    above = (centres > 0) & excluded
    below = (centres < 0) & excluded
    excess = (window[:, above] - cf[:, above]).sum(axis=1)
    missing = (cf[:, below] - window[:, below]).sum(axis=1)
    per_bin = cf[:, above].mean(axis=1)
    b = np.divide(excess, per_bin, out=np.zeros_like(excess), where=per_bin > 0)
    k = window[:, cfg.bins].astype(np.int64)  # bin [z, z + h)
    n = k + window[:, cfg.bins - 1].astype(np.int64)  # and [z - h, z)
    denom = cf[:, cfg.bins] + cf[:, cfg.bins - 1]
    p0 = np.divide(cf[:, cfg.bins], denom, out=np.full_like(denom, 0.5), where=denom > 0)
    p0 = np.clip(p0, 0.01, 0.99)
    p = np.where((n >= cfg.min_count) & (k > 0), sps.binom.sf(k - 1, n, p0), 1.0)
    return {"cf": cf, "excess": excess, "missing": missing, "b": b, "k": k, "n": n,
            "p0": p0, "p": p}


def from_counts(divisions: Sequence[str], households: np.ndarray, counts: np.ndarray,
                line: float, width: float, cfg: BunchingConfig) -> list[BunchingSignal]:
    """The signals from histogram counts laid out as :func:`histogram` returns them."""
    reach = counts.shape[1] // 2
    if reach < cfg.bins:
        raise ValueError("the histogram does not cover the fitting window")
    main = _test_at(counts, 0, cfg, reach)
    offsets = [s * j * cfg.placebo_step for j in range(1, cfg.placebos + 1) for s in (-1, 1)
               if abs(j * cfg.placebo_step) + cfg.bins <= reach
               and line + (s * j * cfg.placebo_step - cfg.bins) * width >= 0]
    placebo = np.array([_test_at(counts, o, cfg, reach)["p"] for o in offsets]).reshape(
        len(offsets), len(divisions))
    flags = benjamini_hochberg(main["p"], cfg.fdr)
    lower = line + (np.arange(-cfg.bins, cfg.bins)) * width
    out = []
    for i, division in enumerate(divisions):
        pp = [float(x) for x in placebo[:, i]]
        rank = (1 + sum(x <= main["p"][i] for x in pp)) / (1 + len(pp))
        start = reach - cfg.bins
        out.append(BunchingSignal(
            division=division, households=int(households[i]), line=line,
            excess=float(main["excess"][i]), b=float(main["b"][i]),
            missing=float(main["missing"][i]), statistic=int(main["k"][i]),
            trials=int(main["n"][i]), p_null=float(main["p0"][i]),
            p_value=float(main["p"][i]), placebo_p_values=pp, placebo_p=float(rank),
            flagged=flags[i], window=(line, line + cfg.above * width),
            plot={"line": line, "bin_width": width, "lower_edges": lower.tolist(),
                  "counts": counts[i, start:start + 2 * cfg.bins].tolist(),
                  "counterfactual": main["cf"][i].round(2).tolist()}))
    return out


def bunching(running: RunningTable, line: float, *, level: str = "county",
             config: BunchingConfig | None = None) -> list[BunchingSignal]:
    """Bunching signals at ``line`` for every division at ``level``, sorted by code."""
    cfg = config or BunchingConfig()
    width = cfg.width(line)
    divisions, households, counts = histogram(running, line, width, cfg.reach, level)
    return from_counts(divisions, households, counts, line, width, cfg)


def households_behind(running: RunningTable, signals: Sequence[BunchingSignal], *,
                      level: str = "county", only_flagged: bool = True
                      ) -> dict[str, list[str]]:
    """The households in each signal's window just above the line (the leads to verify)."""
    chosen = [s for s in signals if s.flagged or not only_flagged]
    if not chosen:
        return {}
    digits = level_digits(level)
    out: dict[str, list[str]] = {s.division: [] for s in chosen}
    rows = running.con.execute(
        "SELECT substr(r.village_code, 1, ?), r.household_id FROM running r "
        "JOIN (SELECT unnest(?) AS division, unnest(?) AS lo, unnest(?) AS hi) w "
        "ON substr(r.village_code, 1, ?) = w.division AND r.value >= w.lo AND r.value < w.hi "
        "ORDER BY 1, 2",
        [digits, [s.division for s in chosen], [s.window[0] for s in chosen],
         [s.window[1] for s in chosen], digits]).fetchall()
    for division, hid in rows:
        out[division].append(hid)
    return out


__all__ = ["BunchingConfig", "BunchingSignal", "bunching", "from_counts", "histogram",
           "households_behind"]
