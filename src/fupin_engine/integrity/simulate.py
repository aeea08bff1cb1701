"""Size and power of the bunching test by simulation (ADR 0024: seeds recorded).

Counties have the generator's smooth income density (``fupin_engine.generate``: a mixture of
log-normals around 4,200 / 8,200 / 11,000 yuan, σ = 0.45, shares 4 / 36 / 60 %); a
manipulated county has ``share`` of its households moved from just below the line (the two
bins under it) to just above it (the bin over it).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from fupin_engine.integrity.bunching import BunchingConfig, bunching
from fupin_engine.integrity.data import running_from_values

MEDIANS = (4200.0, 8200.0, 11000.0)
SHARES = (0.04, 0.36, 0.60)
SIGMA = 0.45


def smooth_incomes(n: int, rng: np.random.Generator) -> np.ndarray:
    """Per-capita incomes of ``n`` households with the generator's smooth density."""
    group = rng.choice(len(MEDIANS), size=n, p=SHARES)
    return np.exp(np.log(np.asarray(MEDIANS)[group]) + SIGMA * rng.standard_normal(n))


def manipulate(values: np.ndarray, share: float, line: float, width: float,
               rng: np.random.Generator) -> np.ndarray:
    """Move ``share`` of all households from ``[line - 2·width, line)`` to
    ``[line, line + width)`` (as many as there are, if fewer)."""
    out = values.copy()
    below = np.flatnonzero((out >= line - 2 * width) & (out < line))
    moved = rng.choice(below, size=min(round(share * len(out)), len(below)), replace=False)
    out[moved] = line + rng.random(len(moved)) * width
    return out


@dataclass
class SizePower:
    replicates: int
    counties: int
    households: int
    size: float  # share of clean counties flagged after Benjamini–Hochberg
    raw_size: float  # share of clean counties with an unadjusted p-value below the FDR level
    power: float  # share of replicates in which the manipulated county is flagged
    seed: int


def size_and_power(*, replicates: int, counties: int = 10, households: int = 20_000,
                   share: float = 0.02, line: float = 6000.0, seed: int = 20260101,
                   config: BunchingConfig | None = None) -> SizePower:
    """Each replicate: ``counties`` counties, the first manipulated, tested together with
    Benjamini–Hochberg. Size counts flags among the clean ones, power the first's flags."""
    cfg = config or BunchingConfig()
    rng = np.random.default_rng(seed)
    width = cfg.width(line)
    false = hits = raw = 0
    for _ in range(replicates):
        codes: list[np.ndarray] = []
        values: list[np.ndarray] = []
        for c in range(counties):
            v = smooth_incomes(households, rng)
            if c == 0:
                v = manipulate(v, share, line, width, rng)
            values.append(v)
            codes.append(np.full(households, f"5134{c:02d}100200"))
        running = running_from_values(np.concatenate(codes), np.concatenate(values))
        try:
            signals = bunching(running, line, config=cfg)
        finally:
            running.close()
        hits += signals[0].flagged
        false += sum(s.flagged for s in signals[1:])
        raw += sum(s.p_value < cfg.fdr for s in signals[1:])
    return SizePower(replicates, counties, households,
                     size=false / (replicates * (counties - 1)),
                     raw_size=raw / (replicates * (counties - 1)), power=hits / replicates,
                     seed=seed)
