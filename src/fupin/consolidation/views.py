"""The consolidation period's screens (巩固提升期): quality of exit per division with drill-down
to a village's exited households (here), help by type and its intensity per county
(``views_help.py``), the follow-up list of households that lost all help and the household
page's "since exit" section (``views_followup.py``).

Every page is drawn for the user's division or one inside it (``?division=``, 404 outside
the user's region, like a division that does not exist), its rows one level below by default
(a county its townships, a province its counties; ``?level=`` another level below). The
numbers are the services' (:mod:`fupin.consolidation.services`, set-based); the tables page,
sort and export as Excel (the platform's list export) or CSV (:class:`ConsolidationList`),
each export a line on the audit ledger.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from functools import partial

from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext, gettext_lazy
from django_tables2 import RequestConfig

from fupin.consolidation import access, figures
from fupin.consolidation import tables as t
from fupin.core import audit
from fupin.core.access import Scope
from fupin.core.errors import NotFound, ValidationFailed
from fupin.core.exchange import guard
from fupin.core.lists import MAX_EXPORT_ROWS, ListPage
from fupin.regions.choices import Level
from fupin.regions.models import Division

PERMISSION = access.PERMISSION


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, int | float | Decimal | date):
        return str(value)
    return guard(force_str(value).strip())


class ConsolidationList(ListPage):
    """A consolidation table for a focus division: the platform's list (paging, sorting,
    ``?export=xlsx``) and ``?export=csv`` (UTF-8 with a byte-order mark, so Excel opens it in
    Chinese; the same rows, headers and formula guard; audited like the Excel export)."""

    permission_required = PERMISSION
    template_name = "consolidation/list.html"
    partial_template_name = "consolidation/_list.html"
    paginate_by = 100
    #: The page's tab in the consolidation navigation, and the page the trail's links open.
    tab = url_name = ""
    #: What the page's rows are (words under the title).
    intro = ""

    def prepare(self, request) -> None:
        """Read the focus, level and year of the request (before the table is built)."""
        self.focus = access.focus_division(request.user, request.GET.get("division", ""))
        self.scope = Scope.of_code(self.focus.code)

    def get(self, request, *args, **kwargs):
        self.prepare(request)
        if request.GET.get("export") == "csv":
            return self.export_csv()
        return super().get(request, *args, **kwargs)

    def filtered_queryset(self):
        self.filterset = None
        return self.rows()

    def rows(self):
        raise NotImplementedError

    def export_csv(self) -> HttpResponse:
        table = self.table_class(self.filtered_queryset())
        RequestConfig(self.request, paginate=False).configure(table)
        count = len(table.rows)
        if count > MAX_EXPORT_ROWS:
            raise ValidationFailed(gettext(
                "The list has %(n)s rows; an export takes at most %(max)s. Narrow the "
                "filters first.") % {"n": count, "max": MAX_EXPORT_ROWS})
        out = io.StringIO()
        out.write("\ufeff")
        writer = csv.writer(out)
        for i, row in enumerate(table.as_values()):
            writer.writerow([guard(force_str(c)) for c in row] if i == 0
                            else [_csv_cell(c) for c in row])
        filters = {k: v for k, v in self.request.GET.items() if k != "export"}
        with transaction.atomic():
            audit.record(actor=self.request.user, action="lists.export", object_type="list",
                         object_id=self.export_name,
                         division_code=self.request.user.division_id or "",
                         after={"filters": filters, "rows": count, "format": "csv"})
        stamp = timezone.localdate().strftime("%Y%m%d")
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = \
            f'attachment; filename="{self.export_name}-{stamp}.csv"'
        return response

    def trail(self) -> list[Division]:
        """The divisions from the user's own down to the focus (the way back up)."""
        codes = [c for c in self.scope.ancestors() if len(c.rstrip("0")) >=
                 len(self.request.user.division_id.rstrip("0"))]
        found = {d.code: d for d in Division.objects.filter(code__in=codes)}
        return [found[c] for c in codes if c in found]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        from fupin.consolidation.menus import MENU

        user = self.request.user
        context.update(focus=self.focus, trail=self.trail(), tab=self.tab, intro=self.intro,
                       url_name=self.url_name,
                       consolidation_tabs=[(m.url_name, m.label) for m in MENU
                                           if m.allowed(user)])
        return context


class QualityView(ConsolidationList):
    """Quality of exit (巩固成效) per division one level below the focus: exited households,
    those inside the consolidation period, the share that stayed above the line every year
    since exit, the share that became monitoring objects, the share that received each type
    of help; a division opens the level below, a village its exited households."""

    title = gettext_lazy("Quality of exit")
    export_name = "exit-quality"
    tab = url_name = "consolidation-quality"
    template_name = "consolidation/quality.html"
    intro = gettext_lazy("Exited households per division, as of the year shown: a row opens "
                         "the division below, a village its households.")

    def prepare(self, request) -> None:
        super().prepare(request)
        self.level = figures.level_of(self.focus, request.GET.get("level", ""))
        self.year = figures.year_of(request.GET.get("year"))
        # A village's page is its households' (get() redirects): nothing to compute here.
        self.found = [] if self.focus.level == Level.VILLAGE else \
            figures.quality_rows(self.focus, self.level, self.year)
        self.table_class = partial(t.QualityTable, year=self.year,
                                   help_types=figures.help_types_in(self.found))

    def get(self, request, *args, **kwargs):
        self.prepare(request)
        if self.focus.level == Level.VILLAGE:
            year = f"&year={self.year}" if self.year else ""
            return redirect(f"{reverse('consolidation-village')}?division={self.focus.code}{year}")
        if request.GET.get("export") == "csv":
            return self.export_csv()
        return ListPage.get(self, request, *args, **kwargs)

    def rows(self):
        return self.found

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        shown = [r for r in self.found if r.get("exited")]
        chart = {"categories": [r["division"] for r in shown],
                 "codes": [r["division_code"] for r in shown], "drill": True,
                 "percent": True,
                 "series": [{"name": gettext("Stayed above the line every year (%)"),
                             "data": [_percent(r.get("stayed_above_share")) for r in shown]},
                            {"name": gettext("Became monitoring objects after exit (%)"),
                             "data": [_percent(r.get("became_objects_share")) for r in shown]}]}
        context.update(level=self.level, levels=figures.levels_below(self.focus),
                       year=self.year, years=figures.years(), chart=chart if shown else None,
                       as_of=figures.as_of(self.found),
                       totals=_totals(self.found))
        return context


def _percent(share) -> float | None:
    return None if share is None else round(float(share) * 100, 1)


def _totals(rows: list[dict]) -> dict:
    """The focus's own headline: exited households and those inside the period (sums of the
    rows; shares are not summed)."""
    return {"exited": sum(r.get("exited") or 0 for r in rows),
            "inside_period": sum(r.get("inside_period") or 0 for r in rows)}


class VillageView(ConsolidationList):
    """A village's exited households with their status each year since exit: years below the
    line, years as a monitoring object, help received per year; each opens its household
    page (one engine over the village: a fixed number of queries, not one per household)."""

    title = gettext_lazy("Exited households of the village")
    export_name = "village-exited-households"
    #: The way back up opens the quality of exit of each division above the village.
    tab = url_name = "consolidation-quality"
    template_name = "consolidation/village.html"
    table_class = t.VillageHouseholdsTable

    def prepare(self, request) -> None:
        super().prepare(request)
        if self.focus.level != Level.VILLAGE:
            raise NotFound("no such village")
        self.year = figures.year_of(request.GET.get("year"))

    def rows(self):
        return figures.village_households(self.focus, self.year)


# The other screens live in their own modules; the URLs name them through this one.
from fupin.consolidation.views_followup import HouseholdSectionView, LostHelpView  # noqa: E402
from fupin.consolidation.views_help import HelpView, IntensityView  # noqa: E402

__all__ = ["ConsolidationList", "HelpView", "HouseholdSectionView", "IntensityView",
           "LostHelpView", "QualityView", "VillageView"]
