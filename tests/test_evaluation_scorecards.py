"""The scorecards area (issue 13 item 6): the county scorecard as a screen, an XLSX and an A4
PDF (read back with python-calamine and pypdf), the province table and the national view, the
API, the region gate and the ledger lines of every download. The data are the demo's rounds
(``tests/evaluation_scorecards_data.py``) made through the round's own services."""

from __future__ import annotations

import io
import statistics
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader
from python_calamine import CalamineWorkbook

from fupin.core.models import AuditRecord
from fupin.evaluation import services
from fupin.evaluation.models import CountyEvaluation, IndicatorSystem, Result
from fupin.evaluation.services import scorecards
from tests import evaluation_scorecards_data as data
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def rounds(tree):
    return data.load()


def _login(client, role: str, division: str = data.MINE):
    user = factories.make_user(role, division)
    client.force_login(user)
    return user


# --- the scorecard itself ---------------------------------------------------------------------

def test_scorecard_reads_the_published_result_with_sources_and_last_years_change(rounds):
    mine = rounds["mine"]
    result = mine.result
    card = scorecards.scorecard(mine)
    assert card.published
    assert card.total == result.total
    assert card.grade == result.grade
    assert card.system_version == result.system_version
    assert [ln.code for ln in card.lines] == [ln["code"] for ln in result.lines]
    # Modules add up to the base score, and each line's points are its result's.
    assert sum(m.points for m in card.modules) == result.base_score
    by_code = {ln["code"]: ln for ln in result.lines}
    for line in card.lines:
        assert line.points == Decimal(by_code[line.code]["points"])
        assert line.source == by_code[line.code]["source"]
        assert line.source in {"verified", "computed", "submitted", "missing"}
    # Year on year: against the same county's published 2020 result, per line and in total.
    before = Result.objects.get(evaluation__division_code=data.MINE,
                                evaluation__round__year=2020)
    assert card.previous_year == 2020
    assert card.previous_total == before.total
    assert card.total_change == result.total - before.total
    old = {ln["code"]: Decimal(ln["points"]) for ln in before.lines}
    for line in card.lines:
        assert line.change == line.points - old[line.code]
    # 2020 had no earlier result: nothing to compare, said as "—".
    first = scorecards.scorecard(before)
    assert first.previous_total is None
    assert first.total_change_text == "—"
    assert all(line.change is None for line in first.lines)


def test_rank_is_shown_with_its_range_under_moved_weights(rounds):
    card = scorecards.scorecard(rounds["mine"])
    s = card.stability
    assert card.rank == rounds["mine"].result.rank
    assert s["low"] <= card.rank <= s["high"]
    with translation.override("en"):
        text = card.rank_text
    assert text == (f"rank {card.rank} of 2 (between {s['low']} and {s['high']} when the "
                    "weights move ±10%)")
    assert scorecards.rank_text(None, 0, {}) == "—"
    assert scorecards.moves_text({"max_move": 1, "low": 1, "high": 2}) != "—"


def test_the_weak_county_is_poor_twice_and_loses_its_status_with_a_finding(rounds):
    theirs = scorecards.scorecard(rounds["theirs"])
    assert theirs.grade == "poor"
    assert theirs.previous_grade == "poor"
    assert theirs.consequence == "status_lost"
    assert theirs.finding_id is not None


def test_values_read_in_per_cent_words_and_units():
    with translation.override("zh-hans"):
        assert scorecards.value_text(Decimal("0.8"), "%") == "80.00%"
        assert scorecards.value_text(Decimal("1"), "yes/no") == "是"
        assert scorecards.value_text(Decimal("0"), "yes/no") == "否"
        assert scorecards.value_text(Decimal("3200"), "人次") == "3,200 人次"
        assert scorecards.value_text(Decimal("612.5"), "m²") == "612.50 m²"
        assert scorecards.value_text(None, "%") == "—"
    assert scorecards.signed(Decimal("1.50")) == "+1.50"
    assert scorecards.signed(Decimal("-2.00")) == "−2.00"
    assert scorecards.signed(Decimal("0.00")) == "±0.00"


def test_a_published_scorecard_stays_when_a_new_system_version_is_published(rounds):
    mine = rounds["mine"]
    before = scorecards.scorecard(mine)
    system = mine.round.system
    province = factories.make_user("province_viewer", "510000000000")
    # A stricter province version: every grade's cut-off 20 points higher.
    text = (system.text.replace(f'version: "{system.version}"', 'version: "2099.1"')
            .replace("province: null", 'province: "51"')
            .replace("min_score: 90", "min_score: 99").replace("min_score: 80", "min_score: 98")
            .replace("min_score: 60", "min_score: 97"))
    assert "2099.1" in text
    assert "min_score: 97" in text
    services.publish_system(actor=province, text=text, source_name="new.yaml")
    assert IndicatorSystem.objects.filter(version="2099.1").exists()
    after = scorecards.scorecard(CountyEvaluation.objects.get(pk=mine.pk))
    assert (after.system_version, after.total, after.grade) == \
        (before.system_version, before.total, before.grade)
    assert [ln.points for ln in after.lines] == [ln.points for ln in before.lines]


# --- the screen, the region gate, previews ----------------------------------------------------

def test_county_sees_its_published_scorecard_and_not_another_countys(client, rounds):
    _login(client, "county_officer")
    page = client.get(reverse("evaluation-scorecard", kwargs={"pk": rounds["mine"].pk}))
    assert page.status_code == 200
    text = page.content.decode()
    assert "昭觉县" in text
    assert str(rounds["mine"].result.total) in text
    assert 'id="scorecard-rank"' in text
    assert 'id="scorecard-change"' in text
    other = client.get(reverse("evaluation-scorecard", kwargs={"pk": rounds["theirs"].pk}))
    assert other.status_code == 404


def test_a_poor_scorecard_links_its_finding(client, rounds):
    _login(client, "county_officer", data.THEIRS)
    page = client.get(reverse("evaluation-scorecard", kwargs={"pk": rounds["theirs"].pk}))
    finding = rounds["theirs"].result.finding_id
    assert reverse("finding-detail", kwargs={"pk": finding}) in page.content.decode()


def _reviewed(rounds) -> CountyEvaluation:
    """The 2022 round's evaluation of my county taken to reviewed (not published)."""
    evaluation = CountyEvaluation.objects.get(round__year=2022, division_code=data.MINE)
    officer = factories.make_user("county_officer", data.MINE)
    evaluator = factories.make_user("evaluator", data.MINE)
    province = factories.make_user("province_viewer", "510000000000")
    system = evaluation.round.system.system()
    for indicator in system.indicators():
        services.submit_value(actor=officer, evaluation=evaluation, code=indicator.code,
                              value=indicator.target if indicator.target is not None else 0)
    for actor, action in ((officer, "submit_evaluation"), (evaluator, "verify_evaluation"),
                          (province, "review_evaluation")):
        if action == "verify_evaluation":  # every flagged value first
            for row in evaluation.values.filter(flagged=True):
                services.verify_value(actor=evaluator, evaluation=evaluation, code=row.code,
                                      value=row.submitted, method="document", reason="台账")
        evaluation.refresh_from_db()
        evaluation = services.take_step(actor=actor, evaluation=evaluation, action=action,
                                        version=evaluation.version)
    return evaluation


@pytest.mark.parametrize(("role", "seen"), [("county_officer", False), ("county_approver", False),
                                       ("evaluator", True), ("province_viewer", True)])
def test_a_reviewed_scorecard_is_a_preview_for_evaluators_and_the_province_only(
        client, rounds, role, seen):
    evaluation = _reviewed(rounds)
    _login(client, role, "510000000000" if role == "province_viewer" else data.MINE)
    page = client.get(reverse("evaluation-scorecard", kwargs={"pk": evaluation.pk}))
    assert page.status_code == (200 if seen else 404)
    if seen:
        text = page.content.decode()
        assert 'id="scorecard-preview"' in text
        card = scorecards.scorecard(evaluation)
        assert not card.published
        assert card.rank is None
        assert card.total == services.score_county(evaluation).total
        assert not Result.objects.filter(evaluation=evaluation).exists()


def test_an_opened_evaluation_has_no_scorecard_for_anyone(client, rounds):
    opened = CountyEvaluation.objects.get(round__year=2022, division_code=data.MINE)
    _login(client, "province_viewer", "510000000000")
    assert client.get(reverse("evaluation-scorecard", kwargs={"pk": opened.pk})
                      ).status_code == 404


def test_without_permission_is_forbidden(client, rounds):
    _login(client, None)
    assert client.get(reverse("evaluation-scorecard", kwargs={"pk": rounds["mine"].pk})
                      ).status_code == 403


# --- XLSX and PDF, read back; each a line on the ledger ----------------------------------------

def _ledger(action: str) -> int:
    return AuditRecord.objects.filter(action=action).count()


def test_xlsx_scorecard_reads_back_with_another_reader_and_is_on_the_ledger(client, rounds):
    _login(client, "county_officer")
    before = _ledger("evaluation.export_scorecard")
    with translation.override("zh-hans"):
        response = client.get(reverse("evaluation-scorecard",
                                      kwargs={"pk": rounds["mine"].pk}) + "?format=xlsx",
                              HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('scorecard-513431-2021.xlsx"')
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    assert len(book.sheet_names) == 3
    head, modules, lines = (book.get_sheet_by_name(n).to_python() for n in book.sheet_names)
    pairs = {row[0]: row[1] for row in head[1:]}
    result = rounds["mine"].result
    assert "昭觉县" in pairs.values()
    assert Decimal(str(pairs["总分"])) == result.total
    assert len(modules) - 1 == len(result.modules)
    assert sum(Decimal(str(r[1])) for r in modules[1:]) == result.base_score
    assert len(lines) - 1 == len(result.lines)
    names = {r[1] for r in lines[1:]}
    assert {ln["name_zh"] for ln in result.lines} == names
    assert _ledger("evaluation.export_scorecard") == before + 1


def test_pdf_scorecard_is_a4_chinese_with_the_numbers_and_on_the_ledger(client, rounds):
    _login(client, "county_officer")
    before = _ledger("evaluation.print_scorecard")
    response = client.get(reverse("evaluation-scorecard", kwargs={"pk": rounds["mine"].pk})
                          + "?format=pdf", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    text = "".join(page.extract_text() for page in reader.pages).replace(" ", "")
    result = rounds["mine"].result
    assert "昭觉县" in text
    assert "计分卡" in text
    assert str(result.total) in text
    assert result.lines[0]["name_zh"].replace(" ", "") in text
    assert _ledger("evaluation.print_scorecard") == before + 1


def test_an_unknown_format_is_not_found(client, rounds):
    _login(client, "county_officer")
    url = reverse("evaluation-scorecard", kwargs={"pk": rounds["mine"].pk})
    assert client.get(url + "?format=doc").status_code == 404


# --- the province table and the national view -------------------------------------------------

def test_province_table_has_counties_by_rank_with_grades_and_drills_down(client, rounds):
    _login(client, "province_viewer", "510000000000")
    page = client.get(reverse("evaluation-scorecards") + "?year=2021")
    text = page.content.decode()
    assert page.status_code == 200
    assert "昭觉县" in text
    assert "美姑县" in text
    assert 'id="scorecard-counties"' in text
    assert 'data-grade="poor"' in text
    assert "text-bg-danger" in text
    assert reverse("evaluation-scorecard", kwargs={"pk": rounds["mine"].pk}) in text
    rows = scorecards.province_rows(Result.objects.all(), 2021)
    assert [r["rank"] for r in rows] == sorted(r["rank"] for r in rows)
    # Sorted by total, lowest first, on request.
    page = client.get(reverse("evaluation-scorecards") + "?year=2021&sort=total")
    text = page.content.decode()
    assert text.index("美姑县") < text.index("昭觉县")


def test_province_table_export_is_the_table_and_on_the_ledger(client, rounds):
    _login(client, "province_viewer", "510000000000")
    before = _ledger("lists.export")
    response = client.get(reverse("evaluation-scorecards") + "?year=2021&export=xlsx")
    assert response.status_code == 200
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    rows = sheet.get_sheet_by_index(0).to_python()
    assert len(rows) == 3
    assert _ledger("lists.export") == before + 1


def test_county_user_sees_its_own_row_and_not_another_division(client, rounds):
    _login(client, "county_officer")
    page = client.get(reverse("evaluation-scorecards") + "?year=2021").content.decode()
    assert "昭觉县" in page
    assert "美姑县" not in page
    other = client.get(reverse("evaluation-scorecards") + f"?division={data.THEIRS}")
    assert other.status_code == 404


def test_national_view_counts_grades_and_takes_the_median(client, rounds):
    results = Result.objects.filter(evaluation__round__year=2021)
    rows = scorecards.national_rows(Result.objects.all(), 2021)
    assert len(rows) == 1
    row = rows[0]
    totals = sorted(r.total for r in results)
    assert row["counties"] == 2
    # Two counties: the median is the mean of the middle two, exactly.
    assert row["median"] == (sum(totals) / 2).quantize(Decimal("0.01"))
    assert row["median"] == Decimal(statistics.median(totals)).quantize(Decimal("0.01"))
    assert sum(row[g] for g in scorecards.GRADES) == 2
    assert row["poor"] == 1
    _login(client, "national_viewer", "000000000000")
    page = client.get(reverse("evaluation-scorecards-nation") + "?year=2021").content.decode()
    assert "四川省" in page
    assert "?division=510000000000&amp;year=2021" in page


def test_a_year_outside_the_range_is_a_clear_error(client, rounds):
    _login(client, "province_viewer", "510000000000")
    response = client.get(reverse("evaluation-scorecards") + "?year=1999")
    assert response.status_code == 400


# --- the API ----------------------------------------------------------------------------------

def test_api_scorecard_and_tables(client, rounds):
    _login(client, "province_viewer", "510000000000")
    card = client.get(f"/api/evaluation/scorecards/{rounds['mine'].pk}").json()
    result = rounds["mine"].result
    assert Decimal(card["total"]) == result.total
    assert card["grade"] == result.grade
    assert card["published"] is True
    assert len(card["lines"]) == len(result.lines)
    assert card["lines"][0]["source_display"]
    table = client.get("/api/evaluation/scorecards?year=2021").json()
    assert next(r["county_code"] for r in table["rows"]) == \
        Result.objects.filter(evaluation__round__year=2021).order_by("rank").first() \
        .evaluation.division_code
    nation = client.get("/api/evaluation/scorecards-by-province?year=2021").json()
    assert nation["rows"][0]["counties"] == 2
    schema = client.get("/api/openapi.json").json()
    assert {"/api/evaluation/scorecards/{evaluation_id}", "/api/evaluation/scorecards",
            "/api/evaluation/scorecards-by-province"} <= set(schema["paths"])


def test_api_refuses_another_regions_scorecard(client, rounds):
    _login(client, "county_officer")
    response = client.get(f"/api/evaluation/scorecards/{rounds['theirs'].pk}")
    assert response.status_code == 404


# --- query counts (an N+1 shows up here) ----------------------------------------------------

@pytest.mark.parametrize(("name", "most"), [("evaluation-scorecards", 9),
                                            ("evaluation-scorecards-nation", 8)])
def test_tables_take_a_fixed_number_of_queries(client, rounds, name, most,
                                               django_assert_max_num_queries):
    _login(client, "province_viewer", "510000000000")
    with django_assert_max_num_queries(most):
        assert client.get(reverse(name) + "?year=2021").status_code == 200


def test_the_scorecard_takes_a_fixed_number_of_queries(client, rounds,
                                                       django_assert_max_num_queries):
    _login(client, "county_officer")
    with django_assert_max_num_queries(10):
        assert client.get(reverse("evaluation-scorecard", kwargs={"pk": rounds["mine"].pk})
                          ).status_code == 200
