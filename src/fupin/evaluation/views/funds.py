"""Screens of the funds area (资金绩效评价, ADR 0047): a county's fund performance in a year,
the counties of a province as rows, the expenditures list (negative-list rows first, Excel
export) and the county officer's forms (allocation received, project, expenditure).

Every page is drawn for the user's division or one inside it (``?division=``, 404 outside
the user's region, like a division that does not exist); figures come from
``services.funds.county_figures`` over counties the user may see; writes go through the
services.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db.models import Case, IntegerField, Max, Sum, Value, When
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from fupin.core.access import Scope
from fupin.core.errors import NotFound, ValidationFailed
from fupin.core.lists import ListPage
from fupin.core.views import ScopedView
from fupin.evaluation import fund_lists as t
from fupin.evaluation.access import access_allocation, access_project, funds_rows
from fupin.evaluation.choices import AllocationLevel, FundCategory, ProjectState
from fupin.evaluation.models import Allocation, Expenditure, Project
from fupin.evaluation.services import funds as services
from fupin.regions.models import Division

FIRST_YEAR = 2014  # the first demonstration counties (2014 notice of the demonstration programme)
ABOVE_COUNTY = {"nation", "province", "prefecture"}


def focus_of(request) -> Division:
    """The user's division, or ``?division=`` inside the user's region (404 otherwise)."""
    user = request.user
    code = request.GET.get("division", "").strip()
    if not code or code == user.division_id:
        return user.division
    scope = Scope.of_user(user)
    if not (len(code) == 12 and code.isdigit()) or scope is None or not scope.contains(code):
        raise NotFound("no such division")
    division = Division.objects.filter(code=code).first()
    if division is None:
        raise NotFound("no such division")
    return division


def latest_year(code: str) -> int:
    """The last year an allocation of the division ``code`` covers (not after this year),
    else this year: a page opens where the money is."""
    this = timezone.localdate().year
    found = (Allocation.objects.filter(Scope.of_code(code).q("county_code"))
             .aggregate(last=Max("end_year"))["last"])
    return min(found, this) if found else this


def year_of(request, default: int | None = None) -> int:
    """``?year=`` (from 2014 to this year), else ``default`` (this year)."""
    last = timezone.localdate().year
    raw = request.GET.get("year", "").strip()
    if not raw:
        return default or last
    try:
        year = int(raw)
    except ValueError:
        year = None
    if year is None or not FIRST_YEAR <= year <= last:
        raise ValidationFailed(gettext("Give a year from %(first)s to %(last)s.")
                               % {"first": FIRST_YEAR, "last": last}, {"year": "year"})
    return year


def _years() -> list[int]:
    return list(range(timezone.localdate().year, FIRST_YEAR - 1, -1))


class CountyFundsView(ScopedView):
    """A county's fund performance in a year: allocations by level, disbursement and
    execution over the window, unspent balance, recoveries, projects, and expenditures with
    the negative-list rows first; spending by category as a bar chart."""

    permission_required = "evaluation.view_allocation"
    model = Allocation

    def get(self, request):
        focus = focus_of(request)
        year = year_of(request, latest_year(focus.code))
        if focus.level in ABOVE_COUNTY:
            url = reverse("funds-province")
            query = f"?year={year}" + ("" if focus.code == request.user.division_id
                                       else f"&division={focus.code}")
            return redirect(url + query)
        county = focus.code[:6].ljust(12, "0")
        figures = services.county_figures([county], year)[county]
        for key in ("execution", "disbursement"):
            rate = figures[f"{key}_rate"]
            figures[f"{key}_percent"] = None if rate is None else f"{rate * 100:.2f}"
        allocations = self.get_queryset().filter(county_code=county).order_by("-year", "level")
        projects = (funds_rows(Project, request.user).filter(county_code=county)
                    .select_related("allocation").annotate(spent=Sum("expenditures__amount"))
                    .order_by("-year", "code"))
        expenditures = (funds_rows(Expenditure, request.user).filter(county_code=county)
                        .select_related("project")
                        .annotate(clean=Case(When(negative_list="", then=Value(1)),
                                             default=Value(0), output_field=IntegerField()))
                        .order_by("clean", "-spent_on", "voucher_no"))
        context = {
            "focus": focus, "county": Division.objects.filter(code=county).first(),
            "year": year, "years": _years(), "f": figures,
            "levels": [(code, label, figures["by_level"][code])
                       for code, label in AllocationLevel.choices],
            "allocations": allocations, "projects": projects[:200],
            "expenditures": expenditures[:100], "expenditure_count": expenditures.count(),
            "chart": _category_chart(expenditures),
            "can_manage": request.user.has_perm("evaluation.manage_funds"),
            "can_find": request.user.has_perm("accountability.record_audit_finding")
            or request.user.has_perm("accountability.record_evaluation_finding"),
        }
        return render(request, "evaluation/funds/county.html", context)


def _category_chart(expenditures) -> dict | None:
    """Spending by category, supported and negative-list parts stacked (yuan)."""
    found: dict[str, dict[bool, Decimal]] = {}
    for category, rule, amount in (expenditures.order_by().values("category", "negative_list")
                                   .annotate(total=Sum("amount"))
                                   .values_list("category", "negative_list", "total")):
        part = found.setdefault(category, {False: Decimal(0), True: Decimal(0)})
        part[bool(rule)] += amount
    if not found:
        return None
    codes = [c for c in FundCategory.values if c in found]
    return {"categories": [str(FundCategory(c).label) for c in codes],
            "series": [{"name": gettext("Supported uses"),
                        "data": [float(found[c][False]) for c in codes]},
                       {"name": gettext("Negative list"),
                        "data": [float(found[c][True]) for c in codes]}]}


class ProvinceFundsView(ListPage):
    """Counties as rows (a province, a prefecture or the nation; a county user sees the one
    row of the county): allocated, disbursed, spent, execution rate, flagged amount; sortable,
    exported as shown; a county opens its page."""

    permission_required = "evaluation.view_allocation"
    model = Allocation
    table_class = t.CountyFundsTable
    template_name = "evaluation/funds/province.html"
    title = gettext_lazy("Fund performance by county")
    export_name = "fund-performance-counties"
    paginate_by = 200

    def get(self, request, *args, **kwargs):
        self.focus = focus_of(request)
        self.year = year_of(request, latest_year(self.focus.code))
        return super().get(request, *args, **kwargs)

    def filtered_queryset(self):
        self.filterset = None
        scope = Scope.of_code(self.focus.code)
        counties = dict(Division.objects.filter(scope.q("code"), level="county")
                        .values_list("code", "name"))
        figures = services.county_figures(sorted(counties), self.year)
        return [{"code": code, "county": counties[code], "year": self.year, **f}
                for code, f in figures.items()]

    def get_context_data(self, **kwargs):
        return super().get_context_data(focus=self.focus, year=self.year, years=_years(),
                                         **kwargs)


class ExpenditureList(ListPage):
    """Expenditures of the user's region, negative-list rows first; filters by county, year,
    category, project and flag; ``?export=xlsx``. Auditors and evaluators open a finding on a
    flagged row."""

    permission_required = "evaluation.view_expenditure"
    model = Expenditure
    table_class = t.ExpenditureTable
    filterset_class = t.ExpenditureFilter
    title = gettext_lazy("Expenditures")
    export_name = "expenditures"
    template_name = "evaluation/funds/expenditures.html"

    def base_queryset(self):
        return (Expenditure.objects.select_related("project")
                .annotate(clean=Case(When(negative_list="", then=Value(1)), default=Value(0),
                                     output_field=IntegerField()))
                .order_by("clean", "-spent_on", "voucher_no"))


# --- the county officer's forms ---------------------------------------------------------------

def _amount(value: str, name: str) -> Decimal:
    try:
        amount = Decimal((value or "").strip().replace(",", ""))
    except InvalidOperation:
        raise ValidationFailed(f"{name}: " + gettext("not an amount in yuan"),
                               {name: gettext("not an amount in yuan")}) from None
    if not amount.is_finite():
        raise ValidationFailed(f"{name}: " + gettext("not an amount in yuan"),
                               {name: gettext("not an amount in yuan")})
    return amount.quantize(Decimal("0.01"))


def _date(value: str, name: str) -> dt.date:
    try:
        return dt.date.fromisoformat((value or "").strip())
    except ValueError:
        raise ValidationFailed(f"{name}: " + gettext("not a date (YYYY-MM-DD)"),
                               {name: gettext("not a date (YYYY-MM-DD)")}) from None


def _int(value: str, name: str) -> int:
    try:
        return int((value or "").strip())
    except ValueError:
        raise ValidationFailed(f"{name}: " + gettext("not a whole number"),
                               {name: gettext("not a whole number")}) from None


class _FundForm(ScopedView):
    """A form of the county officer, for the officer's county."""

    permission_required = "evaluation.manage_funds"
    template_name = "evaluation/funds/form.html"
    kind = ""

    def county(self) -> str:
        return self.request.user.division_id[:6].ljust(12, "0")

    def context(self, errors=None, data=None) -> dict:
        county = self.county()
        return {"kind": self.kind, "errors": errors or {}, "data": data or {},
                "levels": AllocationLevel.choices, "categories": FundCategory.choices,
                "states": ProjectState.choices,
                "allocations": funds_rows(Allocation, self.request.user)
                .filter(county_code=county).order_by("-year"),
                "projects": funds_rows(Project, self.request.user)
                .filter(county_code=county).order_by("-year", "code")}

    def get(self, request):
        return render(request, self.template_name, self.context())

    def post(self, request):
        try:
            self.save(request.POST)
        except ValidationFailed as exc:
            return render(request, self.template_name,
                          self.context(exc.errors or {"__all__": str(exc)}, request.POST),
                          status=400)
        return redirect("funds-county")


class AllocationCreateView(_FundForm):
    kind = "allocation"

    def save(self, p) -> None:
        year = _int(p.get("year"), "year")
        services.record_allocation(
            actor=self.request.user, county_code=self.county(), year=year,
            end_year=_int(p.get("end_year"), "end_year") if p.get("end_year") else year,
            level=p.get("level", ""), amount=_amount(p.get("amount"), "amount"),
            programme=p.get("programme", "").strip(),
            document_no=p.get("document_no", "").strip(),
            allocated_on=_date(p.get("allocated_on"), "allocated_on"),
            disbursed=_amount(p.get("disbursed") or "0", "disbursed"))


class ProjectCreateView(_FundForm):
    kind = "project"

    def save(self, p) -> None:
        allocation = None
        if p.get("allocation"):
            allocation = (funds_rows(Allocation, self.request.user)
                          .filter(pk=_int(p["allocation"], "allocation")).first())
            if allocation is None:
                raise NotFound("no such allocation")
        services.add_project(
            actor=self.request.user, county_code=self.county(),
            year=_int(p.get("year"), "year"), code=p.get("code", "").strip(),
            name=p.get("name", "").strip(), category=p.get("category", ""),
            budget=_amount(p.get("budget"), "budget"),
            implementing_unit=p.get("implementing_unit", "").strip(),
            state=p.get("state", "planned"), allocation=allocation)


class ExpenditureCreateView(_FundForm):
    kind = "expenditure"

    def save(self, p) -> None:
        project = access_project(self.request.user, _int(p.get("project"), "project"))
        services.add_expenditure(
            actor=self.request.user, project=project,
            spent_on=_date(p.get("spent_on"), "spent_on"), category=p.get("category", ""),
            amount=_amount(p.get("amount"), "amount"), payee=p.get("payee", "").strip(),
            voucher_no=p.get("voucher_no", "").strip(),
            description=p.get("description", "").strip())


class RecoveryCreateView(ScopedView):
    """Record money recovered from one of the county's allocations (追回)."""

    permission_required = "evaluation.manage_funds"
    template_name = "evaluation/funds/recovery.html"

    def render_form(self, allocation, errors=None, data=None, status=200):
        return render(self.request, self.template_name,
                      {"allocation": allocation, "errors": errors or {}, "data": data or {}},
                      status=status)

    def get(self, request, pk: int):
        return self.render_form(access_allocation(request.user, pk, action="manage"))

    def post(self, request, pk: int):
        allocation = access_allocation(request.user, pk, action="manage")
        p = request.POST
        try:
            services.record_recovery(
                actor=request.user, allocation=allocation,
                amount=_amount(p.get("amount"), "amount"),
                recovered_on=_date(p.get("recovered_on"), "recovered_on"),
                document=p.get("document", "").strip())
        except ValidationFailed as exc:
            return self.render_form(allocation, exc.errors or {"__all__": str(exc)}, p, 400)
        return redirect("funds-county")
