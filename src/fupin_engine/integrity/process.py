"""Process anomalies: pure functions over tables the product passes in (rows of plain
values), so the registry, a snapshot or a test can feed them alike.

Each returns :class:`ProcessSignal` rows: the division, a statistic, a p-value where the
anomaly has a null model (``None`` where it is a rule, not a test), the households behind
it and what a plot needs.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from scipy import stats as sps

from fupin_engine.integrity.data import LEVELS, level_digits
from fupin_engine.integrity.stats import DEFAULT_FDR, benjamini_hochberg
from fupin_engine.snapshot import NET_INCOME_TERMS


@dataclass(frozen=True)
class Elimination:
    """A monitoring object whose risk was eliminated (风险消除)."""

    household_id: str
    village_code: str
    identified_on: dt.date
    eliminated_on: dt.date


@dataclass
class ProcessSignal:
    division: str
    test: str
    statistic: float
    p_value: float | None = None
    flagged: bool = False
    households: list[str] = field(default_factory=list)
    detail: dict = field(default_factory=dict)


def _flag(signals: list[ProcessSignal], fdr: float) -> list[ProcessSignal]:
    for s, reject in zip(signals, benjamini_hochberg([s.p_value or 1.0 for s in signals], fdr),
                         strict=True):
        s.flagged = reject
    return signals


def fast_eliminations(rows: Iterable[Elimination], *, min_days: int,
                      level: str = "village") -> list[ProcessSignal]:
    """Eliminations sooner than ``min_days`` after identification (a rule: the pack's
    minimum monitoring period), grouped per division; every one is a lead."""
    digits = level_digits(level)
    found: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for r in rows:
        days = (r.eliminated_on - r.identified_on).days
        if days < min_days:
            found[r.village_code[:digits]].append((r.household_id, days))
    return [ProcessSignal(d, "fast_elimination", len(v), None, True, sorted(h for h, _ in v),
                          {"days": sorted(x for _, x in v), "min_days": min_days})
            for d, v in sorted(found.items())]


def elimination_bursts(rows: Sequence[Elimination], *, assessments: Sequence[dt.date],
                       window_days: int = 30, period: tuple[dt.date, dt.date] | None = None,
                       level: str = "county", fdr: float = DEFAULT_FDR
                       ) -> list[ProcessSignal]:
    """Eliminations crowded into the ``window_days`` before an assessment. Under a steady
    pace, each of a division's ``n`` eliminations in ``period`` falls in the windows with
    probability (days in windows / days in period); the p-value is the exact binomial tail
    of the count observed there. Benjamini–Hochberg across divisions."""
    if not rows:
        return []
    start, end = period or (min(r.eliminated_on for r in rows),
                            max(r.eliminated_on for r in rows))
    days = (end - start).days + 1
    windows = [(a - dt.timedelta(days=window_days), a) for a in assessments]
    in_window_days = sum(
        max(0, (min(b, end + dt.timedelta(days=1)) - max(a, start)).days) for a, b in windows)
    share = min(max(in_window_days / days, 1e-9), 1.0)
    digits = level_digits(level)
    by: dict[str, list[Elimination]] = defaultdict(list)
    for r in rows:
        if start <= r.eliminated_on <= end:
            by[r.village_code[:digits]].append(r)
    out = []
    for division, rs in sorted(by.items()):
        inside = [r for r in rs if any(a <= r.eliminated_on < b for a, b in windows)]
        k, n = len(inside), len(rs)
        p = float(sps.binom.sf(k - 1, n, share)) if k else 1.0
        out.append(ProcessSignal(division, "elimination_burst", k, p,
                                 households=sorted(r.household_id for r in inside),
                                 detail={"eliminations": n, "expected": n * share,
                                         "window_days": window_days}))
    return _flag(out, fdr)


INCOME_COLUMNS = tuple(name for name, _ in NET_INCOME_TERMS)


def duplicate_income_records(rows: Iterable[Mapping], *, columns: Sequence[str] = INCOME_COLUMNS,
                             min_size: int = 2) -> list[ProcessSignal]:
    """Clusters of households (same year) whose income records are identical to the fen on
    every column; all-zero records are left out (they are not copies). One signal per
    cluster, its division the smallest one holding all the households' villages."""
    clusters: dict[tuple, list[tuple[str, str]]] = defaultdict(list)
    for r in rows:
        amounts = tuple(round(float(r[c]), 2) for c in columns)
        if any(amounts):
            clusters[(r["year"], amounts)].append((r["household_id"], r["village_code"]))
    out = []
    for (year, amounts), members in clusters.items():
        if len(members) < min_size:
            continue
        villages = sorted({v for _, v in members})
        common = next((villages[0][:n] for n in sorted(LEVELS.values(), reverse=True)
                       if len({v[:n] for v in villages}) == 1), "")
        out.append(ProcessSignal(common, "duplicate_income", len(members), None, True,
                                 sorted(h for h, _ in members),
                                 {"year": year, "amounts": dict(zip(columns, amounts,
                                                                    strict=True)),
                                  "villages": villages}))
    return sorted(out, key=lambda s: (-s.statistic, s.division))


def exit_year_jumps(incomes: Mapping[str, Mapping[int, float]], exits: Mapping[str, int],
                    villages: Mapping[str, str], *, line: float, level: str = "county",
                    fdr: float = DEFAULT_FDR) -> list[ProcessSignal]:
    """Households whose per-capita income clears ``line`` in their exit year only (below
    it the year before and, where observed, the year after). The reference rate is the
    same one-year spike among all other household-years; per division the count among
    exits is tested against it (exact binomial), Benjamini–Hochberg across divisions."""

    def spike(hid: str, year: int) -> bool | None:
        inc = incomes.get(hid, {})
        if year not in inc or year - 1 not in inc:
            return None
        after = inc.get(year + 1)
        return inc[year - 1] < line <= inc[year] and (after is None or after < line)

    spikes = trials = 0
    for hid, inc in incomes.items():
        for year in inc:
            if exits.get(hid) != year and (s := spike(hid, year)) is not None:
                trials += 1
                spikes += s
    ref = (spikes + 0.5) / (trials + 1)
    digits = level_digits(level)
    by: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    for hid, year in exits.items():
        if (s := spike(hid, year)) is not None:
            by[villages[hid][:digits]].append((hid, s))
    out = []
    for division, hs in sorted(by.items()):
        k = sum(s for _, s in hs)
        p = float(sps.binom.sf(k - 1, len(hs), ref)) if k else 1.0
        out.append(ProcessSignal(division, "exit_year_jump", k, p,
                                 households=sorted(h for h, s in hs if s),
                                 detail={"exits": len(hs), "reference_rate": ref}))
    return _flag(out, fdr)


def vanishing_monitoring_objects(counts: Iterable[tuple[str, dt.date, int]], *,
                                 assessments: Sequence[dt.date], lead_days: int = 60
                                 ) -> list[ProcessSignal]:
    """Villages whose count of monitoring objects was positive and is zero at the last
    observation in the ``lead_days`` before an assessment (a rule, not a test)."""
    series: dict[str, list[tuple[dt.date, int]]] = defaultdict(list)
    for village, day, n in counts:
        series[village].append((day, n))
    out = []
    for village, obs in sorted(series.items()):
        obs.sort()
        for a in assessments:
            lead = a - dt.timedelta(days=lead_days)
            before = [n for d, n in obs if d < lead]
            inside = [(d, n) for d, n in obs if lead <= d < a]
            if before and before[-1] > 0 and inside and inside[-1][1] == 0:
                out.append(ProcessSignal(village, "vanishing_monitoring_objects", before[-1],
                                         None, True,
                                         detail={"assessment": a.isoformat(),
                                                 "zero_on": inside[-1][0].isoformat(),
                                                 "before": before[-1]}))
    return out
