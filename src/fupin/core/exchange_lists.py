"""Every exchange job of the user's region as a list page: dataset, kind, file, state, errors
and warnings, who and when; filters by dataset, kind and state; Excel export."""

from __future__ import annotations

import django_filters
import django_tables2 as tables
from django.utils.translation import get_language, gettext_lazy

from fupin.core import datasets, labels
from fupin.core.errors import NotFound
from fupin.core.lists import ListPage
from fupin.core.models import ExchangeJob


class JobFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=gettext_lazy("Kind"),
                                       choices=ExchangeJob.Kind.choices,
                                       empty_label=gettext_lazy("All"))
    state = django_filters.ChoiceFilter(label=gettext_lazy("State"),
                                        choices=ExchangeJob.State.choices,
                                        empty_label=gettext_lazy("All states"))
    filename = django_filters.CharFilter(label=gettext_lazy("File"), lookup_expr="contains")

    class Meta:
        model = ExchangeJob
        fields = ["kind", "state", "filename"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, f in self.filters.items():
            f.field.widget.attrs["class"] = ("form-control form-control-sm" if name == "filename"
                                             else "form-select form-select-sm")


class JobTable(tables.Table):
    pk = tables.Column(verbose_name=gettext_lazy("No."),
                       linkify=("exchange-job", [tables.A("pk")]))
    dataset = tables.Column(verbose_name=gettext_lazy("Dataset"))
    kind = tables.Column(verbose_name=gettext_lazy("Kind"))
    filename = tables.Column(verbose_name=gettext_lazy("File"))
    state = tables.Column(verbose_name=gettext_lazy("State"))
    errors = tables.Column(verbose_name=gettext_lazy("Errors"),
                           attrs={"td": {"class": "text-end"}})
    warnings = tables.Column(verbose_name=gettext_lazy("Warnings"),
                             attrs={"td": {"class": "text-end"}})
    created_by = tables.Column(verbose_name=gettext_lazy("By"), accessor="created_by__username")
    created_at = tables.DateTimeColumn(verbose_name=gettext_lazy("When"), format="Y-m-d H:i")

    class Meta:
        order_by = "-pk"
        empty_text = gettext_lazy("No imports or exports yet.")
        attrs = {"class": "table table-sm table-dense", "id": "jobs"}

    def render_dataset(self, value):
        try:
            return datasets.get(value).display(get_language() or "zh-hans")
        except NotFound:
            return value

    def render_kind(self, value, record):
        word = labels.word("job_kind", value)
        return word if word != value else record.get_kind_display()

    def render_state(self, value, record):
        word = labels.word("job_state", value)
        return word if word != value else record.get_state_display()

    def value_dataset(self, value):
        return self.render_dataset(value)

    def value_kind(self, value, record):
        return self.render_kind(value, record)

    def value_state(self, value, record):
        return self.render_state(value, record)


class JobListView(ListPage):
    """Every import and export job of the user's region, newest first."""

    permission_required = "core.view_exchangejob"
    model = ExchangeJob
    table_class = JobTable
    filterset_class = JobFilter
    title = gettext_lazy("Imports and exports")
    export_name = "exchange-jobs"

    def base_queryset(self):
        return ExchangeJob.objects.select_related("created_by")
