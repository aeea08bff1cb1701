"""The audit trail as a list page: the ledger's lines in words, inside the user's region."""

from __future__ import annotations

import django_filters
import django_tables2 as tables
from django.utils.translation import gettext_lazy

from fupin.core import labels
from fupin.core.lists import ListPage, page_records
from fupin.core.models import AuditRecord


class AuditTable(tables.Table):
    """The ledger's lines in words: who did what to which object, where."""

    seq = tables.Column(verbose_name=gettext_lazy("No."), attrs={"td": {"class": "audit-seq"}})
    created_at = tables.DateTimeColumn(verbose_name=gettext_lazy("When"), format="Y-m-d H:i:s")
    actor_name = tables.Column(verbose_name=gettext_lazy("Who"), orderable=False)
    action = tables.Column(verbose_name=gettext_lazy("Action"))
    object_type = tables.Column(verbose_name=gettext_lazy("Object"), orderable=False)
    division_code = tables.Column(verbose_name=gettext_lazy("Division"), orderable=False)
    hash = tables.Column(verbose_name=gettext_lazy("Hash"), orderable=False)

    class Meta:
        order_by = "-seq"
        empty_text = gettext_lazy("No records in your region.")
        attrs = {"class": "table table-sm table-dense", "id": "audit"}

    def render_actor_name(self, value):
        return labels.word("actor", value)

    def render_action(self, value):
        return labels.word("audit_action", value)

    def render_object_type(self, value, record):
        return f"{labels.word('object_type', value)} {record.object_id}"

    def value_object_type(self, value, record):
        return self.render_object_type(value, record)

    def render_division_code(self, value):
        return self._division_names().get(value, value)

    def render_hash(self, value):
        return value[:12]

    def _division_names(self) -> dict[str, str]:
        if not hasattr(self, "_names"):
            codes = {r.division_code for r in page_records(self) if r.division_code}
            self._names = labels.lookup_many("division", codes)
        return self._names


class AuditFilter(django_filters.FilterSet):
    action = django_filters.CharFilter(label=gettext_lazy("Action"), lookup_expr="startswith")
    object_type = django_filters.CharFilter(label=gettext_lazy("Object type"))
    object_id = django_filters.CharFilter(label=gettext_lazy("Object number"))

    class Meta:
        model = AuditRecord
        fields = ["action", "object_type", "object_id"]


class AuditListView(ListPage):
    """The audit trail inside the user's region, newest first, filterable by object."""

    permission_required = "core.view_auditrecord"
    model = AuditRecord
    table_class = AuditTable
    filterset_class = AuditFilter
    template_name = "core/audit_list.html"
    title = gettext_lazy("Audit trail")
    export_name = "audit-trail"
