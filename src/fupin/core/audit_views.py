"""The audit trail as a list page: the ledger's lines in words, inside the user's region; a
batch record's rows on a page of their own (ADR 0052), behind the same region gate."""

from __future__ import annotations

import json

import django_filters
import django_tables2 as tables
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_lazy, ngettext

from fupin.core import access, audit_batch, labels
from fupin.core.errors import NotFound
from fupin.core.lists import ListPage, page_records
from fupin.core.models import AuditBatchRow, AuditRecord


class AuditTable(tables.Table):
    """The ledger's lines in words: who did what to which object, where."""

    seq = tables.Column(verbose_name=gettext_lazy("No."), attrs={"td": {"class": "audit-seq"}})
    created_at = tables.DateTimeColumn(verbose_name=gettext_lazy("When"), format="Y-m-d H:i:s")
    actor_name = tables.Column(verbose_name=gettext_lazy("Who"), orderable=False)
    action = tables.Column(verbose_name=gettext_lazy("Action"))
    object_type = tables.Column(verbose_name=gettext_lazy("Object"), orderable=False)
    division_code = tables.Column(verbose_name=gettext_lazy("Division"), orderable=False)
    hash = tables.Column(verbose_name=gettext_lazy("Hash"), orderable=False)
    #: A batch record's row count, linking to its rows; empty for a one-row record.
    batch = tables.Column(verbose_name=gettext_lazy("Rows"), accessor="after", orderable=False,
                          empty_values=())

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

    def render_batch(self, value, record):
        if not audit_batch.is_batch(value):
            return ""
        n = value["batch"]["rows"]
        return format_html('<a href="{}">{}</a>', reverse("audit-batch-rows", args=[record.seq]),
                           ngettext("%(n)s row", "%(n)s rows", n) % {"n": f"{n:,}"})

    def value_batch(self, value, record):
        return value["batch"]["rows"] if audit_batch.is_batch(value) else None

    def _division_names(self) -> dict[str, str]:
        if not hasattr(self, "_names"):
            codes = {r.division_code for r in page_records(self) if r.division_code}
            self._names = labels.lookup_many("division", codes)
        return self._names


class AuditFilter(django_filters.FilterSet):
    """Filter by action and object; an object matches a record about it AND a batch record
    holding a row about it (an import, a case sync: ADR 0052), so its history is whole."""

    action = django_filters.CharFilter(label=gettext_lazy("Action"), lookup_expr="startswith")
    object_type = django_filters.CharFilter(label=gettext_lazy("Object type"),
                                            method="_by_object")
    object_id = django_filters.CharFilter(label=gettext_lazy("Object number"),
                                          method="_by_object")

    class Meta:
        model = AuditRecord
        fields = ["action", "object_type", "object_id"]

    def _by_object(self, queryset, name, value):
        return queryset  # both object fields together, in filter_queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        wanted = {k: self.form.cleaned_data.get(k) for k in ("object_type", "object_id")}
        wanted = {k: v for k, v in wanted.items() if v}
        if not wanted:
            return queryset
        rows = AuditBatchRow.objects.filter(record=OuterRef("seq"), **wanted)
        return queryset.filter(Q(**wanted) | Q(Exists(rows)))


class AuditListView(ListPage):
    """The audit trail inside the user's region, newest first, filterable by object."""

    permission_required = "core.view_auditrecord"
    model = AuditRecord
    table_class = AuditTable
    filterset_class = AuditFilter
    template_name = "core/audit_list.html"
    title = gettext_lazy("Audit trail")
    export_name = "audit-trail"


class BatchRowTable(tables.Table):
    """The rows of one batch record, in the order of its hash tree."""

    position = tables.Column(verbose_name=gettext_lazy("Row"),
                             attrs={"td": {"class": "audit-seq"}})
    object_type = tables.Column(verbose_name=gettext_lazy("Object"), orderable=False)
    change = tables.Column(verbose_name=gettext_lazy("Change"), orderable=False)
    payload = tables.Column(verbose_name=gettext_lazy("Content"), orderable=False)
    digest = tables.Column(verbose_name=gettext_lazy("Digest"), orderable=False)

    class Meta:
        order_by = "position"
        empty_text = gettext_lazy("No rows.")
        attrs = {"class": "table table-sm table-dense", "id": "audit-batch-rows"}

    def render_object_type(self, value, record):
        return f"{labels.word('object_type', value)} {record.object_id}"

    def value_object_type(self, value, record):
        return self.render_object_type(value, record)

    def render_change(self, value):
        return {"new": gettext("new"), "changed": gettext("changed"),
                "removed": gettext("removed")}.get(value, value)

    def render_payload(self, value):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    def render_digest(self, value):
        return value[:12]


class BatchRowFilter(django_filters.FilterSet):
    object_type = django_filters.CharFilter(label=gettext_lazy("Object type"))
    object_id = django_filters.CharFilter(label=gettext_lazy("Object number"),
                                          lookup_expr="startswith")
    change = django_filters.ChoiceFilter(label=gettext_lazy("Change"), choices=[
        ("new", gettext_lazy("new")), ("changed", gettext_lazy("changed")),
        ("removed", gettext_lazy("removed"))])

    class Meta:
        model = AuditBatchRow
        fields = ["object_type", "object_id", "change"]


class BatchRowsView(ListPage):
    """The rows of one batch record: 404 when the record is missing, not a batch, or outside
    the user's region (the region gate of the ledger screen, applied to the record)."""

    permission_required = "core.view_auditrecord"
    model = AuditBatchRow
    table_class = BatchRowTable
    filterset_class = BatchRowFilter
    template_name = "core/audit_batch_rows.html"
    export_name = "audit-batch-rows"

    def dispatch(self, request, *args, **kwargs):
        self.seq = kwargs["seq"]
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        record = access.get_for_user(AuditRecord, request.user, "view", seq=self.seq)
        if not audit_batch.is_batch(record.after):
            raise NotFound("no such batch record")
        self.record = record
        self.title = gettext("Rows of batch record #%(seq)s") % {"seq": record.seq}
        return super().get(request, *args, **kwargs)

    def base_queryset(self):
        return AuditBatchRow.objects.filter(record_id=self.seq)

    def get_context_data(self, **kwargs):
        return super().get_context_data(record=self.record, batch=self.record.after["batch"],
                                        summary=self.record.after["summary"], **kwargs)
