"""Household search, list and detail; the ID reveal."""

from __future__ import annotations

import re

import django_filters
import django_tables2 as tables
from django.conf import settings
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.utils.translation import gettext, gettext_lazy

from fupin.core import labels
from fupin.core.lists import ListPage, page_records, style_filters
from fupin.core.models import AuditBatchRow, AuditRecord
from fupin.core.views import ScopedView
from fupin.households import access, personal, services, yearly
from fupin.households.choices import Status
from fupin.households.models import Household, Member
from fupin.regions.filters import PlaceFilterSet

FULL_ID = re.compile(r"^\d{17}[\dXx]$")
#: A mask as shown now (``513431**********2X``) or as shown before ADR 0018 (last four).
MASKED_ID = re.compile(r"^\d{6}(\*{10}[\dXx]{2}|\*{8}[\dXx]{4})$")


def search_q(query: str, user) -> Q:
    """Households matching a name, an identity number (full or masked) or a village.

    There is no search by the last four characters: it would tell a viewer without the reveal
    permission two more characters than the mask shows (ADR 0018). A full number is searched
    exactly only for a user who may reveal numbers (and the search is audited); for anybody
    else it is searched as its mask, so a search never confirms a number.
    """
    query = query.strip()  # a NUL never gets here (DomainErrorMiddleware refuses it)
    if not query:
        return Q()
    if FULL_ID.match(query):
        members = services.search_by_id_number(actor=user, number=query)
        return Q(pk__in=members.values("household_id"))
    if MASKED_ID.match(query):
        return Q(pk__in=Member.objects.filter(id_number_masked=personal.masked_id(query))
                 .values("household_id"))
    # Per household (EXISTS) rather than "id IN (every member whose name matches)": the page
    # is then read in household order and the search stops at the page's last row.
    return (Q(head_name__contains=query) | Q(household_id=query)
            | Q(village__name__contains=query)
            | Q(Exists(Member.objects.filter(household=OuterRef("pk"), name__contains=query))))


def filtered_households(user, params) -> tuple:
    """The user's households filtered by ``q``, ``township``, ``village`` and ``status`` (the
    list page's filter set, for callers outside a page)."""
    filterset = HouseholdFilter(params, queryset=_households(user), user=user)
    return filterset.qs if filterset.is_valid() else filterset.queryset.none()


def member_count():
    """The household's number of members, as a subquery: the database counts them for the
    rows of the page alone (``annotate(Count("members"))`` grouped every household of the
    region before the page was cut, and the paginator's COUNT(*) grouped them again)."""
    members = (Member.objects.filter(household=OuterRef("pk")).order_by().values("household")
               .annotate(n=Count("id")).values("n"))
    return Coalesce(Subquery(members, output_field=IntegerField()), 0)


def _households(user):
    return (Household.objects.for_user(user).select_related("village", "village__parent")
            .annotate(size=member_count()))


class HouseholdFilter(PlaceFilterSet):
    """Search (name, ID full or masked, village) and the township, village and status. The
    villages offered are those of the chosen township (or of the user's own township)."""

    place_field = "village__code"  # the key itself: no join

    q = django_filters.CharFilter(label=gettext_lazy("Search"), method="search")
    status = django_filters.ChoiceFilter(label=gettext_lazy("Status"), choices=Status.choices,
                                         empty_label=gettext_lazy("All statuses"))

    class Meta:
        model = Household
        fields = ["q", "township", "village", "status"]

    def __init__(self, data=None, *args, user=None, request=None, **kwargs):
        super().__init__(data, *args, request=request, user=user, **kwargs)
        self.filters["q"].field.widget.attrs.update(
            {"placeholder": gettext("Name, ID number (full or masked) or village"),
             "class": "form-control form-control-sm"})
        style_filters(self)

    def search(self, queryset, name, value):
        return queryset.filter(search_q(value, self.user))


class HouseholdTable(tables.Table):
    household_id = tables.Column(verbose_name=gettext_lazy("Household ID"),
                                 linkify=("household-detail", [tables.A("household_id")]))
    head_name = tables.Column(verbose_name=gettext_lazy("Head of household"))
    township = tables.Column(verbose_name=gettext_lazy("Township"),
                             accessor="village__parent__name", order_by="village__parent_id")
    village = tables.Column(verbose_name=gettext_lazy("Village"), accessor="village__name",
                            order_by="village_id")
    status = tables.Column(verbose_name=gettext_lazy("Status"))
    exit_year = tables.Column(verbose_name=gettext_lazy("Exit year"), default="")
    size = tables.Column(verbose_name=gettext_lazy("Members"),
                         attrs={"td": {"class": "text-end"}, "th": {"class": "text-end"}})

    class Meta:
        order_by = "household_id"
        template_name = "households/_households_table.html"
        empty_text = gettext_lazy("No household matches. Change the search or the filters.")
        attrs = {"class": "table table-sm table-striped table-dense", "id": "households"}

    def render_status(self, value):
        return (labels.vocabulary("household_status").get(value)
                or dict(Status.choices).get(value, value))

    def value_status(self, value):
        return str(self.render_status(value))

    def before_render(self, request):
        """The page's status words, looked up once for the rows the template draws."""
        if getattr(self, "page", None) is None:
            return
        words = {**dict(Status.choices), **labels.vocabulary("household_status")}
        for household in page_records(self):
            household.status_word = words.get(household.status, household.status)


class HouseholdListView(ListPage):
    """The households of the user's region: search, township, village, status; server paging
    and sorting; Excel export of the filtered rows. Monitoring objects (by category and risk
    type) are the cases' list (``case-monitoring-objects``): the registry knows no cases."""

    permission_required = "households.view_household"
    model = Household
    table_class = HouseholdTable
    filterset_class = HouseholdFilter
    template_name = "households/list.html"
    partial_template_name = "households/_table.html"
    title = gettext_lazy("Households")
    export_name = "households"

    def base_queryset(self):
        return Household.objects.select_related("village", "village__parent").annotate(
            size=member_count())


HISTORY_LINES = 100
_HISTORY_FIELDS = ("seq", "created_at", "actor_name", "action", "object_type", "object_id")


def _history(household, members, economy) -> list[dict]:
    """The household's last :data:`HISTORY_LINES` ledger lines about it, its members and its
    economy rows: per-row records and the rows of batch records (an import, ADR 0052), each
    batch row shown with its record's number, time and actor and the row's own action.
    Two queries, whatever the number of members, years or batches."""
    q = (Q(object_type="households.household", object_id=str(household.pk))
         | Q(object_type="households.member", object_id__in=[str(m.pk) for m in members])
         | Q(object_type="households.economyyear", object_id__in=[str(e.pk) for e in economy]))
    lines = list(AuditRecord.objects.filter(q).order_by("-seq")
                 .values(*_HISTORY_FIELDS)[:HISTORY_LINES])
    batch = (AuditBatchRow.objects.filter(q).order_by("-record_id", "-position")
             .values("record_id", "record__created_at", "record__actor_name", "record__action",
                     "object_type", "object_id", "payload__action")[:HISTORY_LINES])
    for row in batch:
        row_action = row["payload__action"]
        lines.append({"seq": row["record_id"], "created_at": row["record__created_at"],
                      "actor_name": row["record__actor_name"],
                      "action": row_action if isinstance(row_action, str) and row_action
                      else row["record__action"],
                      "object_type": row["object_type"], "object_id": row["object_id"]})
    lines.sort(key=lambda line: line["seq"], reverse=True)
    return lines[:HISTORY_LINES]


class HouseholdDetailView(ScopedView):
    permission_required = "households.view_household"

    def get(self, request, household_id: str):
        household = access.access_household(request.user, household_id)
        members = list(household.members.all())
        reveal = personal.can_reveal(request.user)
        for m in members:
            m.shown = personal.member_view(m, request.user, reveal=reveal)
        economy = list(household.economy.all())
        for e in economy:
            e.size = len(members)
            e.per_capita = e.net_income / len(members) if members else None
        history = (_history(household, members, economy)
                   if request.user.has_perm("core.view_auditrecord") else None)
        return render(request, "households/detail.html", {
            "household": household, "members": members, "economy": economy,
            "history": history,
            "years": yearly.household_history(household, reveal=reveal, economy=economy),
            "can_reveal": reveal,
            # Sections other apps add (FUPIN_HOUSEHOLD_SECTIONS: URL names taking the ID).
            "sections": getattr(settings, "FUPIN_HOUSEHOLD_SECTIONS", ()),
        })


class RevealIdNumberView(ScopedView):
    """POST: show one member's clear identity number; the reveal is audited."""

    permission_required = "households.reveal_idnumber"

    def post(self, request, member_id: int):
        member = access.access_member(request.user, member_id, action="reveal")
        number = services.reveal_id_number(actor=request.user, member=member)
        return render(request, "households/_id_revealed.html",
                      {"member": member, "number": number})
