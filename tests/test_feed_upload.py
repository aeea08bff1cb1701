"""The department feed takes the CSV a county office has: GBK from Excel/WPS on Chinese
Windows, amounts written "12,000" or "12000 元", Chinese headers, Excel's dates; anything
else is refused by file, row, column and rule — never a 500 (issue 11)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fupin.cases.inputs import check_feed_rows, decode_feed, feed_date
from fupin.cases.models import Alert
from fupin.core.errors import ValidationFailed
from fupin.core.exchange import amount_text
from tests import factories


def _post(client, content: bytes, name="医保预警.csv"):
    return client.post(reverse("case-feed"), {
        "department": "health_insurance", "file": SimpleUploadedFile(name, content, "text/csv")})


@pytest.fixture
def cadre(client, tree):
    client.force_login(factories.make_user("village_cadre", factories.HOME_VILLAGE))
    return factories.household()


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8", "utf-8-sig"])
def test_a_feed_in_any_office_encoding_is_recorded(client, cadre, encoding):
    text = ("户编号,预警类型,日期,金额\r\n"
            f"{cadre.household_id},大病医疗费用,2026/1/5,\"12,000\"\r\n")
    response = _post(client, text.encode(encoding))
    assert response.status_code == 302, response.content.decode()[-800:]
    alert = Alert.objects.get()
    assert alert.amount == Decimal("12000.00")
    assert alert.kind == "大病医疗费用"


@pytest.mark.parametrize(("written", "amount"), [
    ("12,000", "12000"), ("12，000", "12000"), (" 12000 元", "12000"), ("¥12,000.50", "12000.50"),
    ("１２０００", "12000"), ("1,234,567.8", "1234567.8"), ("800", "800")])
def test_amounts_as_offices_write_them(written, amount):
    assert amount_text(written) == amount


@pytest.mark.parametrize("written", ["12,00", "1.2万", "12000 美元", "1,2345", "abc", "-5"])
def test_other_amounts_are_refused_by_row_and_column(client, cadre, written):
    text = ("household_id,alert_type,date,amount\n"
            f"{cadre.household_id},illness,2026-01-05,\"{written}\"\n")
    response = _post(client, text.encode("gbk"), "feed.csv")
    assert response.status_code == 400
    page = response.content.decode()
    assert "feed.csv" in page
    assert "第 2 行" in page
    assert "金额" in page
    assert not Alert.objects.exists()


def test_rows_are_named_by_their_line_in_the_file():
    raw = ("户编号,预警类型,日期,金额\n"
           "H1,illness,2026-01-05,100\n"
           "\n"
           "H2,illness,2026-13-40,100\n").encode("gbk")
    rows = decode_feed(raw, "x.csv")
    with pytest.raises(ValidationFailed) as caught:
        check_feed_rows(rows, "x.csv")
    assert "第 4 行" in str(caught.value)
    assert "日期" in str(caught.value)


@pytest.mark.parametrize(("raw", "words"), [
    (b"household_id,alert_type\n", "没有数据行"),
    (b"name,kind\nH1,illness\n", "第一行"),
    ("户编号,预警类型\nH1,病\n".encode("utf-16"), "UTF-16"),
    (b"\xff\xfe\x00\x00garbage", "UTF-32"),
])
def test_unreadable_feeds_are_refused_in_words(raw, words):
    with pytest.raises(ValidationFailed) as caught:
        decode_feed(raw, "x.csv")
    assert words in str(caught.value)


def test_excel_dates():
    assert str(feed_date("2026/1/5")) == str(feed_date("2026年1月5日")) == "2026-01-05"
    assert str(feed_date("2026/1/5 0:00")) == "2026-01-05"
    with pytest.raises(ValueError, match="5/1/2026"):
        feed_date("5/1/2026")
