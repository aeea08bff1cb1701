"""Screens: help by type (帮扶力度) — amount and households reached per division, year and type
of help, with a chart of the amounts by year; and help intensity per county — help per
household-year before exit against the consolidation period, the counties that cut help
marked (继续加大帮扶力度: help is to be kept up or increased). See views.py."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from fupin.consolidation import figures
from fupin.consolidation import tables as t
from fupin.consolidation.views import ConsolidationList


class HelpView(ConsolidationList):
    """Help per division (one level below the focus), year and type; ``?year=`` and
    ``?type=`` narrow the table (and its export)."""

    title = gettext_lazy("Help by type")
    export_name = "help-by-type"
    tab = url_name = "consolidation-help"
    template_name = "consolidation/help.html"
    table_class = t.HelpTable
    intro = gettext_lazy("Help from the help register, the cases' measures and the benefit "
                         "linkages, per division, year and type: amount and households "
                         "reached.")

    def prepare(self, request) -> None:
        super().prepare(request)
        self.level = figures.level_of(self.focus, request.GET.get("level", ""))
        self.year = figures.year_of(request.GET.get("year"))
        self.kind = request.GET.get("type", "").strip()
        self.found = figures.help_rows(self.focus, self.level, year=self.year, kind=self.kind)

    def rows(self):
        return self.found

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(level=self.level, levels=figures.levels_below(self.focus),
                       year=self.year, years=figures.years(), kind=self.kind,
                       kinds=[(k, figures.type_word(k)) for k in figures.HELP_TYPES],
                       chart=figures.help_chart(self.found) if self.found else None)
        return context


class IntensityView(ConsolidationList):
    """Per county of the focus: help before exit against help during the period."""

    title = gettext_lazy("Help intensity per county")
    export_name = "help-intensity"
    tab = url_name = "consolidation-intensity"
    template_name = "consolidation/intensity.html"
    table_class = t.IntensityTable
    intro = gettext_lazy("Mean help per exited household and year, before exit and during "
                         "the consolidation period; divisions where it fell are marked red.")

    def prepare(self, request) -> None:
        super().prepare(request)
        self.year = figures.year_of(request.GET.get("year"))
        self.found = figures.intensity_rows(self.focus, self.year)

    def rows(self):
        return self.found

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(cut=[r for r in self.found if r.get("kept_up") is False],
                       year=self.year, years=figures.years(), as_of=figures.as_of(self.found))
        return context
