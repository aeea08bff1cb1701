"""Screens: programme (see views/__init__.py) — the county programme page, the province page
(counties as rows) and the national view (provinces as rows: demonstration counties and the
poverty counties they cover), each drawn for the user's division or one inside it
(``?division=CODE``, 404 outside the user's region) and for a year (``?year=``).

Numbers come from :mod:`fupin.ecommerce.coverage` (a fixed number of grouped queries per
family) over a focus scope that lies inside the user's region, and a family is shown only to
a role that may view its rows. The lists of every programme table are in
``programme_tables.py`` (tables and filters), drawn at the end of this module.
"""

from __future__ import annotations

import django_tables2 as tables
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_lazy

from fupin.core.access import Scope, allowed
from fupin.core.errors import NotFound, ValidationFailed
from fupin.core.lists import ListPage
from fupin.core.views import ScopedView
from fupin.ecommerce import coverage, targets
from fupin.ecommerce import programme_tables as t
from fupin.ecommerce.choices import ProgrammeKind
from fupin.ecommerce.models import (
    Beneficiary,
    Enterprise,
    LogisticsYear,
    Pairing,
    Product,
    Programme,
    Site,
    TrainingSession,
)
from fupin.ecommerce.programme_figures import (
    FIRST_YEAR,
    county_rows,
    coverage_chart,
    latest_year,
    linkage_block,
    linkage_quality,
    product_states,
)
from fupin.regions.choices import Level
from fupin.regions.models import CountyProfile, Division

ABOVE_COUNTY = {Level.NATION, Level.PROVINCE, Level.PREFECTURE}


def focus_of(request) -> Division:
    """The division a page is drawn for: the user's, or ``?division=`` inside the user's
    region (404 outside it, exactly like a division that does not exist)."""
    user = request.user
    code = request.GET.get("division", "").strip()
    if not code or code == user.division_id:
        return user.division
    scope = Scope.of_user(user)
    if not (len(code) == 12 and code.isdigit()) or scope is None or not scope.contains(code):
        raise NotFound("no such division")
    division = Division.objects.filter(code=code).first()
    if division is None:
        raise NotFound("no such division")
    return division


def year_of(request, default: int) -> int:
    raw = request.GET.get("year", "").strip()
    if not raw:
        return default
    last = timezone.localdate().year
    try:
        year = int(raw)
    except ValueError:
        year = None
    if year is None or not FIRST_YEAR <= year <= last:
        raise ValidationFailed(gettext("Give a year from %(first)s to %(last)s.")
                               % {"first": FIRST_YEAR, "last": last}, {"year": "year"})
    return year


def _with_division(name: str, division: Division, user) -> str:
    url = reverse(name)
    return url if division.code == user.division_id else f"{url}?division={division.code}"


class CountyProgrammeView(ScopedView):
    """A county's programme in one year: service map by township with coverage (chart by year
    against the targets), logistics, pairings, benefit linkages, products, training against
    the target and the other commerce programmes."""

    permission_required = "ecommerce.view_programme"
    model = Programme

    def get(self, request):
        focus = focus_of(request)
        if focus.level in ABOVE_COUNTY:
            return redirect(_with_division("programme-province", focus, request.user))
        user, today = request.user, timezone.localdate()
        scope = Scope.of_code(focus.code)
        county = focus.code[:6].ljust(12, "0")
        year = year_of(request, latest_year(scope))
        years = range(FIRST_YEAR, today.year + 1)
        context = {"focus": focus, "county": Division.objects.filter(code=county).first(),
                   "year": year, "years": list(reversed(years)), "targets": targets,
                   "profile": CountyProfile.objects.filter(county_id=county).first()}
        if allowed(user, Site):
            per_year = coverage.service_coverage(scope, years, today=today).get(county, {})
            context.update(coverage=per_year.get(year), chart=coverage_chart(per_year) if
                           per_year else None,
                           townships=coverage.township_service(scope, year, today=today))
        if allowed(user, LogisticsYear):
            found = coverage.logistics(scope, years).get(county, {})
            context["logistics"] = [(y, r) for y, r in sorted(found.items(), reverse=True)
                                    if r["reported"] or y == year]
        if allowed(user, Pairing):
            found = coverage.pairings(scope, year)
            context["pairings"] = {"rows": found["enterprises"],
                                   "total": found["counties"].get(county)}
        if allowed(user, TrainingSession):
            found = coverage.training(scope, years).get(county, {})
            context["training"] = [(y, r) for y, r in sorted(found.items(), reverse=True)
                                   if r["sessions"] or y == year]
        if allowed(user, Beneficiary):
            found = coverage.beneficiaries(scope, year).get(county, {})
            context["programmes"] = [(kind, label, found.get(kind)) for kind, label
                                     in ProgrammeKind.choices]
        if allowed(user, Product):
            context["products"] = product_states(
                coverage.products_by_state(scope).get(county, {}))
        linkage = linkage_block(scope, year, [county], user)
        if linkage.get("counties") is not None:
            linkage["row"] = linkage["counties"].get(county) \
                or linkage["counties"].get(county[:6])
        context["linkage"] = linkage
        return render(request, "ecommerce/programme_county.html", context)


# --- province: counties as rows --------------------------------------------------------------

class _Number(tables.Column):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", {"td": {"class": "text-end"}})
        super().__init__(*args, **kwargs)


class CountiesTable(tables.Table):
    county = tables.Column(verbose_name=gettext_lazy("County"))
    poverty = tables.BooleanColumn(verbose_name=gettext_lazy("National poverty county"),
                                   yesno=(gettext_lazy("Yes"), ""))
    demo_year = _Number(verbose_name=gettext_lazy("Demonstration batch"), default="")
    village_share = _Number(verbose_name=gettext_lazy("Villages covered (%)"))
    poor_share = _Number(verbose_name=gettext_lazy("Poor villages covered (%)"))
    express_share = _Number(verbose_name=gettext_lazy("Township express coverage (%)"))
    pairing_share = _Number(verbose_name=gettext_lazy("Pairing purchase delivered (%)"))
    training = _Number(verbose_name=gettext_lazy("Training person-times (cumulative)"))
    training_share = _Number(verbose_name=gettext_lazy("Training target reached (%)"))
    placed = _Number(verbose_name=gettext_lazy("Households placed (other programmes)"))
    listed = _Number(verbose_name=gettext_lazy("Products listed"))
    poor_linked = _Number(verbose_name=gettext_lazy("Poor households linked"))

    class Meta:
        order_by = "county"
        empty_text = gettext_lazy("No county in your region.")
        attrs = {"class": "table table-sm table-dense", "id": "programme-counties"}

    def render_county(self, value, record):
        return format_html('<a href="{}?division={}&amp;year={}">{}</a>',
                           reverse("programme-county"), record["code"], record["year"], value)

    def value_county(self, value):
        return value


class ProvinceProgrammeView(ListPage):
    """Counties as rows (a prefecture, a province or the nation; for a county user, the one
    row of the county): every indicator of a year, the demonstration batch; sortable,
    exported as shown; a county opens its page."""

    permission_required = "ecommerce.view_programme"
    model = Programme
    table_class = CountiesTable
    template_name = "ecommerce/programme_province.html"
    title = gettext_lazy("E-commerce programme by county")
    export_name = "programme-counties"
    paginate_by = 200

    def get(self, request, *args, **kwargs):
        self.focus = focus_of(request)
        self.scope = Scope.of_code(self.focus.code)
        self.year = year_of(request, latest_year(self.scope))
        return super().get(request, *args, **kwargs)

    def filtered_queryset(self):
        self.filterset = None
        return county_rows(self.request.user, self.scope, self.year)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        years = range(FIRST_YEAR, timezone.localdate().year + 1)
        context.update(focus=self.focus, year=self.year, years=list(reversed(years)),
                       linkage_available=linkage_quality is not None,
                       complete=targets.poverty_list_complete(self.focus.code[:2])
                       if self.focus.level != Level.NATION else False)
        return context


# --- nation: provinces as rows ---------------------------------------------------------------

class ProvincesTable(tables.Table):
    province = tables.Column(verbose_name=gettext_lazy("Province"))
    poverty_counties = _Number(verbose_name=gettext_lazy("National poverty counties known"))
    complete = tables.BooleanColumn(verbose_name=gettext_lazy("List complete"),
                                    yesno=(gettext_lazy("Complete"), gettext_lazy("Partial")))
    demo_counties = _Number(verbose_name=gettext_lazy("Demonstration counties"))
    new = _Number(verbose_name=gettext_lazy("Named this year"))
    poverty_covered = _Number(verbose_name=gettext_lazy("Poverty counties covered"))
    poverty_share = _Number(verbose_name=gettext_lazy("Poverty counties covered (%)"))

    class Meta:
        order_by = "province"
        empty_text = gettext_lazy("No county attributes loaded in your region.")
        attrs = {"class": "table table-sm table-dense", "id": "programme-provinces"}

    def render_province(self, value, record):
        return format_html('<a href="{}?division={}&amp;year={}">{}</a>',
                           reverse("programme-province"), record["code"], record["year"],
                           value)

    def value_province(self, value):
        return value


class NationProgrammeView(ListPage):
    """Provinces as rows: national poverty counties (as far as the shipped or imported lists
    go, marked partial), demonstration counties named by the end of the year, and the poverty
    counties among them; the published national totals beside, and a chart by year."""

    permission_required = "ecommerce.view_programme"
    model = Programme
    table_class = ProvincesTable
    template_name = "ecommerce/programme_nation.html"
    title = gettext_lazy("Demonstration counties and poverty counties")
    export_name = "programme-provinces"
    paginate_by = 50

    def get(self, request, *args, **kwargs):
        self.scope = Scope.of_user(request.user)
        self.year = year_of(request, min(timezone.localdate().year, 2020))
        years = range(FIRST_YEAR, max(self.year, 2020) + 1)
        self.found = coverage.demonstration(self.scope, years)
        return super().get(request, *args, **kwargs)

    def filtered_queryset(self):
        self.filterset = None
        names = dict(Division.objects.filter(code__in=list(self.found))
                     .values_list("code", "name"))
        return [{"code": code, "province": names.get(code, code), "year": self.year,
                 "poverty_counties": area["poverty_counties"], "complete": area["complete"],
                 **area["years"][self.year]} for code, area in self.found.items()]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        years = sorted({y for area in self.found.values() for y in area["years"]})
        known = sum(a["poverty_counties"] for a in self.found.values())
        published = targets.published_demo_cumulative()
        chart = {"years": [str(y) for y in years], "series": [
            {"name": gettext("Poverty counties covered (%)"),
             "data": [coverage.share(sum(a["years"][y]["poverty_covered"]
                                         for a in self.found.values()), known)
                      for y in years]}]}
        context.update(year=self.year, years=list(reversed(range(FIRST_YEAR,
                                                                 timezone.localdate().year
                                                                 + 1))),
                       known=known, national=targets.NATIONAL_POVERTY_COUNTIES,
                       batches=sorted(targets.DEMO_BATCHES.items()), published=published,
                       total_2020=targets.DEMO_TOTAL_2020, chart=chart)
        return context


# --- the lists of every programme table (tables and filters: programme_tables.py) -------------

class _ProgrammeList(ListPage):
    template_name = "ecommerce/programme_list.html"


class SiteList(_ProgrammeList):
    model = Site
    permission_required = "ecommerce.view_site"
    table_class = t.SiteTable
    filterset_class = t.SiteFilter
    title = gettext_lazy("Service sites")
    export_name = "service-sites"


class LogisticsList(_ProgrammeList):
    model = LogisticsYear
    permission_required = "ecommerce.view_logisticsyear"
    table_class = t.LogisticsTable
    filterset_class = t.LogisticsFilter
    title = gettext_lazy("Township logistics")
    export_name = "township-logistics"


class EnterpriseList(_ProgrammeList):
    """Enterprises are not region-owned (public business registration): the list holds those
    the user's region deals with (``programme_tables.enterprises_for``)."""

    model = Enterprise
    permission_required = "ecommerce.view_enterprise"
    table_class = t.EnterpriseTable
    filterset_class = t.EnterpriseFilter
    title = gettext_lazy("Enterprises")
    export_name = "enterprises"

    def get_queryset(self, action=None):
        return t.enterprises_for(self.request.user)


class PairingList(_ProgrammeList):
    model = Pairing
    permission_required = "ecommerce.view_pairing"
    table_class = t.PairingTable
    filterset_class = t.PairingFilter
    title = gettext_lazy("Pairings (对口帮扶)")
    export_name = "pairings"

    def base_queryset(self):
        return t.pairings_with_delivered(Pairing.objects.all())


class TrainingList(_ProgrammeList):
    model = TrainingSession
    permission_required = "ecommerce.view_trainingsession"
    table_class = t.TrainingTable
    filterset_class = t.TrainingFilter
    title = gettext_lazy("Training sessions")
    export_name = "training-sessions"

    def base_queryset(self):
        return TrainingSession.objects.select_related("programme")


class ProgrammeList(_ProgrammeList):
    model = Programme
    permission_required = "ecommerce.view_programme"
    table_class = t.ProgrammeTable
    filterset_class = t.ProgrammeFilter
    title = gettext_lazy("Programmes")
    export_name = "programmes"


class BeneficiaryList(_ProgrammeList):
    model = Beneficiary
    permission_required = "ecommerce.view_beneficiary"
    table_class = t.BeneficiaryTable
    filterset_class = t.BeneficiaryFilter
    title = gettext_lazy("Beneficiaries")
    export_name = "programme-beneficiaries"

    def base_queryset(self):
        return Beneficiary.objects.select_related("programme", "household")
