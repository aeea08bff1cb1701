"""The monitoring-object list (监测对象名单): approved cases with their household, category and
risk types, filtered by township, village, category, risk type and state, exported to Excel.

It lives here, not in the household list, because the registry (``households``) sits below
the cases in the layers and may not read them (ADR 0030): the household list links here.
"""

from __future__ import annotations

from collections import Counter

import django_filters
import django_tables2 as tables
from django.db import transaction
from django.db.models import Count
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from fupin.cases import workflow
from fupin.cases.models import Case, Measure, MeasureType
from fupin.core import audit, labels, scope
from fupin.core.lists import ListPage, xlsx_sheets_response
from fupin.core.views import ScopedView
from fupin.monitoring import policy
from fupin.monitoring.filters import risk_q
from fupin.regions.choices import child_level
from fupin.regions.filters import PlaceFilterSet

#: The states of an approved case (a monitoring object, its elimination, or eliminated).
APPROVED_STATES = ("monitored", "elim_proposed", "elim_reviewed", "elim_notice",
                   "elim_township_approved", "eliminated")


class MonitoringObjectFilter(PlaceFilterSet):
    category = django_filters.ChoiceFilter(label=gettext_lazy("Category"),
                                           empty_label=gettext_lazy("All categories"))
    risk_type = django_filters.ChoiceFilter(label=gettext_lazy("Risk type"), method="has_risk",
                                            empty_label=gettext_lazy("All risk types"))
    state = django_filters.ChoiceFilter(label=gettext_lazy("State"),
                                        empty_label=gettext_lazy("All states"))

    class Meta:
        model = Case
        fields = ["township", "village", "category", "risk_type", "state"]

    def __init__(self, data=None, *args, request=None, **kwargs):
        super().__init__(data, *args, request=request, **kwargs)
        self.filters["category"].extra["choices"] = [
            (c, labels.word("category", c)) for c in policy.monitoring_categories()]
        self.filters["risk_type"].extra["choices"] = [
            (c, labels.word("risk_type", c)) for c in policy.pack().risk_type_names]
        self.filters["state"].extra["choices"] = [
            (s, workflow.STATES[s]) for s in APPROVED_STATES]

    def has_risk(self, queryset, name, value):
        return queryset.filter(risk_q(value))


class MonitoringObjectTable(tables.Table):
    household = tables.Column(verbose_name=gettext_lazy("Household ID"),
                              accessor="household__household_id",
                              linkify=("case-detail", [tables.A("pk")]))
    head = tables.Column(verbose_name=gettext_lazy("Head of household"),
                         accessor="household__head_name")
    township = tables.Column(verbose_name=gettext_lazy("Township"),
                             accessor="household__village__parent__name",
                             order_by="village_code")
    village = tables.Column(verbose_name=gettext_lazy("Village"),
                            accessor="household__village__name", order_by="village_code")
    category = tables.Column(verbose_name=gettext_lazy("Category"))
    risk_types = tables.Column(verbose_name=gettext_lazy("Risk types"), orderable=False)
    state = tables.Column(verbose_name=gettext_lazy("State"))
    monitored_since = tables.DateTimeColumn(verbose_name=gettext_lazy("Monitored since"),
                                            format="Y-m-d")

    class Meta:
        order_by = "village"
        empty_text = gettext_lazy("No monitoring object matches the filters.")
        attrs = {"class": "table table-sm table-striped table-dense",
                 "id": "monitoring-objects"}

    def render_category(self, value):
        return labels.word("category", value)

    def render_risk_types(self, value):
        return "、".join(labels.word("risk_type", c.strip())
                        for c in str(value).replace(",", ";").split(";") if c.strip())

    def render_state(self, value):
        return labels.word("case_state", value) if labels.vocabulary("case_state") else \
            str(workflow.STATES.get(value, value))

    def value_category(self, value):
        return self.render_category(value)

    def value_risk_types(self, value):
        return self.render_risk_types(value)

    def value_state(self, value):
        return self.render_state(value)


class MonitoringObjectListView(ListPage):
    """The monitoring objects of the user's region (approved cases), by category and risk
    type, with their township and village; Excel export of the filtered rows."""

    permission_required = "cases.view_case"
    model = Case
    table_class = MonitoringObjectTable
    filterset_class = MonitoringObjectFilter
    title = gettext_lazy("Monitoring objects")
    export_name = "monitoring-objects"

    def base_queryset(self):
        return (Case.objects.filter(state__in=APPROVED_STATES)
                .select_related("household", "household__village",
                                "household__village__parent"))


class CaseDashboardExportView(ScopedView):
    """The case dashboard's tables as one workbook (a sheet per table, headed in words):
    open cases per division one level down by category, cases by state, open cases by risk
    type, measures by type. Audited like every list export."""

    permission_required = "cases.view_case"

    def get(self, request):
        user = request.user
        cases = Case.objects.for_user(user)
        length = scope.PREFIX_LENGTH[child_level(user.division.level)]
        by_area = (cases.filter(closed=False).annotate(area=Substr("village_code", 1, length))
                   .values("area", "category").annotate(n=Count("id")).order_by("area"))
        table: dict[str, Counter] = {}
        for r in by_area:
            table.setdefault(r["area"], Counter())[r["category"] or "—"] += r["n"]
        names = labels.lookup_many("division", [a.ljust(12, "0") for a in table])
        cats = [*policy.monitoring_categories(), "—"]
        states = cases.values_list("state").annotate(n=Count("id")).order_by("state")
        risks: Counter = Counter()
        for value in cases.filter(closed=False).exclude(risk_types="").values_list(
                "risk_types", flat=True):
            risks.update(c for c in value.split(";") if c)
        measures = (Measure.objects.filter(case__in=cases).values_list("type")
                    .annotate(n=Count("id")).order_by("type"))
        count = gettext("Count")
        sheets = [
            (gettext("Open cases by division and category"),
             [gettext("Division"), *[labels.word("category", c) if c != "—" else "—"
                                     for c in cats]],
             [[names.get(a.ljust(12, "0"), a), *[table[a].get(c, 0) for c in cats]]
              for a in sorted(table)]),
            (gettext("Cases by state"), [gettext("State"), count],
             [[str(workflow.STATES.get(s, s)), n] for s, n in states]),
            (gettext("Open cases by risk type"), [gettext("Risk type"), count],
             [[labels.word("risk_type", c), n] for c, n in sorted(risks.items())]),
            (gettext("Measures by type"), [gettext("Measure"), count],
             [[labels.word("measure", t) if labels.vocabulary("measure")
               else str(dict(MeasureType.choices).get(t, t)), n] for t, n in measures]),
        ]
        with transaction.atomic():
            audit.record(actor=user, action="lists.export", object_type="list",
                         object_id="case-dashboard", division_code=user.division_id or "",
                         after={"filters": {}, "rows": sum(len(s[2]) for s in sheets)})
        stamp = timezone.localdate().strftime("%Y%m%d")
        return xlsx_sheets_response(f"case-dashboard-{stamp}", sheets)
