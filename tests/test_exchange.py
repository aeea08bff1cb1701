"""Snapshot import and export: validation, all-or-nothing, round trips in every format."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from fupin.core import audit
from fupin.core.access import Scope
from fupin.core.models import AuditRecord
from fupin.households import services
from fupin.households.exporter import export_snapshot, template_workbook, write_generated
from fupin.households.importer import run_import
from fupin.households.models import EconomyYear, Household, Member
from fupin_engine import idcard, snapshot
from fupin_engine.generate import generate
from tests import factories

V1, V2 = factories.HOME_VILLAGE, factories.OTHER_TOWNSHIP_VILLAGE
VILLAGES = [V1, "513431100204", V2]


def write_csv(folder: Path, table: str, header: list[str], rows: list[list]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / f"{table}.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)


def hh_row(hid, village=V1, status="exited", exit_year="2019", water_quality="1", **over):
    row = {"household_id": hid, "village_code": village, "status": status,
           "exit_year": exit_year, "housing_grade": "B", "relocated": "0",
           "water_quantity_ok": "1", "water_quality_ok": water_quality, "water_access_ok": "1",
           "water_reliability_ok": "1", "dibao": "0", "tekun": "0"}
    row.update(over)
    return [row[c.name] for c in snapshot.SCHEMA["households"]]


def mem_row(hid, number, relation="head", birth="1980-05-17", sex="M", **over):
    row = {"household_id": hid, "id_number": number, "name": f"人{hid}", "relation": relation,
           "sex": sex, "birth_date": birth, "health": "healthy", "disability_grade": "",
           "labor": "full", "in_school": "0", "home_schooled": "0", "medical_insurance": "1",
           "employment": "local"}
    row.update(over)
    return [row[c.name] for c in snapshot.SCHEMA["members"]]


def econ_row(hid, year, wage="20000", **over):
    row = dict.fromkeys([c.name for c in snapshot.SCHEMA["economy"]], "0")
    row.update(household_id=hid, year=str(year), wage=wage, **over)
    return [row[c.name] for c in snapshot.SCHEMA["economy"]]


def ident(birth: str) -> str:
    return factories.id_number(dt.date.fromisoformat(birth))


def names(table):
    return [c.name for c in snapshot.SCHEMA[table]]


def read_report(path: Path) -> set[tuple[str, str, str, str]]:
    with path.open(encoding="utf-8-sig") as fh:
        return {(r["file"], r["row"], r["column"], r["code"]) for r in csv.DictReader(fh)}


def test_planted_errors_of_every_kind_are_all_reported_and_nothing_is_written(tree, tmp_path):
    registered = factories.household(V1, household_id="EXISTING")
    taken = registered.members.first().reveal_id_number()
    before_audit = AuditRecord.objects.count()
    before_members = Member.objects.count()

    ok_id = ident("1980-05-17")
    dup_id = ident("1975-01-01")
    bad_checksum = ok_id[:17] + ("0" if ok_id[17] != "0" else "1")
    folder = tmp_path / "snap"
    write_csv(folder, "households", [*names("households"), "备注"], [
        [*hh_row("H1"), ""],                                   # 1 fine
        [*hh_row("H2", status="rich"), ""],                    # 2 enum
        [*hh_row("H3", village="513431999999"), ""],           # 3 unknown village
        [*hh_row("H1"), ""],                                   # 4 duplicate household
        [*hh_row("H5", exit_year="20x0"), ""],                 # 5 wrong type
        [*hh_row("H6", water_quality=""), ""],                 # 6 missing water value
        [*hh_row("H7"), ""],                                   # 7 no members
        [*hh_row("H8"), ""],                                   # 8 two heads
    ])
    write_csv(folder, "members", names("members"), [
        mem_row("H1", ok_id),                                  # 1 fine
        mem_row("H2", bad_checksum),                           # 2 checksum
        mem_row("H3", ident("1990-03-03"), birth="1990-03-04"),  # 3 birth mismatch
        mem_row("H5", dup_id, birth="1975-01-01"),             # 4 fine
        mem_row("H6", dup_id, birth="1975-01-01"),             # 5 same ID twice in file
        mem_row("H8", ident("1970-02-02"), birth="1970-02-02"),  # 6 head 1
        mem_row("H8", taken, birth=str(registered.members.first().birth_date)),  # 7 registered
        mem_row("H99", ident("1960-06-06"), birth="1960-06-06"),  # 8 unknown household
        mem_row("H1", ident("2001-01-01"), relation="child", birth="2019-02-30"),  # 9 date
        mem_row("H1", ident("2002-02-02"), relation="child", birth="2002-02-02",
                sex="X"),                                      # 10 enum
    ])
    write_csv(folder, "economy", names("economy"), [
        econ_row("H1", 2021),                                  # 1 fine
        econ_row("H1", 2021),                                  # 2 duplicate year
        econ_row("H1", 2020, wage="-5"),                       # 3 negative
        econ_row("H99", 2021),                                 # 4 unknown household
        econ_row("H2", 2099),                                  # 5 future year
        econ_row("H1", 2019, wage="abc"),                      # 6 wrong type
    ])
    report = tmp_path / "report.csv"
    with pytest.raises(CommandError) as exc:
        call_command("import", str(folder), report=str(report), lang="en")
    assert exc.value.returncode == 1
    got = read_report(report)
    # Rows as the file shows them: the header is line 1, the first data row line 2.
    expected = {
        ("households.csv", "1", "备注", "unknown_column"),
        ("households.csv", "3", "status", "enum"),
        ("households.csv", "4", "village_code", "unknown_village"),
        ("households.csv", "5", "household_id", "duplicate_household"),
        ("households.csv", "6", "exit_year", "type"),
        ("households.csv", "7", "water_quality_ok", "required"),
        ("households.csv", "8", "household_id", "no_members"),
        ("households.csv", "9", "household_id", "head_count"),
        ("members.csv", "3", "id_number", "id_checksum"),
        ("members.csv", "4", "id_number", "id_birth_mismatch"),
        ("members.csv", "6", "id_number", "duplicate_id_number"),
        ("members.csv", "8", "id_number", "id_number_registered"),
        ("members.csv", "9", "household_id", "unknown_household"),
        ("members.csv", "10", "birth_date", "date"),
        ("members.csv", "11", "sex", "enum"),
        ("economy.csv", "3", "year", "duplicate_economy_year"),
        ("economy.csv", "4", "wage", "negative"),
        ("economy.csv", "5", "household_id", "unknown_household"),
        ("economy.csv", "6", "year", "future_year"),
        ("economy.csv", "7", "wage", "type"),
    }
    assert expected <= got, sorted(expected - got)
    # Nothing was written: the registry and the ledger are as they were.
    assert list(Household.objects.values_list("household_id", flat=True)) == ["EXISTING"]
    assert Member.objects.count() == before_members
    assert EconomyYear.objects.count() == 0
    assert AuditRecord.objects.count() == before_audit
    # The report never carries a clear identity number.
    assert bad_checksum not in report.read_text(encoding="utf-8-sig")
    assert taken not in report.read_text(encoding="utf-8-sig")


def test_missing_column_is_reported_once_and_rows_are_still_checked(tree, tmp_path):
    folder = tmp_path / "snap"
    write_csv(folder, "households", names("households"), [hh_row("H1")])
    write_csv(folder, "members", names("members"), [mem_row("H1", ident("1980-05-17"))])
    header = [n for n in names("economy") if n != "wage"]
    write_csv(folder, "economy", header, [[v for n, v in zip(names("economy"),
                                                            econ_row("H1", 2021, operating="-1"),
                                                            strict=True) if n != "wage"]])
    with translation.override("en"):  # the report names columns in its reader's language
        outcome = run_import(folder, actor="test", scope=Scope.nation())
    codes = {(r[0], r[1], r[2], r[5]) for r in outcome.report.first}
    assert ("economy.csv", 1, "wage", "missing_column") in codes  # the header row
    assert ("economy.csv", 2, "operating", "negative") in codes
    assert not any(c[3] == "required" for c in codes)
    assert Household.objects.count() == 0


def test_chinese_headers_and_labels_are_accepted(tree, tmp_path):
    folder = tmp_path / "snap"
    labels = {t: [c.label for c in snapshot.SCHEMA[t]] for t in snapshot.TABLES}
    write_csv(folder, "households", labels["households"],
              [hh_row("H1", status="脱贫户", relocated="否", dibao="是")])
    write_csv(folder, "members", labels["members"],
              [mem_row("H1", ident("1980-05-17"), relation="户主", sex="男", labor="普通劳动力")])
    write_csv(folder, "economy", labels["economy"], [econ_row("H1", 2021)])
    outcome = run_import(folder, actor="test", scope=Scope.nation())
    assert outcome.ok, outcome.report.first
    h = Household.objects.get(household_id="H1")
    assert h.status == "exited"
    assert h.dibao is True
    assert h.head_name == "人H1"


def test_warnings_do_not_block(tree, tmp_path):
    folder = tmp_path / "snap"
    big = [mem_row("BIG", ident("1960-01-01"), birth="1960-01-01")] + [
        mem_row("BIG", ident(f"19{70 + i}-01-01"), relation="child", birth=f"19{70 + i}-01-01")
        for i in range(12)]
    write_csv(folder, "households", names("households"), [hh_row("H1"), hh_row("BIG")])
    write_csv(folder, "members", names("members"), [
        mem_row("H1", ident("1980-05-17")),
        mem_row("H1", ident("2012-03-01"), relation="child", birth="2012-03-01"),
        *big])
    write_csv(folder, "economy", names("economy"), [
        econ_row("H1", 2020, wage="50"), econ_row("H1", 2021, wage="1000"),
        econ_row("BIG", 2021)])
    outcome = run_import(folder, actor="test", scope=Scope.nation())
    codes = {(r[0], r[1], r[5]) for r in outcome.report.first}
    # Rows as the file shows them (the header is line 1).
    assert ("economy.csv", 2, "wage_suspicious") in codes
    assert ("economy.csv", 3, "exited_below_poverty_line") in codes
    assert ("members.csv", 3, "child_out_of_school") in codes  # aged 9 at the end of 2021
    assert ("households.csv", 3, "household_large") in codes
    assert outcome.ok
    assert outcome.counts.households_new == 2


def _generated(tmp_path: Path, n: int = 60, seed: int = 3) -> Path:
    snap = generate(county_code="513431000000", villages=VILLAGES, households=n,
                    years=[2020, 2021], seed=seed)
    folder = tmp_path / f"gen{seed}"
    write_generated(folder, "csv", snap)
    return folder


def test_generator_is_deterministic_and_imports_cleanly(tree, tmp_path):
    a = _generated(tmp_path, seed=3)
    b = tmp_path / "again"
    write_generated(b, "csv", generate(county_code="513431000000", villages=VILLAGES,
                                       households=60, years=[2020, 2021], seed=3))
    for t in snapshot.TABLES:
        assert (a / f"{t}.csv").read_bytes() == (b / f"{t}.csv").read_bytes()
    for line in (a / "members.csv").read_text(encoding="utf-8-sig").splitlines()[1:]:
        number = line.split(",")[1]
        assert idcard.validate(number).startswith("513431")
    outcome = run_import(a, actor="test", scope=Scope.nation())
    assert outcome.report.errors == 0
    assert outcome.counts.households_new == 60


def _files(path: Path, fmt: str):
    """Comparable content of an export: bytes (CSV), tables (Parquet), cells (XLSX)."""
    if fmt == "csv":
        return {t: (path / f"{t}.csv").read_bytes() for t in snapshot.TABLES}
    if fmt == "parquet":
        return {t: pq.read_table(path / f"{t}.parquet").to_pylist() for t in snapshot.TABLES}
    wb = CalamineWorkbook.from_path(str(path))  # a second, independent reader
    return {name: wb.get_sheet_by_name(name).to_python() for name in wb.sheet_names}


@pytest.mark.parametrize("fmt", ["csv", "parquet", "xlsx"])
def test_export_import_export_is_identical_and_reimport_adds_nothing(tree, tmp_path, fmt):
    assert run_import(_generated(tmp_path), actor="test", scope=Scope.nation()).ok
    first = tmp_path / ("a.xlsx" if fmt == "xlsx" else "a")
    second = tmp_path / ("b.xlsx" if fmt == "xlsx" else "b")
    export_snapshot(first, fmt, actor="test", scope=Scope.nation())
    records = AuditRecord.objects.count()
    outcome = run_import(first, actor="test", scope=Scope.nation())
    assert outcome.ok
    assert outcome.counts.households_unchanged == 60
    assert outcome.counts.audit_records == 0
    assert AuditRecord.objects.count() == records
    export_snapshot(second, fmt, actor="test", scope=Scope.nation())
    assert _files(first, fmt) == _files(second, fmt)
    assert audit.verify().ok


def test_xlsx_export_is_made_for_excel(tree, tmp_path):
    assert run_import(_generated(tmp_path, n=5), actor="test", scope=Scope.nation()).ok
    path = tmp_path / "x.xlsx"
    export_snapshot(path, "xlsx", actor="test", scope=Scope.nation())
    wb = load_workbook(path)
    assert wb.sheetnames == ["农户", "家庭成员", "收支"]
    ws = wb["家庭成员"]
    assert ws.freeze_panes == "A2"
    assert [c.value for c in ws[1]][:4] == ["户编号", "身份证号", "姓名", "与户主关系"]
    assert ws.column_dimensions["B"].width >= 18
    lists = {str(dv.sqref).split(":")[0]: dv.formula1
             for dv in ws.data_validations.dataValidation}
    assert lists["D2"] == '"户主,配偶,子女,父母,孙子女,其他"'
    assert ws["B2"].data_type == "s"  # identity numbers stay text (no 5.1E+17)
    cells = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("农户").to_python()
    assert cells[0][0] == "户编号"
    assert len(cells) == 6


def test_blank_template_has_headers_and_lists(tmp_path):
    path = tmp_path / "template.xlsx"
    template_workbook(path)
    wb = load_workbook(path)
    assert [c.value for c in wb["农户"][1]][:3] == ["户编号", "村代码", "户类型"]
    assert wb["农户"].max_row == 1
    # 2 enumerations (status, housing grade) and 7 yes/no columns
    assert len(wb["农户"].data_validations.dataValidation) == 9


def test_reimport_with_a_change_updates_only_that_and_audits_it(tree, tmp_path):
    folder = _generated(tmp_path, n=10)
    assert run_import(folder, actor="test", scope=Scope.nation()).ok
    lines = (folder / "households.csv").read_text(encoding="utf-8-sig").splitlines()
    cells = lines[3].split(",")
    cells[4] = "D" if cells[4] != "D" else "A"
    lines[3] = ",".join(cells)
    (folder / "households.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    records = AuditRecord.objects.count()
    outcome = run_import(folder, actor="test", scope=Scope.nation())
    assert outcome.counts.households_changed == 1
    assert outcome.counts.households_unchanged == 9
    # The village's batch record holding the row's update (ADR 0051), and the year's state
    # of its village (ADR 0048: every state write).
    assert AuditRecord.objects.count() == records + 2
    rec = AuditRecord.objects.get(seq__gt=records, action="households.import")
    (row,) = rec.batch_rows.all()
    assert row.payload["action"] == "households.import_update"
    assert row.payload["after"]["housing_grade"] == cells[4]
    state = AuditRecord.objects.get(seq__gt=records, action="households.import_state")
    assert state.after["household_changed"] == 1
    assert state.division_code == rec.division_code


def test_member_left_out_of_the_file_is_removed(tree, tmp_path):
    folder = _generated(tmp_path, n=10)
    assert run_import(folder, actor="test", scope=Scope.nation()).ok
    lines = (folder / "members.csv").read_text(encoding="utf-8-sig").splitlines()
    gone = next(i for i, line in enumerate(lines) if ",child," in line)
    number = lines[gone].split(",")[1]
    del lines[gone]
    (folder / "members.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    outcome = run_import(folder, actor="test", scope=Scope.nation())
    assert outcome.counts.members_removed == 1
    assert not services.find_by_id_number(number).exists()  # masks may be shared now


def test_import_into_a_region_refuses_rows_elsewhere(tree, tmp_path):
    folder = tmp_path / "snap"
    write_csv(folder, "households", names("households"),
              [hh_row("H1"), hh_row("H2", village=factories.OTHER_COUNTY_VILLAGE)])
    write_csv(folder, "members", names("members"),
              [mem_row("H1", ident("1980-05-17")), mem_row("H2", ident("1981-05-17"),
                                                           birth="1981-05-17")])
    write_csv(folder, "economy", names("economy"), [])
    outcome = run_import(folder, actor="test", scope=Scope("513431100"))
    codes = {(r[1], r[5]) for r in outcome.report.first}
    assert (3, "outside_region") in codes  # line 3: the header is line 1
    assert not outcome.committed
