"""The county approver's batch view (SCREENS: "Approvals: batch view of cases ready for the
county decision, each with its evidence"): every case waiting on the county in the user's
region, oldest deadline first, with why the household was flagged, its income against the
line and its failing guarantees — so the approver need not open each household. The batch
actions themselves live in the inbox (per village); each row links to its case.
"""

from __future__ import annotations

import django_filters
import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy

from fupin.cases import evidence, workflow
from fupin.cases.models import Case
from fupin.core.lists import ListPage, page_records
from fupin.monitoring.models import Assessment

#: States that wait on the county's decision (the identification and the elimination).
COUNTY_DECISION_STATES = tuple(s for s in workflow.STATES
                               if workflow.level_of(s) == workflow.COUNTY)


def _evidence_for(table) -> dict[int, evidence.Evidence]:
    """The evidence of the rows on screen (all rows for an export): two queries per page."""
    if not hasattr(table, "_evidence"):
        cases = page_records(table)
        households = [c.household for c in cases]
        latest: dict[int, Assessment] = {}
        for a in (Assessment.objects.filter(household__in=households).select_related("run")
                  .order_by("household_id", "-run__year", "-run__pk")):
            latest.setdefault(a.household_id, a)
        table._evidence = {c.pk: evidence.from_assessment(c.household,
                                                           latest.get(c.household_id))
                           for c in cases}
    return table._evidence


class ApprovalTable(tables.Table):
    household = tables.Column(verbose_name=gettext_lazy("Household"),
                              accessor="household__household_id")
    head = tables.Column(verbose_name=gettext_lazy("Head of household"),
                         accessor="household__head_name", orderable=False)
    village_code = tables.Column(verbose_name=gettext_lazy("Village"))
    state = tables.Column(verbose_name=gettext_lazy("Decision"))
    category = tables.Column(verbose_name=gettext_lazy("Category"), empty_values=(),
                             orderable=False)
    income = tables.Column(verbose_name=gettext_lazy("Income against the line"),
                           empty_values=(), orderable=False)
    reasons = tables.Column(verbose_name=gettext_lazy("Why it was flagged"), empty_values=(),
                            orderable=False)
    guarantees = tables.Column(verbose_name=gettext_lazy("Guarantees not met"),
                               empty_values=(), orderable=False)
    due_at = tables.DateTimeColumn(verbose_name=gettext_lazy("Due"), format="Y-m-d")

    class Meta:
        order_by = "due_at"
        empty_text = gettext_lazy("No case waits for the county decision in your region.")
        attrs = {"class": "table table-sm table-dense align-top", "id": "approvals"}

    def render_household(self, value, record):
        return format_html('<a href="{}">{}</a>', reverse("case-detail", args=[record.pk]),
                           value)

    def value_household(self, value):
        return value

    def render_village_code(self, value, record):
        return record.household.village.name

    def render_state(self, value):
        return workflow.STATES.get(value, value)

    def render_category(self, record):
        if record.category:
            return evidence.category_word(record.category)
        return evidence.category_word(workflow.derived_category(record))

    def _ev(self, record) -> evidence.Evidence:
        return _evidence_for(self)[record.pk]

    def render_income(self, record):
        return self._ev(record).income_line or "—"

    def render_reasons(self, record):
        found = self._ev(record).reasons
        if not found:
            return "—"
        return format_html_join("", '<div class="approval-reason">{}：{}</div>',
                                ((r.title, r.text) for r in found))

    def value_reasons(self, record):
        return "；".join(f"{r.title}：{r.text}" for r in self._ev(record).reasons)

    def render_guarantees(self, record):
        failing = self._ev(record).failing_guarantees
        return "、".join(failing) if failing else "—"


class ApprovalFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        label=gettext_lazy("Decision"),
        choices=[(s, workflow.STATES[s]) for s in COUNTY_DECISION_STATES])

    class Meta:
        model = Case
        fields = ["state"]


class ApprovalListView(ListPage):
    """Cases ready for the county decision, each with its evidence; Excel export."""

    permission_required = "cases.act_county"
    model = Case
    table_class = ApprovalTable
    filterset_class = ApprovalFilter
    template_name = "cases/approvals.html"
    title = gettext_lazy("Approvals: cases ready for the county decision")
    export_name = "approvals"

    def base_queryset(self):
        return (Case.objects.filter(state__in=COUNTY_DECISION_STATES, closed=False)
                .select_related("household", "household__village"))
