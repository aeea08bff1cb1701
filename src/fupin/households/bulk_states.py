"""The yearly states an import writes (ADR 0048), set-based (ADR 0051).

From the staging tables of ``fupin.households.bulk_write``: the year's ``HouseholdState`` of
every household of the file and ``MemberState`` of every member — new ones inserted, changed
ones updated, unchanged ones left alone — and the members' states of households that had a
state of the year, missing from the file, removed. Audited as before: one ledger record per
village (``households.import_state``) with the counts and a SHA-256 over the state rows
written (canonical JSON, streamed from the database in village, household order).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fupin.core import audit
from fupin.households import staging
from fupin.households.bulk_write import HH, MEM, _differs
from fupin.households.history import _Village
from fupin.households.models import HouseholdState, MemberState
from fupin.households.services import HOUSEHOLD_FIELDS, MEMBER_FIELDS

if TYPE_CHECKING:
    from fupin.households.importer import ImportCounts, SnapshotImporter

HS = HouseholdState._meta.db_table
MS = MemberState._meta.db_table
GONE = "fupin_import_mstate_gone"


class BulkStates:
    """Merge the staged rows into the year's states and audit them village by village."""

    def __init__(self, importer: SnapshotImporter, counts: ImportCounts, now) -> None:
        self.importer = importer
        self.counts = counts
        self.year = importer.year
        self.now = now
        self.villages: dict[str, _Village] = {}

    def run(self) -> None:
        self._households()
        self._members()
        self._audit()
        staging.execute(f"DROP TABLE IF EXISTS {GONE}")

    def _households(self) -> None:
        x, y = staging.execute, self.year
        cols = ("village_code", *HOUSEHOLD_FIELDS)
        vals = ("village", *HOUSEHOLD_FIELDS)
        x(f"UPDATE {HH.name} SET spk = t.id, had_state = TRUE FROM {HS} t "  # noqa: S608
          f"WHERE t.household_id = {HH.name}.pk AND t.year = %s", [y])
        x(f"UPDATE {HH.name} SET schanged = TRUE FROM {HS} t "  # noqa: S608
          f"WHERE t.id = {HH.name}.spk AND ({_differs('t', HH.name, cols, vals)})")
        sets = ", ".join(f"{c} = s.{v}" for c, v in zip(cols, vals, strict=True))
        changed = x(f"UPDATE {HS} SET {sets}, updated_at = %s FROM {HH.name} s "  # noqa: S608
                    f"WHERE {HS}.id = s.spk AND s.schanged", [self.now])
        new = x(f"INSERT INTO {HS} (household_id, year, {', '.join(cols)}, "  # noqa: S608
                f"created_at, updated_at) SELECT s.pk, %s, "
                f"{', '.join('s.' + v for v in vals)}, %s, %s FROM {HH.name} s "
                f"WHERE s.spk IS NULL ORDER BY s.row", [y, self.now, self.now])
        x(f"UPDATE {HH.name} SET spk = t.id FROM {HS} t "  # noqa: S608
          f"WHERE {HH.name}.spk IS NULL AND t.household_id = {HH.name}.pk AND t.year = %s",
          [y])
        self.counts.states_new += new
        self.counts.states_changed += changed
        fields = staging.snapshot_columns(HouseholdState, exclude=("id",))
        for village, hid, older, had, *values in staging.stream(
                f"SELECT s.village, s.hid, s.older, s.had_state, "  # noqa: S608
                f"{', '.join('t.' + f.column for f in fields)} FROM {HS} t "
                f"JOIN {HH.name} s ON s.spk = t.id WHERE NOT s.had_state OR s.schanged "
                f"ORDER BY s.village, s.row"):
            kind = "household_changed" if had else "household_new"
            self._add(village, kind, {"household": hid,
                                      **staging.snapshot_row(fields, values)}, older)

    def _members(self) -> None:
        x, y = staging.execute, self.year
        fields_sql = ", ".join(MEMBER_FIELDS)
        x(f"UPDATE {MEM.name} SET spk = t.id, sexisted = TRUE FROM {MS} t "  # noqa: S608
          f"WHERE t.household_id = {MEM.name}.hpk AND t.year = %s "
          f"AND t.id_number_hash = {MEM.name}.hash", [y])
        x(f"UPDATE {MEM.name} SET schanged = TRUE FROM {MS} t "  # noqa: S608
          f"WHERE t.id = {MEM.name}.spk AND ({_differs('t', MEM.name, MEMBER_FIELDS)})")
        sets = ", ".join(f"{f} = s.{f}" for f in MEMBER_FIELDS)
        changed = x(f"UPDATE {MS} SET {sets}, updated_at = %s FROM {MEM.name} s "  # noqa: S608
                    f"WHERE {MS}.id = s.spk AND s.schanged", [self.now])
        new = x(f"INSERT INTO {MS} (household_id, year, id_number_hash, "  # noqa: S608
                f"id_number_masked, {fields_sql}, created_at, updated_at) "
                f"SELECT s.hpk, %s, s.hash, s.masked, "
                f"{', '.join('s.' + f for f in MEMBER_FIELDS)}, %s, %s FROM {MEM.name} s "
                f"WHERE s.spk IS NULL ORDER BY s.hpk, s.hash", [y, self.now, self.now])
        x(f"UPDATE {MEM.name} SET spk = t.id FROM {MS} t "  # noqa: S608
          f"WHERE {MEM.name}.spk IS NULL AND t.household_id = {MEM.name}.hpk "
          f"AND t.year = %s AND t.id_number_hash = {MEM.name}.hash", [y])
        # The household's members in the file are all its members that year.
        gone = staging.copy_table(
            GONE, f"SELECT t.*, s.hid AS import_hid, s.village AS import_village, "  # noqa: S608
                  f"s.older AS import_older FROM {MS} t JOIN {HH.name} s "
                  f"ON s.pk = t.household_id WHERE s.had_state AND t.year = {int(y)} "
                  f"AND NOT EXISTS (SELECT 1 FROM {MEM.name} x "
                  f"WHERE x.hash = t.id_number_hash AND x.hpk = t.household_id)")
        if gone:
            x(f"DELETE FROM {MS} WHERE id IN (SELECT id FROM {GONE})")  # noqa: S608
        self.counts.member_states_new += new
        self.counts.member_states_changed += changed
        self.counts.member_states_removed += gone
        fields = staging.snapshot_columns(MemberState, exclude=("id",))
        cols = ", ".join("t." + f.column for f in fields)
        for village, hid, older, had, digest, *values in staging.stream(
                f"SELECT s.village, s.hid, s.older, s.sexisted, s.hash, {cols} "  # noqa: S608
                f"FROM {MS} t JOIN {MEM.name} s ON s.spk = t.id "
                f"WHERE NOT s.sexisted OR s.schanged ORDER BY s.village, s.hpk, s.hash"):
            kind = "member_changed" if had else "member_new"
            self._add(village, kind, {"household": hid, "person": digest,
                                      **staging.snapshot_row(fields, values)}, older)
        for village, hid, older, digest, *values in staging.stream(
                f"SELECT t.import_village, t.import_hid, t.import_older, "  # noqa: S608
                f"t.id_number_hash, {cols} FROM {GONE} t ORDER BY t.import_village, t.id"):
            self._add(village, "member_removed", {"household": hid, "person": digest,
                                                  **staging.snapshot_row(fields, values)},
                      older)

    def _add(self, village: str, kind: str, row: dict, older) -> None:
        v = self.villages.get(village)
        if v is None:
            v = self.villages[village] = _Village()
        v.add(kind, row, history_only=bool(older))

    def _audit(self) -> None:
        entries = [
            audit.Entry("households.import_state", "households.householdstate",
                        f"{self.year}:{code}", code, None,
                        {"year": self.year, **dict(sorted(v.counts.items())),
                         "sha256": v.digest.hexdigest()})
            for code, v in sorted(self.villages.items()) if v.counts]
        self.counts.audit_records += len(audit.record_many(actor=self.importer.actor,
                                                           entries=entries))
