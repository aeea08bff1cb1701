"""Screens: benefit linkages — the list of the user's region (filters: village, form,
enterprise, active in a year; Excel export), a linkage's page with its yearly amounts, and the
"benefit linkages" section of the household page (``FUPIN_HOUSEHOLD_SECTIONS``, ADR 0042)."""

from __future__ import annotations

import django_tables2 as tables
from django.shortcuts import render
from django.utils.translation import gettext_lazy

from fupin.core.lists import ListPage
from fupin.core.views import ScopedView
from fupin.ecommerce import access
from fupin.ecommerce.choices import LINKAGE_ECONOMY
from fupin.ecommerce.linkage_filters import LinkageFilter
from fupin.ecommerce.models import Linkage, LinkageYear
from fupin.ecommerce.models.linkages import LINKAGE_AMOUNTS
from fupin.households.access import access_household


class LinkageTable(tables.Table):
    code = tables.Column(verbose_name=gettext_lazy("Linkage code"),
                         linkify=("linkage-detail", {"code": tables.A("code")}))
    household = tables.Column(verbose_name=gettext_lazy("Household"),
                              accessor="household__household_id",
                              linkify=("household-detail",
                                       {"household_id": tables.A("household__household_id")}))
    division_code = tables.Column(verbose_name=gettext_lazy("Village"))
    enterprise = tables.Column(verbose_name=gettext_lazy("Enterprise"),
                               accessor="enterprise__name")
    form = tables.Column(verbose_name=gettext_lazy("Form"))
    started_on = tables.DateColumn(verbose_name=gettext_lazy("Start"), format="Y-m-d")
    ended_on = tables.DateColumn(verbose_name=gettext_lazy("End"), format="Y-m-d")

    class Meta:
        order_by = ("division_code", "code")
        empty_text = gettext_lazy("No benefit linkages in your region.")
        attrs = {"class": "table table-sm table-dense", "id": "linkages"}

    def render_form(self, value, record):
        return record.get_form_display()

    def value_form(self, value, record):
        return str(record.get_form_display())


class LinkageListView(ListPage):
    """Benefit linkages of the user's region."""

    permission_required = "ecommerce.view_linkage"
    model = Linkage
    table_class = LinkageTable
    filterset_class = LinkageFilter
    title = gettext_lazy("Benefit linkages")
    export_name = "linkages"

    def base_queryset(self):
        return Linkage.objects.select_related("enterprise", "household")


def _years(linkages) -> dict[int, list[LinkageYear]]:
    out: dict[int, list[LinkageYear]] = {}
    for y in LinkageYear.objects.filter(linkage__in=linkages).order_by("linkage_id", "year"):
        out.setdefault(y.linkage_id, []).append(y)
    return out


class LinkageDetailView(ScopedView):
    """One linkage: enterprise, household, form, period and yearly amounts."""

    permission_required = "ecommerce.view_linkage"

    def get(self, request, code: str):
        linkage = access.access_linkage(request.user, code)
        years = _years([linkage]).get(linkage.pk, [])
        return render(request, "ecommerce/linkages_detail.html", {
            "linkage": linkage, "years": years, "amounts": LINKAGE_AMOUNTS})


class HouseholdLinkagesView(ScopedView):
    """The household page's "benefit linkages" section: each linkage with its yearly amounts,
    and per year which part of operating, wage and property income came through linkages."""

    permission_required = "ecommerce.view_linkage"

    def get(self, request, household_id: str):
        household = access_household(request.user, household_id)
        linkages = list(access.linkages(request.user).filter(household=household)
                        .order_by("started_on", "code"))
        years = _years(linkages)
        for lk in linkages:
            lk.year_rows = years.get(lk.pk, [])
        economy = {e.year: e for e in household.economy.all()}
        parts: dict[int, dict[str, object]] = {}
        for rows in years.values():
            for y in rows:
                into = parts.setdefault(y.year, {"operating": 0, "wage": 0, "property": 0})
                for field in LINKAGE_AMOUNTS:
                    into[LINKAGE_ECONOMY[field]] += getattr(y, field)
        shares = [(year, [(c, parts[year][c], getattr(economy.get(year), c, None))
                          for c in ("operating", "wage", "property")])
                  for year in sorted(parts)]
        return render(request, "ecommerce/linkages_household.html", {
            "household": household, "linkages": linkages, "shares": shares})
