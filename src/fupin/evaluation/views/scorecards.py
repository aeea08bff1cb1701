"""Screens of the scorecards area: the county scorecard (screen, ``?format=xlsx``,
``?format=pdf``), the province table (counties as rows, sortable, grade colours, a county
opens its scorecard, ``?export=xlsx``) and the national view (provinces as rows).

Every screen is region-scoped: the scorecard through ``evaluation.access.access_scorecard``,
the tables over ``access.scorecard_results`` (published results inside the user's region)
and a focus division inside it (``?division=``, 404 outside). Every download is a ledger
line (``services.scorecards.record_download``; the tables' exports are the lists' own).
"""

from __future__ import annotations

import django_tables2 as tables
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_lazy

from fupin.core.errors import ValidationFailed
from fupin.core.lists import ListPage
from fupin.core.views import ScopedView
from fupin.evaluation import access, scorecard_files
from fupin.evaluation.models import CountyEvaluation, Result
from fupin.evaluation.services import scorecards
from fupin.regions.choices import Level

#: Grade → Bootstrap badge (colours: green, blue, amber, red).
GRADE_BADGES = {"excellent": "text-bg-success", "good": "text-bg-primary",
                "fair": "text-bg-warning", "poor": "text-bg-danger"}
FIRST_YEAR = 2014


def years_of(results) -> list[int]:
    """Years with published results among ``results``, latest first."""
    return sorted(set(results.values_list("evaluation__round__year", flat=True)),
                  reverse=True)


def year_of(request, years: list[int]) -> int:
    """``?year=`` (checked), else the latest year with results, else this year."""
    raw = request.GET.get("year", "").strip()
    last = timezone.localdate().year
    if not raw:
        return years[0] if years else last
    try:
        year = int(raw)
    except ValueError:
        year = None
    if year is None or not FIRST_YEAR <= year <= last:
        raise ValidationFailed(gettext("Give a year from %(first)s to %(last)s.")
                               % {"first": FIRST_YEAR, "last": last}, {"year": "year"})
    return year


def grade_badge(grade: str, word: str) -> str:
    return format_html('<span class="badge {}" data-grade="{}">{}</span>',
                       GRADE_BADGES.get(grade, "text-bg-secondary"), grade, word)


# --- the county scorecard --------------------------------------------------------------------

class ScorecardView(ScopedView):
    """One county's scorecard: module table, indicator table (value, source, evidence,
    points of max, flag, change against last year), total, grade, rank with its stability,
    consequence and the finding of a 较差; ``?format=xlsx`` and ``?format=pdf``."""

    permission_required = "evaluation.view_countyevaluation"
    model = CountyEvaluation

    def get(self, request, pk: int):
        evaluation = access.access_scorecard(request.user, pk)
        card = scorecards.scorecard(evaluation)
        fmt = request.GET.get("format", "")
        filename = f"scorecard-{evaluation.division_code[:6]}-{card.year}"
        detail = {"county": evaluation.division_code, "year": card.year,
                  "published": card.published, "total": str(card.total)}
        if fmt == "xlsx":
            scorecards.record_download(actor=request.user, form="xlsx", evaluation=evaluation,
                                       detail=detail)
            return scorecard_files.xlsx_response(card, filename)
        if fmt == "pdf":
            scorecards.record_download(actor=request.user, form="pdf", evaluation=evaluation,
                                       detail=detail)
            return scorecard_files.pdf_response(card, filename,
                                                user=request.user.get_username())
        if fmt:
            raise Http404("unknown format")
        finding_url = None
        if card.finding_id and request.user.has_perm("accountability.view_finding"):
            finding_url = reverse("finding-detail", kwargs={"pk": card.finding_id})
        return render(request, "evaluation/scorecards/scorecard.html", {
            "card": card, "evaluation": evaluation, "finding_url": finding_url,
            "badge": GRADE_BADGES.get(card.grade, "text-bg-secondary"),
            "table_url": f"{reverse('evaluation-scorecards')}?year={card.year}"})


# --- the province table: counties as rows ----------------------------------------------------

class _Number(tables.Column):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", {"td": {"class": "text-end"}})
        super().__init__(*args, **kwargs)


class CountiesTable(tables.Table):
    rank = _Number(verbose_name=gettext_lazy("Rank"))
    county = tables.Column(verbose_name=gettext_lazy("County"))
    total = _Number(verbose_name=gettext_lazy("Total score"))
    grade = tables.Column(verbose_name=gettext_lazy("Grade"), order_by=("total",))
    moves = tables.Column(verbose_name=gettext_lazy("Rank when weights move ±10%"),
                          order_by=("max_move",))
    consequence = tables.Column(verbose_name=gettext_lazy("Consequence"),
                                accessor="consequence_word")
    flagged = _Number(verbose_name=gettext_lazy("Flagged values"))

    class Meta:
        order_by = "rank"
        empty_text = gettext_lazy("No published evaluation in your region for this year.")
        attrs = {"class": "table table-sm table-dense", "id": "scorecard-counties"}

    def render_county(self, value, record):
        return format_html('<a href="{}">{}</a>',
                           reverse("evaluation-scorecard", kwargs={"pk": record["pk"]}), value)

    def value_county(self, value):
        return value

    def render_grade(self, value, record):
        return grade_badge(value, record["grade_word"])

    def value_grade(self, value, record):
        return record["grade_word"]


def counties_table(modules: list[tuple[str, str]]) -> type[tables.Table]:
    """The counties table with one column per module of the year's systems."""
    extra = {f"module_{code}": _Number(verbose_name=name, accessor=f"modules__{code}",
                                       default="—")
             for code, name in modules}
    # Meta named again: django-tables2 reads the class's own Meta (attrs, order, empty text).
    extra["Meta"] = type("Meta", (CountiesTable.Meta,), {})
    return type("ModuleCountiesTable", (CountiesTable,), extra)


class ProvinceTableView(ListPage):
    """Counties as rows (a province, a prefecture, or for a county user the county's own
    row): published total, grade, rank with how far it moves, module scores, consequence;
    sortable, exported as shown; a county opens its scorecard."""

    permission_required = "evaluation.view_result"
    model = Result
    template_name = "evaluation/scorecards/province.html"
    title = gettext_lazy("Evaluation scorecards by county")
    export_name = "evaluation-counties"
    paginate_by = 200

    def get(self, request, *args, **kwargs):
        self.focus = scorecards.focus_division(request.user, request.GET.get("division", ""))
        self.results = scorecards.in_focus(access.scorecard_results(request.user), self.focus)
        self.years = years_of(self.results)
        self.year = year_of(request, self.years)
        self.table_class = counties_table(scorecards.module_columns(self.results, self.year))
        return super().get(request, *args, **kwargs)

    def filtered_queryset(self):
        self.filterset = None
        return scorecards.province_rows(self.results, self.year)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(focus=self.focus, year=self.year, years=self.years or [self.year],
                       nation_url=reverse("evaluation-scorecards-nation")
                       if self.focus.level == Level.NATION else None)
        return context


# --- the national view: provinces as rows ----------------------------------------------------

class ProvincesTable(tables.Table):
    province = tables.Column(verbose_name=gettext_lazy("Province"))
    counties = _Number(verbose_name=gettext_lazy("Counties evaluated"))
    mean = _Number(verbose_name=gettext_lazy("Mean total"))
    median = _Number(verbose_name=gettext_lazy("Median total"))
    excellent = _Number(verbose_name=gettext_lazy("Excellent"))
    good = _Number(verbose_name=gettext_lazy("Good"))
    fair = _Number(verbose_name=gettext_lazy("Fair"))
    poor = _Number(verbose_name=gettext_lazy("Poor"))

    class Meta:
        order_by = "province"
        empty_text = gettext_lazy("No published evaluation in your region for this year.")
        attrs = {"class": "table table-sm table-dense", "id": "scorecard-provinces"}

    def render_province(self, value, record):
        return format_html('<a href="{}?division={}&amp;year={}">{}</a>',
                           reverse("evaluation-scorecards"), record["code"], record["year"],
                           value)

    def value_province(self, value):
        return value


class NationTableView(ListPage):
    """Provinces as rows: counties evaluated, mean and median total, counties per grade; a
    province opens its table of counties."""

    permission_required = "evaluation.view_result"
    model = Result
    table_class = ProvincesTable
    template_name = "evaluation/scorecards/nation.html"
    title = gettext_lazy("Evaluation results by province")
    export_name = "evaluation-provinces"
    paginate_by = 50

    def get(self, request, *args, **kwargs):
        self.results = access.scorecard_results(request.user)
        self.years = years_of(self.results)
        self.year = year_of(request, self.years)
        return super().get(request, *args, **kwargs)

    def filtered_queryset(self):
        self.filterset = None
        return [{**row, "year": self.year}
                for row in scorecards.national_rows(self.results, self.year)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(year=self.year, years=self.years or [self.year])
        return context
