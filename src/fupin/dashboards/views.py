"""The first screen of every role (ADR 0033), read-only, drawn for the user's division or for
a division below it (``?division=CODE``, a drill-down inside the user's region):

- a village: **Today** — households that need the cadre (new alerts to visit, visits due this
  week, measures ending soon, notices to post), each row a link to act;
- a township: the **village comparison** and what waits on the user;
- a county: monitoring objects by category and risk type per township (click a bar to drill
  down), new alerts, overdue steps, caseload trend, elimination progress, data quality;
- a province, prefecture or the nation: **counties as rows**, sortable, with Excel export.

No models of its own; nothing imports this app.
"""

from __future__ import annotations

import django_tables2 as tables
from django.db.models import Count
from django.shortcuts import render
from django.utils.html import format_html
from django.utils.translation import gettext_lazy

from fupin.core import inbox
from fupin.core.access import PREFIX_LENGTH, Scope
from fupin.core.errors import NotFound
from fupin.core.lists import ListPage
from fupin.dashboards import aggregates
from fupin.households.choices import Status
from fupin.regions.choices import Level, child_level
from fupin.regions.models import CountyProfile, Division

ABOVE_COUNTY = {Level.NATION, Level.PROVINCE, Level.PREFECTURE}


class CountiesTable(tables.Table):
    """Counties as rows (province and nation): sortable, exported as shown."""

    county = tables.Column(verbose_name=gettext_lazy("County"))
    households = tables.Column(verbose_name=gettext_lazy("Households"),
                               attrs={"td": {"class": "text-end"}})
    objects = tables.Column(verbose_name=gettext_lazy("Monitoring objects"),
                            attrs={"td": {"class": "text-end"}})
    open = tables.Column(verbose_name=gettext_lazy("Open cases"),
                         attrs={"td": {"class": "text-end"}})
    overdue = tables.Column(verbose_name=gettext_lazy("Overdue steps"),
                            attrs={"td": {"class": "text-end"}})
    eliminated = tables.Column(verbose_name=gettext_lazy("Risk eliminated"),
                               attrs={"td": {"class": "text-end"}})
    rate = tables.Column(verbose_name=gettext_lazy("Elimination rate (%)"),
                         attrs={"td": {"class": "text-end"}})
    findings = tables.Column(verbose_name=gettext_lazy("Data-quality findings"),
                             attrs={"td": {"class": "text-end"}})

    class Meta:
        order_by = "county"
        empty_text = gettext_lazy("No county in your region has data yet.")
        attrs = {"class": "table table-sm table-dense", "id": "counties"}

    def render_county(self, value, record):
        return format_html('<a href="?division={}">{}</a>', record["code"], value)

    def value_county(self, value):
        return value


def _focus(request) -> Division:
    """The division the screen is drawn for: the user's, or ``?division=`` inside it (404
    outside the user's region, exactly like a division that does not exist)."""
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


def _breadcrumbs(user_division: Division, focus: Division) -> list[Division]:
    """The divisions from the user's own down to the focus (each a link back up)."""
    chain = []
    node = focus
    while node is not None and node.code != user_division.code:
        chain.append(node)
        node = node.parent
    chain.append(user_division)
    return list(reversed(chain))


class DashboardView(ListPage):
    """The first screen, chosen by the level of the division it is drawn for."""

    permission_required = "households.view_household"
    table_class = CountiesTable
    template_name = "dashboards/counties.html"
    title = gettext_lazy("Counties")
    export_name = "counties"
    paginate_by = 100

    def filtered_queryset(self):
        self.filterset = None
        user, scope = self.request.user, Scope.of_code(self.focus.code)
        return aggregates.cached("counties", user, scope,
                                 lambda: aggregates.counties(user, scope))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.common())
        return context

    def common(self) -> dict:
        return {"focus": self.focus,
                "crumbs": _breadcrumbs(self.request.user.division, self.focus),
                "focus_level": Level(self.focus.level).label}

    def get(self, request, *args, **kwargs):
        self.focus = _focus(request)
        scope = Scope.of_code(self.focus.code)
        level = self.focus.level
        if level in ABOVE_COUNTY:
            return super().get(request, *args, **kwargs)
        if level == Level.VILLAGE:
            return render(request, "dashboards/today.html", {
                **self.common(), **aggregates.today(request.user, scope)})
        if level == Level.TOWNSHIP:
            own = self.focus.code == request.user.division_id
            waiting = inbox.page(request.user, 1, per_page=aggregates.PANEL_ROWS) if own \
                else None
            return render(request, "dashboards/township.html", {
                **self.common(), "waiting": waiting,
                **aggregates.cached("township", request.user, scope, lambda: {
                    "villages": aggregates.village_comparison(request.user, scope),
                    "overdue": aggregates.overdue(request.user, scope),
                    "alerts": aggregates.new_alerts(request.user, scope)})})
        return self.county(request, scope)

    def county(self, request, scope: Scope):
        user = request.user

        def compute() -> dict:
            totals = dict(aggregates.households(user, scope).values_list("status")
                          .annotate(n=Count("id")).values_list("status", "n"))
            return {
                "totals": [(label, totals.get(value, 0)) for value, label in Status.choices],
                "total": sum(totals.values()),
                "profile": CountyProfile.objects.filter(county_id=self.focus.code).first(),
                "areas": aggregates.by_child(user, scope, PREFIX_LENGTH[self.child_level()]),
                "trend": aggregates.trend(user, scope),
                "elimination": aggregates.elimination(user, scope),
                "alerts": aggregates.new_alerts(user, scope),
                "overdue": aggregates.overdue(user, scope),
                "quality": aggregates.data_quality(user, scope),
            }

        return render(request, "dashboards/county.html", {
            **self.common(), "child_level": Level(self.child_level()).label,
            **aggregates.cached("county", user, scope, compute)})

    def child_level(self) -> str:
        return child_level(self.focus.level)
