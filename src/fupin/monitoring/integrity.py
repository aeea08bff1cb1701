"""Integrity runs over the registry: read it once, run the engine's tests, store the signals.

Every statistic comes from ``fupin_engine.integrity`` — this module only chooses the inputs
(the registry inside the user's scope, the recording cadre from the audit ledger) and stores
what the engine returned, so a run's bunching signals equal ``fupin integrity bunching`` over a
snapshot of the same data (tests/test_integrity_runs.py). Signals that pass the run's level
(flagged after Benjamini–Hochberg at its FDR, or a rule that fired) become findings through the
follow-ups named in ``FUPIN_AFTER_INTEGRITY_RUN`` (ADR 0037).

The engine's test modules are imported inside the functions that run them: they bring SciPy
and statsmodels, which cost the web server's first request tens of seconds on a busy
machine, for screens that only read stored signals.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from django.db import transaction

from fupin.core import audit
from fupin.core.access import Scope
from fupin.core.errors import ValidationFailed
from fupin.core.models import AuditBatchRow, AuditRecord
from fupin.households.models import EconomyYear
from fupin.monitoring.integrity_models import IntegrityRun, IntegritySignal
from fupin.monitoring.policy import default_pack_name
from fupin.monitoring.registry import registry_tables
from fupin.regions.choices import NATION_CODE
from fupin_engine.integrity.data import (
    LEVELS,
    NET_INCOME,
    PER_CAPITA_INCOME,
    IntegrityInputError,
    running_table,
)
from fupin_engine.policy.loader import PolicyError
from fupin_engine.source import ArrowSource

#: Division levels a bunching run may test at.
RUN_LEVELS = ("county", "township", "village")
#: Lines a run may test at (pack parameters).
LINE_PARAMETERS = ("monitoring_line", "poverty_line")
#: Households kept per signal (the leads shown and linked; the count is ``n``/statistic).
MAX_BEHIND = 500
#: The tests a run performs, in the order the screens list them.
TESTS = ("bunching", "heaping_100", "heaping_1000", "terminal_digit", "benford",
         "cadre_heaping_100", "cadre_terminal_digit", "duplicate_income", "exit_year_jump")


@dataclass
class IntegrityOutcome:
    run: IntegrityRun
    signals: int
    flagged: int


def _division(code: str) -> str:
    return code.ljust(12, "0")


def _common(villages: Sequence[str]) -> str:
    """The smallest division holding every village, never above the county (a lead needs a
    responsible county, township or village; ADR 0037)."""
    villages = sorted(set(villages))
    for n in sorted(LEVELS.values(), reverse=True):
        if n >= 6 and len({v[:n] for v in villages}) == 1:
            return _division(villages[0][:n])
    return _division(villages[0][:6])


def _key(test: str, year: int, group: str, suffix: str = "") -> str:
    """The finding's idempotency key: one finding per test, year and group (bunching at the
    monitoring line keeps the key ``sync_integrity`` gives the command line's CSV)."""
    return f"integrity:{test}{suffix}:{year}:{group}"[:120]


def _digest(*parts) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:16]


def _fnum(x) -> float | None:
    if x is None:
        return None
    x = float(x)
    return None if not np.isfinite(x) else x


def recording_cadres(scope: Scope, year: int) -> dict[str, str]:
    """Who recorded each household's economy row of ``year``: the actor of the row's last
    write in the ledger, a per-row record (a form) or a row of a batch record (an import,
    ADR 0052), whichever came later. Two queries per 5,000 rows, none per row."""
    rows = dict(EconomyYear.objects.filter(year=year).filter(scope.q("household__village_id"))
                .values_list("pk", "household__household_id"))
    out: dict[str, str] = {}
    keys = [str(pk) for pk in rows]
    otype = "households.economyyear"
    for i in range(0, len(keys), 5000):
        chunk = keys[i:i + 5000]
        writes = [*AuditRecord.objects.filter(object_type=otype, object_id__in=chunk)
                  .values_list("seq", "object_id", "actor_name"),
                  *AuditBatchRow.objects.filter(object_type=otype, object_id__in=chunk)
                  .values_list("record_id", "object_id", "record__actor_name")]
        for _seq, object_id, actor in sorted(writes):
            out[rows[int(object_id)]] = actor
    return out


def _digit_signals(hids, groups, values, *, kind: str, prefix: str, year: int,
                   villages_of: dict[str, str]) -> list[IntegritySignal]:
    """Heaping (100, 1,000), terminal-digit and (per village) Benford signals per group."""
    from fupin_engine.integrity.digits import benford, heaping, terminal_digit

    found = [*heaping(groups, values, base=100, household_ids=hids),
             *terminal_digit(groups, values)]
    if kind == "village":
        found += heaping(groups, values, base=1000, household_ids=hids)
        found += benford(groups, values)
    members: dict[str, list[str]] = {}
    for hid, g in zip(hids, groups, strict=True):
        members.setdefault(g, []).append(villages_of[hid])
    out = []
    for s in found:
        test = f"{prefix}{s.test}"
        division = (_division(s.group) if kind == "village" else _common(members[s.group]))
        group_key = s.group if kind == "village" else f"{_digest(s.group)}:{division}"
        out.append(IntegritySignal(
            division_code=division, test=test, group_kind=kind, group=str(s.group)[:150],
            n=s.n, statistic=s.statistic, p_value=_fnum(s.p_value), score=_fnum(s.score),
            flagged=bool(s.flagged), applies=s.applies, reason=s.reason[:200],
            households=s.households[:MAX_BEHIND], plot=s.plot,
            source_key=_key(test, year, group_key)))
    return out


def _incomes(source: ArrowSource, years: Sequence[int]) -> dict[str, dict[int, float]]:
    out: dict[str, dict[int, float]] = {}
    for y in years:
        running = running_table(source, y, PER_CAPITA_INCOME)
        try:
            for hid, v in running.con.execute(
                    "SELECT household_id, value FROM running WHERE value IS NOT NULL").fetchall():
                out.setdefault(hid, {})[y] = float(v)
        finally:
            running.close()
    return out


def _process_signals(tables, source: ArrowSource, *, year: int, line: float, level: str,
                     fdr: float) -> list[IntegritySignal]:
    """Duplicate income records and exit-year jumps over the line (the registry holds what
    they need; elimination timing lives with the cases and is not tested here)."""
    from fupin_engine.integrity import process

    households = tables["households"].to_pydict()
    villages = dict(zip(households["household_id"], households["village_code"], strict=True))
    economy = [dict(r, village_code=villages.get(r["household_id"], ""))
               for r in tables["economy"].to_pylist() if r["year"] == year]
    out = []
    for s in process.duplicate_income_records(economy):
        division = _common(s.detail["villages"])
        out.append(IntegritySignal(
            division_code=division, test="duplicate_income", group=division,
            n=int(s.statistic), statistic=s.statistic, p_value=None, flagged=True,
            households=s.households[:MAX_BEHIND],
            detail=s.detail,
            source_key=_key("duplicate_income", year, f"{division}:{_digest(*s.households)}")))
    exits = {h: int(y) for h, y in zip(households["household_id"], households["exit_year"],
                                       strict=True) if y is not None and int(y) == year}
    if exits:
        incomes = _incomes(source, (year - 1, year, year + 1))
        for s in process.exit_year_jumps(incomes, exits, villages, line=line, level=level,
                                         fdr=fdr):
            division = _division(s.division)
            out.append(IntegritySignal(
                division_code=division, test="exit_year_jump", group=division,
                n=int(s.detail.get("exits", 0)), statistic=s.statistic,
                p_value=_fnum(s.p_value), score=_fnum(s.detail.get("reference_rate")),
                flagged=s.flagged, households=s.households[:MAX_BEHIND], detail=s.detail,
                source_key=_key("exit_year_jump", year, division)))
    return out


def run_integrity(*, actor, year: int, scope: Scope, level: str = "county",
                  fdr: float = 0.05, line_parameter: str = "monitoring_line",
                  line: float | None = None,
                  progress: Callable[[str, int], None] | None = None) -> IntegrityOutcome:
    """Run every integrity test over the registry inside ``scope`` for ``year`` and store the
    run with its signals (one transaction, audited). Bunching is tested per division at
    ``level`` against the pack's ``line_parameter`` (or ``line``)."""
    if not isinstance(scope, Scope):
        raise TypeError("scope must be a Scope (Scope.nation() for the whole country)")
    if level not in RUN_LEVELS:
        raise ValidationFailed(f"level: one of {', '.join(RUN_LEVELS)}", {"level": "choice"})
    if line_parameter not in LINE_PARAMETERS:
        raise ValidationFailed(f"line: one of {', '.join(LINE_PARAMETERS)}",
                               {"line_parameter": "choice"})
    if not 0 < fdr < 1:
        raise ValidationFailed("the false discovery rate is between 0 and 1", {"fdr": "range"})
    if len(scope.prefix) > LEVELS[level]:
        raise ValidationFailed("the level is at or below the division the run covers",
                               {"level": "above scope"})
    progress = progress or (lambda phase, done=0: None)
    progress("prepare", 0)
    prefix = scope.prefix
    policy = default_pack_name()
    try:
        z = _one_line(year, line=line, policy=policy, parameter=line_parameter, scope=scope)
    except PolicyError as exc:
        raise ValidationFailed(str(exc), {"year": "no line"}) from exc
    timings: dict[str, float] = {}
    started = time.perf_counter()
    progress("read", 0)
    tables = registry_tables(scope)
    cadres = recording_cadres(scope, year)
    source = ArrowSource(tables)
    timings["read"] = round(time.perf_counter() - started, 3)
    progress("assess", 0)
    started = time.perf_counter()
    running = running_table(source, year, PER_CAPITA_INCOME, also=(NET_INCOME,))
    try:
        households = running.con.execute("SELECT count(*) FROM running").fetchone()[0]
        signals = _bunching_signals(running, z, level=level, fdr=fdr, year=year,
                                    line_parameter=line_parameter)
        data = running.con.execute(
            f"SELECT household_id, village_code, {NET_INCOME} FROM running "  # noqa: S608
            f"WHERE {NET_INCOME} IS NOT NULL ORDER BY household_id").fetchall()
    except IntegrityInputError as exc:
        raise ValidationFailed(str(exc)) from exc
    finally:
        running.close()
    hids = [r[0] for r in data]
    villages_of = {r[0]: r[1] for r in data}
    values = [float(r[2]) for r in data]
    if data:
        signals += _digit_signals(hids, [r[1] for r in data], values, kind="village",
                                  prefix="", year=year, villages_of=villages_of)
        recorded = [i for i, h in enumerate(hids) if h in cadres]
        if recorded:
            signals += _digit_signals(
                [hids[i] for i in recorded], [cadres[hids[i]] for i in recorded],
                [values[i] for i in recorded], kind="cadre", prefix="cadre_", year=year,
                villages_of=villages_of)
    signals += _process_signals(tables, source, year=year, line=z, level=level, fdr=fdr)
    timings["test"] = round(time.perf_counter() - started, 3)
    progress("store", 0)
    counts: dict[str, dict[str, int]] = {}
    for s in signals:
        c = counts.setdefault(s.test, {"signals": 0, "flagged": 0})
        c["signals"] += 1
        c["flagged"] += int(s.flagged)
    flagged = sum(int(s.flagged) for s in signals)
    with transaction.atomic():
        run = IntegrityRun.objects.create(
            division_code=_division(prefix) if prefix else NATION_CODE, year=year,
            variable=PER_CAPITA_INCOME, line_parameter=line_parameter, line=z, level=level,
            fdr=fdr, policy_name=policy, counts=counts, timings=timings, flagged=flagged,
            households=households, created_by=getattr(actor, "username", str(actor)))
        for s in signals:
            s.run = run
        IntegritySignal.objects.bulk_create(signals, batch_size=2000)
        audit.record(actor=actor, action="monitoring.integrity_run",
                     object_type="monitoring.integrityrun", object_id=str(run.pk),
                     division_code=run.division_code,
                     after={"year": year, "level": level, "fdr": fdr, "line": z,
                            "line_parameter": line_parameter, "households": households,
                            "signals": len(signals), "flagged": flagged})
    return IntegrityOutcome(run, len(signals), flagged)


def _one_line(year: int, *, line: float | None, policy: str, parameter: str,
              scope: Scope) -> float:
    """The line the run tests against: ``line`` when given; else the scope's province's; over
    the nation, the line of every province present (ADR 0049) — bunching compares each
    division with one line, so provinces with different lines are refused, by name, and
    each province's run tests against its own."""
    from fupin.monitoring.services import provinces_in
    from fupin_engine.integrity.report import resolve_line

    if line is not None or scope.prefix:
        return resolve_line(year, line=line, policy=policy, parameter=parameter,
                            province=scope.prefix[:2] or None)
    present = provinces_in(scope)
    lines = {p: resolve_line(year, policy=policy, parameter=parameter, province=p)
             for p in present}
    if len(set(lines.values())) > 1:
        raise ValidationFailed(
            "the provinces have different lines for the year ("
            + ", ".join(f"{p}: {v:g}" for p, v in sorted(lines.items()))
            + "): run the integrity tests for each province, or give the line",
            {"line_parameter": "lines differ"})
    if lines:
        return next(iter(lines.values()))
    return resolve_line(year, policy=policy, parameter=parameter)


def _bunching_signals(running, z: float, *, level: str, fdr: float, year: int,
                      line_parameter: str) -> list[IntegritySignal]:
    from fupin_engine.integrity.bunching import BunchingConfig, bunching, households_behind

    found = bunching(running, z, level=level, config=BunchingConfig(fdr=fdr))
    behind = households_behind(running, found, level=level, only_flagged=False)
    suffix = "" if line_parameter == "monitoring_line" else f"@{line_parameter}"
    out = []
    for s in found:
        division = _division(s.division)
        out.append(IntegritySignal(
            division_code=division, test="bunching", group=division, n=s.households,
            statistic=s.excess, p_value=_fnum(s.p_value), score=_fnum(s.b),
            flagged=bool(s.flagged), households=behind.get(s.division, [])[:MAX_BEHIND],
            plot=s.plot,
            detail={"excess": s.excess, "missing": s.missing, "b": s.b, "k": s.statistic,
                    "trials": s.trials, "p_null": s.p_null, "placebo_p": s.placebo_p,
                    "placebo_p_values": s.placebo_p_values, "window": list(s.window),
                    "line_parameter": line_parameter},
            source_key=_key("bunching", year, division, suffix)))
    return out


def flagged_signals(run: IntegrityRun):
    """The signals of ``run`` that passed its level: what the follow-ups turn into leads."""
    return run.signals.filter(flagged=True).order_by("pk")


def link_findings(run: IntegrityRun, findings: dict[int, int], follow_up: dict) -> None:
    """Record which finding each signal opened or found open (written by the follow-up)."""
    with transaction.atomic():
        for signal_pk, finding_pk in findings.items():
            IntegritySignal.objects.filter(run=run, pk=signal_pk).update(finding_id=finding_pk)
        merged = {**(run.follow_up or {}), **follow_up}
        IntegrityRun.objects.filter(pk=run.pk).update(follow_up=merged)
        run.follow_up = merged
