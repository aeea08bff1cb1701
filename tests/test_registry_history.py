"""The registry by year (ADR 0048): a run for a year over a registry imported for several years
equals a run over that year's snapshot alone, whatever the order of the imports; an import of
one year never rewrites another; a registry imported once reads as before."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from fupin.core import audit, crypto
from fupin.core.access import Scope
from fupin.core.models import AuditBatchRow, AuditRecord
from fupin.households.exporter import write_generated
from fupin.households.importer import run_import
from fupin.households.models import EconomyYear, Household, HouseholdState, Member, MemberState
from fupin.monitoring.registry import registry_tables, registry_views
from fupin.monitoring.services import postgres_dsn
from fupin_engine.executors import get_executor
from fupin_engine.generate import generate_years
from fupin_engine.run import run
from fupin_engine.source import ENGINE_COLUMNS, ArrowSource, SnapshotSource
from tests.conftest import is_postgres
from tests.test_exchange import VILLAGES

YEARS = [2019, 2020, 2021]
#: The pack sets no national monitoring line before 2020: a run for 2019 names its line.
LINE = {"monitoring_line": 6000}
ORDERS = [(2019, 2020, 2021), (2021, 2019, 2020), (2020, 2021, 2019)]


def snapshots(seed: int = 11, n: int = 45):
    return generate_years(county_code="513431000000", villages=VILLAGES, households=n,
                          years=YEARS, seed=seed)


def write(tmp_path: Path, snaps) -> dict[int, Path]:
    folders = {}
    for year, snap in snaps.items():
        folders[year] = tmp_path / f"y{year}"
        write_generated(folders[year], "csv", snap)
    return folders


def load(folder: Path):
    outcome = run_import(folder, actor="test", scope=Scope.nation())
    assert outcome.ok, list(outcome.report.rows())[:3]
    return outcome.counts


def output(executor, year: int) -> list[dict]:
    try:
        rows = run("cn-national", executor, year, province="51",
                   overrides=LINE).output().to_pylist()
    finally:
        executor.close()
    return sorted(rows, key=lambda r: r["household_id"])


def over_registry(year: int | None, engine: str = "duckdb", run_year: int | None = None):
    run_year = run_year or year
    if engine == "postgres":
        executor = get_executor("postgres", postgres_dsn(),
                                views=registry_views(Scope.nation(), year=year))
    else:
        executor = get_executor("duckdb", ArrowSource(registry_tables(Scope.nation(),
                                                                      year=year)))
    return output(executor, run_year)


def over_snapshot(folder: Path, year: int) -> list[dict]:
    return output(get_executor("duckdb", SnapshotSource.at(folder)), year)


def relation(year: int | None, table: str) -> list[tuple]:
    return sorted(tuple(str(r[c]) for c in ENGINE_COLUMNS[table])
                  for r in registry_tables(Scope.nation(), year=year)[table].to_pylist())


def history() -> tuple[list, list, list]:
    """Every state row of 2019 and 2020 and the economy of those years, as plain values."""
    states = sorted(HouseholdState.objects.filter(year__lt=2021).values_list(
        "household__household_id", "year", "village_code", "status", "exit_year",
        "housing_grade", "dibao"))
    members = sorted(MemberState.objects.filter(year__lt=2021).values_list(
        "household__household_id", "year", "id_number_hash", "birth_date", "health",
        "in_school", "medical_insurance"))
    economy = sorted((e.household.household_id, e.year, str(e.wage), str(e.transfer))
                     for e in EconomyYear.objects.filter(year__lt=2021)
                     .select_related("household"))
    return states, members, economy


@pytest.mark.parametrize("order", ORDERS, ids=lambda o: "-".join(map(str, o)))
def test_a_run_for_each_year_equals_a_run_over_that_years_snapshot(tree, tmp_path, order):
    snaps = snapshots()
    folders = write(tmp_path, snaps)
    for year in order:
        load(folders[year])
    for year in YEARS:
        assert relation(year, "households") == relation_of(snaps[year], "households")
        assert relation(year, "members") == relation_of(snaps[year], "members")
        assert over_registry(year) == over_snapshot(folders[year], year), year
    # The current tables hold the latest year, whatever the order (a dissolved household
    # stays in them: an import never deletes).
    latest = snapshots()[2021]
    hids = [h["household_id"] for h in latest.households]
    assert sorted(Household.objects.filter(household_id__in=hids).values_list(
        "household_id", "status")) == sorted((h["household_id"], h["status"])
                                             for h in latest.households)
    assert Member.objects.filter(household__household_id__in=hids).count() == len(
        latest.members)
    assert audit.verify().ok


def relation_of(snap, table: str) -> list[tuple]:
    """The generated snapshot's rows as the registry reads them (the engine's columns)."""
    cols = ENGINE_COLUMNS[table]
    return sorted(tuple(str(r.get(c)) for c in cols) for r in getattr(snap, table))


def test_status_births_deaths_and_a_new_household_read_as_of_each_year(tree, tmp_path):
    snaps = snapshots()
    folders = write(tmp_path, snaps)
    for year in (2021, 2019, 2020):
        load(folders[year])
    people = {y: {m["id_number"] for m in s.members} for y, s in snaps.items()}
    homes = {y: {h["household_id"]: h for h in s.households} for y, s in snaps.items()}
    exited_2020 = [hid for hid, h in homes[2020].items()
                   if h["status"] == "exited" and h["exit_year"] == 2020]
    assert exited_2020
    for year in YEARS:
        rows = {r["household_id"]: r for r in
                registry_tables(Scope.nation(), year=year)["households"].to_pylist()}
        assert set(rows) == set(homes[year])
        for hid in exited_2020:
            assert rows[hid]["status"] == ("poor" if year < 2020 else "exited")
        births = [m for m in registry_tables(Scope.nation(), year=year)["members"].to_pylist()
                  if m["birth_date"] > dt.date(year, 12, 31)]
        assert births == []
    born = people[2020] - people[2019]
    died = people[2020] - people[2021]
    assert born
    assert died
    new = set(homes[2020]) - set(homes[2019])
    assert len(new) == 1
    (new_hid,) = new
    assert not HouseholdState.objects.filter(household__household_id=new_hid, year=2019)
    # The dead stay in the years they lived; the current roster no longer has them.
    dead_hashes = {crypto.lookup_hash(n) for n in died}
    assert not Member.objects.filter(id_number_hash__in=dead_hashes).exists()
    assert MemberState.objects.filter(id_number_hash__in=dead_hashes, year=2020).count() == len(
        died)
    assert not MemberState.objects.filter(id_number_hash__in=dead_hashes, year=2021).exists()
    counts = {y: len(registry_tables(Scope.nation(), year=y)["members"]) for y in YEARS}
    assert counts == {y: len(people[y]) for y in YEARS}


def test_reimporting_a_changed_2021_leaves_2019_and_2020_unchanged(tree, tmp_path):
    snaps = snapshots()
    folders = write(tmp_path, snaps)
    for year in YEARS:
        load(folders[year])
    before = history()
    runs = {y: over_registry(y) for y in (2019, 2020)}
    changed = snaps[2021]
    for h in changed.households[:10]:
        h["dibao"] = 1 - h["dibao"]
        h["housing_grade"] = "D"
    kept = [dict(e) for e in changed.economy]
    for e in changed.economy:  # its own year and the 2020 row it carries
        e["wage"] = round(e["wage"] * (0.3 if e["year"] == 2021 else 0.5), 2)
    changed.members = [m for m in changed.members if m["relation"] != "parent"]
    again = tmp_path / "y2021b"
    write_generated(again, "csv", changed)
    # The 2020 snapshot stays authoritative for 2020: the file's 2020 rows are not written.
    changed.economy = [e for e in changed.economy if e["year"] == 2021] + [
        e for e in kept if e["year"] == 2020]
    expected = tmp_path / "y2021-expected"
    write_generated(expected, "csv", changed)
    counts = load(again)
    assert counts.year == 2021
    assert counts.states_changed >= 10
    assert history() == before
    assert {y: over_registry(y) for y in (2019, 2020)} == runs
    assert over_registry(2021) == over_snapshot(expected, 2021)
    # The same file once more: nothing written, nothing recorded.
    n = AuditRecord.objects.count()
    counts = load(again)
    assert counts.states_new == counts.states_changed == counts.member_states_new == 0
    assert counts.member_states_changed == counts.member_states_removed == 0
    assert AuditRecord.objects.count() == n


def test_an_older_years_import_writes_history_only_and_records_it_per_village(tree, tmp_path):
    snaps = snapshots()
    folders = write(tmp_path, snaps)
    load(folders[2021])
    current = sorted(Household.objects.values_list("household_id", "status", "updated_at"))
    economy_2021 = sorted(EconomyYear.objects.filter(year=2021).values_list(
        "household_id", "wage"))
    n = AuditRecord.objects.count()
    counts = load(folders[2019])
    assert counts.year == 2019
    # The household dissolved in 2021 gets the row its states hang on (history only).
    assert counts.households_new == 1
    assert counts.households_changed == 0
    assert counts.members_new == counts.members_removed == 0
    assert counts.states_new == len(snaps[2019].households)
    assert sorted(Household.objects.filter(household_id__in=[c[0] for c in current])
                  .values_list("household_id", "status", "updated_at")) == current
    assert sorted(EconomyYear.objects.filter(year=2021).values_list(
        "household_id", "wage")) == economy_2021
    records = AuditRecord.objects.filter(seq__gt=n, action="households.import_state")
    villages = {h["village_code"] for h in snaps[2019].households}
    assert sorted(r.division_code for r in records) == sorted(villages)
    # Current-table rows go to the ledger as batch rows under a village's record (ADR 0051).
    assert AuditRecord.objects.filter(seq__gt=n).exclude(
        action__in=["households.import_state", "households.import"]).count() == 0
    assert {r.payload["action"] for r in AuditBatchRow.objects.filter(record__seq__gt=n)} <= {
        "households.import_economy", "households.import_create"}
    for r in records:
        assert r.after["year"] == 2019
        assert len(r.after["sha256"]) == 64
    assert sum(r.after["household_new"] for r in records) == counts.states_new
    assert audit.verify().ok


def test_a_registry_imported_once_reads_as_before(tree, tmp_path):
    folders = write(tmp_path, snapshots())
    load(folders[2021])
    for year in YEARS:
        assert relation(year, "households") == relation(None, "households")
        assert relation(year, "members") == relation(None, "members")
        assert over_registry(year) == over_registry(None, run_year=year)


# Committed data: the in-database engine reads through its own connection.
@pytest.mark.django_db(transaction=True)
def test_the_in_database_engine_reads_the_registry_as_of_the_year(tree, tmp_path):
    if not is_postgres():
        pytest.skip("the in-database engine runs in the PostgreSQL test run")
    folders = write(tmp_path, snapshots(seed=12, n=30))
    for year in (2021, 2019, 2020):
        load(folders[year])
    for year in YEARS:
        assert over_registry(year, "postgres") == over_snapshot(folders[year], year), year
