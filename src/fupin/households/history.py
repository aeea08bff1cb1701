"""The registry by year: what an import writes to the yearly states (ADR 0048).

A snapshot describes the registry at the end of one year, its *year*: the latest economy year in
the file (a file without economy rows: the current year). Importing it

* writes the state rows of that year (``HouseholdState``, ``MemberState``): new rows inserted,
  changed ones updated, a member no longer in the household that year removed from that year,
  unchanged rows left alone — an unchanged re-import writes nothing;
* writes the current tables (``Household``, ``Member``) only for households of villages whose
  latest snapshot year (and the household's own latest state year) is not after it: an older
  year's import writes history only, village by village — a household new to the registry
  gets its ``Household`` row (so that its states have one) but no members in today's roster,
  and no run after that year reads it;
* writes an economy row of another year than its own only where the household has no state of
  that year: each year's own snapshot is authoritative for its year.

Audited without one ledger record per state row: every state write is recorded as one record
per import, year and village (``households.import_state``), beside the current-table writes
recorded row by row (``households.import_*``): the counts and a SHA-256 over all the
village's state rows written (each as canonical JSON, in the order written), so that the
ledger proves what the import wrote without growing with the registry, and a run over the
village sees a new state.

The importer's staging database carries the plan: ``hh.latest`` (the household's latest state
year before the import), ``hh.older`` (1: current rows left alone) and ``seen (hid, year)``
(the years of which the household already had a state).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import Max

from fupin.households.models import HouseholdState, Member, MemberState

if TYPE_CHECKING:
    from fupin.households.importer import SnapshotImporter

CHUNK = 1000
STAGING = """
    CREATE TABLE IF NOT EXISTS seen (hid TEXT, year INT, PRIMARY KEY (hid, year));
    CREATE TABLE IF NOT EXISTS vmax (village TEXT PRIMARY KEY, year INT);
"""
#: The advisory lock key of registry imports on PostgreSQL (two imports of different years
#: must not interleave: each reads the latest state years before writing).
LOCK_KEY = 4_800_048


def lock() -> None:
    """Serialize registry imports until the end of the transaction (PostgreSQL; SQLite writes
    are serialized by the database itself)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])


def village_years(villages: Iterable[str]) -> dict[str, int]:
    """Each village's latest snapshot year (the greatest year with a state of the village)."""
    villages = list(set(villages))
    out: dict[str, int] = {}
    for i in range(0, len(villages), CHUNK):
        out.update(HouseholdState.objects.filter(village_code__in=villages[i:i + CHUNK])
                   .values("village_code").annotate(y=Max("year"))
                   .values_list("village_code", "y"))
    return out


def snapshot_year(importer: SnapshotImporter) -> int:
    """The year of the file: its latest economy year, else the current year."""
    latest = importer.db.execute("SELECT max(year) FROM econ").fetchone()[0]
    return int(latest) if latest is not None else importer.today.year


def _marks(values: list) -> str:
    return ",".join("?" * len(values))


def prepare(importer: SnapshotImporter) -> int:
    """Record, per household of the file, its latest state year and the years it has states
    of; mark the households whose current rows this import leaves alone. Returns the year."""
    db = importer.db
    year = importer.year
    db.executescript(STAGING)
    hids = [r[0] for r in db.execute("SELECT hid FROM hh")]
    for i in range(0, len(hids), CHUNK):
        part = hids[i:i + CHUNK]
        rows = list(HouseholdState.objects.filter(household__household_id__in=part)
                    .values_list("household__household_id", "year"))
        db.executemany("INSERT OR IGNORE INTO seen (hid, year) VALUES (?, ?)", rows)
    db.execute("UPDATE hh SET latest = (SELECT max(year) FROM seen WHERE seen.hid = hh.hid)")
    villages = [r[0] for r in db.execute("SELECT DISTINCT village FROM hh")]
    db.executemany("INSERT OR REPLACE INTO vmax (village, year) VALUES (?, ?)",
                   village_years(villages).items())
    db.execute("UPDATE hh SET older = 1 WHERE latest > ? OR (SELECT year FROM vmax "
               "WHERE vmax.village = hh.village) > ?", (year, year))
    return year


def older(importer: SnapshotImporter, hids: Iterable[str]) -> set[str]:
    """The households among ``hids`` whose current rows this import leaves alone."""
    hids = list(set(hids))
    if not hids:
        return set()
    return {r[0] for r in importer.db.execute(
        f"SELECT hid FROM hh WHERE older = 1 AND hid IN ({_marks(hids)})", hids)}  # noqa: S608


def economy_rows(importer: SnapshotImporter, chunk: list[dict]) -> list[dict]:
    """The economy rows of ``chunk`` to write: the snapshot's own year always; another year
    only where the household had no state of that year before this import."""
    pairs = [(r["household_id"], r["year"]) for r in chunk if r["year"] != importer.year]
    if not pairs:
        return chunk
    hids = list({h for h, _ in pairs})
    seen = set(importer.db.execute(
        f"SELECT hid, year FROM seen WHERE hid IN ({_marks(hids)})", hids))  # noqa: S608
    return [r for r in chunk if (r["household_id"], r["year"]) not in seen
            or r["year"] == importer.year]


@dataclass
class _Village:
    """What the import wrote to one village's states of the year (one ledger record)."""

    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    digest: Any = field(default_factory=hashlib.sha256)

    def add(self, kind: str, row: dict[str, Any], *, history_only: bool) -> None:
        self.counts[kind] += 1
        self.counts["history_only"] += history_only
        self.digest.update(json.dumps([kind, row], sort_keys=True, ensure_ascii=False,
                                      separators=(",", ":"), default=str).encode() + b"\n")


def registered_elsewhere(importer: SnapshotImporter,
                         pending: list[tuple[str, str, int, str]]) -> dict[str, tuple[str, str]]:
    """Per identity number of ``pending`` (hash, household, row, masked) the household (and
    village) it is registered to: today's roster for a household the import writes as today,
    that year's members' states for a history-only one (a person who moved household since
    does not block an older year's file)."""
    db, year = importer.db, importer.year or snapshot_year(importer)
    hids = list({p[1] for p in pending})
    vmax = village_years(r[0] for r in db.execute(
        f"SELECT village FROM hh WHERE hid IN ({_marks(hids)})", hids))  # noqa: S608
    plan = {hid: (vmax.get(village) or 0) > year for hid, village in db.execute(
        f"SELECT hid, village FROM hh WHERE hid IN ({_marks(hids)})", hids)}  # noqa: S608
    plan.update({r[0]: True for r in HouseholdState.objects.filter(
        household__household_id__in=hids, year__gt=year).values_list("household__household_id")})
    past = [p[0] for p in pending if plan.get(p[1])]
    today = [p[0] for p in pending if not plan.get(p[1])]
    found = {d: (o, v) for d, o, v in Member.objects.filter(id_number_hash__in=today)
             .values_list("id_number_hash", "household__household_id", "household__village_id")}
    found.update({d: (o, v) for d, o, v in MemberState.objects.filter(
        id_number_hash__in=past, year=year).values_list(
            "id_number_hash", "household__household_id", "household__village_id")})
    return found
