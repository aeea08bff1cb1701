"""Every list exports its filtered rows to Excel, headed in Chinese words (read back with
openpyxl): households (search and filters) and the monitoring objects (category, risk type)."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from fupin.cases.models import Case
from fupin.core import labels
from fupin.households.models import Household
from tests import factories
from tests.inbox_data import bulk_cases

COUNTY = "513431000000"
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def _sheet(response) -> list[tuple]:
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return list(load_workbook(io.BytesIO(response.content), read_only=True).active
                .iter_rows(values_only=True))


@pytest.fixture
def officer(client, tree):
    user = factories.make_user("county_officer", COUNTY)
    client.force_login(user)
    return user


def test_the_household_list_filters_pages_and_exports(client, officer):
    for i in range(3):
        factories.household(factories.HOME_VILLAGE, head_name=f"王{i}")
    factories.household(factories.OTHER_TOWNSHIP_VILLAGE, head_name="李一", status="general",
                        exit_year=None)
    factories.household(factories.OTHER_COUNTY_VILLAGE, head_name="王外县")
    url = reverse("household-list")
    html = client.get(url, **ZH).content.decode()
    assert "4 户" in html
    assert "王外县" not in html
    html = client.get(url, {"township": factories.HOME_TOWNSHIP}, **ZH).content.decode()
    assert "3 户" in html
    rows = _sheet(client.get(url, {"q": "王", "export": "xlsx"}, **ZH))
    assert rows[0] == ("户编号", "户主", "乡镇", "村", "户类型", "脱贫年度", "人口数")
    assert rows[1][2:5] == ("新城镇", factories.make_tree()[factories.HOME_VILLAGE].name,
                            "脱贫户")
    assert sorted(r[1] for r in rows[1:]) == ["王0", "王1", "王2"]
    rows = _sheet(client.get(url, {"status": "general", "export": "xlsx"}, **ZH))
    assert [r[1] for r in rows[1:]] == ["李一"]
    assert rows[1][4] == "一般农户"
    assert client.get(url, {"status": "nonsense"}).status_code == 400


def test_the_monitoring_objects_list_filters_by_category_and_risk_type(client, officer):
    ids = bulk_cases(60, ("monitored",))
    marginal = ids[:20]
    Case.objects.filter(pk__in=marginal).update(category="marginal", risk_types="02;03")
    Case.objects.filter(pk__in=ids[20:30]).update(state="alerted")  # not approved yet
    url = reverse("case-monitoring-objects")
    html = client.get(url, **ZH).content.decode()
    assert "共 50 行" in html
    rows = _sheet(client.get(url, {"category": "marginal", "export": "xlsx"}, **ZH))
    assert len(rows) - 1 == 20
    assert rows[0][:4] == ("户编号", "户主", "乡镇", "村")
    assert {r[4] for r in rows[1:]} == {labels.word("category", "marginal")}
    assert {r[0] for r in rows[1:]} == set(
        Household.objects.filter(cases__pk__in=marginal).values_list("household_id",
                                                                     flat=True))
    rows = _sheet(client.get(url, {"risk_type": "03", "export": "xlsx"}, **ZH))
    assert len(rows) - 1 == 20
    rows = _sheet(client.get(url, {"risk_type": "01", "export": "xlsx"}, **ZH))
    assert len(rows) - 1 == 30
    other = factories.make_user("county_officer", "513436000000")
    client.force_login(other)
    assert "共 0 行" in client.get(url, **ZH).content.decode()


def test_a_runs_flagged_households_are_a_list_with_reasons_in_words(client, officer, tmp_path):
    from fupin.core.access import Scope
    from fupin.households.importer import run_import
    from fupin.monitoring import services
    from fupin.monitoring.models import Assessment
    from tests.test_exchange import _generated

    assert run_import(_generated(tmp_path, n=60, seed=8), actor="test", scope=Scope.nation()).ok
    run = services.run_monitoring(actor="test", year=2021, scope=Scope.nation()).run
    flagged = Assessment.objects.filter(run=run).exclude(category="none")
    assert flagged.exists()
    url = reverse("monitoring-run-flagged", args=[run.pk])
    html = client.get(url, **ZH).content.decode()
    assert f"共 {flagged.count()} 行" in html
    category = flagged.values_list("category", flat=True).first()
    rows = _sheet(client.get(url, {"category": category, "export": "xlsx"}, **ZH))
    assert rows[0] == ("户编号", "户主", "村", "类别", "风险类型", "人均纯收入（元）", "原因")
    assert len(rows) - 1 == flagged.filter(category=category).count()
    assert {r[3] for r in rows[1:]} == {labels.word("category", category)}
    assert all(r[6] for r in rows[1:])  # every flagged household has its reasons
    assert client.get(reverse("monitoring-run-flagged", args=[run.pk + 999])).status_code == 404


def test_the_exchange_jobs_list_exports_the_region_s_jobs(client, officer, tmp_path, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from fupin.core import exchange_jobs as jobs

    settings.FUPIN_EXCHANGE_DIR = tmp_path / "exchange"
    mine = jobs.start_import(actor=officer, upload=SimpleUploadedFile("我的.xlsx", b"x"))
    theirs = jobs.start_import(actor=factories.make_user("county_officer", "513436000000"),
                               upload=SimpleUploadedFile("外县.xlsx", b"x"))
    url = reverse("exchange-jobs")
    html = client.get(url, **ZH).content.decode()
    assert mine.filename in html
    assert theirs.filename not in html
    rows = _sheet(client.get(url, {"kind": "import", "export": "xlsx"}, **ZH))
    assert rows[0][:3] == ("序号", "数据集", "类型")
    assert [r[0] for r in rows[1:]] == [mine.pk]
    assert rows[1][3] == mine.filename


def test_the_case_dashboard_tables_export_as_one_workbook(client, officer):
    ids = bulk_cases(40, ("monitored", "alerted"))
    Case.objects.filter(pk__in=ids[:10]).update(category="marginal", risk_types="02;03")
    response = client.get(reverse("case-dashboard-export"), **ZH)
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    areas, states, risks, measures = (list(s.iter_rows(values_only=True)) for s in book)
    assert areas[0][0] == "行政区划"
    assert sum(sum(r[1:]) for r in areas[1:]) == 40
    assert {r[0] for r in areas[1:]} == {"新城镇", tree_name("513431101000")}
    assert sum(r[1] for r in states[1:]) == 40
    assert dict(risks[1:])[labels.word("risk_type", "03")] == 10
    assert measures[0][1] == "数量"


def tree_name(code: str) -> str:
    from fupin.regions.models import Division

    return Division.objects.get(code=code).name


def test_the_runs_list_pages_and_exports_what_the_user_may_see(client, officer, tmp_path):
    from fupin.core.access import Scope
    from fupin.households.importer import run_import
    from fupin.monitoring import services
    from tests.test_exchange import _generated

    assert run_import(_generated(tmp_path, n=30, seed=3), actor="test", scope=Scope.nation()).ok
    run = services.run_monitoring(actor="test", year=2021, scope=Scope("513431")).run
    rows = _sheet(client.get(reverse("monitoring-runs"), {"export": "xlsx"}, **ZH))
    assert rows[0][:2] == ("#", "年度")
    assert [(r[0], r[4], r[5]) for r in rows[1:]] == [(run.pk, run.households, run.flagged)]
