"""The e-commerce dataset in the exchange (issue 12 item 9, ADR 0041): every table imports,
exports and re-imports to the same records in CSV, Parquet and XLSX; a file with planted bad
rows of each rule is refused whole with every problem reported by file, row, column and rule;
the template has Chinese headers and drop-downs."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.db.models import Model
from openpyxl import load_workbook
from stdnum.cn import uscc

from fupin.core import datasets
from fupin.core.access import Scope
from fupin.core.exchange import open_tables
from fupin.core.models import AuditRecord
from fupin.ecommerce import models as m
from fupin.ecommerce.datasets.tables import TABLES
from fupin_engine import snapshot
from tests import factories

COUNTY = "513431000000"
OTHER_COUNTY = "513436000000"


def credit(n: int, county: str = "513431") -> str:
    base = f"9{n % 10}{county}MA{n:07d}"
    return base + uscc.calc_check_digit(base)


def good_tables(home: str, other_home: str) -> dict[str, list[dict]]:
    """A small programme touching every table and every reference between them."""
    firm, coop, platform = credit(1), credit(2), credit(3, "110105")
    return {
        "programmes": [
            {"code": "P-EC", "kind": "ecommerce", "division_code": COUNTY,
                 "name": "电商进农村综合示范",
                 "lead_unit": "县商务局", "start_year": 2019, "end_year": 2025},
            {"code": "P-DS", "kind": "domestic_service", "division_code": COUNTY,
                 "name": "家政扶贫",
                 "lead_unit": "", "start_year": 2020, "end_year": ""},
        ],
        "sites": [
            {"code": "S-C", "level": "county_centre", "division_code": COUNTY, "name": "县电商中心",
                 "operator": "县供销社", "services": "purchase;sales;training",
                 "opened_on": "2019-03-01", "closed_on": "", "status": "working", "area_m2": 1200},
            {"code": "S-T", "level": "township_station", "division_code": "513431100000",
                 "name": "新城镇服务站", "operator": "", "services": "parcels",
                 "opened_on": "2019-06-01", "closed_on": "2021-06-30", "status": "closed",
                 "area_m2": ""},
            {"code": "S-V", "level": "village_point", "division_code": "513431100200",
                 "name": "俄尔古取村服务点", "operator": "", "services": "",
                 "opened_on": "2030-01-01",
                 "closed_on": "", "status": "working", "area_m2": ""},
        ],
        "logistics": [
            {"division_code": "513431100000", "year": 2020, "express_covered": 1,
                 "carriers": "邮政;中通", "village_delivery_points": 4, "parcels_in": 120000,
                 "parcels_out": 35000},
            {"division_code": "513431101000", "year": 2020, "express_covered": 0, "carriers": "",
                 "village_delivery_points": 0, "parcels_in": "", "parcels_out": ""},
        ],
        "enterprises": [
            {"credit_code": firm, "name": "昭觉电商有限公司", "kind": "ecommerce_firm",
                 "division_code": COUNTY},
            {"credit_code": coop, "name": "俄尔古取村专业合作社", "kind": "cooperative",
                 "division_code": "513431100200"},
            {"credit_code": platform, "name": "某电商平台", "kind": "platform",
                 "division_code": ""},
        ],
        "pairings": [
            {"code": "PR-1", "credit_code": platform, "division_code": COUNTY,
                 "start_date": "2019-01-01", "end_date": "2030-12-31",
                 "committed_purchase": "5000000.00", "committed_training": 300,
                 "committed_jobs": 40},
        ],
        "pairing_years": [
            {"pairing_code": "PR-1", "year": 2019, "delivered_purchase": "1200000.50",
                 "delivered_training": 120, "delivered_jobs": 10},
            {"pairing_code": "PR-1", "year": 2020, "delivered_purchase": "0.00",
                 "delivered_training": 0, "delivered_jobs": 0},
        ],
        "supply_chains": [
            {"code": "SC-1", "division_code": COUNTY, "sector": "agriculture", "name": "苦荞供应链",
                 "brand": "大凉山", "standards": "绿色食品", "certifications": "地理标志;有机",
                 "enterprises": f"{coop};{firm}"},
        ],
        "products": [
            {"code": "PD-1", "name": "苦荞茶", "supplier_credit_code": firm,
                 "supply_chain_code": "SC-1", "division_code": "513431100000",
                 "category": "tea_herbs", "specification": "250g/盒",
                 "certificate_no": "川扶2020-001",
                 "valid_from": "2020-05-01", "valid_until": "2031-04-30"},
            {"code": "PD-2", "name": "马铃薯", "supplier_credit_code": coop,
                 "supply_chain_code": "",
                 "division_code": COUNTY, "category": "fruit_veg", "specification": "",
                 "certificate_no": "川扶2020-002", "valid_from": "2020-05-01",
                 "valid_until": "2021-04-30"},
        ],
        "batches": [
            {"product_code": "PD-1", "batch_no": "B1", "produced_on": "2020-09-01",
                 "origin_household_id": home, "origin_credit_code": "", "buyer": "成都某食堂",
                 "quantity": "1250.5", "unit": "kg"},
            {"product_code": "PD-2", "batch_no": "B1", "produced_on": "2020-10-01",
                 "origin_household_id": "", "origin_credit_code": coop, "buyer": "某超市",
                 "quantity": "3", "unit": "吨"},
        ],
        "sales": [
            {"product_code": "PD-1", "year": 2020, "channel": "online", "platform": "某电商平台",
                 "amount": "85000.00", "quantity": "2000"},
            {"product_code": "PD-1", "year": 2020, "channel": "canteen", "platform": "",
                 "amount": "12000.40", "quantity": ""},
        ],
        "training_sessions": [
            {"code": "T-1", "programme_code": "P-EC", "held_on": "2020-04-10", "topic": "网店运营",
                 "provider": "县电商中心", "person_times": 80, "poor_trainees": 30,
                 "exited_trainees": 20},
        ],
        "beneficiaries": [
            {"programme_code": "P-EC", "household_id": home, "member_name": "", "year": 2020,
                 "outcome": "opened_shop", "session_code": "T-1", "wage_income": "", "months": ""},
            {"programme_code": "P-DS", "household_id": other_home, "member_name": "阿呷",
                 "year": 2021, "outcome": "placed", "session_code": "", "wage_income": "36000.00",
                 "months": 10},
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
def setup(tree):
    home = factories.household(factories.HOME_VILLAGE, household_id="H-HOME")
    other_township = factories.household(factories.OTHER_TOWNSHIP_VILLAGE,
                                         household_id="H-OTHER-TWP")
    elsewhere = factories.household(factories.OTHER_COUNTY_VILLAGE, household_id="H-MEIGU")
    officer = factories.make_user("county_officer", COUNTY)
    return {"home": home.household_id, "other_township": other_township.household_id,
            "elsewhere": elsewhere.household_id, "officer": officer}


DATASET = "ecommerce"
MODELS = [m.Programme, m.Site, m.LogisticsYear, m.Enterprise, m.Pairing, m.PairingYear,
          m.SupplyChain, m.Product, m.TraceBatch, m.Sale, m.TrainingSession, m.Beneficiary]


def state() -> dict[str, list]:
    """Every record of every table, ids and times left out (natural keys instead)."""

    def plain(obj: Model) -> tuple:
        out = []
        for f in obj._meta.concrete_fields:
            if f.primary_key or f.name in {"created_at", "updated_at", "state_since"}:
                continue
            value = getattr(obj, f.name)
            out.append(str(value) if isinstance(value, Model) else value)
        return tuple(out)

    result = {mdl.__name__: sorted(map(plain, mdl.objects.all()), key=repr) for mdl in MODELS}
    result["chain_firms"] = sorted(SupplyChainFirms())
    return result


def SupplyChainFirms():  # noqa: N802 - reads like a table
    return m.SupplyChain.enterprises.through.objects.values_list(
        "supplychain__code", "enterprise__credit_code")


def wipe() -> None:
    for mdl in reversed(MODELS):
        mdl.objects.all().delete()


def run(path, user, scope=None):
    return datasets.get(DATASET).run_import(path, actor=user, scope=scope or Scope("513431"))


@pytest.mark.parametrize("fmt", ["csv", "parquet", "xlsx"])
def test_import_export_import_is_identical(setup, tmp_path, fmt):
    data = good_tables(setup["home"], setup["other_township"])
    outcome = run(write_csv(tmp_path / "in", data), setup["officer"])
    assert outcome.ok, list(outcome.report.rows())
    assert outcome.rows == {t: len(v) for t, v in data.items()}
    assert outcome.counts["products_new"] == 2
    # A product whose validity ended arrives expired (ecprod's state), the other listed.
    assert dict(m.Product.objects.values_list("code", "state")) == {"PD-1": "listed",
                                                                    "PD-2": "expired"}
    first = state()
    assert len(first["Beneficiary"]) == 2
    assert len(first["chain_firms"]) == 2

    dataset = datasets.get(DATASET)
    out = tmp_path / ("out.xlsx" if fmt == "xlsx" else "out")
    counts = dataset.run_export(out, fmt, actor=setup["officer"], scope=Scope("513431"),
                                masked=True)
    assert counts == {t.name: len(data[t.name]) for t in TABLES}
    # The same file again writes nothing and records nothing.
    before = AuditRecord.objects.count()
    again = run(out, setup["officer"])
    assert again.ok, list(again.report.rows())
    assert not [k for k, v in again.counts.items() if v and not k.endswith("unchanged")]
    assert AuditRecord.objects.count() == before
    wipe()
    second = run(out, setup["officer"])
    assert second.ok, list(second.report.rows())
    assert state() == first
    out2 = tmp_path / ("out2.xlsx" if fmt == "xlsx" else "out2")
    dataset.run_export(out2, fmt, actor=setup["officer"], scope=Scope("513431"), masked=True)
    assert read_back(out2) == read_back(out)


def read_back(path: Path) -> dict[str, list]:
    found = open_tables(path, TABLES)
    out = {}
    for name, source in found.items():
        headers, rows = source.read()
        out[name] = [(headers, [snapshot.canonical(v) for v in values]) for _, values in rows]
    return out


def test_one_audit_record_per_import_and_per_export(setup, tmp_path):
    data = good_tables(setup["home"], setup["other_township"])
    before = AuditRecord.objects.count()
    run(write_csv(tmp_path / "in", data), setup["officer"])
    records = list(AuditRecord.objects.order_by("seq")[before:])
    # One record for the import; each product that enters the county's list through the
    # certification's service is on the ledger by itself, as every listing is (ADR 0043).
    listed = len(data["products"])
    actions = [r.action for r in records]
    assert actions.count("ecommerce.import") == 1
    assert actions.count("ecommerce.import_listed") == listed
    assert set(actions) == {"ecommerce.import", "ecommerce.import_listed"}
    records = [r for r in records if r.action == "ecommerce.import"]
    assert records[0].after["counts"]["sites_new"] == 3
    assert records[0].division_code == COUNTY
    datasets.get(DATASET).run_export(tmp_path / "x", "csv", actor=setup["officer"],
                                     scope=Scope("513431"), masked=True)
    assert AuditRecord.objects.latest("seq").action == "ecommerce.export"


def test_gb18030_csv_and_a_workbook_of_some_sheets(setup, tmp_path):
    data = good_tables(setup["home"], setup["other_township"])
    assert run(write_csv(tmp_path / "gbk", {"programmes": data["programmes"]},
                         encoding="gb18030"), setup["officer"]).ok
    assert m.Programme.objects.get(code="P-EC").name == "电商进农村综合示范"


def test_template_has_chinese_headers_and_drop_downs(tmp_path):
    path = tmp_path / "template.xlsx"
    datasets.get(DATASET).template(path)
    wb = load_workbook(path)
    assert wb.sheetnames == [t.sheet for t in TABLES]
    sites = wb["服务站点"]
    assert [c.value for c in sites[1]][:3] == ["站点编号", "站点层级", "区划代码"]
    lists = {str(dv.sqref)[0]: dv.formula1 for dv in sites.data_validations.dataValidation}
    assert "村级电商服务点" in lists["B"]
    assert "已关闭" in lists["I"]
    assert ["是" in dv.formula1 for dv in wb["乡镇物流"].data_validations.dataValidation] == [True]


def test_an_updated_value_is_written_and_the_rest_left_alone(setup, tmp_path):
    data = good_tables(setup["home"], setup["other_township"])
    run(write_csv(tmp_path / "a", data), setup["officer"])
    data["sales"][0]["amount"] = "90000.00"
    outcome = run(write_csv(tmp_path / "b", data), setup["officer"])
    assert outcome.counts["sales_changed"] == 1
    assert outcome.counts["sales_unchanged"] == 1
    assert m.Sale.objects.get(channel="online").amount == Decimal("90000.00")


def _bad(setup) -> tuple[dict[str, list[dict]], set[tuple[str, int, str, str]]]:
    """Good tables with one bad row per rule appended; the problems each must raise."""
    data = good_tables(setup["home"], setup["other_township"])
    expected: set[tuple[str, int, str, str]] = set()

    def plant(table: str, column: str, rule: str, base: int = 0, **change):
        row = {**data[table][base], **change}
        data[table].append(row)
        expected.add((f"{table}.csv", len(data[table]) + 1, column, rule))

    firm = data["enterprises"][0]["credit_code"]
    unregistered = credit(77)
    plant("programmes", "division_code", "unknown_division", code="P-X1",
          division_code="513499000000")
    plant("programmes", "division_code", "wrong_level", code="P-X2",
          division_code="513431100000")
    plant("programmes", "division_code", "outside_region", code="P-X3",
          division_code=OTHER_COUNTY)
    plant("programmes", "end_year", "end_before_start", code="P-X4", end_year=2018)
    plant("programmes", "code", "duplicate")  # P-EC again
    plant("programmes", "code", "code_elsewhere", code="P-MEIGU")
    plant("sites", "division_code", "wrong_level", code="S-X1", level="village_point",
          division_code="513431100000")
    plant("sites", "closed_on", "end_before_start", code="S-X2", base=1,
          closed_on="2019-01-01")
    plant("sites", "closed_on", "closed_without_date", code="S-X3", status="closed")
    plant("sites", "services", "unknown_service", code="S-X4", services="purchase;fly")
    plant("logistics", "year", "range", year=1999)
    plant("logistics", "year", "future_year", year=2099)
    plant("logistics", "parcels_in", "range", year=2021, parcels_in=-5)
    plant("enterprises", "credit_code", "invalid_credit_code",
          credit_code=firm[:-1] + ("0" if firm[-1] != "0" else "1"))
    plant("pairings", "credit_code", "unknown_enterprise", code="PR-X1",
          credit_code=unregistered)
    plant("pairings", "committed_purchase", "negative", code="PR-X2",
          committed_purchase="-100")
    plant("pairing_years", "pairing_code", "unknown_pairing", pairing_code="PR-NONE")
    plant("pairing_years", "year", "year_outside_period", year=2018)
    plant("supply_chains", "enterprises", "invalid_credit_code", code="SC-X1",
          enterprises=f"{firm};91513431MA00000019")
    plant("products", "valid_until", "end_before_start", code="PD-X1",
          valid_until="2019-01-01")
    plant("products", "code", "product_in_workflow", code="PD-W")
    plant("batches", "product_code", "unknown_product", product_code="PD-NONE")
    plant("batches", "origin_household_id", "household_not_in_county", batch_no="B2",
          origin_household_id=setup["elsewhere"])
    plant("batches", "origin_household_id", "batch_needs_origin", batch_no="B3",
          origin_household_id="")
    plant("sales", "amount", "negative", year=2021, amount="-1")
    plant("sales", "channel", "duplicate")
    plant("training_sessions", "poor_trainees", "trainees_exceed", code="T-X1",
          poor_trainees=81)
    plant("beneficiaries", "household_id", "household_not_in_county",
          household_id=setup["elsewhere"])
    plant("beneficiaries", "household_id", "household_not_in_county", household_id="H-NONE")
    plant("beneficiaries", "programme_code", "unknown_programme", programme_code="P-NONE")
    plant("beneficiaries", "year", "year_outside_period", year=2018, session_code="")
    return data, expected


def test_planted_bad_rows_are_refused_whole_with_every_problem(setup, tmp_path):
    from django.utils import translation

    meigu = m.Enterprise.objects.create(credit_code=credit(90, "513436"), name="美姑公司",
                                        kind="shop", division_code=OTHER_COUNTY)
    m.Programme.objects.create(code="P-MEIGU", kind="labour", division_code=OTHER_COUNTY,
                               name="美姑劳务", start_year=2019)
    m.Product.objects.create(code="PD-W", name="在审产品", supplier=meigu,
                             division_code="513431100000", category="other",
                             state="applied", state_since=dt.datetime(2021, 1, 1, tzinfo=dt.UTC))
    data, expected = _bad(setup)
    before = state()
    audit_before = AuditRecord.objects.count()
    with translation.override("en"):
        outcome = run(write_csv(tmp_path / "bad", data), setup["officer"])
    reported = {(r[0], int(r[1]), r[2], r[5]) for r in outcome.report.rows()
                if r[4] == snapshot.ERROR}
    assert not outcome.ok
    assert outcome.counts is None
    assert reported == expected
    assert state() == before
    assert AuditRecord.objects.count() == audit_before


def test_a_township_importer_may_not_write_county_rows(setup, tmp_path):
    township = factories.make_user("township_reviewer", "513431100000")
    data = good_tables(setup["home"], setup["other_township"])
    outcome = run(write_csv(tmp_path / "t", {"programmes": data["programmes"]}), township,
                  scope=Scope("513431100"))
    assert {r[5] for r in outcome.report.rows()} == {"outside_region"}
    assert not m.Programme.objects.exists()


def test_the_report_names_columns_by_their_chinese_headers_in_chinese(setup, tmp_path):
    from django.utils import translation

    data = good_tables(setup["home"], setup["other_township"])
    data["sales"][0]["amount"] = "-3"
    with translation.override("zh-hans"):
        outcome = run(write_csv(tmp_path / "zh", {"sales": data["sales"],
                                                  "products": data["products"]}),
                      setup["officer"])
    rows = [r for r in outcome.report.rows() if r[5] == "negative"]
    assert rows
    assert rows[0][2] == "销售额"


def test_format_doc_lists_every_table_and_column_with_its_label():
    doc = (Path(__file__).resolve().parents[1] / "docs/formats/ecommerce.md").read_text(
        encoding="utf-8")
    for table in TABLES:
        assert f"## `{table.name}`" in doc
        assert f"sheet `{table.sheet}`" in doc
        for col in table.columns:
            assert f"| `{col.name}` | {col.label} |" in doc, (table.name, col.name)


def test_the_exchange_screens_run_the_dataset_for_the_officer_only(setup, client, settings,
                                                                   tmp_path):
    import io
    import zipfile

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from fupin.core import exchange_jobs as jobs
    from fupin.core.errors import Forbidden
    from fupin.core.models import ExchangeJob

    settings.FUPIN_EXCHANGE_DIR = tmp_path / "exchange"
    folder = write_csv(tmp_path / "z", good_tables(setup["home"], setup["other_township"]))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for f in folder.iterdir():
            zf.write(f, f.name)
    upload = SimpleUploadedFile("programme.zip", buf.getvalue())
    township = factories.make_user("township_reviewer", "513431100000")
    with pytest.raises(Forbidden):
        jobs.start_import(actor=township, dataset=DATASET, upload=upload)
    upload.seek(0)
    job = jobs.start_import(actor=setup["officer"], dataset=DATASET, upload=upload)
    jobs.validate_import.call(job.pk)
    job.refresh_from_db()
    assert job.state == ExchangeJob.State.VALIDATED, job.message
    jobs.commit_import(actor=setup["officer"], job=job)
    jobs.run_commit.call(job.pk)
    job.refresh_from_db()
    assert job.state == ExchangeJob.State.COMMITTED, job.message
    assert job.counts["beneficiaries_new"] == 2
    client.force_login(setup["officer"])
    template = client.get(reverse("exchange-template") + f"?dataset={DATASET}")
    assert template.status_code == 200
    wb = load_workbook(io.BytesIO(b"".join(template.streaming_content)))
    assert wb.sheetnames == [t.sheet for t in TABLES]
