"""The import report reads as the clerk's spreadsheet: rows numbered as Excel shows them
(the header is row 1), columns by the template's Chinese header, messages in Chinese words,
tables named in words; a blank template is refused, not offered for commit (issue 11)."""

from __future__ import annotations

import csv

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from fupin.core.exchange_jobs import report_path
from fupin.core.models import ExchangeJob
from fupin.households.tables import TABLES
from tests import factories
from tests.test_exchange_ui import snapshot_xlsx

pytestmark = pytest.mark.django_db(transaction=True)
LABEL = {t.name: {c.name: c.label for c in t.columns} for t in TABLES}
SHEET = {t.name: t.sheet for t in TABLES}


@pytest.fixture
def officer(settings, tmp_path, client):
    settings.FUPIN_EXCHANGE_DIR = tmp_path / "exchange"
    factories.make_tree()
    user = factories.make_user("county_officer", "513431000000")
    client.force_login(user)
    return user


def _upload(client, path):
    client.post(reverse("exchange-import"),
                {"file": SimpleUploadedFile(path.name, path.read_bytes())})
    call_command("worker", batch=True, verbosity=0)
    job = ExchangeJob.objects.latest("pk")
    with report_path(job, "csv").open(encoding="utf-8-sig") as fh:
        issues = list(csv.DictReader(fh))
    page = client.get(reverse("exchange-job", args=[job.pk])).content.decode()
    return job, issues, page


def _column(ws, table, name):
    headers = [c.value for c in ws[1]]
    return headers.index(LABEL[table][name]) + 1


def test_rows_columns_and_messages_are_the_clerks(client, officer, tmp_path):
    path = snapshot_xlsx(tmp_path, [factories.HOME_VILLAGE], n=4)
    wb = load_workbook(path)
    households, members = wb[SHEET["households"]], wb[SHEET["members"]]
    # Plant a village outside the region on the 3rd household (Excel row 4) and a broken
    # check character on the 2nd member (Excel row 3).
    households.cell(4, _column(households, "households", "village_code"),
                    factories.OTHER_COUNTY_VILLAGE)
    id_col = _column(members, "members", "id_number")
    number = members.cell(3, id_col).value
    members.cell(3, id_col, number[:17] + ("0" if number[17] != "0" else "1"))
    wb.save(path)

    job, issues, page = _upload(client, path)
    assert job.state == ExchangeJob.State.INVALID
    where = {(i["code"]): (i["file"], i["row"], i["column"], i["message"]) for i in issues}
    file, row, column, message = where["outside_region"]
    assert (file, row) == (f"{path.name}:{SHEET['households']}", "4")
    assert column == LABEL["households"]["village_code"]
    assert message.isascii() is False
    file, row, column, message = where["id_checksum"]
    assert (row, column) == ("3", LABEL["members"]["id_number"])
    assert "check character" not in message
    assert "GB 11643" in message
    assert "校验" in message
    # The page says the same, and names the tables in words.
    assert LABEL["members"]["id_number"] in page
    rows_read = page.split('id="rows-read"')[1].split("</p>")[0]
    assert SHEET["households"] in rows_read
    assert "households" not in rows_read


def test_a_blank_template_is_refused_and_offers_no_commit(client, officer):
    template = client.get(reverse("exchange-template"))
    blank = b"".join(template.streaming_content)
    client.post(reverse("exchange-import"),
                {"file": SimpleUploadedFile("模板.xlsx", blank)})
    call_command("worker", batch=True, verbosity=0)
    job = ExchangeJob.objects.get()
    assert job.state == ExchangeJob.State.INVALID
    page = client.get(reverse("exchange-job", args=[job.pk])).content.decode()
    assert "文件没有数据行" in page
    assert 'id="commit"' not in page
    assert job.errors == 1


def test_a_header_problem_is_on_row_1(client, officer, tmp_path):
    path = snapshot_xlsx(tmp_path, [factories.HOME_VILLAGE], n=2)
    wb = load_workbook(path)
    ws = wb[SHEET["economy"]]
    ws.cell(1, ws.max_column + 1, "备注")
    wb.save(path)
    _job, issues, _page = _upload(client, path)
    unknown = [i for i in issues if i["code"] == "unknown_column"]
    assert unknown
    assert {i["row"] for i in unknown} == {"1"}


@pytest.mark.parametrize(("code", "params"), [
    ("type", {"expected": "a whole number"}), ("type", {"expected": "an amount in yuan"}),
    ("type", {"expected": "12 digits"}), ("unknown_column", {"table": "households"}),
    ("id_checksum", {"detail": "check character is 0, GB 11643 gives X"}),
    ("no_data_rows", {})])
def test_every_report_message_reads_in_chinese(code, params):
    from django.utils import translation

    from fupin.households.messages import message

    with translation.override("zh-hans"):
        text = message(code, params)
    latin = [w for w in text.replace("GB 11643", "").split() if w.isascii() and w.isalpha()]
    assert not latin, text
