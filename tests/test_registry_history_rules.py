"""Which state a run for a year reads (ADR 0048): a household absent from its village's
snapshot of the year is not in that year's registry (dissolved, not yet formed, registered by
hand since); an older year's import writes history only, village by village; the migration's
backfill is one snapshot per village; every state write is audited; imports are serialized."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

from django.db import connection

from fupin.core import crypto
from fupin.core.access import Scope
from fupin.core.models import AuditRecord
from fupin.households.importer import run_import
from fupin.households.models import EconomyYear, Household, HouseholdState, Member, MemberState
from fupin.monitoring.registry import registry_tables
from tests import factories
from tests.conftest import is_postgres
from tests.test_registry_history import YEARS, load, relation, relation_of, snapshots, write


def _hids(year: int) -> set[str]:
    return {r["household_id"] for r in
            registry_tables(Scope.nation(), year=year)["households"].to_pylist()}


def _dissolved(snaps) -> str:
    (hid,) = {h["household_id"] for h in snaps[2020].households} - {
        h["household_id"] for h in snaps[2021].households}
    return hid


def _mover(snaps) -> tuple[str, str, str]:
    before = {m["id_number"]: m["household_id"] for m in snaps[2020].members}
    (moved,) = [(m["id_number"], before[m["id_number"]], m["household_id"])
                for m in snaps[2021].members
                if m["id_number"] in before and before[m["id_number"]] != m["household_id"]]
    return moved


def test_a_household_dissolved_after_2020_is_in_2020_and_not_in_2021(tree, tmp_path):
    snaps = snapshots()
    folders = write(tmp_path, snaps)
    for year in YEARS:
        load(folders[year])
    gone = _dissolved(snaps)
    assert Household.objects.filter(household_id=gone).exists()  # never deleted
    assert gone in _hids(2020)
    assert gone not in _hids(2021)
    assert relation(2021, "households") == relation_of(snaps[2021], "households")


def test_a_household_registered_by_hand_is_only_in_the_latest_snapshots_years(tree, tmp_path):
    snaps = snapshots()
    folders = write(tmp_path, snaps)
    for year in YEARS:
        load(folders[year])
    village = snaps[2021].households[0]["village_code"]
    factories.household(village, household_id="H-BY-HAND-1")  # households.services
    assert "H-BY-HAND-1" not in _hids(2019)
    assert "H-BY-HAND-1" not in _hids(2020)
    assert "H-BY-HAND-1" in _hids(2021)
    assert "H-BY-HAND-1" in _hids(2024)


def test_an_older_year_after_a_move_and_a_dissolution_writes_history_only(tree, tmp_path):
    snaps = snapshots()
    folders = write(tmp_path, snaps)
    load(folders[2021])
    person, old_home, new_home = _mover(snaps)
    gone = _dissolved(snaps)
    roster = Member.objects.count()
    # The person now in another household (not in the file) does not block a 2019 file.
    alone = snaps[2019]
    alone.households = [h for h in alone.households if h["household_id"] == old_home]
    alone.members = [m for m in alone.members if m["household_id"] == old_home]
    alone.economy = [e for e in alone.economy if e["household_id"] == old_home]
    load(write(tmp_path / "alone", {2019: alone})[2019])
    counts = load(folders[2019])
    assert counts.members_new == counts.members_removed == counts.members_changed == 0
    assert Member.objects.count() == roster
    assert Member.objects.get(id_number_hash=crypto.lookup_hash(person)).household \
        .household_id == new_home
    # The dissolved household gets the row its states hang on, no members today and no run
    # after 2019 reads it.
    assert not Member.objects.filter(household__household_id=gone).exists()
    assert MemberState.objects.filter(household__household_id=gone, year=2019).exists()
    assert gone in _hids(2019)
    assert gone not in _hids(2021)
    load(folders[2020])
    assert gone in _hids(2020)
    assert gone not in _hids(2021)
    for year in YEARS:
        assert relation(year, "members") == relation_of(snapshots()[year], "members"), year
    assert relation(2019, "households") == relation_of(snapshots()[2019], "households")


def test_the_backfill_is_one_snapshot_per_village(tree, tmp_path):
    """A household with a later economy year than its neighbours does not make them vanish."""
    snaps = snapshots()
    load(write(tmp_path, snaps)[2021])
    first = Household.objects.order_by("household_id").first()
    row = EconomyYear.objects.filter(household=first, year=2021).get()
    row.pk, row.year = None, 2022
    row.save()
    before = relation(None, "households")
    MemberState.objects.all().delete()
    HouseholdState.objects.all().delete()
    migration = importlib.import_module("fupin.households.migrations.0005_history_by_year")
    migration.backfill(None, SimpleNamespace(connection=connection))
    years = set(HouseholdState.objects.filter(village_code=first.village_id)
                .values_list("year", flat=True))
    assert years == {2022}
    for year in (2019, 2021, 2022):
        assert relation(year, "households") == before, year


def test_a_state_rewritten_while_the_current_rows_stay_equal_is_audited(tree, tmp_path):
    snaps = snapshots()
    folder = write(tmp_path, snaps)[2021]
    load(folder)
    hid = snaps[2021].households[0]["household_id"]
    state = HouseholdState.objects.get(household__household_id=hid, year=2021)
    state.housing_grade = "D" if state.housing_grade != "D" else "A"
    state.save()
    n = AuditRecord.objects.count()
    counts = load(folder)
    assert counts.households_changed == 0
    assert counts.states_changed == 1
    (record,) = AuditRecord.objects.filter(seq__gt=n, action="households.import_state")
    assert record.division_code == state.village_code
    assert record.after["household_changed"] == 1


def test_a_registry_import_holds_the_import_lock(tree, tmp_path):
    """Two imports of different years cannot interleave (PostgreSQL advisory lock; SQLite
    serializes writers itself)."""
    held = []

    def progress(phase, n):
        if phase.startswith("write:") and connection.vendor == "postgresql":
            with connection.cursor() as cur:
                cur.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                            "AND pid = pg_backend_pid() AND granted")
                held.append(cur.fetchone()[0])
        elif phase.startswith("write:"):
            held.append(int(connection.in_atomic_block))

    folder = write(tmp_path, snapshots(n=12))[2021]
    assert run_import(folder, actor="test", scope=Scope.nation(), progress=progress).ok
    assert held
    assert all(n >= 1 for n in held), (is_postgres(), held)
