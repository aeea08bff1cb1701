"""Screens: the follow-up list (帮扶断档) — households still inside the consolidation period
that had help and received none in the latest year, for the village, township and county
officers to act on — and the household page's "since exit" section
(``FUPIN_HOUSEHOLD_SECTIONS``). See views.py."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext_lazy

from fupin.consolidation import access, figures, services
from fupin.consolidation import tables as t
from fupin.consolidation.views import PERMISSION, ConsolidationList
from fupin.core.access import PREFIX_LENGTH
from fupin.core.views import ScopedView


class LostHelpView(ConsolidationList):
    """Households of the focus that lost all help while inside the period; each opens its
    household page (where the help by year is)."""

    title = gettext_lazy("Lost all help (follow-up)")
    export_name = "lost-help"
    tab = url_name = "consolidation-lost"
    template_name = "consolidation/lost.html"
    table_class = t.LostHelpTable
    intro = gettext_lazy("Exited households still inside the consolidation period that had "
                         "help before and none in the latest year: visit them and record "
                         "the help they get.")

    def prepare(self, request) -> None:
        super().prepare(request)
        self.year = figures.year_of(request.GET.get("year"))
        self.found = figures.lost_rows(self.focus, self.year)

    def rows(self):
        return self.found

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        below = figures.levels_below(self.focus)
        context.update(children=_children(self.found, below[0])
                       if self.focus.level != "village" else [],
                       year=self.year, years=figures.years(), as_of=figures.as_of(self.found))
        return context


def _children(rows: list[dict], level: str) -> list[dict]:
    """The divisions one level below the focus that have households on the list, with
    their counts (links to narrow the list)."""
    n = PREFIX_LENGTH[level]
    counts: dict[str, int] = {}
    for r in rows:
        code = r["village_code"][:n].ljust(12, "0")
        counts[code] = counts.get(code, 0) + 1
    found = figures.names(counts)
    return [{"code": c, "name": found.get(c, c), "count": counts[c]} for c in sorted(counts)]


class HouseholdSectionView(ScopedView):
    """The household page's "since exit" section: years since exit, inside the period, each
    year's income against the line, guarantees, monitoring-object years and help by type
    (an HTML fragment the household page loads)."""

    permission_required = PERMISSION

    def get(self, request, household_id: str):
        household = access.access_household(request.user, household_id)
        data = services.household_consolidation(household)
        kinds = [k for k in figures.HELP_TYPES
                 if any((y.get("help") or {}).get(k) for y in data.get("years") or [])]
        for y in data.get("years") or []:
            y["help_cells"] = [(y.get("help") or {}).get(k) for k in kinds]
        return render(request, "consolidation/household.html", {
            "household": household, "data": data,
            "kinds": [(k, figures.type_word(k)) for k in kinds]})
