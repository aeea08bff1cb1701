"""List pages, built once: a django-tables2 table over a django-filter filter set, inside the
region gate, with server paging and sorting and an Excel export of exactly the rows on screen
(all pages, the same filters and order).

A screen declares::

    class HouseholdList(ListPage):
        model = Household
        permission_required = "households.view_household"
        table_class = HouseholdTable          # django_tables2.Table
        filterset_class = HouseholdFilter     # django_filters.FilterSet (optional)
        title = gettext_lazy("Households")
        export_name = "households"

``get_queryset()`` is the region gate (:class:`~fupin.core.views.ScopedView`); override
``base_queryset`` to add ``select_related``/annotations. The same filter set can back the API
(``filterset_class(request.GET, queryset=...)``), so a filter means one thing everywhere.

``?export=xlsx`` answers an .xlsx file: headers are the columns' verbose names (words, in the
user's language), cells go through the exchange's formula guard, and the export is a line on
the audit ledger (who took which list with which filters, how many rows). An export is capped
at :data:`MAX_EXPORT_ROWS` rows: narrow the filters, or use ``fupin export`` for a registry.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal

from django import forms
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext
from django_tables2 import RequestConfig
from django_tables2.data import TableQuerysetData
from openpyxl import Workbook

from fupin.core import audit, freshness
from fupin.core.errors import ValidationFailed
from fupin.core.exchange import guard
from fupin.core.views import ScopedView

MAX_EXPORT_ROWS = 200_000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(value):
    if value is None:
        return None
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, int | float | Decimal | date | datetime):
        if isinstance(value, datetime) and timezone.is_aware(value):
            return timezone.localtime(value).replace(tzinfo=None)
        return value
    text = force_str(value).strip()
    return guard(text)


def xlsx_response(title: str, filename: str, header: list, rows) -> HttpResponse:
    """An .xlsx download of ``header`` and ``rows`` (one sheet, values only)."""
    return xlsx_sheets_response(filename, [(title, header, rows)])


def xlsx_sheets_response(filename: str, sheets) -> HttpResponse:
    """An .xlsx download of several tables, one sheet each: ``(title, header, rows)``."""
    book = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title=force_str(title)[:31] or "Sheet1")
        sheet.append([guard(force_str(h)) for h in header])
        for row in rows:
            sheet.append([_cell(v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def style_filters(filterset) -> None:
    """Bootstrap's small controls on every filter that has no class of its own: a select for
    choices, a text box otherwise (one look for every list's filter bar)."""
    for f in filterset.filters.values():
        attrs = f.field.widget.attrs
        if "class" not in attrs:
            select = isinstance(f.field.widget, forms.Select)
            attrs["class"] = ("form-select form-select-sm" if select
                              else "form-control form-control-sm")


def page_records(table) -> list:
    """The records a table is drawing now: the current page, or every row for an export.
    A column that looks words up for many rows at once (``labels.lookup_many``) reads these."""
    if getattr(table, "page", None) is not None:
        return [row.record for row in table.page.object_list]
    return list(table.data)


class ListPage(ScopedView):
    """A region-gated, filtered, sorted, paged table with an Excel export."""

    table_class = None
    filterset_class = None
    template_name = "core/list.html"
    #: Rendered instead of the whole page for an htmx request (filters, paging, sorting).
    partial_template_name = "core/_list.html"
    title = ""
    export_name = "list"
    paginate_by = 50

    def filtered_queryset(self):
        qs = self.get_queryset()
        self.filterset = None
        if self.filterset_class is not None:
            self.filterset = self.filterset_class(self.request.GET or None, queryset=qs,
                                                  request=self.request)
            style_filters(self.filterset)
            if self.filterset.is_bound and not self.filterset.is_valid():
                raise ValidationFailed(self.filter_errors(self.filterset))
            qs = self.filterset.qs
        return qs

    @staticmethod
    def filter_errors(filterset) -> str:
        parts = []
        for name, errors in filterset.errors.items():
            label = filterset.form.fields[name].label if name in filterset.form.fields else name
            parts.append(f"{label}: {' '.join(force_str(e) for e in errors)}")
        return "; ".join(parts)

    def get_table(self):
        # No ``request=`` here: the constructor would paginate once at its own page size
        # (a second count and page query) before RequestConfig paginates at ours.
        queryset = self.filtered_queryset()
        table = self.table_class(queryset)
        if isinstance(table.data, TableQuerysetData):
            # The paginator's COUNT(*), cached until the data changes (ADR 0055): on a
            # county of a million households it is most of the page's time.
            table.data._length = freshness.count(queryset)
        RequestConfig(self.request, paginate={"per_page": self.paginate_by}).configure(table)
        return table

    def get_context_data(self, **kwargs):
        context = {"title": self.title, "filter": self.filterset, "list_view": self}
        context.update(kwargs)
        return context

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "xlsx":
            return self.export()
        table = self.get_table()
        context = self.get_context_data(table=table)
        template = (self.partial_template_name if request.headers.get("HX-Request")
                    and not request.headers.get("HX-Boosted") else self.template_name)
        return render(request, template, context)

    def export(self):
        table = self.table_class(self.filtered_queryset())
        RequestConfig(self.request, paginate=False).configure(table)
        count = len(table.rows)
        if count > MAX_EXPORT_ROWS:
            raise ValidationFailed(gettext(
                "The list has %(n)s rows; an export takes at most %(max)s. Narrow the "
                "filters first.") % {"n": count, "max": MAX_EXPORT_ROWS})
        values = table.as_values(exclude_columns=getattr(self, "export_exclude", ()))
        header = next(values)
        filters = {k: v for k, v in self.request.GET.items() if k != "export"}
        with transaction.atomic():
            audit.record(actor=self.request.user, action="lists.export",
                         object_type="list", object_id=self.export_name,
                         division_code=self.request.user.division_id or "",
                         after={"filters": filters, "rows": count})
        stamp = timezone.localdate().strftime("%Y%m%d")
        return xlsx_response(self.title or self.export_name, f"{self.export_name}-{stamp}",
                             header, values)
