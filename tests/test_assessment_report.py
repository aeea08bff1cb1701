"""The county report of an assessment: the PDF (pypdf reads it back) and the XLSX (calamine,
a second reader) say the design, the response rate, each estimate with its 95% interval, the
threshold and the verdict in words; the core PDF builder writes Chinese text a reader extracts."""

from __future__ import annotations

import io

import pypdf
import pytest
from django.template.loader import render_to_string
from django.utils import translation
from python_calamine import CalamineWorkbook

from fupin.assessment.report import CountyReport, pdf_response, percent, xlsx_response
from fupin.core.pdf import Document
from fupin_engine.measures.estimate import Estimate, FieldResult, estimate
from fupin_engine.measures.frame import county_totals
from fupin_engine.measures.sampling import draw
from fupin_engine.measures.simulate import simulate_county


@pytest.fixture(autouse=True)
def _chinese():
    with translation.override("zh-hans"):
        yield


@pytest.fixture(scope="module")
def report() -> CountyReport:
    """A real report: a simulated county, sampled with a seed and estimated by the engine."""
    county = simulate_county(villages=60, seed=11)
    sample = draw(county.frame, county="513431", seed=2026, villages=27)
    results = {h.household_id: county.truth[h.household_id] for h in sample.households}
    results[sample.households[0].household_id] = FieldResult()  # one refusal
    population, poor = county_totals(county.frame)
    estimates = estimate(sample.households, results, county.households,
                         population=population, registered_poor=poor)
    strata = {}
    for h in sample.households:
        strata[h.stratum] = strata.get(h.stratum, 0) + 1
    n = len(sample.households)
    return CountyReport(
        county_code="513431", county_name="昭觉县", year=2026, seed=2026,
        design={"villages_drawn": len(sample.villages_drawn), "households_drawn": n,
                "strata": strata, "margin": 0.01, "deff": 2.0,
                "frame_households": len(county.frame),
                "frame_villages": len({h.village_code for h in county.frame})},
        response={"interviewed": n - 1, "refused": 1, "absent": 0, "replaced": 0,
                  "response_rate": (n - 1) / n},
        estimates=estimates)


def _pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def _flat(text: str) -> str:
    return "".join(text.split())


def test_pdf_builder_writes_chinese_a_reader_extracts_on_every_page():
    doc = Document("测试报告：昭觉县", user="张三")
    doc.heading("抽样设计").keyvalues([("随机种子", 2026), ("名称", "A&B <村>")])
    doc.table(["村", "户数"], [[f"第{i}村", i] for i in range(150)], align="lr")
    content = doc.render()
    reader = pypdf.PdfReader(io.BytesIO(content))
    assert len(reader.pages) > 1
    assert reader.metadata.title == "测试报告：昭觉县"
    pages = [_flat(p.extract_text()) for p in reader.pages]
    assert "测试报告：昭觉县" in pages[0]
    assert "A&B<村>" in pages[0]  # escaped, not read as markup
    total = len(pages)
    for number, text in enumerate(pages, start=1):
        assert f"第{number}页，共{total}页" in text
        assert "张三" in text  # the footer names the user on every page
        assert "村户数" in text or number == 1  # the header row repeats on later pages
    assert "第149村" in pages[-1]


def test_pdf_report_states_design_response_and_every_interval_with_its_verdict(report):
    response = pdf_response(report, "report-513431", user="评估员")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="report-513431.pdf"'
    text = _flat(_pdf_text(response.content))
    assert "昭觉县" in text
    assert "2026" in text
    assert f"抽取户数{report.design['households_drawn']}" in text
    assert _flat(percent(report.response["response_rate"], 1)) in text
    words = {"passes": "通过", "fails": "未通过", "undecided": "待定：置信区间跨越阈值"}
    assert len(report.estimates) == 4
    for e in report.estimates:
        interval = _flat(f"{percent(e.ci_low)} – {percent(e.ci_high)}")
        assert interval in text, e.indicator
        assert _flat(percent(e.estimate)) in text
    for row in report.estimate_rows():
        assert words[row["verdict"]] in text
    assert "错退率" in text
    assert "漏评率" in text
    assert "群众认可度" in text


def test_xlsx_report_read_back_by_a_second_reader(report):
    response = xlsx_response(report, "report-513431")
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    sheet = book.get_sheet_by_index(0).to_python()
    header, rows = sheet[0], sheet[1:]
    assert header[:4] == ["指标", "估计值（%）", "95% 置信区间下限（%）", "95% 置信区间上限（%）"]
    assert len(rows) == len(report.estimates)
    for row, e in zip(rows, report.estimates, strict=True):
        assert row[1] == pytest.approx(e.estimate * 100, abs=1e-4)
        assert row[2] == pytest.approx(e.ci_low * 100, abs=1e-4)
        assert row[3] == pytest.approx(e.ci_high * 100, abs=1e-4)
        assert row[2] <= row[1] <= row[3]
        assert row[6] in {"通过", "未通过", "待定：置信区间跨越阈值"}
    design = {r[0]: r[1] for r in book.get_sheet_by_index(1).to_python()[1:]}
    assert design["随机种子"] == 2026
    response_sheet = {r[0]: r[1] for r in book.get_sheet_by_index(2).to_python()[1:]}
    assert response_sheet["拒访"] == 1


@pytest.mark.parametrize(("low", "high", "word"), [
    (0.005, 0.015, "通过"), (0.021, 0.04, "未通过"), (0.01, 0.03, "待定：置信区间跨越阈值"),
    (None, None, "待定：置信区间跨越阈值")])
def test_the_verdict_follows_the_whole_interval_not_the_point(low, high, word):
    """The same point estimate (1.9%, under the 2% threshold) gets three verdicts."""
    e = Estimate("wrong_exit_rate", 0.019, low, high, 300, ("<", 0.02))
    report = CountyReport("513431", "昭觉县", 2026, 1, design={}, response={}, estimates=[e])
    row = report.estimate_rows()[0]
    assert row["verdict_word"] == word
    assert row["estimate"] == "1.90%"
    html = render_to_string("assessment/_report.html", {"report": report})
    assert word in html
    assert "1.90%" in html
    if low is None:
        assert "没有置信区间" in html
    else:
        assert f"{percent(low)} – {percent(high)}" in html
