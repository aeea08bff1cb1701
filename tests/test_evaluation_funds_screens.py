"""The fund performance screens and read API (issue 13 item 5): the county page (figures,
negative-list rows first), the province table of counties, the expenditures list and its
Excel export, the county officer's forms, the region gate (another county 404, no permission
403, a role that may read but not write 403) and the API."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from fupin.core.models import AuditRecord
from fupin.evaluation.models import Allocation, Expenditure, Project
from fupin.evaluation.services import funds as services
from tests import factories

COUNTY = "513431000000"
OTHER = "513436000000"


@pytest.fixture
def data(tree):
    """A county with a two-year grant, a project, a supported and a flagged payment; and
    the county next door with a flagged payment of its own."""
    out = {}
    for county, tag in ((COUNTY, "ZJ"), (OTHER, "MG")):
        allocation = services.record_allocation(
            actor="system:test", county_code=county, year=2020, end_year=2021,
            level="central", amount=Decimal("2000.00"), programme="示范县中央资金",
            document_no=f"DOC-{tag}", allocated_on=dt.date(2020, 3, 1),
            disbursed=Decimal("1500.00"))
        project = services.add_project(
            actor="system:test", county_code=county, year=2020, code=f"PRJ-{tag}",
            name=f"物流项目{tag}", category="logistics", budget=Decimal("1800.00"),
            implementing_unit="县商务局", allocation=allocation)
        services.add_expenditure(actor="system:test", project=project,
                                 spent_on=dt.date(2020, 5, 1), category="logistics",
                                 amount=Decimal("400.00"), payee="某物流公司",
                                 voucher_no=f"OK-{tag}")
        services.add_expenditure(actor="system:test", project=project,
                                 spent_on=dt.date(2021, 2, 1), category="logistics",
                                 amount=Decimal("100.00"), payee="某公司",
                                 voucher_no=f"FLAG-{tag}", description="购地补偿")
        out[tag] = project
    return out


def _login(client, role, division=COUNTY):
    user = factories.make_user(role, division)
    client.force_login(user)
    return user


def test_county_page_shows_figures_and_flagged_rows_first(client, data):
    _login(client, "county_officer")
    response = client.get(reverse("funds-county"), {"year": 2021})
    assert response.status_code == 200
    text = response.content.decode()
    assert "FLAG-ZJ" in text
    assert "OK-ZJ" in text
    assert text.index("FLAG-ZJ") < text.index("OK-ZJ")
    for theirs in ("FLAG-MG", "OK-MG", "PRJ-MG", "DOC-MG"):  # nothing of the county next door
        assert theirs not in text
    assert 'id="execution-rate">25.00<' in text  # 500 of 2,000 over 2020–2021
    assert 'id="disbursement-rate">75.00<' in text
    assert "购地" in text
    assert reverse("funds-expenditure-new") in text  # the officer records


def test_county_page_queries_do_not_grow_with_rows(client, data,
                                                 django_assert_max_num_queries):
    _login(client, "county_officer")
    client.get(reverse("funds-county"), {"year": 2021})  # sessions, permissions cached
    project = data["ZJ"]
    for n in range(30):
        services.add_expenditure(actor="system:test", project=project,
                                 spent_on=dt.date(2021, 3, 1), category="training",
                                 amount=Decimal("1.00"), payee="某培训机构",
                                 voucher_no=f"MANY-{n}", description="工资" if n % 2 else "")
    with django_assert_max_num_queries(15):
        response = client.get(reverse("funds-county"), {"year": 2021})
    assert response.content.decode().count("negative-flag") == 16  # 15 planted + FLAG-ZJ


def test_county_page_reads_in_chinese(client, data):
    _login(client, "county_officer")
    with translation.override("zh-hans"):
        text = client.get(reverse("funds-county"), {"year": 2021},
                          HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "执行率（%）" in text
    assert "%%" not in text
    assert "负面清单关键词：征地（负面清单）" in text


def test_another_county_by_division_is_not_found(client, data):
    _login(client, "county_officer")
    assert client.get(reverse("funds-county"), {"division": OTHER}).status_code == 404
    assert client.get(reverse("funds-county"), {"division": "513499000000"}).status_code == 404
    assert client.get(reverse("funds-county"), {"year": "1999"}).status_code == 400


def test_without_permission_is_forbidden(client, data):
    _login(client, "village_cadre", factories.HOME_VILLAGE)
    for name in ("funds-county", "funds-province", "funds-expenditures",
                 "funds-expenditure-new"):
        assert client.get(reverse(name)).status_code == 403, name


def test_readers_may_not_write(client, data):
    _login(client, "auditor")
    assert client.get(reverse("funds-county")).status_code == 200
    before = Expenditure.objects.count()
    response = client.post(reverse("funds-expenditure-new"),
                           {"project": data["ZJ"].pk, "spent_on": "2021-01-01",
                            "category": "training", "amount": "1", "payee": "x",
                            "voucher_no": "NEW"})
    assert response.status_code == 403
    assert Expenditure.objects.count() == before


def test_province_table_has_each_county_and_drills_down(client, data):
    _login(client, "province_viewer", "510000000000")
    response = client.get(reverse("funds-province"), {"year": 2021})
    assert response.status_code == 200
    text = response.content.decode()
    assert "昭觉县" in text
    assert "美姑县" in text
    assert f"?division={COUNTY}&amp;year=2021" in text
    assert ">25.00<" in text
    export = client.get(reverse("funds-province"), {"year": 2021, "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(export.content)).active
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["昭觉县"][4] == "25.00"
    # A county page above the county redirects to the table.
    assert client.get(reverse("funds-county")).status_code == 302


@pytest.mark.parametrize("column", ["county", "allocated", "execution_rate", "-execution_rate",
                                    "disbursement_rate", "negative_count", "unspent"])
def test_province_table_sorts_by_every_column_with_blanks(client, data, column):
    from fupin.regions.models import Division

    Division.objects.create(code="513432000000", name="喜德县", level="county",
                            parent_id="513400000000")  # no allocation: blank rates
    _login(client, "province_viewer", "510000000000")
    response = client.get(reverse("funds-province"), {"year": 2021, "sort": column})
    assert response.status_code == 200
    assert "喜德县" in response.content.decode()


def test_expenditures_list_filters_and_exports_flagged_first(client, data,
                                                             django_assert_max_num_queries):
    _login(client, "evaluator")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("funds-expenditures"))
    text = response.content.decode()
    assert text.index("FLAG-ZJ") < text.index("OK-ZJ")
    assert "FLAG-MG" not in text
    flagged = client.get(reverse("funds-expenditures"), {"flagged": "true"}).content.decode()
    assert "FLAG-ZJ" in flagged
    assert "OK-ZJ" not in flagged
    export = client.get(reverse("funds-expenditures"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(export.content)).active
    values = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [v[4] for v in values] == ["FLAG-ZJ", "OK-ZJ"]
    assert "购地" in values[0][0]


def test_officer_records_an_allocation_a_project_and_an_expenditure(client, data):
    _login(client, "county_officer")
    before = AuditRecord.objects.count()
    assert client.get(reverse("funds-allocation-new")).status_code == 200
    response = client.post(reverse("funds-allocation-new"), {
        "year": "2021", "end_year": "", "level": "provincial", "amount": "500",
        "programme": "省级配套", "document_no": "SJ-1", "allocated_on": "2021-04-01",
        "disbursed": "500"})
    assert response.status_code == 302
    allocation = Allocation.objects.get(document_no="SJ-1")
    assert (allocation.county_code, allocation.end_year) == (COUNTY, 2021)
    response = client.post(reverse("funds-project-new"), {
        "year": "2021", "code": "PRJ-NEW", "name": "培训", "category": "training",
        "budget": "300", "implementing_unit": "县人社局", "state": "planned",
        "allocation": str(allocation.pk)})
    assert response.status_code == 302
    project = Project.objects.get(code="PRJ-NEW")
    response = client.post(reverse("funds-expenditure-new"), {
        "project": str(project.pk), "spent_on": "2021-05-01", "category": "training",
        "amount": "120.50", "payee": "某培训机构", "voucher_no": "V-NEW",
        "description": "讲师津贴"})
    assert response.status_code == 302
    new = Expenditure.objects.get(voucher_no="V-NEW")
    assert new.negative_list == "keyword:staff_running"
    assert AuditRecord.objects.count() == before + 3
    # A bad amount is refused on the form, naming the field.
    response = client.post(reverse("funds-expenditure-new"), {
        "project": str(project.pk), "spent_on": "2021-05-01", "category": "training",
        "amount": "abc", "payee": "x", "voucher_no": "V-BAD"})
    assert response.status_code == 400
    assert "amount" in response.content.decode()


def test_officer_records_a_recovery_of_the_countys_allocation_only(client, data):
    _login(client, "county_officer")
    mine = data["ZJ"].allocation
    theirs = data["MG"].allocation
    url = reverse("funds-recovery", kwargs={"pk": mine.pk})
    assert "DOC-ZJ" in client.get(url).content.decode()
    response = client.post(url, {"amount": "100.00", "recovered_on": "2021-06-01",
                                 "document": "追〔2021〕1号"})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.recovered, mine.recovery_document) == (Decimal("100.00"), "追〔2021〕1号")
    too_much = client.post(url, {"amount": "1900.01", "recovered_on": "2021-06-02",
                                 "document": "追〔2021〕2号"})
    assert too_much.status_code == 400
    other = reverse("funds-recovery", kwargs={"pk": theirs.pk})
    assert client.post(other, {"amount": "1", "recovered_on": "2021-06-01",
                               "document": "x"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.recovered == Decimal("0.00")
    _login(client, "evaluator")
    assert client.get(url).status_code == 403


def test_officer_may_not_pay_from_another_countys_project(client, data):
    _login(client, "county_officer")
    response = client.post(reverse("funds-expenditure-new"), {
        "project": str(data["MG"].pk), "spent_on": "2021-05-01", "category": "training",
        "amount": "1", "payee": "x", "voucher_no": "V-X"})
    assert response.status_code == 404
    assert not Expenditure.objects.filter(voucher_no="V-X").exists()


# --- API -------------------------------------------------------------------------------------

def test_api_lists_and_figures_are_region_scoped(client, data):
    _login(client, "auditor")
    got = client.get("/api/evaluation/funds/expenditures").json()
    assert [i["voucher_no"] for i in got["items"]] == ["FLAG-ZJ", "OK-ZJ"]
    assert got["items"][0]["negative_list"] == "keyword:land"
    assert got["items"][0]["negative_list_display"]
    flagged = client.get("/api/evaluation/funds/expenditures", {"flagged": "true"}).json()
    assert [i["voucher_no"] for i in flagged["items"]] == ["FLAG-ZJ"]
    allocations = client.get("/api/evaluation/funds/allocations").json()["items"]
    assert [a["document_no"] for a in allocations] == ["DOC-ZJ"]
    projects = client.get("/api/evaluation/funds/projects").json()["items"]
    assert [(p["code"], p["allocation_document"]) for p in projects] == [("PRJ-ZJ", "DOC-ZJ")]
    figures = client.get(f"/api/evaluation/funds/counties/{COUNTY}", {"year": 2021}).json()
    assert figures["execution_rate"] == "0.2500"
    assert figures["negative_count"] == 1
    assert figures["by_level"]["central"] == "2000.00"
    assert client.get(f"/api/evaluation/funds/counties/{OTHER}").status_code == 404
    assert client.get("/api/evaluation/funds/expenditures",
                      {"county": "12"}).json()["items"] == []


def test_api_without_permission_is_forbidden(client, data):
    _login(client, "village_cadre", factories.HOME_VILLAGE)
    for url in ("/api/evaluation/funds/expenditures", "/api/evaluation/funds/allocations",
                "/api/evaluation/funds/projects", f"/api/evaluation/funds/counties/{COUNTY}"):
        assert client.get(url).status_code == 403, url


def test_the_endpoints_are_in_the_openapi_document_without_duplicate_keys(client):
    duplicates = []

    def pairs(items):
        keys = [k for k, _v in items]
        duplicates.extend(k for k in set(keys) if keys.count(k) > 1)
        return dict(items)

    # Swagger UI reads the document as YAML, which refuses a key twice (JSON does not).
    doc = json.loads(client.get("/api/openapi.json").content, object_pairs_hook=pairs)
    assert duplicates == []
    for path in ("/api/evaluation/funds/allocations", "/api/evaluation/funds/projects",
                 "/api/evaluation/funds/expenditures",
                 "/api/evaluation/funds/counties/{county_code}"):
        assert path in doc["paths"], path


def test_an_auditors_finding_links_to_a_flagged_expenditure_of_the_region(client, data):
    from fupin.accountability import services as accountability
    from fupin.core.errors import NotFound as Missing

    auditor = _login(client, "auditor")
    mine = Expenditure.objects.get(voucher_no="FLAG-ZJ")
    theirs = Expenditure.objects.get(voucher_no="FLAG-MG")
    page = client.get(reverse("funds-county"), {"year": 2021}).content.decode()
    assert f"（关联：支出 {mine.pk}）" in page  # the reference a finding links to
    fields = {"source": "audit", "division_code": COUNTY, "found_on": dt.date(2021, 6, 1),
              "responsible_unit": "县商务局", "category": "fund_misuse", "severity": "serious",
              "title": "负面清单支出"}
    finding = accountability.record_finding(actor=auditor, data=accountability.FindingInput(
        **fields, links=[("expenditure", str(mine.pk))]))
    assert [(x.kind, x.ref) for x in finding.links.all()] == [("expenditure", str(mine.pk))]
    with pytest.raises(Missing):
        accountability.record_finding(actor=auditor, data=accountability.FindingInput(
            **fields, links=[("expenditure", str(theirs.pk))]))
