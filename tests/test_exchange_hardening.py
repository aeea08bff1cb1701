"""The exchange under attack (issue 9): files that used to leave jobs running forever, a killed
commit, zip bombs, formula injection, the registered-number oracle, file retention."""

from __future__ import annotations

import csv
import datetime as dt
import io
import stat
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from fupin.core import exchange_jobs as jobs
from fupin.core.access import Scope
from fupin.core.errors import ValidationFailed
from fupin.core.exchange import guard, open_tables, unguard
from fupin.core.models import AuditRecord, ExchangeJob
from fupin.households.exporter import export_snapshot, template_workbook, write_generated
from fupin.households.importer import run_import
from fupin.households.models import Household, Member
from fupin.households.tables import TABLES
from fupin_engine.generate import generate
from tests import factories
from tests.test_exchange import econ_row, hh_row, ident, mem_row, names, write_csv


@pytest.fixture
def officer(tree, settings, tmp_path):
    settings.FUPIN_EXCHANGE_DIR = tmp_path / "exchange"
    return factories.make_user("county_officer", "513431000000")


def _snapshot_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "snap"
    write_generated(folder, "csv", generate(county_code="513431000000",
                                            villages=[factories.HOME_VILLAGE], households=3,
                                            years=[2021], seed=9))
    return folder


def _zip_of(folder: Path, replace: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in sorted(folder.iterdir()):
            if f.name not in replace:
                zf.write(f, f.name)
        for name, data in replace.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _validate(officer, name: str, data: bytes) -> ExchangeJob:
    with translation.override("en"):  # the job's reasons are in its user's language
        job = jobs.start_import(actor=officer, upload=SimpleUploadedFile(name, data))
    jobs.validate_import.call(job.pk)
    job.refresh_from_db()
    return job


def _bad_files(tmp_path: Path) -> dict[str, tuple[str, bytes, str]]:
    folder = _snapshot_folder(tmp_path)
    text = (folder / "members.csv").read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    huge = lines[0] + "\n" + lines[1].replace(lines[1].split(",")[2], "长" * 70000, 1) + "\n"
    return {
        "utf16": ("snap.zip", _zip_of(folder, {"members.csv": text.encode("utf-16")}),
                  "members.csv is saved as UTF-16"),
        "gb18030": ("snap.zip", _zip_of(folder, {"members.csv": lines[0].encode() +
                                                 b"\nH1,\x80\x80\xff,x\n"}),
                    "members.csv: the text is neither UTF-8 nor GB18030"),
        "field": ("snap.zip", _zip_of(folder, {"members.csv": huge.encode()}),
                  "members.csv, row 2, column name: a value of"),
        "parquet": ("snap.zip", _zip_of(folder, _parquet_instead(folder)),
                    "members.parquet: not a readable Parquet file"),
        "xlsx": ("snap.xlsx", b"name,village\nthis is a CSV file renamed to .xlsx\n",
                 "snap.xlsx: not a readable"),
    }


def _parquet_instead(folder: Path) -> dict[str, bytes]:
    (folder / "members.csv").unlink()
    return {"members.parquet": b"PAR1 this is not really a parquet file PAR1"}


@pytest.mark.parametrize("kind", ["utf16", "gb18030", "field", "parquet", "xlsx"])
def test_a_bad_file_fails_its_job_with_a_reason_and_a_retry(officer, client, tmp_path, kind):
    name, data, reason = _bad_files(tmp_path)[kind]
    job = _validate(officer, name, data)
    assert job.state == ExchangeJob.State.FAILED
    assert reason in job.message
    assert job.retryable
    client.force_login(officer)
    page = client.get(reverse("exchange-job", args=[job.pk]),
                      HTTP_HX_REQUEST="true").content.decode()
    assert reason in page
    assert 'id="retry"' in page
    assert "hx-trigger" not in page  # the screen stops polling
    # A retry re-queues the job from the failed stage; it fails again the same way.
    assert client.post(reverse("exchange-retry", args=[job.pk])).status_code == 302
    job.refresh_from_db()
    assert job.state == ExchangeJob.State.QUEUED
    jobs.validate_import.call(job.pk)
    job.refresh_from_db()
    assert job.state == ExchangeJob.State.FAILED
    assert job.attempts == 2


def test_failure_reason_is_in_the_users_language(officer, tmp_path, settings):
    name, data, _ = _bad_files(tmp_path)["utf16"]
    with translation.override("en"):
        job = jobs.start_import(actor=officer, upload=SimpleUploadedFile(name, data))
    assert job.language == "en"
    jobs.validate_import.call(job.pk)
    job.refresh_from_db()
    assert "save it as CSV UTF-8" in job.message


def test_gb18030_csv_from_chinese_excel_is_read(officer, tmp_path):
    folder = _snapshot_folder(tmp_path)
    for f in folder.iterdir():
        f.write_bytes(f.read_text(encoding="utf-8-sig").encode("gb18030"))
    job = _validate(officer, "snap.zip", _zip_of(folder, {}))
    assert job.state == ExchangeJob.State.VALIDATED, job.message


def test_a_commit_killed_mid_way_is_recovered_and_retried_without_writing_twice(officer,
                                                                                tmp_path):
    folder = _snapshot_folder(tmp_path)
    job = _validate(officer, "snap.zip", _zip_of(folder, {}))
    jobs.commit_import(actor=officer, job=job)
    # kill -9 of the worker mid-commit: its transaction never committed, so the registry is
    # untouched and the job row says "committing" (what the database holds after the kill).
    job.refresh_from_db()
    assert job.state == ExchangeJob.State.COMMITTING
    assert Household.objects.count() == 0
    assert jobs.recover_stale_exchange_jobs(timezone.now() + dt.timedelta(seconds=1)) == 1
    job.refresh_from_db()
    assert job.state == ExchangeJob.State.FAILED
    assert "the worker stopped" in job.message
    jobs.retry(actor=officer, job=job)
    jobs.run_commit.call(job.pk)
    job.refresh_from_db()
    assert job.state == ExchangeJob.State.COMMITTED
    assert Household.objects.count() == 3
    # Committing the same file again (a second retry, another upload) changes nothing.
    again = _validate(officer, "snap.zip", _zip_of(folder, {}))
    jobs.commit_import(actor=officer, job=again)
    jobs.run_commit.call(again.pk)
    again.refresh_from_db()
    assert again.counts["households_new"] == 0
    assert again.counts["households_unchanged"] == 3
    assert again.counts["audit_records"] == 0


@dataclass
class Stale:  # the shape of fupin.core.jobs.StaleTask the recoverer reads
    task_path: str
    args: list


def test_recovery_with_stale_tasks_fails_only_their_jobs(officer, tmp_path):
    folder = _snapshot_folder(tmp_path)
    dead, alive = (_validate(officer, "snap.zip", _zip_of(folder, {})) for _ in range(2))
    for job in (dead, alive):
        jobs.commit_import(actor=officer, job=job)
    later = timezone.now() + dt.timedelta(seconds=1)
    stale = [Stale("fupin.core.exchange_jobs.run_commit", [dead.pk]),
             Stale("fupin.monitoring.tasks.run", [alive.pk])]
    assert jobs.recover_stale_exchange_jobs(now=later, stale=stale) == 1
    assert jobs.recover_stale_exchange_jobs(now=later, stale=stale) == 0  # idempotent
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert dead.state == ExchangeJob.State.FAILED
    assert alive.state == ExchangeJob.State.COMMITTING  # another worker is still on it


def test_recovery_leaves_finished_and_new_jobs_alone(officer, tmp_path):
    folder = _snapshot_folder(tmp_path)
    done = _validate(officer, "snap.zip", _zip_of(folder, {}))
    started = timezone.now() - dt.timedelta(seconds=5)
    assert jobs.recover_stale_exchange_jobs(started) == 0
    done.refresh_from_db()
    assert done.state == ExchangeJob.State.VALIDATED


def _bomb(path: Path, megabytes: int = 300) -> Path:
    """An .xlsx-shaped zip whose sharedStrings part is a huge run of one character."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            chunk = b"a" * (1024 * 1024)
            for _ in range(megabytes):
                part.write(chunk)
    return path


def test_a_zip_bomb_workbook_is_refused_within_seconds(officer, tmp_path):
    bomb = _bomb(tmp_path / "bomb.xlsx")
    assert bomb.stat().st_size < 2 * 1024 * 1024  # small on disk
    started = time.monotonic()
    with translation.override("en"), pytest.raises(ValidationFailed,
                                                    match=r"sharedStrings\.xml"):
        jobs.start_import(actor=officer, upload=SimpleUploadedFile("bomb.xlsx",
                                                                   bomb.read_bytes()))
    assert time.monotonic() - started < 5
    assert ExchangeJob.objects.count() == 0
    # The command line's path (open the workbook) refuses it the same way.
    with translation.override("en"), pytest.raises(ValidationFailed, match="zip bomb"):
        open_tables(bomb, TABLES)


def test_zip_limits_are_configurable(officer, tmp_path, settings):
    folder = _snapshot_folder(tmp_path)
    settings.FUPIN_EXCHANGE_LIMITS = {"archive_total_mb": 0}
    with translation.override("en"), pytest.raises(ValidationFailed,
                                                    match="unpacks to more than 0 MB"):
        jobs.start_import(actor=officer, upload=SimpleUploadedFile(
            "snap.zip", _zip_of(folder, {})))


# --- Formula injection --------------------------------------------------------------------------

EVIL = ["=HYPERLINK(\"http://x\",\"y\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1)", "\tx", "\ry"]


def test_guard_escapes_text_but_not_numbers():
    for value in EVIL:
        assert guard(value) == "'" + value
        assert unguard(guard(value)) == value
    for value in ("-12.50", "-5", "+3", "1e5", -5, 3.5, "张三", ""):
        assert guard(value) == value


def _evil_registry(tmp_path: Path) -> Path:
    folder = tmp_path / "evil"
    hid = "H0000001"
    write_csv(folder, "households", names("households"), [hh_row(hid)])
    write_csv(folder, "members", names("members"),
              [mem_row(hid, ident("1980-05-17"), name=EVIL[0])])
    write_csv(folder, "economy", names("economy"), [econ_row(hid, 2021)])
    return folder


def test_exports_escape_formulas_and_reimport_the_original(tree, tmp_path):
    assert run_import(_evil_registry(tmp_path), actor="test", scope=Scope.nation()).ok
    out = tmp_path / "out"
    export_snapshot(out, "csv", actor="test", scope=Scope.nation())
    text = (out / "members.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text
    amounts = next(iter(csv.DictReader(io.StringIO(
        (out / "economy.csv").read_text(encoding="utf-8-sig")))))
    assert amounts["wage"] == "20000.00"  # numbers are not quoted
    # Re-importing the export gives back the original value and changes nothing.
    outcome = run_import(out, actor="test", scope=Scope.nation())
    assert outcome.ok
    assert outcome.counts.members_changed == 0
    assert Member.objects.get().name == EVIL[0]

    book = tmp_path / "out.xlsx"
    export_snapshot(book, "xlsx", actor="test", scope=Scope.nation())
    ws = load_workbook(book)["家庭成员"]
    cell = next(c for c in ws[2] if c.value == EVIL[0])
    assert cell.data_type == "s"  # a string cell, not a formula
    values = CalamineWorkbook.from_path(str(book)).get_sheet_by_name("家庭成员").to_python()
    assert EVIL[0] in values[1]
    wage = load_workbook(book)["收支"]["C2"]
    assert wage.data_type == "n"


def test_the_validation_report_escapes_formulas(officer, client, tmp_path):
    folder = _snapshot_folder(tmp_path)
    text = (folder / "households.csv").read_text(encoding="utf-8-sig").splitlines()
    cells = text[1].split(",")
    cells[2] = "=1+2"  # status: not an allowed value, reported with its value
    text[1] = ",".join(cells)
    job = _validate(officer, "snap.zip", _zip_of(folder, {
        "households.csv": ("\n".join(text) + "\n").encode()}))
    assert job.state == ExchangeJob.State.INVALID
    client.force_login(officer)
    report = b"".join(client.get(reverse("exchange-report", args=[job.pk, "csv"]))
                      .streaming_content).decode("utf-8-sig")
    assert "'=1+2" in report
    data = b"".join(client.get(reverse("exchange-report", args=[job.pk, "xlsx"]))
                    .streaming_content)
    ws = load_workbook(io.BytesIO(data)).active
    cell = next(c for row in ws.iter_rows() for c in row if c.value == "=1+2")
    assert cell.data_type == "s"
    path = tmp_path / "report.xlsx"
    path.write_bytes(data)
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert any("=1+2" in r for r in rows)
    page = client.get(reverse("exchange-job", args=[job.pk])).content.decode()
    assert "=1+2" in page  # shown as it was in the file


# --- The oracle ---------------------------------------------------------------------------------


def test_the_report_does_not_name_a_household_of_another_region(tree, tmp_path):
    theirs = factories.household(factories.OTHER_COUNTY_VILLAGE)
    number = theirs.members.first().reveal_id_number()
    folder = tmp_path / "mine"
    write_csv(folder, "households", names("households"), [hh_row("H0000009")])
    write_csv(folder, "members", names("members"),
              [mem_row("H0000009", number, birth=theirs.members.first().birth_date.isoformat())])
    write_csv(folder, "economy", names("economy"), [econ_row("H0000009", 2021)])
    outcome = run_import(folder, actor="test", scope=Scope("513431"))
    rows = list(outcome.report.rows())
    found = [r for r in rows if r[5].startswith("id_number_registered")]
    assert [r[5] for r in found] == ["id_number_registered_elsewhere"]
    assert "辖区以外" in found[0][6]  # said in the user's language, without the household
    assert theirs.household_id not in repr(rows)
    # The whole nation's operator is told which household it is.
    outcome = run_import(folder, actor="test", scope=Scope.nation())
    assert theirs.household_id in repr(list(outcome.report.rows()))


# --- Files: permissions and retention -----------------------------------------------------------


def test_job_files_are_private_and_purged_after_the_retention_period(officer, client,
                                                                    tmp_path, settings):
    old = jobs.start_export(actor=officer, fmt="csv", masked=False)
    jobs.run_export.call(old.pk)
    old.refresh_from_db()
    folder = Path(old.folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / old.filename).stat().st_mode) == 0o600
    assert stat.S_IMODE(Path(settings.FUPIN_EXCHANGE_DIR).stat().st_mode) == 0o700
    recent = jobs.start_export(actor=officer, fmt="csv", masked=True)
    jobs.run_export.call(recent.pk)
    ExchangeJob.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - dt.timedelta(days=settings.FUPIN_EXCHANGE_RETENTION_DAYS,
                                                  hours=1))
    out = io.StringIO()
    call_command("exchange", "purge", stdout=out)
    assert "1 exchange jobs" in out.getvalue()
    assert not folder.exists()
    assert Path(ExchangeJob.objects.get(pk=recent.pk).folder).exists()
    client.force_login(officer)
    assert client.get(reverse("exchange-download", args=[old.pk])).status_code == 404
    page = client.get(reverse("exchange-job", args=[old.pk])).content.decode()
    assert 'id="purged"' in page


def test_the_report_is_read_only_by_those_who_may_import_and_reveal(tree, tmp_path, client,
                                                                     settings):
    settings.FUPIN_EXCHANGE_DIR = tmp_path / "exchange"
    officer = factories.make_user("county_officer", "513431000000")
    path = tmp_path / "blank.xlsx"
    template_workbook(path)
    job = jobs.start_import(actor=officer,
                                     upload=SimpleUploadedFile("b.xlsx", path.read_bytes()))
    jobs.validate_import.call(job.pk)
    evaluator = factories.make_user("evaluator", "513431000000")
    client.force_login(evaluator)
    page = client.get(reverse("exchange-job", args=[job.pk])).content.decode()
    assert 'id="issues"' not in page
    assert client.get(reverse("exchange-report", args=[job.pk, "csv"])).status_code == 403
    client.force_login(officer)
    assert client.get(reverse("exchange-report", args=[job.pk, "csv"])).status_code == 200
    assert AuditRecord.objects.filter(action="exchange.download_report",
                                      object_id=str(job.pk)).count() == 1
