"""Household search, list and detail; the ID reveal."""

from __future__ import annotations

import re

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import render

from fupin.core.models import AuditRecord
from fupin.core.views import ScopedView
from fupin.households import access, personal, services
from fupin.households.choices import Status
from fupin.households.models import Household, Member
from fupin.regions.choices import Level
from fupin.regions.models import Division

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
    return (Q(head_name__contains=query) | Q(household_id=query)
            | Q(village__name__contains=query)
            | Q(pk__in=Member.objects.filter(name__contains=query).values("household_id")))


def filtered_households(user, params) -> tuple:
    """The user's households filtered by ``q``, ``township``, ``village`` and ``status``."""
    qs = Household.objects.for_user(user).select_related("village", "village__parent")
    qs = qs.filter(search_q(params.get("q", ""), user))
    township, village, status = (params.get(k, "").strip()
                                 for k in ("township", "village", "status"))
    if township:
        qs = qs.filter(village__parent_id=township)
    if village:
        qs = qs.filter(village_id=village)
    if status in Status.values:
        qs = qs.filter(status=status)
    return qs.annotate(size=Count("members")).order_by("household_id")


class HouseholdListView(ScopedView):
    permission_required = "households.view_household"

    def get(self, request):
        qs = filtered_households(request.user, request.GET)
        page = Paginator(qs, 50).get_page(request.GET.get("page"))
        townships = Division.objects.for_user(request.user).filter(level=Level.TOWNSHIP)
        townships = townships.filter(
            code__in=Household.objects.for_user(request.user)
            .values("village__parent_id")).order_by("code")
        params = request.GET.copy()
        params.pop("page", None)
        context = {"page": page, "filters": request.GET, "statuses": Status.choices,
                   "townships": townships, "querystring": params.urlencode()}
        template = ("households/_table.html" if request.headers.get("HX-Request")
                    else "households/list.html")
        return render(request, template, context)


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
        object_ids = {("households.household", str(household.pk))}
        object_ids |= {("households.member", str(m.pk)) for m in members}
        object_ids |= {("households.economyyear", str(e.pk)) for e in economy}
        history_q = Q()
        for object_type, object_id in object_ids:
            history_q |= Q(object_type=object_type, object_id=object_id)
        history = (AuditRecord.objects.filter(history_q).order_by("-seq")[:100]
                   if request.user.has_perm("core.view_auditrecord") else None)
        return render(request, "households/detail.html", {
            "household": household, "members": members, "economy": economy,
            "history": history,
            "can_reveal": reveal,
        })


class RevealIdNumberView(ScopedView):
    """POST: show one member's clear identity number; the reveal is audited."""

    permission_required = "households.reveal_idnumber"

    def post(self, request, member_id: int):
        member = access.access_member(request.user, member_id, action="reveal")
        number = services.reveal_id_number(actor=request.user, member=member)
        return render(request, "households/_id_revealed.html",
                      {"member": member, "number": number})
