"""Accountability screens, evidence, exports, the data-check sync and the CLI."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from fupin.accountability import services
from fupin.accountability.models import Finding
from fupin.core.access import Scope
from fupin.core.models import AuditRecord
from fupin.monitoring import services as monitoring
from tests import factories
from tests.accountability_helpers import COUNTY, OTHER_COUNTY, People, media_finding, step


@pytest.fixture
def people(tree):
    return People()


def _evidence(finding, content=b"%PDF-1 secret"):
    user = factories.make_user("evaluator", finding.division_code)
    return services.add_evidence(actor=user, finding=finding, name="暗访照片.pdf",
                                 content=content)


def test_another_county_cannot_fetch_evidence_by_guessing(client, people, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    mine = media_finding(people.evaluator)
    theirs = media_finding(people.stranger, division=OTHER_COUNTY)
    evidence = _evidence(mine)
    _evidence(theirs, b"%PDF-1 theirs")
    path = services.evidence_path(evidence)
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    client.force_login(people.officer)
    ok = client.get(reverse("finding-evidence", args=[mine.pk, evidence.pk]))
    assert ok.status_code == 200
    assert b"".join(ok.streaming_content) == b"%PDF-1 secret"
    assert ok["Cache-Control"].startswith("private, no-store")
    # A download may reveal personal data: it is on the ledger, who and which file.
    line = AuditRecord.objects.filter(action="accountability.download_evidence").get()
    assert line.actor_id == people.officer.pk
    assert line.after["evidence"] == evidence.pk
    client.force_login(factories.make_user("county_officer", OTHER_COUNTY))
    for finding_pk in (mine.pk, theirs.pk, 999999):
        for evidence_pk in range(1, evidence.pk + 3):
            url = reverse("finding-evidence", args=[finding_pk, evidence_pk])
            response = client.get(url)
            if finding_pk == theirs.pk and evidence_pk != evidence.pk:
                continue  # their own finding: their own file, or none
            assert response.status_code == 404, url
    # No public media URL serves it.
    assert not settings.MEDIA_URL or client.get(
        f"{settings.MEDIA_URL}{evidence.stored_as}").status_code == 404


def test_inbox_lists_overdue_first_and_exports_every_row(client, people):
    late = media_finding(people.evaluator, severity="minor", title="逾期问题",
                         found_on=dt.date(2025, 1, 2))
    media_finding(people.evaluator, title="未到期问题", found_on=dt.date.today())
    client.force_login(people.officer)
    page = client.get(reverse("finding-list")).content.decode()
    assert page.index("逾期问题") < page.index("未到期问题")
    assert "table-danger" in page
    unit = client.get(reverse("finding-list"), {"unit": "农业农村局"}).content.decode()
    assert "逾期问题" in unit
    response = client.get(reverse("finding-list"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][:2] == ("编号", "问题") or "Finding" in rows[0] or "问题" in rows[0]
    assert len(rows) == 3
    assert rows[1][0] == late.pk
    assert AuditRecord.objects.filter(action="lists.export", object_id="findings").exists()
    actions = client.get(reverse("action-list"), {"export": "xlsx"})
    assert actions.status_code == 200


def test_finding_page_masks_the_complainant_and_reveal_is_audited(client, people):
    finding = media_finding(people.officer, source="hotline_12317", outlet="",
                            complainant_name="李四", complainant_phone="13812345678")
    client.force_login(people.evaluator)
    page = client.get(reverse("finding-detail", args=[finding.pk])).content.decode()
    assert "李*" in page
    assert "138****5678" in page
    assert "13812345678" not in page
    assert "reveal-complainant" not in page
    assert client.post(reverse("finding-reveal", args=[finding.pk])).status_code == 403
    client.force_login(people.officer)
    shown = client.post(reverse("finding-reveal", args=[finding.pk])).content.decode()
    assert "13812345678" in shown
    assert AuditRecord.objects.filter(action="accountability.reveal_complainant").count() == 1


def test_dashboard_notice_and_status_report(client, people):
    finding = media_finding(people.evaluator, title="乡镇服务站未运营",
                            found_on=dt.date.today())
    rect = step(finding.rectification, people.officer, "submit_plan", "整改方案")
    step(rect, people.officer, "claim_completion", "已完成")
    step(rect, people.evaluator, "verify", "属实")
    media_finding(people.auditor, source="audit", severity="serious")
    client.force_login(people.province)
    page = client.get(reverse("accountability-dashboard")).content.decode()
    assert 'id="n-open">1<' in page
    assert 'id="n-on-time">1<' in page
    assert "by-source-data" in page
    assert "echarts.min.js" in page
    tail = page.split('id="by-source-data"')[1]
    data = json.loads(tail[tail.index(">") + 1:tail.index("</script>")])
    assert sum(sum(s["data"]) for s in data["series"]) == 2
    notice = client.get(reverse("finding-notice", args=[finding.pk])).content.decode()
    assert "a4-page" in notice
    assert "乡镇服务站未运营" in notice
    report = client.get(reverse("accountability-report")).content.decode()
    assert "乡镇服务站未运营" in report


def test_screen_steps_and_stale_version(client, people):
    finding = media_finding(people.evaluator)
    client.force_login(people.officer)
    url = reverse("finding-step", args=[finding.pk])
    assert client.post(url, {"action": "submit_plan", "version": "1",
                             "note": "方案"}).status_code == 302
    stale = client.post(url, {"action": "claim_completion", "version": "1", "note": "完成"})
    assert stale.status_code == 409
    client.force_login(people.evaluator)
    assert client.post(url, {"action": "claim_completion", "version": "2",
                             "note": "x"}).status_code == 403


def test_data_check_findings_are_idempotent_across_runs(people):
    factories.household(factories.HOME_VILLAGE, economy=[{"year": 2021, "wage": 50}])
    factories.household(factories.HOME_VILLAGE, economy=[{"year": 2021, "wage": 60}])
    factories.household(factories.OTHER_TOWNSHIP_VILLAGE, economy=[{"year": 2021,
                                                                     "wage": 30000}])
    run = monitoring.run_monitoring(actor="test", year=2021, scope=Scope("513431")).run
    first = services.sync_from_run(run=run)
    assert first["opened"] >= 1
    assert first["already"] == 0
    findings = Finding.objects.filter(source="data_check")
    wage = findings.get(details__check="DC_WAGE_SUSPICIOUS")
    assert wage.links.count() == 2
    assert wage.division_code == factories.HOME_VILLAGE
    assert wage.rectification.state == "assigned"
    again = services.sync_from_run(run=run)
    assert again == {"opened": 0, "already": first["opened"]}
    # A later run over the same data (another run row) finds the same results: nothing new.
    rerun = monitoring.run_monitoring(actor="test", year=2021, scope=Scope("51343110"[:6]))
    assert services.sync_from_run(run=rerun.run)["opened"] == 0
    assert findings.count() == first["opened"]


def test_cli_lists_findings_as_csv_and_json(people):
    media_finding(people.evaluator, title="=HYPERLINK(1)")
    media_finding(people.stranger, division=OTHER_COUNTY, title="美姑问题")
    out = io.StringIO()
    call_command("findings", "list", "--division", COUNTY, "--format", "csv", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("finding,source,found_on")
    assert len(lines) == 2
    assert "'=HYPERLINK(1)" in lines[1]
    out = io.StringIO()
    call_command("findings", "list", "--state", "assigned", "--format", "json", stdout=out)
    rows = json.loads(out.getvalue())
    assert {r["division_code"] for r in rows} == {COUNTY, OTHER_COUNTY}
    out = io.StringIO()
    call_command("findings", "list", "--state", "verified", "--format", "json", stdout=out)
    assert json.loads(out.getvalue()) == []


def test_list_queries_do_not_grow_with_rows(client, people):
    def queries(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    client.force_login(people.officer)
    finding = media_finding(people.evaluator)
    services.propose_action(actor=people.evaluator, finding=finding, kind="talk",
                            decision_document="约谈1", decision_date=dt.date(2026, 3, 2))
    urls = [reverse("finding-list"), reverse("action-list"),
            reverse("accountability-dashboard"), reverse("accountability-report")]
    few = [queries(u) for u in urls]
    for n in range(8):
        more = media_finding(people.auditor, source="audit", title=f"问题{n}",
                             division="513431100000" if n % 2 else COUNTY)
        services.propose_action(actor=people.auditor, finding=more, kind="talk",
                                decision_document=f"约谈{n + 2}",
                                decision_date=dt.date(2026, 3, 2))
    assert [queries(u) for u in urls] == few


def _sheet(path, rows):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "问题线索"
    sheet.append(["问题编号", "来源", "发现日期", "责任区划代码", "责任单位", "问题类别",
                  "严重程度", "问题标题", "暗访媒体"])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_findings_import_is_all_or_nothing_and_idempotent(people, tmp_path):
    from fupin.core import datasets

    dataset = datasets.get("findings")
    good = ["川审2026-1", "审计", "2026-03-01", COUNTY, "县财政局", "fund_misuse", "严重",
            "资金闲置", ""]
    bad = ["川审2026-2", "媒体暗访", "2026-03-01", OTHER_COUNTY, "县商务局", "work_style",
           "一般", "暗访问题", ""]
    path = _sheet(tmp_path / "f.xlsx", [good, bad])
    scope = Scope.of_user(people.auditor)
    outcome = dataset.run_import(path, actor=people.auditor, scope=scope)
    assert not outcome.ok
    assert not outcome.committed
    problems = [(r[1], r[2]) for r in outcome.report.first]
    assert problems == [(3, "division_code")]  # sheet row 3: another county
    assert not Finding.objects.exists()
    path = _sheet(tmp_path / "g.xlsx", [good])
    assert dataset.run_import(path, actor=people.auditor, scope=scope).counts == {
        "findings": 1, "already": 0}
    assert dataset.run_import(path, actor=people.auditor, scope=scope).counts == {
        "findings": 0, "already": 1}
    finding = Finding.objects.get()
    assert finding.source == "audit"
    assert finding.rectification.state == "assigned"
    out = tmp_path / "out"
    assert dataset.run_export(out, "csv", actor=people.auditor, scope=scope,
                              masked=True)["findings"] == 1
