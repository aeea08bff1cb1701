"""Print templates (A4, Chinese): the public notice (公示) of a village, the county's decision
on a case (认定/消除决定书) and the household sheet (户情表).

Printed pages extend ``print_base.html``: no navigation or user bar, the print CSS in
``static/fupin/print.css`` (``@page { size: A4 }``), a small screen-only toolbar with the
print button. The issuing body is named from the division tree: the village committee for a
notice, the township government as the reviewing body, the county government for decisions.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext

from fupin.cases import access, evidence, workflow
from fupin.cases.models import Case
from fupin.core.access import Scope
from fupin.core.views import ScopedView
from fupin.households.access import access_household
from fupin.households.models import Household
from fupin.regions.models import Division
from fupin_engine.idcard import masked_id

#: The national complaint line for rural revitalisation and poverty alleviation (12317).
COMPLAINT_LINE = "12317"


def committee(village: Division) -> str:
    """The village's committee as it signs a notice (NBS names already end in 委员会)."""
    name = village.name
    return name if name.endswith("委员会") else name + gettext("villagers' committee")


def place(village: Division) -> str:
    """The village as a place (``俄尔古取村``), without its committee's suffix."""
    for suffix in ("村民委员会", "居民委员会", "委员会"):
        if village.name.endswith(suffix) and len(village.name) > len(suffix):
            return village.name[: -len(suffix)]
    return village.name


def government(division: Division | None) -> str:
    """A township's or county's government (a sub-district office signs as itself)."""
    if division is None:
        return ""
    name = division.name
    if name.endswith(("办事处", "人民政府")):
        return name
    return name + gettext("people's government")


def _ancestor(village: Division, level: str) -> Division | None:
    return next((d for d in village.ancestors() if d.level == level), None)


class NoticePrintView(ScopedView):
    """The public notice of one village, ready to post: title, the cases, posting and end
    dates, the complaint line, the issuing committee and a seal area."""

    permission_required = "cases.view_case"

    def get(self, request):
        code = request.GET.get("village", "").strip()[:12]
        cases = (Case.objects.for_user(request.user)
                 .filter(state__in=workflow.NOTICE_STATES)
                 .select_related("household", "household__village")
                 .order_by("village_code", "notice_start", "pk"))
        if code:
            cases = cases.filter(village_code=code)
        villages: dict[str, dict] = {}
        for c in cases:
            c.notice_days, c.notice_end = workflow.notice_days(c), workflow.notice_end(c)
            c.risk_words = "、".join(evidence.risk_type_words(c.risk_types))
            c.category_word = evidence.category_word(
                c.category or (workflow.derived_category(c) if c.state == "notice" else ""))
            villages.setdefault(c.village_code, {"village": c.household.village,
                                                 "cases": []})["cases"].append(c)
        if code and not villages:
            village = Division.objects.filter(code=code).first()
            if village is None or not Scope.of_user(request.user).contains(code):
                raise Http404("no such village")
            villages[code] = {"village": village, "cases": []}
        sheets = []
        for entry in villages.values():
            village, items = entry["village"], entry["cases"]
            starts = [c.notice_start for c in items if c.notice_start]
            ends = [c.notice_end for c in items if c.notice_end]
            sheets.append({
                "village": village, "place": place(village), "cases": items,
                "identification": [c for c in items if c.state == "notice"],
                "elimination": [c for c in items if c.state == "elim_notice"],
                "committee": committee(village),
                "township": government(_ancestor(village, "township")),
                "start": min(starts) if starts else None, "end": max(ends) if ends else None,
                "days": items[0].notice_days if items else None,
            })
        return render(request, "cases/print_notice.html", {
            "sheets": sheets, "complaint_line": COMPLAINT_LINE,
            "today": timezone.localdate()})


class DecisionPrintView(ScopedView):
    """The county's decision on one case: identification (认定), refusal or elimination
    (消除), with the evidence and the steps that led to it."""

    permission_required = "cases.view_case"

    def get(self, request, pk: int):
        case = access.access_case(request.user, pk)
        village = case.household.village
        if case.state == "eliminated":
            kind = "elimination"
        elif case.state == "rejected":
            kind = "refusal"
        elif case.approved_at:
            kind = "identification"
        else:
            kind = "draft"
        measures = list(case.measures.all())
        for m in measures:
            m.amount_text = evidence.yuan(m.amount) if m.amount is not None else ""
        steps = list(case.steps.select_related("actor").order_by("at"))
        for s in steps:
            s.step_word = evidence.step_word(s.action)
        return render(request, "cases/print_decision.html", {
            "case": case, "kind": kind, "village": village,
            "county": government(_ancestor(village, "county")),
            "township": government(_ancestor(village, "township")),
            "evidence": evidence.for_household(case.household, incomes=False),
            "risk_words": "、".join(evidence.risk_type_words(case.risk_types)),
            "category_title": evidence.category_word(case.category),
            "steps": steps, "measures": measures,
            "state_label": workflow.STATES.get(case.state, case.state),
            "complaint_line": COMPLAINT_LINE, "today": timezone.localdate()})


class HouseholdSheetView(ScopedView):
    """户情表: head, members with masked IDs, economy by year, guarantees, status, cases."""

    permission_required = "households.view_household"

    def get(self, request, household_id: str):
        household: Household = access_household(request.user, household_id)
        members = list(household.members.all())
        for m in members:
            m.masked = masked_id(m.id_number_masked)
        cases = list(household.cases.order_by("-opened_at"))
        for c in cases:
            c.state_label = workflow.STATES.get(c.state, c.state)
        return render(request, "cases/print_household.html", {
            "household": household, "members": members, "cases": cases,
            "evidence": evidence.for_household(household),
            "village": household.village, "complaint_line": COMPLAINT_LINE,
            "today": timezone.localdate()})
