"""API of the scorecards area: a county's scorecard, the province table (counties as rows) and
the national view (provinces as rows), region-scoped exactly like the screens (the scorecard
through ``access.access_scorecard``, the tables over ``access.scorecard_results``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from fupin.core.access import allowed
from fupin.core.errors import Forbidden, ValidationFailed
from fupin.core.pagination import QueryText
from fupin.evaluation import access
from fupin.evaluation.models import Result
from fupin.evaluation.services import scorecards

router = Router()
FIRST_YEAR = 2014


class ModuleOut(Schema):
    code: str
    name: str
    points: Decimal
    max: Decimal
    previous: Decimal | None = Field(None, description="points in last year's result")
    change: Decimal | None = None


class IndicatorOut(Schema):
    code: str
    module: str | None
    kind: str = Field(description="base, bonus or deduction")
    name: str
    unit: str
    method: str
    value: Decimal | None = Field(description="the value scored (a share as 0–1)")
    source: str = Field(description="verified, computed, submitted or missing")
    source_display: str
    evidence: list[str]
    points: Decimal = Field(description="points earned (for a deduction item: deducted)")
    max: Decimal
    flagged: bool
    computed: Decimal | None
    submitted: Decimal | None
    verified: Decimal | None
    verify_method: str
    previous: Decimal | None = None
    change: Decimal | None = None


class StabilityOut(Schema):
    median_rank: float | None = None
    low: int | None = None
    high: int | None = None
    max_move: int | None = None
    same_rank_share: float | None = None
    seed: int | None = None
    draws: int | None = None


class ScorecardOut(Schema):
    evaluation_id: int
    county_code: str
    county_name: str
    year: int
    published: bool = Field(description="false: a reviewed evaluation's preview")
    system_code: str
    system_version: str
    system_digest: str
    total: Decimal
    base_score: Decimal
    bonus: Decimal
    deduction: Decimal
    extra_deduction: Decimal
    grade: str
    grade_display: str
    grade_cap: str
    rank: int | None
    counties: int
    rank_display: str
    stability: StabilityOut
    consequence: str
    consequence_display: str
    consequence_note: str
    finding_id: int | None
    published_at: dt.datetime | None
    previous_year: int | None
    previous_total: Decimal | None
    total_change: Decimal | None
    modules: list[ModuleOut]
    lines: list[IndicatorOut]


def _card_out(card) -> dict:
    return {
        "evaluation_id": card.evaluation.pk, "county_code": card.county_code,
        "county_name": card.county_name, "year": card.year, "published": card.published,
        "system_code": card.system_code, "system_version": card.system_version,
        "system_digest": card.system_digest, "total": card.total,
        "base_score": card.base_score, "bonus": card.bonus, "deduction": card.deduction,
        "extra_deduction": card.extra_deduction, "grade": card.grade,
        "grade_display": card.grade_word, "grade_cap": card.grade_cap, "rank": card.rank,
        "counties": card.counties, "rank_display": card.rank_text,
        "stability": {k: card.stability.get(k) for k in StabilityOut.model_fields},
        "consequence": card.consequence, "consequence_display": card.consequence_word,
        "consequence_note": card.consequence_note, "finding_id": card.finding_id,
        "published_at": card.published_at, "previous_year": card.previous_year,
        "previous_total": card.previous_total, "total_change": card.total_change,
        "modules": [vars(m) | {} for m in card.modules],
        "lines": [{**vars(ln), "evidence": list(ln.evidence),
                   "source_display": ln.source_word} for ln in card.lines],
    }


@router.get("/evaluation/scorecards/{evaluation_id}", response=ScorecardOut,
            url_name="get_scorecard")
def get_scorecard(request: HttpRequest, evaluation_id: int):
    """One county's scorecard (the screen's content): modules, every indicator with value,
    source, evidence files, points of max, flag and the change against last year, total,
    grade, rank with its stability, consequence. A county reads its own once published;
    evaluators and the province a reviewed one too (``published`` false: a preview)."""
    evaluation = access.access_scorecard(request.user, evaluation_id)
    return _card_out(scorecards.scorecard(evaluation))


class TableQuery(Schema):
    year: int | None = Field(None, ge=2000, le=2100)
    division: QueryText = Field("", description="a division inside the caller's region")


def _year(query: TableQuery, results) -> int:
    last = timezone.localdate().year
    years = sorted(set(results.values_list("evaluation__round__year", flat=True)))
    year = query.year or (years[-1] if years else last)
    if not FIRST_YEAR <= year <= last:
        raise ValidationFailed(f"give a year from {FIRST_YEAR} to {last}", {"year": "year"})
    return year


class CountyRowOut(Schema):
    evaluation_id: int = Field(alias="pk")
    county_code: str = Field(alias="code")
    county: str
    total: Decimal
    grade: str
    grade_display: str = Field(alias="grade_word")
    rank: int | None
    rank_moves: str = Field(alias="moves")
    max_move: int | None
    modules: dict[str, Decimal | None]
    consequence: str
    consequence_display: str = Field(alias="consequence_word")
    flagged: int
    system_version: str


class CountyTableOut(Schema):
    year: int
    division_code: str
    rows: list[CountyRowOut]


def _results(request: HttpRequest):
    if not allowed(request.user, Result):
        raise Forbidden("your role may not see evaluation results")
    return access.scorecard_results(request.user)


@router.get("/evaluation/scorecards", response=CountyTableOut,
            url_name="list_scorecard_counties")
def list_scorecard_counties(request: HttpRequest, filters: Query[TableQuery]):
    """The province table: one row per county with a published evaluation in ``year``
    inside ``division`` (default: the caller's own), ordered by rank."""
    focus = scorecards.focus_division(request.user, filters.division)
    results = scorecards.in_focus(_results(request), focus)
    year = _year(filters, results)
    return {"year": year, "division_code": focus.code,
            "rows": scorecards.province_rows(results, year)}


class ProvinceRowOut(Schema):
    province_code: str = Field(alias="code")
    province: str
    counties: int
    mean: Decimal
    median: Decimal
    excellent: int
    good: int
    fair: int
    poor: int


class ProvinceTableOut(Schema):
    year: int
    rows: list[ProvinceRowOut]


@router.get("/evaluation/scorecards-by-province", response=ProvinceTableOut,
            url_name="list_scorecard_provinces")
def list_scorecard_provinces(request: HttpRequest, filters: Query[TableQuery]):
    """The national view: one row per province with published county evaluations in
    ``year`` (counties evaluated, mean and median total, counties per grade)."""
    results = _results(request)
    year = _year(filters, results)
    return {"year": year, "rows": scorecards.national_rows(results, year)}
