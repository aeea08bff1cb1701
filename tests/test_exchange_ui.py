"""Imports and exports from the screens, run by the real background worker."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from fupin.core.models import AuditRecord, ExchangeJob
from fupin.households.exporter import write_generated
from fupin.households.models import Household
from fupin_engine.generate import generate
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def officer(settings, tmp_path, client):
    settings.FUPIN_EXCHANGE_DIR = tmp_path / "exchange"
    factories.make_tree()
    user = factories.make_user("county_officer", "513431000000")
    client.force_login(user)
    return user


def snapshot_xlsx(tmp_path, villages, n=8, seed=4):
    path = tmp_path / f"snap{seed}.xlsx"
    write_generated(path, "xlsx", generate(county_code="513431000000", villages=villages,
                                           households=n, years=[2020, 2021], seed=seed))
    return path


def work():
    call_command("worker", batch=True, verbosity=0)


def test_upload_validate_commit_with_the_worker(client, officer, tmp_path):
    path = snapshot_xlsx(tmp_path, [factories.HOME_VILLAGE, factories.OTHER_TOWNSHIP_VILLAGE])
    response = client.post(reverse("exchange-import"),
                           {"file": SimpleUploadedFile(path.name, path.read_bytes())})
    assert response.status_code == 302
    job = ExchangeJob.objects.get()
    assert job.state == ExchangeJob.State.QUEUED
    work()
    job.refresh_from_db()
    assert job.state == ExchangeJob.State.VALIDATED, job.message
    assert job.rows["households"] == 8
    assert Household.objects.count() == 0  # nothing until the user commits
    page = client.get(reverse("exchange-job", args=[job.pk])).content.decode()
    assert 'id="commit"' in page

    assert client.post(reverse("exchange-commit", args=[job.pk])).status_code == 302
    again = client.post(reverse("exchange-commit", args=[job.pk]), follow=True)
    assert "现在不能提交" in again.content.decode()  # told, not done twice
    work()
    job.refresh_from_db()
    assert job.state == ExchangeJob.State.COMMITTED
    assert job.counts["households_new"] == 8
    assert Household.objects.count() == 8
    actions = set(AuditRecord.objects.values_list("action", flat=True))
    assert {"exchange.upload", "exchange.commit_import", "households.import"} <= actions


def test_upload_with_errors_shows_them_and_offers_the_report(client, officer, tmp_path):
    path = snapshot_xlsx(tmp_path, [factories.HOME_VILLAGE, factories.OTHER_COUNTY_VILLAGE])
    client.post(reverse("exchange-import"),
                {"file": SimpleUploadedFile(path.name, path.read_bytes())})
    work()
    job = ExchangeJob.objects.get()
    assert job.state == ExchangeJob.State.INVALID
    page = client.get(reverse("exchange-job", args=[job.pk])).content.decode()
    assert "outside_region" in page
    assert 'id="commit"' not in page
    report = client.get(reverse("exchange-report", args=[job.pk, "xlsx"]))
    wb = load_workbook(io.BytesIO(b"".join(report.streaming_content)))
    rows = list(wb.active.iter_rows(values_only=True))
    assert rows[0] == ("文件", "行", "列", "值", "级别", "规则", "说明")
    assert any(r[5] == "outside_region" and r[0] == f"{path.name}:农户" for r in rows[1:])
    assert Household.objects.count() == 0


def test_zip_of_csv_files_is_accepted(client, officer, tmp_path):
    folder = tmp_path / "csv"
    write_generated(folder, "csv", generate(county_code="513431000000",
                                            villages=[factories.HOME_VILLAGE], households=3,
                                            years=[2021], seed=9))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for f in folder.iterdir():
            zf.write(f, f"export/{f.name}")
        zf.writestr("../../evil.csv", "x")  # never unpacked outside the job folder
    client.post(reverse("exchange-import"),
                {"file": SimpleUploadedFile("snap.zip", buf.getvalue())})
    work()
    job = ExchangeJob.objects.get()
    assert job.state == ExchangeJob.State.VALIDATED, job.message
    assert not (tmp_path / "evil.csv").exists()


def test_export_from_the_screen_masks_ids_for_roles_that_may_not_reveal(client, officer,
                                                                        tmp_path):
    h = factories.household(factories.HOME_VILLAGE)
    number = h.members.first().reveal_id_number()
    viewer = factories.make_user("province_viewer", "510000000000")
    for user, masked in ((officer, False), (viewer, True)):
        client.force_login(user)
        client.post(reverse("exchange-export"), {"format": "csv"})
        work()
        job = ExchangeJob.objects.filter(created_by=user).get()
        assert job.state == ExchangeJob.State.EXPORTED
        data = b"".join(client.get(reverse("exchange-download", args=[job.pk]))
                        .streaming_content)
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            members = zf.read("members.csv").decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(members)))
        assert len(rows) == 2
        assert (number in members) is not masked
        assert job.masked is masked


def test_template_download_is_a_workbook(client, officer):
    response = client.get(reverse("exchange-template"))
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert wb.sheetnames == ["农户", "家庭成员", "收支"]


def test_upload_must_be_xlsx_or_zip(client, officer):
    response = client.post(reverse("exchange-import"),
                           {"file": SimpleUploadedFile("data.txt", b"hello")})
    assert response.status_code == 200
    assert "xlsx" in response.content.decode()
    assert ExchangeJob.objects.count() == 0
