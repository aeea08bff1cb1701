"""What-if (issue 11): the households that enter or leave, listed and exported; the inputs
stay on the form when a year has no parameters, and the advice is in words."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from tests import factories


def _get(client, name, **params):
    with translation.override("zh-hans"):
        return client.get(reverse(name), params, HTTP_ACCEPT_LANGUAGE="zh-hans")


@pytest.fixture
def county(tree, client):
    rising = factories.household(factories.HOME_VILLAGE, head_name="曲比阿果",
                                 economy=[{"year": 2021, "wage": 14000}])  # 7,000 a head
    falling = factories.household(factories.HOME_VILLAGE, head_name="沙马拉则",
                                  economy=[{"year": 2021, "wage": 10000}])  # 5,000 a head
    steady = factories.household(factories.HOME_VILLAGE, head_name="阿苏日呷",
                                 economy=[{"year": 2021, "wage": 60000}])
    elsewhere = factories.household(factories.OTHER_COUNTY_VILLAGE, head_name="吉伍木呷",
                                    economy=[{"year": 2021, "wage": 14000}])
    client.force_login(factories.make_user("county_officer", "513431000000"))
    return {"rising": rising, "falling": falling, "steady": steady, "elsewhere": elsewhere}


def _rows(html: str) -> list[str]:
    table = html[html.index('id="what-if-households"'):]
    return re.findall(r"<tr[^>]*>(.*?)</tr>", table.split("</table>")[0], re.S)[1:]


def test_a_higher_line_lists_the_households_that_enter(county, client):
    response = _get(client, "monitoring-what-if-households", year="2021",
                    monitoring_line="9000")
    assert response.status_code == 200
    html = response.content.decode()
    rows = _rows(html)
    assert len(rows) == 1
    assert county["rising"].household_id in rows[0]
    assert "曲比阿果" in rows[0]
    assert "新纳入监测" in rows[0]
    assert "脱贫不稳定户" in rows[0]
    assert "7,000" in rows[0]
    for other in ("falling", "steady", "elsewhere"):
        assert county[other].household_id not in html
    # The inputs are kept on the form.
    assert re.search(r'name="monitoring_line" value="9000"', html)


def test_a_lower_line_lists_the_households_that_leave_and_exports_them(county, client):
    html = _get(client, "monitoring-what-if-households", year="2021",
                monitoring_line="4000").content.decode()
    rows = _rows(html)
    assert len(rows) == 1
    assert county["falling"].household_id in rows[0]
    assert "退出监测" in rows[0]
    response = _get(client, "monitoring-what-if-households", year="2021",
                    monitoring_line="4000", export="xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    table = list(sheet.iter_rows(values_only=True))
    assert len(table) == 2
    assert county["falling"].household_id in table[1]
    assert "退出监测" in table[1]
    assert "沙马拉则" in table[1]


def test_the_change_filter_and_the_summary_link(county, client):
    html = _get(client, "monitoring-what-if-households", year="2021",
                monitoring_line="9000", change="leave").content.decode()
    assert _rows(html) == [] or "没有农户" in html
    summary = _get(client, "monitoring-what-if", year="2021",
                   monitoring_line="9000").content.decode()
    link = re.search(r'id="what-if-households-link" href="([^"]+)"', summary).group(1)
    assert "monitoring_line=9000" in link
    assert "year=2021" in link
    # Categories and parameters in words, with units; no code on the summary.
    assert "监测线（元/人·年）" in summary
    text = re.sub(r"<[^>]+>", " ", summary)
    for code in ("monitoring_line", "sharp_drop_ratio", "unstable", "no_data", "marginal"):
        assert code not in text, code


@pytest.mark.parametrize("name", ["monitoring-what-if", "monitoring-what-if-households"])
def test_a_year_without_parameters_keeps_the_inputs_and_advises_in_words(county, client,
                                                                         name):
    response = _get(client, name, year="2030", monitoring_line="7000")
    html = response.content.decode()
    assert response.status_code in {200, 400}
    assert "--param" not in html
    assert "2030" in html
    assert "监测线（元/人·年）" in html
    assert "政策包" in html
    assert re.search(r'name="year" value="2030"', html)
    assert re.search(r'name="monitoring_line" value="7000"', html)
