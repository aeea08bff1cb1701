"""The integrity tests as the command line runs them: resolve the line, run, write CSV.

``fupin integrity bunching`` only parses its arguments and calls :func:`bunching_csv`;
the CSV columns are a contract others script against (``BUNCHING_COLUMNS``).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from fupin_engine.integrity.bunching import BunchingConfig, BunchingSignal, bunching
from fupin_engine.integrity.data import PER_CAPITA_INCOME, running_table
from fupin_engine.policy.loader import PolicyError, load_pack, resolve_parameters
from fupin_engine.source import SnapshotSource

BUNCHING_COLUMNS = ("division", "households", "excess", "p_value", "flagged")
DEFAULT_POLICY = "cn-national"
DEFAULT_LINE = "monitoring_line"


def resolve_line(year: int, *, line: float | None = None, policy: str = DEFAULT_POLICY,
                 parameter: str = DEFAULT_LINE, province: str | None = None) -> float:
    """``line`` when given; otherwise the pack's ``parameter`` (a line) for the year and
    province, resolved the way a monitoring run resolves it."""
    if line is not None:
        return float(line)
    pack = load_pack(policy)
    if parameter not in pack.parameters:
        raise PolicyError(f"policy {pack.name} has no parameter {parameter!r}; it has "
                          f"{', '.join(sorted(pack.parameters))}")
    return resolve_parameters(pack, year, province)[parameter]


@dataclass
class BunchingReport:
    line: float
    signals: list[BunchingSignal]

    @property
    def flagged(self) -> int:
        return sum(s.flagged for s in self.signals)


def bunching_csv(snapshot: str | Path, year: int, out: str | Path, *, line: float | None = None,
                 by: str = "county", fdr: float = 0.05, variable: str = PER_CAPITA_INCOME,
                 policy: str = DEFAULT_POLICY, parameter: str = DEFAULT_LINE,
                 province: str | None = None) -> BunchingReport:
    """Test bunching at the line for every division of a snapshot; write
    ``division,households,excess,p_value,flagged`` to ``out``."""
    z = resolve_line(year, line=line, policy=policy, parameter=parameter, province=province)
    running = running_table(SnapshotSource.at(snapshot), year, variable)
    try:
        signals = bunching(running, z, level=by, config=BunchingConfig(fdr=fdr))
    finally:
        running.close()
    write_bunching(signals, out)
    return BunchingReport(z, signals)


def write_bunching(signals: list[BunchingSignal], out: str | Path) -> None:
    with Path(out).open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(BUNCHING_COLUMNS)
        for s in signals:
            writer.writerow([s.division, s.households, f"{s.excess:.1f}", f"{s.p_value:.6g}",
                             int(s.flagged)])
