"""The accountability lists (:mod:`fupin.core.lists`): tables and filter sets, shared by the
screens, their Excel exports and the API's query parameters."""

from __future__ import annotations

import django_filters
import django_tables2 as tables
from django.db.models import BooleanField, Case, Q, Value, When
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy

from fupin.accountability.choices import ActionKind, Category, Severity, Source
from fupin.accountability.models import AccountabilityAction, Finding
from fupin.accountability.workflows import ACTION_STATES, STATES
from fupin.core import labels
from fupin.core.access import Scope
from fupin.core.lists import page_records


def with_overdue(qs):
    """Findings with ``overdue``: an open rectification past its deadline."""
    return qs.annotate(overdue=Case(
        When(Q(rectification__closed=False, rectification__due_at__lt=timezone.now()),
             then=Value(True)), default=Value(False), output_field=BooleanField()))


class _Divisions:
    def division_names(self) -> dict[str, str]:
        if not hasattr(self, "_names"):
            codes = {r.division_code for r in page_records(self)}
            self._names = labels.lookup_many("division", codes)
        return self._names

    def render_division_code(self, value):
        return self.division_names().get(value, value)

    def value_division_code(self, value):
        return self.render_division_code(value)


class FindingTable(_Divisions, tables.Table):
    """The findings inbox: overdue first, then by deadline."""

    pk = tables.Column(verbose_name=gettext_lazy("No."), linkify=("finding-detail",
                                                                  {"pk": tables.A("pk")}))
    title = tables.Column(verbose_name=gettext_lazy("Finding"),
                          linkify=("finding-detail", {"pk": tables.A("pk")}))
    source = tables.Column(verbose_name=gettext_lazy("Source"))
    found_on = tables.DateColumn(verbose_name=gettext_lazy("Found on"), format="Y-m-d")
    division_code = tables.Column(verbose_name=gettext_lazy("Division"))
    responsible_unit = tables.Column(verbose_name=gettext_lazy("Responsible unit"))
    category = tables.Column(verbose_name=gettext_lazy("Category"))
    severity = tables.Column(verbose_name=gettext_lazy("Severity"))
    state = tables.Column(verbose_name=gettext_lazy("Rectification"),
                          accessor="rectification__state")
    deadline = tables.DateColumn(verbose_name=gettext_lazy("Deadline"), format="Y-m-d",
                                 accessor="rectification__deadline")
    overdue = tables.BooleanColumn(verbose_name=gettext_lazy("Overdue"),
                                   yesno=(gettext_lazy("Overdue"), ""))

    class Meta:
        order_by = ("-overdue", "deadline")
        empty_text = gettext_lazy("No findings in your region.")
        attrs = {"class": "table table-sm table-dense", "id": "findings"}
        row_attrs = {"class": lambda record: "table-danger" if record.overdue else ""}

    def render_source(self, value, record):
        return record.get_source_display()

    def render_category(self, value, record):
        return record.get_category_display()

    def render_severity(self, value, record):
        return record.get_severity_display()

    def render_state(self, value):
        return labels.word("rectification_state", value)

    def value_state(self, value):
        return self.render_state(value)

    def render_overdue(self, value):
        return format_html('<span class="badge text-bg-danger">{}</span>',
                           gettext_lazy("Overdue")) if value else ""

    def value_overdue(self, value):
        return bool(value)


class FindingFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(label=gettext_lazy("Rectification"),
                                        field_name="rectification__state",
                                        choices=list(STATES.items()))
    source = django_filters.ChoiceFilter(label=gettext_lazy("Source"), choices=Source.choices)
    category = django_filters.ChoiceFilter(label=gettext_lazy("Category"),
                                           choices=Category.choices)
    severity = django_filters.ChoiceFilter(label=gettext_lazy("Severity"),
                                           choices=Severity.choices)
    unit = django_filters.CharFilter(label=gettext_lazy("Responsible unit"),
                                     field_name="responsible_unit", lookup_expr="icontains")
    division = django_filters.CharFilter(label=gettext_lazy("Division code"),
                                         method="in_division")
    overdue = django_filters.BooleanFilter(label=gettext_lazy("Overdue"), field_name="overdue")

    class Meta:
        model = Finding
        fields = ["state", "source", "category", "severity"]

    def in_division(self, queryset, name, value):
        value = value.strip()
        if not (value.isdigit() and len(value) <= 12):
            return queryset.none()
        try:
            return queryset.filter(Scope.of_code(value.ljust(12, "0")).q("division_code"))
        except ValueError:
            return queryset.none()


class ActionTable(_Divisions, tables.Table):
    """The accountability actions ledger."""

    pk = tables.Column(verbose_name=gettext_lazy("No."))
    kind = tables.Column(verbose_name=gettext_lazy("Action"))
    finding = tables.Column(verbose_name=gettext_lazy("Finding"), accessor="finding__title",
                            linkify=("finding-detail", {"pk": tables.A("finding_id")}))
    division_code = tables.Column(verbose_name=gettext_lazy("Division"))
    decision_document = tables.Column(verbose_name=gettext_lazy("Decision document"))
    decision_date = tables.DateColumn(verbose_name=gettext_lazy("Decision date"),
                                      format="Y-m-d")
    points = tables.Column(verbose_name=gettext_lazy("Points"))
    year = tables.Column(verbose_name=gettext_lazy("Year"))
    amount = tables.Column(verbose_name=gettext_lazy("Amount"))
    recovered = tables.Column(verbose_name=gettext_lazy("Recovered"))
    state = tables.Column(verbose_name=gettext_lazy("State"))

    class Meta:
        order_by = ("-decision_date", "-pk")
        empty_text = gettext_lazy("No accountability actions in your region.")
        attrs = {"class": "table table-sm table-dense", "id": "actions"}

    def render_kind(self, value, record):
        return record.get_kind_display()

    def render_state(self, value):
        return labels.word("action_state", value)

    def value_state(self, value):
        return self.render_state(value)


class ActionFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=gettext_lazy("Action"),
                                       choices=ActionKind.choices)
    state = django_filters.ChoiceFilter(label=gettext_lazy("State"),
                                        choices=list(ACTION_STATES.items()))
    year = django_filters.NumberFilter(label=gettext_lazy("Year"))

    class Meta:
        model = AccountabilityAction
        fields = ["kind", "state", "year"]
