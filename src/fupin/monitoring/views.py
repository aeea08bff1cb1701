"""Monitoring screens: runs (start, watch, read), what-if."""

from __future__ import annotations

import uuid
from collections import Counter

import django_tables2 as tables
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.db.models.functions import Substr
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from fupin.core import scope
from fupin.core.access import Scope
from fupin.core.errors import ValidationFailed
from fupin.core.limits import parse_number
from fupin.core.lists import ListPage, page_records
from fupin.core.views import ScopedView
from fupin.households.access import access_household
from fupin.monitoring import access, explain, policy, services, tasks
from fupin.monitoring.models import Assessment
from fupin.regions.choices import Level, child_level
from fupin.regions.models import Division
from fupin_engine.policy.loader import PolicyError, resolve_parameters


def _categories(pack) -> list[str]:
    """The categories a run page counts: every category of the run's pack but the fallback."""
    return [c for c in policy.categories(pack) if c != "none"]


class RunTable(tables.Table):
    """Runs the user may read, with the figures the user may see of each (a run over a
    higher level shows only the user's part)."""

    pk = tables.Column(verbose_name="#", linkify=("monitoring-run", [tables.A("pk")]))
    year = tables.Column(verbose_name=gettext_lazy("Year"))
    policy = tables.Column(verbose_name=gettext_lazy("Policy"), accessor="policy_name",
                           orderable=False)
    engine = tables.Column(verbose_name=gettext_lazy("Engine"))
    households = tables.Column(verbose_name=gettext_lazy("Households"), accessor="pk",
                               orderable=False, attrs={"td": {"class": "text-end"}})
    flagged = tables.Column(verbose_name=gettext_lazy("Flagged"), accessor="pk",
                            orderable=False, linkify=("monitoring-run-flagged",
                                                      [tables.A("pk")]),
                            attrs={"td": {"class": "text-end"}})
    created_by = tables.Column(verbose_name=gettext_lazy("By"), orderable=False)
    created_at = tables.DateTimeColumn(verbose_name=gettext_lazy("When"), format="Y-m-d H:i")

    class Meta:
        order_by = "-pk"
        empty_text = gettext_lazy("No run yet.")
        attrs = {"class": "table table-sm table-dense", "id": "runs"}

    def _figures(self, record):
        if not hasattr(self, "_shown"):
            self._shown = access.run_figures(self.request.user, page_records(self))
        return self._shown[record.pk]

    def render_policy(self, record):
        return f"{record.policy_name} {record.policy_version}"

    def render_households(self, record):
        n = self._figures(record).households
        return "—" if n is None else f"{n:,}"

    def render_flagged(self, record):
        return f"{self._figures(record).flagged:,}"

    def render_created_by(self, record):
        shown = self._figures(record)
        return shown.created_by if shown.whole else _(
            "a run over a higher level: figures of your division only")

    def value_households(self, record):
        return self._figures(record).households

    def value_flagged(self, record):
        return self._figures(record).flagged

    def value_policy(self, record):
        return self.render_policy(record)

    def value_created_by(self, record):
        return self.render_created_by(record)


class RunListView(ListPage):
    """The runs the user may read (paged, sorted, exported), the start form, and the state of
    a run just started (polled by htmx; a finished run navigates to its page)."""

    permission_required = "monitoring.view_monitoringrun"
    table_class = RunTable
    template_name = "monitoring/runs.html"
    title = gettext_lazy("Monitoring runs")
    export_name = "monitoring-runs"

    def get_queryset(self, action=None):
        return access.visible_runs(self.request.user)

    def get(self, request):
        token = request.GET.get("token", "")[:64]
        state = cache.get(f"fupin:monitor:{token}") if token else None
        if token and state is None:
            # The worker's record of this run is gone (expired, or the cache was restarted):
            # say so and stop polling rather than show "in progress" for ever.
            state = {"state": "unknown"}
        htmx = bool(request.headers.get("HX-Request"))
        if state and state.get("state") == "done":
            target = reverse("monitoring-run", kwargs={"pk": state["run"]})
            if htmx:  # a poll answered with the page would draw it inside the list
                response = HttpResponse(status=204)
                response["HX-Redirect"] = target
                return response
            return redirect(target)
        self.run_state = {"token": token, "state": state,
                          "year": request.GET.get("year", "")[:4],
                          "can_start": request.user.has_perm("monitoring.start_monitoringrun")}
        if token and htmx:
            return render(request, "monitoring/_run_state.html", self.run_state)
        return super().get(request)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.run_state)
        context["years"] = [2021, 2020]
        return context


class StartRunView(ScopedView):
    permission_required = "monitoring.start_monitoringrun"

    def post(self, request):
        try:
            year = int(request.POST.get("year", "2021"))
        except ValueError:
            year = 2021
        engine = request.POST.get("engine", "duckdb")
        if engine not in {"duckdb", "postgres"}:
            engine = "duckdb"
        token = uuid.uuid4().hex
        cache.set(f"fupin:monitor:{token}", {"state": "queued"}, 3600)
        user_id = request.user.pk
        transaction.on_commit(
            lambda: tasks.run_monitoring_task.enqueue(user_id, year, engine, token))
        return redirect(f"{reverse('monitoring-runs')}?token={token}&year={year}")


class RunDetailView(ScopedView):
    """Counts by category and risk type per child division (drill-down), flagged households
    with reasons, data-check findings per village — all inside the user's region."""

    permission_required = "monitoring.view_monitoringrun"

    def get(self, request, pk: int):
        run = access.access_run(request.user, pk)
        run.shown = access.run_figures(request.user, [run])[run.pk]
        user_division = request.user.division
        focus_code = request.GET.get("division", "").strip()
        focus = user_division
        if focus_code:
            candidate = Division.objects.filter(code=focus_code).first()
            if candidate is not None and scope.in_scope(request.user, candidate.code):
                focus = candidate
        level = child_level(focus.level)
        length = scope.PREFIX_LENGTH[level]
        assessments = Assessment.objects.for_user(request.user).filter(
            run=run).filter(scope.prefix_q("village_code", focus.prefix))
        rows = (assessments.annotate(child=Substr("village_code", 1, length))
                .values("child", "category").annotate(n=Count("id")).order_by("child"))
        table: dict[str, Counter] = {}
        for r in rows:
            table.setdefault(r["child"], Counter())[r["category"]] += r["n"]
        codes = [c.ljust(12, "0") for c in table]
        names = dict(Division.objects.filter(code__in=codes).values_list("code", "name"))
        pack = explain.pack_named(run.policy_name) if run.policy_name else policy.pack()
        categories = _categories(pack)
        lang = "zh" if (get_language() or "zh").startswith("zh") else "en"
        titles = {c.code: getattr(c.title, lang) for c in pack.categories} if pack else {}
        chart = {
            "categories": [names.get(c, c) for c in codes],
            "codes": codes,
            "series": [{"name": titles.get(cat, cat), "data": [table[c[:length]].get(cat, 0)
                                                              for c in codes]}
                       for cat in categories],
            "drill": level != Level.VILLAGE,
        }
        risk = Counter()
        for value in assessments.exclude(risk_types="").values_list("risk_types", flat=True):
            risk.update(value.split(";"))
        risk_names = {k: getattr(v, lang) for k, v in pack.risk_type_names.items()} if pack \
            else {}
        checks = Counter()
        for village, value in (assessments.exclude(data_checks="")
                               .values_list("village_code", "data_checks")):
            for code in value.split(";"):
                checks[(village, code)] += 1
        village_names = dict(Division.objects.filter(
            code__in={v for v, _ in checks}).values_list("code", "name"))
        category = request.GET.get("category", "")
        flagged = assessments.exclude(category="none").select_related(
            "household", "household__village").order_by("village_code", "household_id")
        if category in categories:
            flagged = flagged.filter(category=category)
        page = Paginator(flagged, 50).get_page(request.GET.get("page"))
        for a in page:
            a.reasons = explain.reasons(a, pack, lang)
            a.category_title = titles.get(a.category, a.category)
        return render(request, "monitoring/run.html", {
            "run": run, "focus": focus, "chart": chart, "titles": titles,
            "level": Level(level).label, "rows": [
                (names.get(c, c), c, [table[c[:length]].get(cat, 0) for cat in categories])
                for c in codes],
            "risk": [(code, risk_names.get(code, code), n) for code, n in sorted(risk.items())],
            "checks": [(village_names.get(v, v), code, n)
                       for (v, code), n in sorted(checks.items())],
            "page": page, "category": category, "category_choices": [
                (c, titles.get(c, c)) for c in categories]})


#: Years a what-if may be asked for (the pack then says whether it has the year's lines).
YEARS = (2000, 2100)


class WhatIfView(ScopedView):
    """The parameters as inputs: who enters and who leaves each category, nothing stored."""

    permission_required = "monitoring.view_monitoringrun"
    PARAMS = ("monitoring_line", "sharp_drop_ratio", "ecom_loss_share")

    def get(self, request):
        pack = policy.pack()
        province = request.user.division.code[:2] if request.user.division.prefix else None
        raw_year = request.GET.get("year", "").strip() or "2021"
        year = int(raw_year) if raw_year.isdigit() and len(raw_year) == 4 else None
        context = {"year": year or 2021, "params": [], "rows": None, "error": ""}
        if year is None or not YEARS[0] <= year <= YEARS[1]:
            context["error"] = _("year: %(value)s is not a year between %(min)s and %(max)s") % {
                "value": raw_year[:20], "min": YEARS[0], "max": YEARS[1]}
            return render(request, "monitoring/what_if.html", context, status=400)
        try:
            current = resolve_parameters(pack, year, province)
        except PolicyError as exc:
            context["error"] = str(exc)
            return render(request, "monitoring/what_if.html", context)
        overrides = {}
        for name in self.PARAMS:
            raw = request.GET.get(name, "").strip()
            value = current[name]
            if raw:
                try:
                    value = float(parse_number(raw, name))
                    overrides[name] = value
                except ValidationFailed as exc:
                    context["error"] = str(exc)
            context["params"].append((name, current[name], value))
        if context["error"]:
            return render(request, "monitoring/what_if.html", context, status=400)
        if overrides:
            try:
                rows = services.what_if(year=year, province=province, overrides=overrides,
                                        scope=Scope.of_user(request.user))
            except (PolicyError, ValidationFailed) as exc:
                context["error"] = str(exc)
            else:
                names = dict(Division.objects.filter(
                    code__in={r["division"].ljust(12, "0") for r in rows})
                    .values_list("code", "name"))
                for r in rows:
                    r["name"] = names.get(r["division"].ljust(12, "0"), r["division"])
                    r["change"] = r["what_if"] - r["current"]
                context["rows"] = [r for r in rows if r["category"] != "none"
                                   or r["entered"] or r["left"]]
        return render(request, "monitoring/what_if.html", context)


class HouseholdAssessmentView(ScopedView):
    """The household's latest assessment in words (loaded into the household page)."""

    permission_required = "monitoring.view_monitoringrun"

    def get(self, request, household_id: str):
        household = access_household(request.user, household_id)
        assessment = services.latest_assessment(household)
        lang = "zh" if (get_language() or "zh").startswith("zh") else "en"
        context = {"assessment": assessment, "household": household}
        if assessment is not None:
            pack = explain.pack_named(assessment.run.policy_name)
            context["reasons"] = explain.reasons(assessment, pack, lang)
            titles = {c.code: getattr(c.title, lang) for c in pack.categories} if pack else {}
            context["category_title"] = titles.get(assessment.category, assessment.category)
            names = pack.risk_type_names if pack else {}
            context["risk_types"] = [
                f"{code} {getattr(names[code], lang)}" if code in names else code
                for code in assessment.risk_types.split(";") if code]
        return render(request, "monitoring/_household_assessment.html", context)


class HouseholdGuaranteesView(ScopedView):
    """The household's guarantees as the engine judges them for the year shown (loaded into
    the household page): one definition of each guarantee — ages at 31 December of that year,
    housing with relocation, all four water conditions — so page and runs never disagree."""

    permission_required = "households.view_household"

    def get(self, request, household_id: str):
        household = access_household(request.user, household_id)
        years = list(household.economy.values_list("year", flat=True))
        year = policy.year_shown(years)
        verdicts = policy.household_verdicts(household, year)
        lang = "zh" if (get_language() or "zh").startswith("zh") else "en"
        guarantees = [(policy.guarantee_label(code, lang),
                       verdicts.holds(code) if verdicts else None)
                      for code in policy.guarantee_rules()]
        return render(request, "monitoring/_household_guarantees.html",
                      {"guarantees": guarantees, "year": year})
