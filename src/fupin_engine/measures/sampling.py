"""The third-party assessment's sample for one county: two-stage, stratified, seeded.

Stage 1: villages with probability proportional to size (rural population, the people of the
county's households), systematic PPS over the villages in code order (an implicit
stratification by township), villages larger than the sampling interval taken with certainty
(Cochran 1977 §9A.7–8; Särndal, Swensson & Wretman 1992 §3.6). ``π_v = n M_v / M`` (certainties 1).
Stage 2: in each sampled village, two strata — ``registered`` (status poor or exited) and
``unregistered`` (status general) — each a simple random sample without replacement of ``m``
households (all of them if fewer): ``π_i = π_v · m_vh / N_vh``; the design weight is ``1/π_i``.
The rest of each stratum is shuffled too, in advance: the ordered replacement list used, in
order, for refusals and absences. One :class:`numpy.random.Generator` seeded with the published
seed draws everything, in a fixed order, so the same seed and frame give the same sample.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from fupin_engine.measures import MeasureError

STRATA = ("registered", "unregistered")
SAMPLE_COLUMNS = ("village_code", "household_id", "stratum", "weight")
#: The practice of county exit assessments (贫困县退出专项评估检查): about 25–29 villages and
#: 1,400–2,000 households per county.
VILLAGES_RANGE = (25, 29)
HOUSEHOLDS_RANGE = (1400, 2000)


def stratum_of(status: str) -> str:
    return "registered" if status in {"poor", "exited"} else "unregistered"


@dataclass(frozen=True)
class FrameHousehold:
    """A household of the sampling frame (from the snapshot)."""

    household_id: str
    village_code: str
    status: str
    size: int


@dataclass(frozen=True)
class SampledHousehold:
    household_id: str
    village_code: str
    stratum: str
    probability: float

    @property
    def weight(self) -> float:
        return 1.0 / self.probability


def households_for(margin: float = 0.01, rate: float = 0.02, deff: float = 2.0,
                   confidence_z: float = 1.959963984540054) -> int:
    """Households for a proportion near ``rate`` with half-width ``margin`` under design effect
    ``deff`` (Cochran 1977 eq. 4.2 times the design effect): ``deff · z² p(1−p) / e²``.
    The defaults (2% expected wrong exits, ±1 point, deff 2) give 1,506."""
    if not (0 < rate < 1) or margin <= 0 or deff <= 0:
        raise MeasureError("sample size: 0 < rate < 1, margin > 0 and deff > 0")
    return math.ceil(deff * confidence_z ** 2 * rate * (1 - rate) / margin ** 2)


def plan_sizes(households: int | None = None, villages: int | None = None, *,
               margin: float = 0.01, rate: float = 0.02, deff: float = 2.0,
               frame_villages: int | None = None) -> tuple[int, int]:
    """(villages, households per stratum per village). Without ``households`` it comes from
    the margin, rate and design effect, kept within 1,400–2,000; villages default to about 60
    households each, kept within 25–29 and the villages the county has."""
    if households is None:
        households = min(max(households_for(margin, rate, deff), HOUSEHOLDS_RANGE[0]),
                         HOUSEHOLDS_RANGE[1])
    if households < 2:
        raise MeasureError("households: at least 2 (one per stratum)")
    if villages is None:
        villages = min(max(math.ceil(households / 60), VILLAGES_RANGE[0]), VILLAGES_RANGE[1])
    if frame_villages is not None:
        villages = min(villages, frame_villages)
    if villages < 1:
        raise MeasureError("villages: at least 1")
    return villages, max(1, math.ceil(households / (2 * villages)))


def pps_probabilities(sizes: Sequence[float], n: int) -> np.ndarray:
    """Inclusion probabilities ``n M_v / M``, with units above 1 set to certainty and the rest
    recomputed on the remaining units and draws. They sum to ``n``."""
    m = np.asarray(sizes, dtype=float)
    if n > len(m):
        raise MeasureError(f"cannot draw {n} villages from {len(m)}")
    if (m <= 0).any():
        raise MeasureError("every village needs a positive rural population")
    pi = np.zeros(len(m))
    certain = np.zeros(len(m), dtype=bool)
    while True:
        rest = ~certain
        left = n - certain.sum()
        pi[rest] = left * m[rest] / m[rest].sum() if left else 0.0
        over = rest & (pi >= 1.0)
        if not over.any():
            break
        certain |= over
    pi[certain] = 1.0
    return pi


def systematic_pps(pi: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Indices drawn by systematic sampling on the cumulated probabilities (one random start);
    each unit is drawn with probability exactly ``pi`` (each ``pi ≤ 1``)."""
    certain = pi >= 1.0
    rest = np.flatnonzero(~certain)
    u = rng.random()
    cum = np.concatenate([[0.0], np.cumsum(pi[rest])])
    points = u + np.arange(round(cum[-1]))
    hits = np.minimum(np.searchsorted(cum, points, side="right") - 1, len(rest) - 1)
    return np.sort(np.concatenate([np.flatnonzero(certain), rest[hits]]))


@dataclass
class Sample:
    """A drawn sample: the households, every village's probability (drawn or not), the
    replacement lists and the parameters to redraw it."""

    county: str
    seed: int
    households: list[SampledHousehold]
    village_probabilities: dict[str, float]
    villages_drawn: list[str]
    replacements: dict[tuple[str, str], list[SampledHousehold]]
    per_stratum: int
    used: dict[tuple[str, str], int] = field(default_factory=dict)

    def replace(self, household_id: str) -> SampledHousehold:
        """The next unused replacement for a sampled household that refused or was absent
        (same village and stratum, taken in the drawn order); it takes the household's place."""
        index = next((i for i, h in enumerate(self.households)
                      if h.household_id == household_id), None)
        if index is None:
            raise MeasureError(f"household {household_id} is not in the sample")
        h = self.households[index]
        key = (h.village_code, h.stratum)
        queue = self.replacements.get(key, [])
        k = self.used.get(key, 0)
        if k >= len(queue):
            raise MeasureError(f"village {h.village_code}, stratum {h.stratum}: no replacement "
                               "household left")
        self.used[key] = k + 1
        self.households[index] = queue[k]
        return queue[k]

    def write(self, path: str | Path) -> None:
        write_sample(self.households, path)


def draw(frame: Iterable[FrameHousehold], *, county: str, seed: int,
         villages: int | None = None, households: int | None = None,
         margin: float = 0.01, rate: float = 0.02, deff: float = 2.0) -> Sample:
    """Draw the two-stage sample of ``county`` (6 digits) from ``frame`` (see module doc);
    without ``households`` the size comes from ``margin``, ``rate`` and ``deff``
    (:func:`plan_sizes`)."""
    rows = sorted((h for h in frame if h.village_code.startswith(county)),
                  key=lambda h: (h.village_code, h.household_id))
    if not rows:
        raise MeasureError(f"county {county}: no households in the snapshot")
    codes = sorted({h.village_code for h in rows})
    people = dict.fromkeys(codes, 0)
    by_stratum: dict[tuple[str, str], list[FrameHousehold]] = {}
    for h in rows:
        people[h.village_code] += max(h.size, 0)
        by_stratum.setdefault((h.village_code, stratum_of(h.status)), []).append(h)
    n, m = plan_sizes(households, villages, margin=margin, rate=rate, deff=deff,
                      frame_villages=len(codes))
    rng = np.random.default_rng(seed)
    pi = pps_probabilities([people[c] for c in codes], n)
    drawn = [codes[i] for i in systematic_pps(pi, rng)]
    probs = dict(zip(codes, (float(p) for p in pi), strict=True))
    sampled: list[SampledHousehold] = []
    replacements: dict[tuple[str, str], list[SampledHousehold]] = {}
    for code in drawn:
        for stratum in STRATA:
            units = by_stratum.get((code, stratum), [])
            if not units:
                continue
            take = min(m, len(units))
            p = probs[code] * take / len(units)
            order = rng.permutation(len(units))
            chosen = [SampledHousehold(units[j].household_id, code, stratum, p) for j in order]
            sampled.extend(chosen[:take])
            replacements[(code, stratum)] = chosen[take:]
    return Sample(county, seed, sampled, probs, drawn, replacements, m)


def write_sample(households: Iterable[SampledHousehold], path: str | Path) -> None:
    """``village_code,household_id,stratum,weight`` (the ``fupin assess sample`` contract)."""
    with Path(path).open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(SAMPLE_COLUMNS)
        for h in households:
            out.writerow((h.village_code, h.household_id, h.stratum, repr(h.weight)))


def read_sample(path: str | Path) -> list[SampledHousehold]:
    """A sample file back; errors name the file, row and column."""
    path = Path(path)
    out: list[SampledHousehold] = []
    try:
        fh = path.open(newline="", encoding="utf-8-sig")
    except OSError as exc:
        raise MeasureError(f"{path}: {exc.strerror}") from exc
    with fh:
        reader = csv.DictReader(fh)
        missing = [c for c in SAMPLE_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise MeasureError(f"{path}: missing column(s) {', '.join(missing)}")
        seen: set[str] = set()
        for row_no, row in enumerate(reader, start=2):
            hid = (row["household_id"] or "").strip()
            if not hid:
                raise MeasureError(f"{path}, row {row_no}, column household_id: empty")
            if hid in seen:
                raise MeasureError(f"{path}, row {row_no}, column household_id: {hid} twice")
            seen.add(hid)
            stratum = (row["stratum"] or "").strip()
            if stratum not in STRATA:
                raise MeasureError(f"{path}, row {row_no}, column stratum: {stratum!r} is not "
                                   "registered or unregistered")
            try:
                weight = float(row["weight"])
            except (TypeError, ValueError):
                weight = float("nan")
            if not math.isfinite(weight) or weight < 1:
                raise MeasureError(f"{path}, row {row_no}, column weight: {row['weight']!r} is "
                                   "not a weight (a number ≥ 1)")
            out.append(SampledHousehold(hid, (row["village_code"] or "").strip(), stratum,
                                        1.0 / weight))
    if not out:
        raise MeasureError(f"{path}: no sampled households")
    return out
