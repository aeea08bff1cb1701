"""My work ("我的待办") and my notices as list pages: the inbox per level, paged, sorted and
filtered in the database, exported to Excel, with batch steps per village; notices paged and
dismissed one by one or all at once."""

from __future__ import annotations

import django_tables2 as tables
from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, gettext_lazy, ngettext
from django_tables2.data import TableData

from fupin.core import inbox, labels
from fupin.core import workflow as engine
from fupin.core.access import PREFIX_LENGTH
from fupin.core.errors import ValidationFailed
from fupin.core.lists import ListPage, page_records
from fupin.core.views import ScopedView
from fupin.core.workflow import REGISTRY
from fupin.core.workflow_models import Notification

#: Table columns → the inbox's sort keys.
_SORT_OF_COLUMN = {"due": "due", "days_left": "due", "village": "village", "step": "step"}


class InboxData(TableData):
    """The inbox as django-tables2 data: counted, sorted and sliced in the database; only the
    rows drawn are loaded."""

    def __init__(self, user, filters: inbox.Filters):
        super().__init__(None)
        self.user, self.filters, self.sort = user, filters, "due"
        self._length: int | None = None
        self._slices: dict[tuple, list] = {}

    def _rows(self):
        return inbox.rows(self.user, self.filters, self.sort)

    def __len__(self) -> int:
        if self._length is None:
            found = self._rows()
            self._length = found.count() if hasattr(found, "count") and not isinstance(
                found, list) else len(found)
        return self._length

    def __getitem__(self, key):
        if isinstance(key, slice):
            span = (key.start, key.stop, self.sort)
            if span not in self._slices:
                self._slices[span] = inbox.load(list(self._rows()[key]), self.user)
            return self._slices[span]
        return self[key:key + 1][0]

    def __iter__(self):
        step, start = 2000, 0
        while True:
            chunk = self[start:start + step]
            yield from chunk
            if len(chunk) < step:
                return
            start += step

    def order_by(self, aliases) -> None:
        for alias in aliases:
            key = _SORT_OF_COLUMN.get(alias.lstrip("-"))
            if key:
                self.sort = f"-{key}" if alias.startswith("-") else key
                return

    @property
    def verbose_name(self):
        return gettext("item")


def _days_left(days: int | None) -> str:
    if days is None:
        return ""
    if days < 0:
        return gettext("overdue %(n)s d") % {"n": -days}
    return str(days)


class InboxTable(tables.Table):
    """One row per item waiting on the user; overdue rows are red."""

    select = tables.CheckBoxColumn(accessor="key", attrs={
        "input": {"form": "inbox-batch", "name": "item", "class": "form-check-input"},
        "th__input": {"class": "form-check-input", "aria-label": gettext_lazy("Select all")}})
    item = tables.Column(verbose_name=gettext_lazy("Item"), accessor="pk", orderable=False)
    township = tables.Column(verbose_name=gettext_lazy("Township"), accessor="place_code",
                             orderable=False)
    village = tables.Column(verbose_name=gettext_lazy("Where it is"), accessor="place")
    step = tables.Column(verbose_name=gettext_lazy("Waiting for"), accessor="state_label")
    due = tables.DateTimeColumn(verbose_name=gettext_lazy("Due"), accessor="due_at",
                                format="Y-m-d")
    days_left = tables.Column(verbose_name=gettext_lazy("Days left"), accessor="days_left",
                              attrs={"td": {"class": "text-end"}, "th": {"class": "text-end"}})

    class Meta:
        order_by = "due"
        template_name = "core/_inbox_table.html"
        empty_text = gettext_lazy("Nothing waits on you.")
        attrs = {"class": "table table-sm table-dense", "id": "inbox"}
        row_attrs = {"class": lambda record: "table-danger" if record.overdue else "",
                     "data-workflow": lambda record: record.workflow.name}

    def render_item(self, record):
        badges = []
        if record.escalated:
            badges.append(("text-bg-danger escalated",
                           gettext("Overdue below you (escalated)")))
        if record.unread:
            badges.append(("text-bg-info unread", gettext("new")))
        return format_html('<a href="{}">{} {}</a> {} {}', record.url, record.workflow.noun,
                           record.pk, record.title, format_html_join(
                               " ", '<span class="badge {}">{}</span>', badges))

    def value_item(self, record):
        return f"{record.workflow.noun} {record.pk} {record.title}"

    def render_township(self, value):
        return self._township_names().get(value[:PREFIX_LENGTH["township"]].ljust(12, "0"), "")

    def value_township(self, value):
        return self.render_township(value)

    def render_days_left(self, value):
        return _days_left(value)

    def value_days_left(self, value):
        return value

    def _township_names(self) -> dict[str, str]:
        if not hasattr(self, "_names"):
            n = PREFIX_LENGTH["township"]
            codes = {r.place_code[:n].ljust(12, "0") for r in page_records(self)}
            self._names = labels.lookup_many("division", codes)
        return self._names


class InboxFilterForm(forms.Form):
    """The inbox's filters: the choices are where something waits on the user."""

    township = forms.ChoiceField(label=gettext_lazy("Township"), required=False)
    village = forms.ChoiceField(label=gettext_lazy("Village"), required=False)
    step = forms.ChoiceField(label=gettext_lazy("Waiting for"), required=False)
    overdue = forms.BooleanField(label=gettext_lazy("Overdue only"), required=False)

    def __init__(self, data, *, user):
        super().__init__(data)
        villages, townships = inbox.places(user)
        self.township_names = townships
        everything = [("", gettext("All"))]
        self.fields["township"].choices = everything + list(townships.items())
        self.fields["village"].choices = everything + list(villages.items())
        self.fields["step"].choices = everything + [
            (k, str(v)) for k, v in inbox.steps(user).items()]
        for field in self.fields.values():
            css = "form-check-input" if isinstance(field, forms.BooleanField) else \
                "form-select form-select-sm"
            field.widget.attrs["class"] = css


class _FilterBox:
    """What ``core/list.html`` draws as the filter form."""

    def __init__(self, form):
        self.form = form


class InboxView(ListPage):
    """My work: one inbox over every workflow — what waits on my level in my region (overdue
    first, with days left; escalated items of the level below marked; items with an unread
    notice marked new) — filtered, sorted and paged on the server, exported to Excel, and
    batch steps for the items of one village."""

    permission_required = "core.view_notification"
    table_class = InboxTable
    template_name = "core/inbox.html"
    partial_template_name = "core/_inbox_body.html"
    title = gettext_lazy("My work")
    export_name = "my-work"
    export_exclude = ("select",)

    def filtered_queryset(self):
        params = {k: v for k, v in self.request.GET.items() if k not in ("page", "sort")}
        form = InboxFilterForm(params or None, user=self.request.user)
        self.filterset = _FilterBox(form)
        filters = inbox.Filters()
        if form.is_bound:
            if not form.is_valid():
                raise ValidationFailed("; ".join(
                    f"{form.fields[name].label}: {' '.join(errors)}"
                    for name, errors in form.errors.items()))
            filters = inbox.Filters(**form.cleaned_data)
        self.filters = filters
        self.township_names = form.township_names
        return InboxData(self.request.user, filters)

    def get_table(self):
        table = super().get_table()
        table._names = self.township_names  # named once, with the filter's choices
        n = PREFIX_LENGTH["township"]
        for row in table.paginated_rows:
            item = row.record
            item.township_name = table._names.get(item.place_code[:n].ljust(12, "0"), "")
            item.days_left_words = _days_left(item.days_left)
        table.show_select = bool(self.batch_actions())
        if not table.show_select:
            table.exclude = ("select",)
            table.columns.hide("select")
        return table

    def batch_actions(self) -> list[tuple[str, str]]:
        """The batch steps offered: only once a village is chosen, those the user's level
        takes in that village's states."""
        if not self.filters.village:
            return []
        found: dict[str, str] = {}
        for wf in REGISTRY.values():
            levels = set(wf.acting_levels(self.request.user))
            for t in wf.transitions:
                if t.action in wf.batch_actions and t.level in levels and (
                        not self.filters.step or t.state == self.filters.step):
                    found.setdefault(t.action, str(t.label))
        return list(found.items())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["unread_count"] = inbox.notifications(self.request.user).count()
        context["batch_actions"] = self.batch_actions()
        context["village"] = self.filters.village
        return context


class InboxBatchView(ScopedView):
    """POST: take one step for the chosen items of one village (each through the engine,
    each audited); the ones that fail are named with the reason, the rest still go."""

    permission_required = "core.view_notification"

    def post(self, request):
        action, village = request.POST.get("action", ""), request.POST.get("village", "")
        keys = request.POST.getlist("item")
        if not action or not village or not keys:
            raise ValidationFailed(gettext("Choose a village, a step and at least one item."))
        result = inbox.batch(request.user, action, keys, village=village)
        if result.done:
            messages.success(request, ngettext(
                "%(n)s item done.", "%(n)s items done.", len(result.done))
                % {"n": len(result.done)})
        for item, reason in result.failed:
            messages.warning(request, gettext("%(item)s not done: %(reason)s") % {
                "item": f"{item.workflow.noun} {item.pk} {item.title}", "reason": reason})
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = ""
        return redirect(back or "inbox")


class NotificationTable(tables.Table):
    created_at = tables.DateTimeColumn(verbose_name=gettext_lazy("When"), format="Y-m-d H:i")
    kind = tables.Column(verbose_name=gettext_lazy("Kind"))
    message = tables.Column(verbose_name=gettext_lazy("Notice"), orderable=False)
    dismiss = tables.TemplateColumn(
        template_name="core/_notification_dismiss.html", verbose_name="", orderable=False,
        exclude_from_export=True)

    class Meta:
        order_by = "-created_at"
        empty_text = gettext_lazy("No unread notices.")
        attrs = {"class": "table table-sm table-dense", "id": "notifications-list"}
        row_attrs = {"class": "notification", "data-kind": lambda record: record.kind}

    def render_kind(self, value):
        word = labels.word("notification_kind", value)
        if word != value:
            return word
        return {"step": gettext("step due"), "escalation": gettext("escalated")}.get(value, value)

    def value_kind(self, value):
        return self.render_kind(value)


class NotificationListView(ListPage):
    """My unread notices, newest first, paged; dismiss one, or all at once."""

    permission_required = "core.view_notification"
    model = Notification
    table_class = NotificationTable
    template_name = "core/notifications.html"
    title = gettext_lazy("Notices")
    export_name = "notices"

    def get_queryset(self, action=None):
        return inbox.notifications(self.request.user)


class NotificationReadView(ScopedView):
    """Dismiss one of my notices (it stops showing)."""

    permission_required = "core.view_notification"

    def post(self, request, pk: int):
        engine.dismiss(request.user, pk)
        back = ("notifications" if request.POST.get("next") == "notifications"
                else "case-inbox")
        return redirect(back)


class NotificationReadAllView(ScopedView):
    """Dismiss every one of my notices at once."""

    permission_required = "core.view_notification"

    def post(self, request):
        n = inbox.dismiss_all(request.user)
        messages.info(request, ngettext("%(n)s notice dismissed.", "%(n)s notices dismissed.",
                                        n) % {"n": n})
        return redirect("notifications")
