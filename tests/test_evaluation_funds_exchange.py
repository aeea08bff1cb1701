"""The funds dataset in the exchange (issue 13 items 5 and 7, ADR 0047): allocations,
projects and expenditures import, export and re-import to the same records in CSV, Parquet
and XLSX; planted bad rows are refused whole, each problem named by file, row, column and
rule; planted negative-list rows are imported and flagged with their rule."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from django.db.models import Model
from django.utils import translation
from openpyxl import load_workbook

from fupin.core import datasets
from fupin.core.access import Scope
from fupin.core.exchange import open_tables
from fupin.core.models import AuditRecord
from fupin.evaluation.datasets.funds_tables import TABLES
from fupin.evaluation.models import Allocation, Expenditure, Project
from fupin.evaluation.services.funds import fund_values
from fupin_engine import snapshot
from tests import factories

COUNTY = "513431000000"
OTHER = "513436000000"
DATASET = "funds"
MODELS = [Allocation, Project, Expenditure]


def good_tables() -> dict[str, list[dict]]:
    return {
        "allocations": [
            {"county_code": COUNTY, "year": 2019, "end_year": 2020, "level": "central",
             "amount": "20000000.00", "programme": "电子商务进农村综合示范",
             "document_no": "财建〔2019〕1号", "allocated_on": "2019-05-10",
             "disbursed": "20000000.00", "recovered": "", "recovered_on": "",
             "recovery_document": ""},
            {"county_code": COUNTY, "year": 2020, "end_year": "", "level": "省级财政资金",
             "amount": "3000000.00", "programme": "省级配套", "document_no": "川财〔2020〕7号",
             "allocated_on": "2020-03-01", "disbursed": "1500000.00", "recovered": "20000.00",
             "recovered_on": "2021-02-01", "recovery_document": "川财追〔2021〕1号"},
        ],
        "projects": [
            {"county_code": COUNTY, "year": 2019, "code": "P-1", "name": "县级电商公共服务中心",
             "category": "service_centre", "budget": "5000000.00",
             "allocation_document": "财建〔2019〕1号", "implementing_unit": "县商务局",
             "state": "completed"},
            {"county_code": COUNTY, "year": 2020, "code": "P-2", "name": "乡村物流体系",
             "category": "县乡村三级物流配送体系", "budget": "8000000.00",
             "allocation_document": "", "implementing_unit": "县邮政分公司",
             "state": "in_progress"},
        ],
        "expenditures": [
            {"county_code": COUNTY, "project_code": "P-1", "voucher_no": "记-2019-001",
             "spent_on": "2019-08-01", "category": "service_centre", "amount": "1200000.00",
             "payee": "某装饰工程公司", "description": "服务中心装修", "negative_list": ""},
            {"county_code": COUNTY, "project_code": "P-2", "voucher_no": "记-2020-015",
             "spent_on": "2020-04-01", "category": "logistics", "amount": "650000.50",
             "payee": "某物流公司", "description": "", "negative_list": ""},
        ],
    }


def write_csv(folder: Path, data: dict[str, list[dict]], encoding: str = "utf-8-sig") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for table in TABLES:
        if table.name not in data:
            continue
        with (folder / f"{table.name}.csv").open("w", encoding=encoding, newline="") as fh:
            out = csv.writer(fh)
            out.writerow([c.name for c in table.columns])
            for row in data[table.name]:
                out.writerow([row.get(c.name, "") for c in table.columns])
    return folder


@pytest.fixture
def officer(tree):
    return factories.make_user("county_officer", COUNTY)


def run(path, user, scope=None):
    return datasets.get(DATASET).run_import(path, actor=user, scope=scope or Scope("513431"))


def state() -> dict[str, list]:
    def plain(obj: Model) -> tuple:
        out = []
        for f in obj._meta.concrete_fields:
            if f.primary_key or f.name in {"created_at", "updated_at"}:
                continue
            value = getattr(obj, f.name)
            out.append(getattr(value, "code", None) or getattr(value, "document_no", None)
                       if isinstance(value, Model) else value)
        return tuple(out)

    return {m.__name__: sorted(map(plain, m.objects.all()), key=repr) for m in MODELS}


def read_back(path: Path) -> dict[str, list]:
    out = {}
    for name, source in open_tables(path, TABLES).items():
        headers, rows = source.read()
        out[name] = [(headers, [snapshot.canonical(v) for v in values]) for _, values in rows]
    return out


@pytest.mark.parametrize("fmt", ["csv", "parquet", "xlsx"])
def test_import_export_import_is_identical(officer, tmp_path, fmt):
    data = good_tables()
    outcome = run(write_csv(tmp_path / "in", data), officer)
    assert outcome.ok, list(outcome.report.rows())
    assert outcome.rows == {"allocations": 2, "projects": 2, "expenditures": 2}
    assert outcome.counts["expenditures_new"] == 2
    assert Project.objects.get(code="P-1").allocation.document_no == "财建〔2019〕1号"
    assert Allocation.objects.get(document_no="川财〔2020〕7号").end_year == 2020
    first = state()
    dataset = datasets.get(DATASET)
    out = tmp_path / ("out.xlsx" if fmt == "xlsx" else "out")
    counts = dataset.run_export(out, fmt, actor=officer, scope=Scope("513431"), masked=True)
    assert counts == {"allocations": 2, "projects": 2, "expenditures": 2}
    before = AuditRecord.objects.count()
    again = run(out, officer)
    assert again.ok, list(again.report.rows())
    assert not [k for k, v in again.counts.items() if v and k.endswith(("_new", "_changed"))]
    assert AuditRecord.objects.count() == before  # the same file twice writes nothing
    for model in reversed(MODELS):
        model.objects.all().delete()
    second = run(out, officer)
    assert second.ok, list(second.report.rows())
    assert state() == first
    out2 = tmp_path / ("out2.xlsx" if fmt == "xlsx" else "out2")
    dataset.run_export(out2, fmt, actor=officer, scope=Scope("513431"), masked=True)
    assert read_back(out2) == read_back(out)


def test_gb18030_csv_and_a_changed_value(officer, tmp_path):
    data = good_tables()
    assert run(write_csv(tmp_path / "gbk", data, encoding="gb18030"), officer).ok
    data["expenditures"][1]["amount"] = "700000.00"
    outcome = run(write_csv(tmp_path / "b", data), officer)
    assert outcome.counts["expenditures_changed"] == 1
    assert outcome.counts["expenditures_unchanged"] == 1
    assert Expenditure.objects.get(voucher_no="记-2020-015").amount == Decimal("700000.00")


def test_planted_negative_list_rows_are_imported_and_flagged(officer, tmp_path):
    data = good_tables()
    planted = [
        ("记-N1", "buildings", "", "某建筑公司", "category:buildings"),
        ("记-N2", "service_centre", "新建办公楼一栋", "某建筑公司", "keyword:buildings"),
        ("记-N3", "logistics", "物流园区征地补偿", "某村委会", "keyword:land"),
        ("记-N4", "brand_quality", "", "某平台购买流量", "keyword:traffic"),
        ("记-N5", "training", "培训中心人员工资", "县电商中心", "keyword:staff_running"),
        ("记-N6", "trading_platform", "", "某软件公司", "category:trading_platform"),
    ]
    for voucher, category, description, payee, _rule in planted:
        data["expenditures"].append(
            {"county_code": COUNTY, "project_code": "P-2", "voucher_no": voucher,
             "spent_on": "2020-06-01", "category": category, "amount": "100.00",
             "payee": payee, "description": description,
             "negative_list": "ignored"})  # what the file says here is not believed
    with translation.override("en"):
        outcome = run(write_csv(tmp_path / "neg", data), officer)
    assert outcome.ok, list(outcome.report.rows())
    assert outcome.counts["expenditures_flagged"] == len(planted)
    flags = dict(Expenditure.objects.exclude(negative_list="")
                 .values_list("voucher_no", "negative_list"))
    assert flags == {v: rule for v, _c, _d, _p, rule in planted}
    assert Expenditure.objects.get(voucher_no="记-2019-001").negative_list == ""
    warnings = {(int(r[1]), r[5]) for r in outcome.report.rows() if r[4] == snapshot.WARNING}
    assert warnings == {(len(good_tables()["expenditures"]) + 2 + i, "negative_list")
                        for i in range(len(planted))}
    assert all(rule in r[6] for r, (*_x, rule) in zip(
        [r for r in outcome.report.rows() if r[4] == snapshot.WARNING], planted, strict=True))
    values = fund_values([COUNTY], 2020)[COUNTY]
    assert values["negative_list_expenditures"] == len(planted)
    assert values["negative_list_amount"] == Decimal("600.00")


def _bad() -> tuple[dict[str, list[dict]], set[tuple[str, int, str, str]]]:
    data = good_tables()
    expected: set[tuple[str, int, str, str]] = set()

    def plant(table: str, column: str, rule: str, base: int = 0, **change):
        data[table].append({**data[table][base], **change})
        expected.add((f"{table}.csv", len(data[table]) + 1, column, rule))

    plant("allocations", "county_code", "unknown_division", county_code="513499000000",
          document_no="A1")
    plant("allocations", "county_code", "not_a_county", county_code="513431100000",
          document_no="A2")
    plant("allocations", "county_code", "outside_region", county_code=OTHER, document_no="A3")
    plant("allocations", "amount", "negative", amount="-5.00", disbursed="", document_no="A4")
    plant("allocations", "end_year", "end_before_start", end_year=2018, document_no="A5")
    plant("allocations", "disbursed", "disbursed_exceeds", disbursed="20000000.01",
          document_no="A6")
    plant("allocations", "recovered_on", "recovery_without_date", recovered="1.00",
          document_no="A7")
    plant("allocations", "document_no", "duplicate")
    plant("allocations", "year", "future_year", year=2099, end_year="", document_no="A8")
    plant("projects", "category", "enum", code="P-X1", category="banquets")
    plant("projects", "allocation_document", "unknown_allocation", code="P-X2",
          allocation_document="无此文号")
    plant("projects", "code", "duplicate")
    plant("projects", "county_code", "outside_region", code="P-X3", county_code=OTHER)
    plant("expenditures", "project_code", "unknown_project", voucher_no="X1",
          project_code="P-NONE")
    plant("expenditures", "amount", "negative", voucher_no="X3", amount="-0.01")
    plant("expenditures", "spent_on", "before_project_year", base=1, voucher_no="X4",
          spent_on="2019-12-31")
    plant("expenditures", "voucher_no", "duplicate")
    plant("expenditures", "category", "enum", voucher_no="X5", category="fireworks")
    plant("expenditures", "spent_on", "future_date", voucher_no="X6", spent_on="2099-01-01")
    return data, expected


def test_planted_bad_rows_are_refused_whole_with_every_problem(officer, tmp_path):
    data, expected = _bad()
    before, audit_before = state(), AuditRecord.objects.count()
    with translation.override("en"):
        outcome = run(write_csv(tmp_path / "bad", data), officer)
    reported = {(r[0], int(r[1]), r[2], r[5]) for r in outcome.report.rows()
                if r[4] == snapshot.ERROR}
    assert not outcome.ok
    assert outcome.counts is None
    assert reported == expected
    assert state() == before
    assert AuditRecord.objects.count() == audit_before


def test_a_project_of_another_county_is_not_revealed_by_name(officer, tmp_path):
    """Outside the importer's region a project reads like no project at all."""
    from fupin.evaluation.services import funds as services

    meigu = factories.make_user("county_officer", OTHER)
    services.add_project(actor=meigu, county_code=OTHER, year=2019, code="P-HIDDEN",
                         name="美姑项目", category="training", budget=Decimal(1),
                         implementing_unit="美姑县商务局")
    data = good_tables()
    data["expenditures"][0]["project_code"] = "P-HIDDEN"
    outcome = run(write_csv(tmp_path / "h", data), officer)
    rules = {r[5] for r in outcome.report.rows() if r[4] == snapshot.ERROR}
    assert rules == {"unknown_project"}


def test_a_prefecture_importer_may_not_pay_one_countys_project_from_another(tree, tmp_path):
    from fupin.evaluation.services import funds as services

    services.add_project(actor="system:test", county_code=OTHER, year=2019, code="P-MEIGU",
                         name="美姑项目", category="training", budget=Decimal(1),
                         implementing_unit="美姑县商务局")
    data = good_tables()
    data["expenditures"][0]["project_code"] = "P-MEIGU"
    importer = factories.make_user("county_officer", "513400000000")
    with translation.override("en"):
        outcome = run(write_csv(tmp_path / "p", data), importer, scope=Scope("5134"))
    errors = [(r[1], r[2], r[5]) for r in outcome.report.rows() if r[4] == snapshot.ERROR]
    assert errors == [("2", "project_code", "project_of_another_county")]
    assert not Expenditure.objects.exists()


def test_template_has_chinese_headers_and_drop_downs(tmp_path):
    path = tmp_path / "template.xlsx"
    datasets.get(DATASET).template(path)
    wb = load_workbook(path)
    assert wb.sheetnames == ["资金下达", "资金项目明细", "资金支出"]
    sheet = wb["资金支出"]
    assert [c.value for c in sheet[1]][:4] == ["县代码", "项目编号", "凭证号", "支出日期"]
    lists = " ".join(dv.formula1 for dv in sheet.data_validations.dataValidation)
    assert "购买流量（负面清单）" in lists
    assert "中央财政资金" in " ".join(
        dv.formula1 for dv in wb["资金下达"].data_validations.dataValidation)


def test_the_report_names_columns_by_their_chinese_headers_in_chinese(officer, tmp_path):
    data = good_tables()
    data["expenditures"][0]["amount"] = "-3"
    with translation.override("zh-hans"):
        outcome = run(write_csv(tmp_path / "zh", data), officer)
    rows = [r for r in outcome.report.rows() if r[5] == "negative"]
    assert rows
    assert rows[0][2] == "支出金额"


def test_format_doc_lists_every_table_and_column_with_its_label():
    doc = (Path(__file__).resolve().parents[1] / "docs/formats/funds.md").read_text(
        encoding="utf-8")
    for table in TABLES:
        assert f"## `{table.name}`" in doc
        assert f"sheet `{table.sheet}`" in doc
        for col in table.columns:
            assert f"| `{col.name}` | {col.label} |" in doc, (table.name, col.name)
    for words in __import__("fupin.evaluation.choices", fromlist=["x"]).NEGATIVE_LIST.values():
        for word in words:
            assert word in doc


def test_the_exchange_screens_run_the_dataset_for_the_officer_only(officer, client, settings,
                                                                   tmp_path):
    import io
    import zipfile

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from fupin.core import exchange_jobs as jobs
    from fupin.core.errors import Forbidden
    from fupin.core.models import ExchangeJob

    settings.FUPIN_EXCHANGE_DIR = tmp_path / "exchange"
    folder = write_csv(tmp_path / "z", good_tables())
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for f in folder.iterdir():
            zf.write(f, f.name)
    upload = SimpleUploadedFile("funds.zip", buf.getvalue())
    for reader in ("auditor", "province_viewer"):
        with pytest.raises(Forbidden):
            jobs.start_import(actor=factories.make_user(reader, COUNTY), dataset=DATASET,
                              upload=upload)
        upload.seek(0)
    job = jobs.start_import(actor=officer, dataset=DATASET, upload=upload)
    jobs.validate_import.call(job.pk)
    job.refresh_from_db()
    assert job.state == ExchangeJob.State.VALIDATED, job.message
    jobs.commit_import(actor=officer, job=job)
    jobs.run_commit.call(job.pk)
    job.refresh_from_db()
    assert job.state == ExchangeJob.State.COMMITTED, job.message
    assert job.counts["expenditures_new"] == 2
    client.force_login(officer)
    template = client.get(reverse("exchange-template") + f"?dataset={DATASET}")
    assert template.status_code == 200
    wb = load_workbook(io.BytesIO(b"".join(template.streaming_content)))
    assert wb.sheetnames == [t.sheet for t in TABLES]


def test_the_demo_fund_records_import_and_show_a_flagged_payment_of_each_rule(officer,
                                                                              tmp_path):
    from fupin.evaluation import demo_funds

    outcome = demo_funds.load(COUNTY, actor=officer, folder=tmp_path / "demo")
    assert outcome.ok, list(outcome.report.rows())
    flagged = dict(Expenditure.objects.exclude(negative_list="")
                   .values_list("voucher_no", "negative_list"))
    assert flagged == {"记-2020-901": "category:buildings",
                       "记-2020-902": "keyword:staff_running"}
    values = fund_values([COUNTY], 2020)[COUNTY]
    assert values["negative_list_expenditures"] == 2
    assert values["negative_list_amount"] == Decimal("506000.00")
    assert Decimal("0.5") < values["fund_execution_rate"] < 1
