"""Coverage of the assessment's 95% intervals by simulation (DESIGN decision 15).

A synthetic county with known true rates (``fupin_engine.measures.simulate``) is sampled and
estimated many times; the share of intervals that contain the true rate is printed per
indicator, with the mean half-width. Seeds are the replicate numbers, so a run is reproducible.

    PYTHONPATH=src python -m bench.assessment_coverage --replicates 500 --villages 200
"""

from __future__ import annotations

import argparse
import math
import time

from fupin_engine.measures.estimate import estimate
from fupin_engine.measures.sampling import draw
from fupin_engine.measures.simulate import simulate_county


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicates", type=int, default=500)
    parser.add_argument("--villages", type=int, default=200)
    parser.add_argument("--county-seed", type=int, default=7)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    county = simulate_county(villages=args.villages, seed=args.county_seed)
    households = county.households
    hits = dict.fromkeys(county.rates, 0)
    width = dict.fromkeys(county.rates, 0.0)
    for seed in range(args.replicates):
        sample = draw(county.frame, county="513431", seed=seed)
        for e in estimate(sample.households, county.truth, households):
            hits[e.indicator] += e.ci_low <= county.rates[e.indicator] <= e.ci_high
            width[e.indicator] += (e.ci_high - e.ci_low) / 2
    n = args.replicates
    print(f"county: {len(county.frame)} households in {args.villages} villages "
          f"(seed {args.county_seed}); {n} samples of {len(sample.households)} households")
    print(f"{'indicator':<18}{'true':>8}{'coverage':>10}{'±2 s.e.':>9}{'half-width':>12}")
    for name, rate in county.rates.items():
        cov = hits[name] / n
        se = 2 * math.sqrt(0.95 * 0.05 / n)
        print(f"{name:<18}{rate:>8.4f}{cov:>10.3f}{se:>9.3f}{width[name] / n:>12.4f}")
    print(f"{time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
