"""The write pass of a registry import, set-based (ADR 0051).

The validated rows are staged (``fupin.households.staging``) and merged into the current
tables with a handful of statements per table, whatever the number of rows:

* households: matched by ``household_id``; new ones inserted, changed ones (any column
  differs) updated, unchanged ones left alone; a household whose village (or itself) has a
  later year's state keeps its current row (``older``, fupin.households.history);
* members: matched by the keyed hash of the identity number; only the numbers new to the
  registry are encrypted (Fernet) — an existing member's ciphertext is never read nor
  rewritten; members of a household of the file missing from the file are removed;
* economy rows: matched by (household, year); another year than the snapshot's own only where
  the household had no state of that year.

The yearly states follow (``fupin.households.bulk_states``). Before-images of changed and
removed rows are copied into staging tables first, so that the ledger gets every row written
with its before and after (``ledger_rows``), streamed, never held in memory.
"""

from __future__ import annotations

import dataclasses
import heapq
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fupin.core import audit, crypto
from fupin.households import staging
from fupin.households.choices import ECONOMY_AMOUNTS
from fupin.households.models import EconomyYear, Household, Member
from fupin.households.services import HOUSEHOLD_FIELDS, MEMBER_FIELDS
from fupin_engine import idcard

if TYPE_CHECKING:
    from fupin.households.importer import ImportCounts, SnapshotImporter

H = Household._meta.db_table
M = Member._meta.db_table
E = EconomyYear._meta.db_table

_BOOL = "boolean"
HH = staging.Stage("fupin_import_hh", [
    ("hid", "varchar(32)"), ("row", "integer"), ("village", "varchar(12)"),
    ("status", "varchar(8)"), ("exit_year", "integer"), ("housing_grade", "varchar(1)"),
    *((f, _BOOL) for f in HOUSEHOLD_FIELDS[4:]), ("relocated", _BOOL),
    ("head_name", "varchar(50)"), ("older", _BOOL),
    ("pk", "bigint"), ("existed", f"{_BOOL} DEFAULT FALSE"),
    ("changed", f"{_BOOL} DEFAULT FALSE"),
    ("spk", "bigint"), ("had_state", f"{_BOOL} DEFAULT FALSE"),
    ("schanged", f"{_BOOL} DEFAULT FALSE"),
])
_MEMBER_TYPES = {"name": "varchar(50)", "relation": "varchar(12)", "sex": "varchar(1)",
                 "birth_date": "date", "health": "varchar(16)", "disability_grade": "integer",
                 "labor": "varchar(8)", "in_school": _BOOL, "home_schooled": _BOOL,
                 "medical_insurance": _BOOL, "employment": "varchar(8)"}
MEM = staging.Stage("fupin_import_mem", [
    ("hid", "varchar(32)"), ("row", "integer"), ("hash", "varchar(64)"),
    ("masked", "varchar(18)"), ("enc", "text"),
    *((f, _MEMBER_TYPES[f]) for f in MEMBER_FIELDS),
    ("hpk", "bigint"), ("village", "varchar(12)"), ("older", _BOOL),
    ("mpk", "bigint"), ("existed", f"{_BOOL} DEFAULT FALSE"),
    ("changed", f"{_BOOL} DEFAULT FALSE"),
    ("spk", "bigint"), ("sexisted", f"{_BOOL} DEFAULT FALSE"),
    ("schanged", f"{_BOOL} DEFAULT FALSE"),
])
ECON = staging.Stage("fupin_import_econ", [
    ("hid", "varchar(32)"), ("row", "integer"), ("year", "integer"),
    *((c, "numeric(14, 2)") for c in ECONOMY_AMOUNTS),
    ("hpk", "bigint"), ("village", "varchar(12)"), ("epk", "bigint"),
    ("existed", f"{_BOOL} DEFAULT FALSE"), ("changed", f"{_BOOL} DEFAULT FALSE"),
])
_HH_VALUES = ("village", *HOUSEHOLD_FIELDS, "head_name")
_HH_COLUMNS = ("village_code", *HOUSEHOLD_FIELDS, "head_name")


@dataclass(frozen=True)
class LedgerRow:
    """One row written, as the ledger records it: the per-row record of before ADR 0051
    (``entry``) and whether the row is new, changed or removed."""

    change: str  # new | changed | removed
    entry: audit.Entry

    @property
    def division_code(self) -> str:
        return self.entry.division_code


def _row(template: audit.Entry, change: str, object_id: str, division: str,
         before: dict[str, Any] | None, after: dict[str, Any] | None) -> LedgerRow:
    return LedgerRow(change, dataclasses.replace(
        template, object_id=object_id, division_code=division or "", before=before,
        after=after))


def _differs(left: str, right: str, columns: tuple[str, ...], stage_cols=None) -> str:
    op = staging.differs()
    stage_cols = stage_cols or columns
    return " OR ".join(f"{left}.{c} {op} {right}.{s}"
                       for c, s in zip(columns, stage_cols, strict=True))


def _keyed(i: int, rows: Iterator[LedgerRow]) -> Iterator[tuple[str, int, LedgerRow]]:
    for r in rows:
        yield r.division_code, i, r


class BulkWriter:
    """Stage the importer's validated rows and merge them into the current tables."""

    def __init__(self, importer: SnapshotImporter, counts: ImportCounts) -> None:
        self.importer = importer
        self.counts = counts
        self.year = importer.year
        self.now = staging.now()

    def stage(self) -> None:
        for s in (HH, MEM, ECON):
            s.create()
        self._stage_households()
        self._stage_members()
        self._stage_economy()
        HH.index("hid")
        HH.index("pk")
        MEM.index("hash")
        MEM.index("mpk")
        ECON.index("epk")
        for s in (HH, MEM, ECON):
            s.analyze()

    def drop(self) -> None:
        for name in (HH.name, MEM.name, ECON.name, "fupin_import_hh_before",
                     "fupin_import_mem_before", "fupin_import_mem_gone",
                     "fupin_import_econ_before"):
            staging.execute(f"DROP TABLE IF EXISTS {name}")

    # --- staging ---------------------------------------------------------------------------

    def _stage_households(self) -> None:
        db = self.importer.db
        names = ["hid", "row", *_HH_VALUES, "older"]

        def rows():
            for chunk in self.importer._chunks("households"):
                hids = [r["household_id"] for r in chunk]
                plan = {hid: (head, row, older) for hid, head, row, older in db.execute(
                    f"SELECT hid, head_name, row, older FROM hh "  # noqa: S608
                    f"WHERE hid IN ({','.join('?' * len(hids))})", hids)}
                out = []
                for r in chunk:
                    head, row, older = plan[r["household_id"]]
                    out.append((r["household_id"], row, r["village_code"],
                                *(r[f] for f in HOUSEHOLD_FIELDS), head or "", bool(older)))
                yield out
                self.importer.progress("write:households", 0)

        HH.load(names, rows())

    def _stage_members(self) -> None:
        names = ["hid", "row", "hash", "masked", "enc", *MEMBER_FIELDS]

        def rows():
            done = 0
            for chunk in self.importer._chunks("members"):
                digests = [crypto.lookup_hash(r["id_number"]) for r in chunk]
                known = set(Member.objects.filter(id_number_hash__in=digests)
                            .values_list("id_number_hash", flat=True))
                out = []
                for r, digest in zip(chunk, digests, strict=True):
                    number = r["id_number"]
                    enc = None if digest in known else crypto.encrypt(number)
                    out.append((r["household_id"], 0, digest, idcard.mask(number), enc,
                                *(r[f] for f in MEMBER_FIELDS)))
                yield out
                done += len(chunk)
                self.importer.progress("write:members", done)

        MEM.load(names, rows())

    def _stage_economy(self) -> None:
        names = ["hid", "row", "year", *ECONOMY_AMOUNTS]

        def rows():
            for chunk in self.importer._chunks("economy"):
                yield [(r["household_id"], 0, r["year"], *(r[c] for c in ECONOMY_AMOUNTS))
                       for r in chunk]
            self.importer.progress("write:economy", 0)

        ECON.load(names, rows())

    # --- merging ---------------------------------------------------------------------------

    def merge(self) -> None:
        self._households()
        self._members()
        self._economy()

    def _households(self) -> None:
        x = staging.execute
        x(f"UPDATE {HH.name} SET pk = h.id, existed = TRUE FROM {H} h "  # noqa: S608
          f"WHERE h.household_id = {HH.name}.hid")
        x(f"UPDATE {HH.name} SET changed = TRUE FROM {H} h "  # noqa: S608
          f"WHERE h.id = {HH.name}.pk AND NOT {HH.name}.older AND "
          f"({_differs('h', HH.name, _HH_COLUMNS, _HH_VALUES)})")
        staging.copy_table("fupin_import_hh_before", f"SELECT h.* FROM {H} h "  # noqa: S608
                           f"JOIN {HH.name} s ON s.pk = h.id WHERE s.changed")
        sets = ", ".join(f"{c} = s.{v}" for c, v in zip(_HH_COLUMNS, _HH_VALUES, strict=True))
        changed = x(f"UPDATE {H} SET {sets}, updated_at = %s FROM {HH.name} s "  # noqa: S608
                    f"WHERE {H}.id = s.pk AND s.changed", [self.now])
        new = x(f"INSERT INTO {H} (household_id, {', '.join(_HH_COLUMNS)}, "  # noqa: S608
                f"created_at, updated_at) SELECT s.hid, "
                f"{', '.join('s.' + v for v in _HH_VALUES)}, %s, %s FROM {HH.name} s "
                f"WHERE s.pk IS NULL ORDER BY s.row", [self.now, self.now])
        x(f"UPDATE {HH.name} SET pk = h.id FROM {H} h "  # noqa: S608
          f"WHERE {HH.name}.pk IS NULL AND h.household_id = {HH.name}.hid")
        self.counts.households_new += new
        self.counts.households_changed += changed
        self.counts.households_unchanged += staging.scalar(
            f"SELECT count(*) FROM {HH.name} "  # noqa: S608
            f"WHERE existed AND NOT older AND NOT changed")
        HH.analyze()  # the keys are filled in now
        self.importer.progress("write:households", self.counts.households_new + changed)

    def _members(self) -> None:
        x, fields = staging.execute, ", ".join(MEMBER_FIELDS)
        x(f"UPDATE {MEM.name} SET hpk = s.pk, village = s.village, older = s.older "  # noqa: S608
          f"FROM {HH.name} s WHERE s.hid = {MEM.name}.hid")
        x(f"UPDATE {MEM.name} SET mpk = m.id, existed = TRUE FROM {M} m "  # noqa: S608
          f"WHERE m.id_number_hash = {MEM.name}.hash")
        x(f"UPDATE {MEM.name} SET changed = TRUE FROM {M} m "  # noqa: S608
          f"WHERE m.id = {MEM.name}.mpk AND NOT {MEM.name}.older AND "
          f"({_differs('m', MEM.name, ('household_id', *MEMBER_FIELDS), ('hpk', *MEMBER_FIELDS))})")
        staging.copy_table("fupin_import_mem_before", f"SELECT m.* FROM {M} m "  # noqa: S608
                           f"JOIN {MEM.name} s ON s.mpk = m.id WHERE s.changed")
        sets = ", ".join(f"{f} = s.{f}" for f in MEMBER_FIELDS)
        changed = x(f"UPDATE {M} SET household_id = s.hpk, {sets}, updated_at = %s "  # noqa: S608
                    f"FROM {MEM.name} s WHERE {M}.id = s.mpk AND s.changed", [self.now])
        new = x(f"INSERT INTO {M} (household_id, id_number_encrypted, id_number_hash, "  # noqa: S608
                f"id_number_masked, {fields}, created_at, updated_at) "
                f"SELECT s.hpk, s.enc, s.hash, s.masked, "
                f"{', '.join('s.' + f for f in MEMBER_FIELDS)}, %s, %s FROM {MEM.name} s "
                f"WHERE s.mpk IS NULL AND NOT s.older ORDER BY s.hpk, s.hash",
                [self.now, self.now])
        x(f"UPDATE {MEM.name} SET mpk = m.id FROM {M} m "  # noqa: S608
          f"WHERE {MEM.name}.mpk IS NULL AND m.id_number_hash = {MEM.name}.hash")
        # A household's members in the file are all its members: the others are removed.
        gone = staging.copy_table(
            "fupin_import_mem_gone",
            f"SELECT m.*, s.village AS import_village FROM {M} m "  # noqa: S608
            f"JOIN {HH.name} s ON s.pk = m.household_id WHERE s.existed AND NOT s.older "
            f"AND NOT EXISTS (SELECT 1 FROM {MEM.name} x WHERE x.hash = m.id_number_hash "
            f"AND x.hpk = m.household_id)")
        if gone:
            x(f"DELETE FROM {M} WHERE id IN (SELECT id FROM fupin_import_mem_gone)")  # noqa: S608
        MEM.analyze()
        self.counts.members_new += new
        self.counts.members_changed += changed
        self.counts.members_removed += gone
        self.importer.progress("write:members", new + changed + gone)

    def _economy(self) -> None:
        from fupin.households.models import HouseholdState

        x, amounts = staging.execute, ECONOMY_AMOUNTS
        hs = HouseholdState._meta.db_table
        x(f"UPDATE {ECON.name} SET hpk = s.pk, village = s.village "  # noqa: S608
          f"FROM {HH.name} s WHERE s.hid = {ECON.name}.hid")
        # Another year than the snapshot's: only where the household has no state of it.
        x(f"DELETE FROM {ECON.name} WHERE year <> %s AND EXISTS (SELECT 1 FROM {hs} t "  # noqa: S608
          f"WHERE t.household_id = {ECON.name}.hpk AND t.year = {ECON.name}.year)",
          [self.year])
        x(f"UPDATE {ECON.name} SET epk = e.id, existed = TRUE FROM {E} e "  # noqa: S608
          f"WHERE e.household_id = {ECON.name}.hpk AND e.year = {ECON.name}.year")
        x(f"UPDATE {ECON.name} SET changed = TRUE FROM {E} e "  # noqa: S608
          f"WHERE e.id = {ECON.name}.epk AND ({_differs('e', ECON.name, amounts)})")
        staging.copy_table("fupin_import_econ_before", f"SELECT e.* FROM {E} e "  # noqa: S608
                           f"JOIN {ECON.name} s ON s.epk = e.id WHERE s.changed")
        sets = ", ".join(f"{c} = s.{c}" for c in amounts)
        changed = x(f"UPDATE {E} SET {sets}, updated_at = %s FROM {ECON.name} s "  # noqa: S608
                    f"WHERE {E}.id = s.epk AND s.changed", [self.now])
        new = x(f"INSERT INTO {E} (household_id, year, {', '.join(amounts)}, "  # noqa: S608
                f"created_at, updated_at) SELECT s.hpk, s.year, "
                f"{', '.join('s.' + c for c in amounts)}, %s, %s FROM {ECON.name} s "
                f"WHERE s.epk IS NULL ORDER BY s.hpk, s.year", [self.now, self.now])
        x(f"UPDATE {ECON.name} SET epk = e.id FROM {E} e "  # noqa: S608
          f"WHERE {ECON.name}.epk IS NULL AND e.household_id = {ECON.name}.hpk "
          f"AND e.year = {ECON.name}.year")
        self.counts.economy_new += new
        self.counts.economy_changed += changed
        self.importer.progress("write:economy", new + changed)

    # --- the ledger ------------------------------------------------------------------------

    def ledger_rows(self) -> Iterator[LedgerRow]:
        """Every current-table row the merge wrote, with its before and after, streamed in
        village order (households, members, removed members, economy rows of a village)."""
        fields = staging.snapshot_columns(Member)
        cols = ", ".join(f"g.{f.column}" for f in fields)
        removed = audit.Entry("households.import_remove_member", "households.member", "")

        def gone() -> Iterator[LedgerRow]:
            for *values, division in staging.stream(
                    f"SELECT {cols}, g.import_village FROM fupin_import_mem_gone g "  # noqa: S608
                    f"ORDER BY g.import_village, g.id"):
                before = staging.snapshot_row(fields, values)
                yield _row(removed, "removed", str(before["id"]), division, before, None)

        streams = [
            self._rows(Household, HH.name, "pk",
                       audit.Entry("households.import_create", "households.household", ""),
                       audit.Entry("households.import_update", "households.household", "")),
            self._rows(Member, MEM.name, "mpk",
                       audit.Entry("households.import_add_member", "households.member", ""),
                       audit.Entry("households.import_update_member", "households.member", "")),
            gone(),
            self._rows(EconomyYear, ECON.name, "epk",
                       audit.Entry("households.import_economy", "households.economyyear", ""),
                       audit.Entry("households.import_update_economy",
                                   "households.economyyear", ""))]
        # Each stream is in village order: merged, a village's rows come together.
        for _, _, row in heapq.merge(*(_keyed(i, it) for i, it in enumerate(streams)),
                                     key=lambda t: (t[0], t[1])):
            yield row

    def _rows(self, model, stage: str, key: str, created: audit.Entry,
              updated: audit.Entry) -> Iterator[LedgerRow]:
        fields = staging.snapshot_columns(model)
        n, table = len(fields), model._meta.db_table
        cols = ", ".join(f"t.{f.column}" for f in fields)
        older = "AND NOT s.older " if stage == MEM.name else ""
        for *values, village in staging.stream(
                f"SELECT {cols}, s.village FROM {table} t JOIN {stage} s "  # noqa: S608
                f"ON s.{key} = t.id WHERE NOT s.existed {older}ORDER BY s.village, t.id"):
            after = staging.snapshot_row(fields, values)
            yield _row(created, "new", str(after["id"]), village, None, after)
        bcols = ", ".join(f"b.{f.column}" for f in fields)
        for row in staging.stream(
                f"SELECT {bcols}, {cols}, s.village FROM {stage}_before b "  # noqa: S608
                f"JOIN {table} t ON t.id = b.id JOIN {stage} s ON s.{key} = t.id "
                f"ORDER BY s.village, t.id"):
            before = staging.snapshot_row(fields, row[:n])
            after = staging.snapshot_row(fields, row[n:2 * n])
            yield _row(updated, "changed", str(after["id"]), row[-1], before, after)
