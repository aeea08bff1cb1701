"""A run's flagged households as a list page: reasons in words, filters by township, village,
category and risk type, server paging and sorting, Excel export of the filtered rows."""

from __future__ import annotations

import django_filters
import django_tables2 as tables
from django.utils.translation import get_language, gettext_lazy

from fupin.core import labels
from fupin.core.lists import ListPage
from fupin.monitoring import access, explain, policy
from fupin.monitoring.filters import risk_q
from fupin.monitoring.models import Assessment
from fupin.regions.filters import PlaceFilterSet


class FlaggedFilter(PlaceFilterSet):
    category = django_filters.ChoiceFilter(label=gettext_lazy("Category"),
                                           empty_label=gettext_lazy("All categories"))
    risk_type = django_filters.ChoiceFilter(label=gettext_lazy("Risk type"), method="has_risk",
                                            empty_label=gettext_lazy("All risk types"))

    class Meta:
        model = Assessment
        fields = ["township", "village", "category", "risk_type"]

    def __init__(self, data=None, *args, request=None, **kwargs):
        super().__init__(data, *args, request=request, **kwargs)
        pack = policy.pack()
        self.filters["category"].extra["choices"] = [
            (c, labels.word("category", c)) for c in policy.categories(pack) if c != "none"]
        self.filters["risk_type"].extra["choices"] = [
            (c, labels.word("risk_type", c)) for c in pack.risk_type_names]

    def has_risk(self, queryset, name, value):
        return queryset.filter(risk_q(value))


class FlaggedTable(tables.Table):
    household = tables.Column(verbose_name=gettext_lazy("Household ID"),
                              accessor="household__household_id",
                              linkify=("household-detail", [tables.A("household__household_id")]))
    head = tables.Column(verbose_name=gettext_lazy("Head of household"),
                         accessor="household__head_name")
    village = tables.Column(verbose_name=gettext_lazy("Village"),
                            accessor="household__village__name", order_by="village_code")
    category = tables.Column(verbose_name=gettext_lazy("Category"))
    risk_types = tables.Column(verbose_name=gettext_lazy("Risk types"), orderable=False)
    per_capita_income = tables.Column(verbose_name=gettext_lazy("Per-capita net income"),
                                      attrs={"td": {"class": "text-end"}})
    reasons = tables.Column(verbose_name=gettext_lazy("Reasons"), accessor="pk",
                            orderable=False)

    class Meta:
        order_by = "village"
        empty_text = gettext_lazy("No flagged household matches the filters.")
        attrs = {"class": "table table-sm table-striped table-dense", "id": "flagged"}

    def render_category(self, value):
        return labels.word("category", value)

    def render_risk_types(self, value):
        return "、".join(labels.word("risk_type", c) for c in str(value).split(";") if c)

    def render_per_capita_income(self, value):
        return "" if value is None else f"{value:,.0f}"

    def render_reasons(self, record):
        lang = "zh" if (get_language() or "zh").startswith("zh") else "en"
        pack = getattr(self, "pack", None)
        return "；".join(f"{r.title}：{r.text}" for r in explain.reasons(record, pack, lang))

    def value_category(self, value):
        return self.render_category(value)

    def value_risk_types(self, value):
        return self.render_risk_types(value)

    def value_per_capita_income(self, value):
        return value

    def value_reasons(self, record):
        return self.render_reasons(record)


class RunFlaggedListView(ListPage):
    """The households a run flagged, inside the user's region, with the reasons in words."""

    permission_required = "monitoring.view_assessment"
    model = Assessment
    table_class = FlaggedTable
    filterset_class = FlaggedFilter
    template_name = "monitoring/flagged.html"
    title = gettext_lazy("Flagged households")
    export_name = "flagged-households"

    def base_queryset(self):
        self.run = access.access_run(self.request.user, self.kwargs["pk"])
        return (Assessment.objects.filter(run=self.run).exclude(category="none")
                .select_related("run", "household", "household__village"))

    def get_table(self):
        table = super().get_table()
        table.pack = self._pack()
        return table

    def _pack(self):
        run = self.run
        return explain.pack_named(run.policy_name) if run.policy_name else policy.pack()

    def export(self):
        self.export_name = f"flagged-households-run{self.kwargs['pk']}"
        return super().export()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["run"] = self.run
        return context
