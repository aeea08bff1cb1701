"""The exchange is generic: a toy dataset, defined only here, goes through upload, validation,
report, commit, export, download and template like the registry does."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from fupin.core import datasets
from fupin.core import exchange_jobs as jobs
from fupin.core.access import Scope
from fupin.core.datasets import ImportOutcome
from fupin.core.exchange import Table, open_tables
from fupin.core.exchange_write import Report, write_tables
from fupin.core.models import AuditRecord, ExchangeJob
from fupin_engine import snapshot
from tests import factories

SITES = Table("sites", ("sites", "服务站点"), (
    snapshot.Column("site_id", "站点编号", "text", max_length=20),
    snapshot.Column("village_code", "村代码", "code12"),
    snapshot.Column("name", "站点名称", "text", max_length=50),
    snapshot.Column("parcels", "月包裹数", "int", minimum=0, maximum=100000),
))
STORE: dict[str, dict] = {}  # the toy's "database"


class ToyImporter:
    """Checks every row (schema rules and region); writes only after a clean pass."""

    def __init__(self, path, *, actor, scope: Scope, progress=None):
        self.path, self.scope, self.clean = Path(path), scope, []

    def validate(self) -> ImportOutcome:
        report = Report()
        source = open_tables(self.path, [SITES])["sites"]
        headers, rows = source.read()
        names, issues = snapshot.resolve_headers("sites", headers, SITES.columns)
        for issue in issues:
            report.add(source.display, 0, issue.column, issue.value, issue.severity,
                       issue.code, issue.code)
        n = 0
        for row, values in rows:
            n += 1
            raw = {k: v for k, v in zip(names, values, strict=False) if k}
            clean = {}
            for col in SITES.columns:
                value, issue = snapshot.parse_value(col, snapshot.canonical(raw.get(col.name)),
                                                    today=dt.date.today())
                clean[col.name] = value
                if issue:
                    report.add(source.display, row, col.name, issue.value, issue.severity,
                               issue.code, issue.code)
            if clean["village_code"] and not self.scope.contains(clean["village_code"]):
                report.add(source.display, row, "village_code", clean["village_code"],
                           snapshot.ERROR, "outside_region", "outside your region")
            self.clean.append(clean)
        return ImportOutcome(report, {"sites": n})

    def commit(self):
        new = sum(1 for r in self.clean if r["site_id"] not in STORE)
        for r in self.clean:
            STORE[r["site_id"]] = r
        return {"sites_new": new}

    def close(self):
        pass


def toy_export(path, fmt, *, actor, scope, masked, progress=None):
    rows = [[r[c.name] for c in SITES.columns] for k, r in sorted(STORE.items())
            if scope.contains(r["village_code"])]
    return write_tables(path, fmt, [SITES], {"sites": iter(rows)})


TOY = datasets.Dataset(
    name="toy_sites", label="Service sites (toy)", label_zh="服务站点（示例）",
    tables=(SITES,), importer=ToyImporter, exporter=toy_export,
    import_permissions=("households.add_household",),
    export_permissions=("households.view_household",))


@pytest.fixture
def toy(tree, settings, tmp_path):
    settings.FUPIN_EXCHANGE_DIR = tmp_path / "exchange"
    datasets.register(TOY)
    STORE.clear()
    yield TOY
    datasets.unregister(TOY.name)


def _zip(rows: list[list[str]], header=("站点编号", "村代码", "站点名称", "月包裹数")) -> bytes:
    text = io.StringIO()
    w = csv.writer(text)
    w.writerow(header)
    w.writerows(rows)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("服务站点.csv", text.getvalue().encode("utf-8-sig"))
    return buf.getvalue()


def test_a_toy_dataset_runs_through_validate_report_commit_and_export(toy, client, tmp_path):
    officer = factories.make_user("county_officer", "513431000000")
    rows = [["S1", factories.HOME_VILLAGE, "=1+1 站", "120"],
            ["S2", factories.OTHER_COUNTY_VILLAGE, "外县站", "x"]]
    job = jobs.start_import(actor=officer, dataset="toy_sites",
                            upload=SimpleUploadedFile("sites.zip", _zip(rows)))
    jobs.validate_import.call(job.pk)
    job.refresh_from_db()
    assert job.dataset == "toy_sites"
    assert job.state == ExchangeJob.State.INVALID
    assert job.errors == 2
    client.force_login(officer)
    page = client.get(reverse("exchange-job", args=[job.pk])).content.decode()
    assert "服务站点（示例）" in page
    assert "outside_region" in page
    report = b"".join(client.get(reverse("exchange-report", args=[job.pk, "csv"]))
                      .streaming_content).decode("utf-8-sig")
    assert "outside_region" in report
    assert "type" in report
    assert STORE == {}

    job = jobs.start_import(actor=officer, dataset="toy_sites",
                            upload=SimpleUploadedFile("sites.zip", _zip(rows[:1])))
    jobs.validate_import.call(job.pk)
    jobs.commit_import(actor=officer, job=ExchangeJob.objects.get(pk=job.pk))
    jobs.run_commit.call(job.pk)
    job.refresh_from_db()
    assert job.state == ExchangeJob.State.COMMITTED
    assert job.counts == {"sites_new": 1}
    assert STORE["S1"]["name"] == "=1+1 站"
    assert STORE["S1"]["parcels"] == 120

    export = jobs.start_export(actor=officer, fmt="xlsx", dataset="toy_sites")
    jobs.run_export.call(export.pk)
    export.refresh_from_db()
    assert export.state == ExchangeJob.State.EXPORTED, export.message
    data = b"".join(client.get(reverse("exchange-download", args=[export.pk]))
                    .streaming_content)
    ws = load_workbook(io.BytesIO(data))["服务站点"]
    cells = next(iter(ws.iter_rows(min_row=2, values_only=False)))
    assert [c.value for c in cells] == ["S1", factories.HOME_VILLAGE, "=1+1 站", 120]
    assert cells[2].data_type == "s"  # text, never a formula
    assert AuditRecord.objects.filter(action="exchange.download",
                                      object_id=str(export.pk)).exists()

    template = client.get(reverse("exchange-template") + "?dataset=toy_sites")
    wb = load_workbook(io.BytesIO(b"".join(template.streaming_content)))
    assert wb.sheetnames == ["服务站点"]
    assert [c.value for c in wb["服务站点"][1]] == ["站点编号", "村代码", "站点名称", "月包裹数"]


def test_the_exchange_screen_offers_every_dataset(toy, client):
    client.force_login(factories.make_user("county_officer", "513431000000"))
    page = client.get(reverse("exchange") + "?dataset=toy_sites").content.decode()
    assert 'href="?dataset=registry"' in page
    assert 'name="dataset" value="toy_sites"' in page
    assert "服务站点（示例）" in page


def test_an_unknown_dataset_is_not_found(toy, client):
    client.force_login(factories.make_user("county_officer", "513431000000"))
    assert client.get(reverse("exchange-template") + "?dataset=nope").status_code == 404


def test_scope_is_required(toy, tmp_path):
    with pytest.raises(TypeError):
        toy.run_import(tmp_path, actor="test", scope="")
