"""Monitoring screens: runs (start, watch, read), what-if."""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode

import django_tables2 as tables
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.db.models.functions import Substr
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from fupin.core import jobs, labels, progress, scope
from fupin.core.access import Scope
from fupin.core.errors import ValidationFailed
from fupin.core.limits import parse_number
from fupin.core.lists import ListPage, page_records
from fupin.core.views import ScopedView
from fupin.households.access import access_household
from fupin.households.models import Household
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
        return f"{labels.word('policy', record.policy_name)} {record.policy_version}"

    def render_engine(self, value):
        return labels.word("engine", value)

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
        year = request.GET.get("year", "")[:4]
        self.run_state = {"token": token, "state": state, "year": year,
                          "can_start": request.user.has_perm("monitoring.start_monitoringrun")}
        if token:
            # The poll is answered with the fragment, never a redirect (which the poll would
            # follow and draw the whole run page inside the list); a finished run is a link.
            # The fragment stops polling at any end (``fupin.core.jobs.poll``).
            running = state.get("state") in {"queued", "running"}
            query = urlencode({"token": token, "year": year})
            self.run_state["poll"] = jobs.poll(
                request, f"{reverse('monitoring-runs')}?{query}", running=running)
            self.run_state["progress_words"] = (progress.describe(progress.get(
                progress.key("run", token))) if running else "")
            if request.headers.get("HX-Request"):
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


def province_lines(run, user) -> list[tuple[str, dict]]:
    """The parameters a run over several provinces applied in each province the user may
    see (those that differ from the values every province shared), by province name."""
    if len(run.province_parameters or {}) < 2:
        return []
    shown = access.province_parameters(user, run)
    names = dict(Division.objects.filter(code__in=[p.ljust(12, "0") for p in shown])
                 .values_list("code", "name"))
    return [(names.get(p.ljust(12, "0"), p),
             {k: v for k, v in sorted(values.items()) if (run.parameters or {}).get(k) != v})
            for p, values in shown.items()]


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
            "run": run, "focus": focus,
            "province_lines": province_lines(run, request.user),
            "chart": chart, "titles": titles,
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
#: The parameters a what-if changes, and their words with units (the vocabulary
#: ``parameter`` names them once it is registered; these are the fallback).
WHAT_IF_PARAMS = {
    "monitoring_line": gettext_lazy("Monitoring line (yuan per person per year)"),
    "sharp_drop_ratio": gettext_lazy("Sharp income drop (share of last year's income, 0–1)"),
    "ecom_loss_share": gettext_lazy("E-commerce loss (share of income, 0–1)"),
}


def parameter_word(name: str) -> str:
    """The parameter's word with the unit its input takes: 监测线（元/人·年）; a ratio is
    typed as a share (0–1)."""
    found = labels.word("parameter", name)
    if found == name:
        return str(WHAT_IF_PARAMS.get(name, name))
    unit = labels.word("parameter_unit", name)
    unit = _("share, 0–1") if unit == "%" else unit
    if not unit or unit == name:
        return found
    return _("%(word)s (%(unit)s)") % {"word": found, "unit": unit}


def missing_parameters(pack, year: int, province: str | None) -> list[str]:
    """The pack's parameters that have no value for ``year`` in ``province``."""
    prov = (province or "")[:2] or None
    return [name for name, p in pack.parameters.items()
            if not ((prov and year in p.provinces.get(prov, {})) or year in p.years
                    or p.default is not None)]


def current_values(found: dict[str | None, dict[str, float]],
                   names: dict[str, str]) -> dict[str, object]:
    """The values a what-if compares with: one number where every province has the same,
    else each province's (``河北省 7300 / 辽宁省 7260``)."""
    out: dict[str, object] = {}
    for name in WHAT_IF_PARAMS:
        values = {p: v[name] for p, v in found.items() if name in v}
        if len(set(values.values())) <= 1:
            out[name] = next(iter(values.values()), None)
        else:
            out[name] = " / ".join(f"{names.get((p or '').ljust(12, '0'), p)} {v:g}"
                                   for p, v in sorted(values.items()))
    return out


@dataclass
class WhatIfInputs:
    """The what-if form as the user filled it in (kept on the page whatever happens)."""

    year: int | None
    raw_year: str
    province: str | None
    params: list[tuple[str, str, object, str]] = field(default_factory=list)
    overrides: dict[str, float] = field(default_factory=dict)
    error: str = ""
    status: int = 200

    def query(self) -> str:
        pairs = [("year", self.raw_year)] + [(n, raw) for n, _w, _c, raw in self.params if raw]
        return urlencode(pairs)


def what_if_inputs(request) -> WhatIfInputs:
    """Read and check the form: the year, each parameter's current value and the user's."""
    pack = policy.pack()
    province = request.user.division.code[:2] if request.user.division.prefix else None
    raw_year = request.GET.get("year", "").strip()[:20] or "2021"
    year = int(raw_year) if raw_year.isdigit() and len(raw_year) == 4 else None
    out = WhatIfInputs(year, raw_year, province)
    raws = {name: request.GET.get(name, "").strip()[:40] for name in WHAT_IF_PARAMS}
    current: dict[str, object] = {}
    if year is None or not YEARS[0] <= year <= YEARS[1]:
        out.error = _("year: %(value)s is not a year between %(min)s and %(max)s") % {
            "value": raw_year, "min": YEARS[0], "max": YEARS[1]}
        out.status = 400
    else:
        # Each province in the user's region is compared with its own parameters (ADR 0049).
        provinces = [province] if province else (
            services.provinces_in(Scope.of_user(request.user)) or [None])
        found, lacking = {}, []
        for p in provinces:
            try:
                found[p] = resolve_parameters(pack, year, p)
            except PolicyError:
                lacking.append(p)
        names = dict(Division.objects.filter(
            code__in=[p.ljust(12, "0") for p in provinces if p]).values_list("code", "name"))
        if lacking:
            missing = missing_parameters(pack, year, lacking[0])
            where = "、".join(names.get(p.ljust(12, "0"), p) for p in lacking if p)
            out.error = _(
                "The policy has no %(names)s for %(year)s in %(where)s, so there is nothing to "
                "compare with. Choose a year the policy covers (for example %(latest)s), or ask "
                "the administrator to add the year's values to the policy pack.") % {
                    "names": "、".join(parameter_word(n) for n in missing) or "—",
                    "year": year, "where": where or _("the country"),
                    "latest": max(pack.years) if pack.years else "—"}
        else:
            current = current_values(found, names)
    for name in WHAT_IF_PARAMS:
        raw = raws[name]
        if raw:
            try:
                out.overrides[name] = float(parse_number(raw, name))
            except ValidationFailed as exc:
                out.error = out.error or _("%(name)s: %(problem)s") % {
                    "name": parameter_word(name), "problem": exc}
                out.status = 400
        out.params.append((name, parameter_word(name), current.get(name), raw))
    return out


class WhatIfView(ScopedView):
    """The parameters as inputs: who enters and who leaves each category, nothing stored;
    the households themselves on :class:`WhatIfHouseholdsView`."""

    permission_required = "monitoring.view_monitoringrun"

    def get(self, request):
        inputs = what_if_inputs(request)
        context = {"inputs": inputs, "year": inputs.raw_year, "rows": None,
                   "error": inputs.error}
        if inputs.error:
            return render(request, "monitoring/what_if.html", context, status=inputs.status)
        if inputs.overrides:
            try:
                rows = services.what_if(year=inputs.year, province=inputs.province,
                                        overrides=inputs.overrides,
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
                    r["category_word"] = category_word(r["category"])
                context["rows"] = [r for r in rows if r["category"] != "none"
                                   or r["entered"] or r["left"]]
                context["households_url"] = (
                    f"{reverse('monitoring-what-if-households')}?{inputs.query()}")
        return render(request, "monitoring/what_if.html", context)


def _lang() -> str:
    return "zh" if (get_language() or "zh").startswith("zh") else "en"


def category_word(code: str) -> str:
    """A category in words: the vocabulary ``category``, else the pack's title."""
    found = labels.word("category", code)
    return found if found != code else policy.category_titles(lang=_lang()).get(code, code)


class WhatIfHouseholdTable(tables.Table):
    """The households a what-if moves, in words."""

    household_id = tables.Column(verbose_name=gettext_lazy("Household ID"))
    head_name = tables.Column(verbose_name=gettext_lazy("Head of household"),
                              empty_values=(), orderable=False)
    village_code = tables.Column(verbose_name=gettext_lazy("Village"))
    change = tables.Column(verbose_name=gettext_lazy("Change"))
    before = tables.Column(verbose_name=gettext_lazy("Category now"))
    after = tables.Column(verbose_name=gettext_lazy("Category under the what-if"))
    per_capita_income = tables.Column(verbose_name=gettext_lazy("Per-capita income (yuan)"),
                                      attrs={"td": {"class": "text-end"}})

    class Meta:
        order_by = ("village_code", "household_id")
        empty_text = gettext_lazy("No household changes category under these parameters.")
        attrs = {"class": "table table-sm table-dense", "id": "what-if-households"}

    def render_household_id(self, value):
        return format_html('<a href="{}">{}</a>', reverse("household-detail", args=[value]),
                           value)

    def value_household_id(self, value):
        return value

    def render_head_name(self, record):
        return record.get("head_name", "")

    def render_village_code(self, value):
        if not hasattr(self, "_villages"):
            self._villages = labels.lookup_many(
                "division", {r["village_code"] for r in page_records(self)})
            if not self._villages:
                self._villages = dict(Division.objects.filter(
                    code__in={r["village_code"] for r in page_records(self)})
                    .values_list("code", "name"))
        return self._villages.get(value, value)

    def render_change(self, value):
        return str(WHAT_IF_CHANGES.get(value, value))

    def render_before(self, value):
        return category_word(value)

    def render_after(self, value):
        return category_word(value)

    def render_per_capita_income(self, value):
        return "—" if value is None else f"{value:,.0f}"

    def value_per_capita_income(self, value):
        return value


WHAT_IF_CHANGES = {
    "enter": gettext_lazy("Enters monitoring"),
    "leave": gettext_lazy("Leaves monitoring"),
    "change": gettext_lazy("Changes category"),
}


class WhatIfHouseholdsView(ListPage):
    """Who enters and who leaves under the what-if's parameters, household by household
    (the same form's values in the query string), with an Excel export."""

    permission_required = "monitoring.view_monitoringrun"
    table_class = WhatIfHouseholdTable
    template_name = "monitoring/what_if_households.html"
    title = gettext_lazy("What-if: the households that enter or leave")
    export_name = "what-if-households"

    def filtered_queryset(self):
        self.filterset = None
        self.inputs = inputs = what_if_inputs(self.request)
        if inputs.error or not inputs.overrides:
            return []  # the page shows the error with the inputs kept on its form
        rows = services.what_if_households(
            year=inputs.year, province=inputs.province, overrides=inputs.overrides,
            scope=Scope.of_user(self.request.user),
            objects=policy.monitoring_categories())
        change = self.request.GET.get("change", "")
        if change in WHAT_IF_CHANGES:
            rows = [r for r in rows if r["change"] == change]
        heads = dict(Household.objects.for_user(self.request.user).filter(
            household_id__in=[r["household_id"] for r in rows])
            .values_list("household_id", "head_name"))
        for r in rows:
            r["head_name"] = heads.get(r["household_id"], "")
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update({"inputs": self.inputs, "error": self.inputs.error,
                        "changes": list(WHAT_IF_CHANGES.items()),
                        "change": self.request.GET.get("change", ""),
                        "what_if_url": f"{reverse('monitoring-what-if')}?"
                                       f"{self.inputs.query()}"})
        return context


class HouseholdAssessmentView(ScopedView):
    """The household's latest assessment in words (loaded into the household page)."""

    permission_required = "monitoring.view_monitoringrun"

    def get(self, request, household_id: str):
        household = access_household(request.user, household_id)
        assessment = services.latest_assessment(household)
        lang = "zh" if (get_language() or "zh").startswith("zh") else "en"
        context = {"assessment": assessment, "household": household}
        # The latest run over the household may have found nothing (not stored): say so, and
        # what income recorded by other apps (benefit linkages) did to it (ADR 0042).
        latest = services.latest_run_covering(household)
        if latest is not None and (assessment is None or assessment.run_id != latest.pk):
            context["assessment"] = assessment = None
            context["clear_run"] = latest
        shown = assessment.run if assessment is not None else latest
        if shown is not None:
            context["lift"] = explain.income_lift(household, shown.year)
        if assessment is not None:
            pack = explain.pack_named(assessment.run.policy_name)
            context["reasons"] = explain.reasons(assessment, pack, lang)
            titles = {c.code: getattr(c.title, lang) for c in pack.categories} if pack else {}
            context["category_title"] = titles.get(assessment.category, assessment.category)
            names = pack.risk_type_names if pack else {}
            context["risk_types"] = [
                getattr(names[code], lang) if code in names else labels.word("risk_type", code)
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
