"""The funds lists (:mod:`fupin.core.lists`): the counties table of the province page and the
expenditures table with its filter set, shared by the screens, their Excel exports and the
API (one filter means one thing everywhere)."""

from __future__ import annotations

import django_filters
import django_tables2 as tables
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy

from fupin.core import labels
from fupin.core.access import Scope
from fupin.core.lists import page_records
from fupin.evaluation.choices import FundCategory
from fupin.evaluation.models import Expenditure

NUM = {"td": {"class": "text-end"}}


def _percent(rate) -> str:
    return "" if rate is None else f"{rate * 100:.2f}"


class CountyFundsTable(tables.Table):
    """Counties as rows (records are the dicts of ``services.funds.county_figures``)."""

    county = tables.Column(verbose_name=gettext_lazy("County"))
    allocated = tables.Column(verbose_name=gettext_lazy("Allocated (yuan)"), attrs=NUM)
    disbursed = tables.Column(verbose_name=gettext_lazy("Disbursed (yuan)"), attrs=NUM)
    spent = tables.Column(verbose_name=gettext_lazy("Spent (yuan)"), attrs=NUM)
    execution_rate = tables.Column(verbose_name=gettext_lazy("Execution rate (%)"), attrs=NUM)
    disbursement_rate = tables.Column(verbose_name=gettext_lazy("Disbursement rate (%)"),
                                      attrs=NUM)
    unspent = tables.Column(verbose_name=gettext_lazy("Unspent balance (yuan)"), attrs=NUM)
    recovered = tables.Column(verbose_name=gettext_lazy("Recovered (yuan)"), attrs=NUM)
    negative_count = tables.Column(verbose_name=gettext_lazy("Negative-list expenditures"),
                                   attrs=NUM)
    negative_amount = tables.Column(verbose_name=gettext_lazy("Negative-list amount (yuan)"),
                                    attrs=NUM)

    class Meta:
        order_by = "county"
        empty_text = gettext_lazy("No county in your region.")
        attrs = {"class": "table table-sm table-dense", "id": "fund-counties"}

    def render_county(self, value, record):
        return format_html('<a href="{}?division={}&amp;year={}">{}</a>',
                           reverse("funds-county"), record["code"], record["year"], value)

    def value_county(self, value):
        return value

    def render_execution_rate(self, value):
        return _percent(value)

    def value_execution_rate(self, value):
        return _percent(value)

    def render_disbursement_rate(self, value):
        return _percent(value)

    def value_disbursement_rate(self, value):
        return _percent(value)

    def render_negative_count(self, value):
        if not value:
            return "0"
        return format_html('<span class="badge bg-danger">{}</span>', value)

    def value_negative_count(self, value):
        return value


class ExpenditureTable(tables.Table):
    negative_list = tables.Column(verbose_name=gettext_lazy("Negative list"))
    id = tables.Column(verbose_name=gettext_lazy("Reference"))
    county_code = tables.Column(verbose_name=gettext_lazy("County"))
    project = tables.Column(verbose_name=gettext_lazy("Project"), accessor="project__code")
    voucher_no = tables.Column(verbose_name=gettext_lazy("Voucher number"))
    spent_on = tables.DateColumn(verbose_name=gettext_lazy("Date"), format="Y-m-d")
    category = tables.Column(verbose_name=gettext_lazy("Category"))
    amount = tables.Column(verbose_name=gettext_lazy("Amount (yuan)"), attrs=NUM)
    payee = tables.Column(verbose_name=gettext_lazy("Payee"))
    description = tables.Column(verbose_name=gettext_lazy("Description"))

    class Meta:
        empty_text = gettext_lazy("No expenditures in your region.")
        attrs = {"class": "table table-sm table-dense", "id": "expenditures"}

    def county_names(self) -> dict[str, str]:
        if not hasattr(self, "_names"):
            self._names = labels.lookup_many("division",
                                             {r.county_code for r in page_records(self)})
        return self._names

    def render_county_code(self, value):
        return self.county_names().get(value, value)

    def value_county_code(self, value):
        return self.render_county_code(value)

    def render_category(self, value):
        return labels.word("fund_category", value)

    def value_category(self, value):
        return self.render_category(value)

    def render_negative_list(self, value, record):
        return format_html('<span class="badge bg-danger" title="{}">{}</span>',
                           record.negative_rule_note, labels.word("negative_rule", value))

    def value_negative_list(self, value, record):
        if not value:
            return ""
        return f"{labels.word('negative_rule', value)} ({record.negative_rule_note})"


class ExpenditureFilter(django_filters.FilterSet):
    county = django_filters.CharFilter(label=gettext_lazy("County (division code)"),
                                       method="in_county")
    year = django_filters.NumberFilter(label=gettext_lazy("Year"), field_name="spent_on",
                                       lookup_expr="year", min_value=2000, max_value=2100)
    category = django_filters.ChoiceFilter(label=gettext_lazy("Category"),
                                           choices=FundCategory.choices)
    project = django_filters.CharFilter(label=gettext_lazy("Project code"),
                                        field_name="project__code")
    flagged = django_filters.BooleanFilter(label=gettext_lazy("On the negative list"),
                                           method="on_list")

    class Meta:
        model = Expenditure
        fields = ["category"]

    def in_county(self, queryset, name, value):
        value = value.strip()
        if not (value.isdigit() and 2 <= len(value) <= 12):
            return queryset.none()
        try:
            return queryset.filter(Scope.of_code(value.ljust(12, "0")).q("county_code"))
        except ValueError:
            return queryset.none()

    def on_list(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(~Q(negative_list="")) if value else queryset.filter(
            negative_list="")
