"""Integrity screens (ADR 0037): the signals in the user's region (filter, export), one
signal with its plot, the households behind it and the finding it opened, and the form that
starts a run (a background job that the list page watches)."""

from __future__ import annotations

import uuid
from urllib.parse import urlencode

import django_filters
import django_tables2 as tables
from django.core.cache import cache
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy

from fupin.core import jobs, labels, progress
from fupin.core.access import Scope
from fupin.core.lists import ListPage
from fupin.core.views import ScopedView
from fupin.households.models import Household, Member
from fupin.monitoring import integrity, integrity_tasks
from fupin.monitoring.integrity_models import IntegritySignal
from fupin.monitoring.labels import INTEGRITY_TESTS
from fupin.regions.choices import child_level
from fupin.regions.models import Division

YEARS = (2021, 2020)
FDRS = ("0.05", "0.1", "0.01")
YES_NO = (("1", gettext_lazy("Yes")), ("0", gettext_lazy("No")))
#: The engine's detail values of a signal, in words (others are not shown).
DETAIL_WORDS = {
    "excess": gettext_lazy("Households above the line beyond the counterfactual"),
    "missing": gettext_lazy("Households missing just below the line"),
    "b": gettext_lazy("Normalised excess (in counterfactual bins)"),
    "k": gettext_lazy("Households in the bin just above the line"),
    "trials": gettext_lazy("Households in the two bins at the line"),
    "p_null": gettext_lazy("Share expected above the line"),
    "placebo_p": gettext_lazy("Rank among placebo thresholds"),
    "exits": gettext_lazy("Households that exited"),
    "reference_rate": gettext_lazy("Reference rate"),
}


class SignalFilter(django_filters.FilterSet):
    """Filters of the signal list (and of the API's signal list: one meaning everywhere)."""

    test = django_filters.ChoiceFilter(label=gettext_lazy("Test"),
                                       empty_label=gettext_lazy("All tests"))
    flagged = django_filters.ChoiceFilter(label=gettext_lazy("Flagged as a lead"),
                                          method="is_flagged", choices=YES_NO,
                                          empty_label=gettext_lazy("All"))
    division = django_filters.ChoiceFilter(label=gettext_lazy("Division"), method="within",
                                           empty_label=gettext_lazy("All divisions"))
    year = django_filters.ChoiceFilter(label=gettext_lazy("Year"), field_name="run__year",
                                       choices=[(y, y) for y in YEARS],
                                       empty_label=gettext_lazy("All years"))
    run = django_filters.NumberFilter(label=gettext_lazy("Run"), field_name="run_id")

    class Meta:
        model = IntegritySignal
        fields = ["test", "flagged", "division", "year", "run"]

    def __init__(self, data=None, *args, request=None, **kwargs):
        super().__init__(data, *args, request=request, **kwargs)
        self.filters["test"].extra["choices"] = list(INTEGRITY_TESTS.items())
        self.filters["division"].extra["choices"] = list(
            Division.objects.for_user(request.user).filter(level__in=["county", "township"])
            .order_by("code").values_list("code", "name")[:500])
        for name, f in self.filters.items():
            f.field.widget.attrs["class"] = ("form-control form-control-sm" if name == "run"
                                             else "form-select form-select-sm")

    def is_flagged(self, queryset, name, value):
        return queryset.filter(flagged=value == "1")

    def within(self, queryset, name, value):
        return queryset.filter(Scope.of_code(value).q("division_code"))


def _p(value) -> str:
    return "—" if value is None else f"{value:.3g}"


class SignalTable(tables.Table):
    pk = tables.Column(verbose_name="#", linkify=("integrity-signal", [tables.A("pk")]))
    year = tables.Column(verbose_name=gettext_lazy("Year"), accessor="run__year")
    test = tables.Column(verbose_name=gettext_lazy("Test"))
    division_code = tables.Column(verbose_name=gettext_lazy("Division"))
    group = tables.Column(verbose_name=gettext_lazy("Group"), orderable=False)
    n = tables.Column(verbose_name=gettext_lazy("Values"), attrs={"td": {"class": "text-end"}})
    statistic = tables.Column(verbose_name=gettext_lazy("Statistic"),
                              attrs={"td": {"class": "text-end"}})
    p_value = tables.Column(verbose_name=gettext_lazy("p-value"),
                            attrs={"td": {"class": "text-end"}})
    flagged = tables.Column(verbose_name=gettext_lazy("Flagged as a lead"))
    finding_id = tables.Column(verbose_name=gettext_lazy("Finding"), orderable=False)

    class Meta:
        order_by = ("-flagged", "p_value")
        empty_text = gettext_lazy("No signal in your region yet.")
        attrs = {"class": "table table-sm table-striped table-dense", "id": "signals"}

    def render_test(self, value):
        return labels.word("integrity_test", value)

    def render_division_code(self, value):
        return labels.word("division", value)

    def render_group(self, record):
        if record.group_kind == "cadre":
            return f"{labels.word('integrity_group', 'cadre')}: {record.group}"
        return labels.word("integrity_group", record.group_kind)

    def render_statistic(self, value):
        return f"{value:.4g}"

    def render_p_value(self, value):
        return _p(value)

    def render_flagged(self, value):
        return "✔" if value else ""

    def render_finding_id(self, value):
        return f"#{value}" if value else ""

    def value_test(self, value):
        return self.render_test(value)

    def value_division_code(self, value):
        return value

    def value_group(self, record):
        return record.group

    def value_statistic(self, value):
        return value

    def value_p_value(self, value):
        return value

    def value_flagged(self, value):
        return int(value)

    def value_finding_id(self, value):
        return value or None


def _levels(user) -> list[str]:
    """Levels a run by ``user`` may test bunching at: the user's own and those below it,
    from the county down."""
    length = len(Scope.of_user(user).prefix)
    return [lv for lv in integrity.RUN_LEVELS if integrity.LEVELS[lv] >= length]


class IntegritySignalListView(ListPage):
    """Signals in the user's region; the start form; the state of a run just started."""

    permission_required = "monitoring.view_integritysignal"
    model = IntegritySignal
    table_class = SignalTable
    filterset_class = SignalFilter
    template_name = "monitoring/integrity_signals.html"
    title = gettext_lazy("Integrity signals")
    export_name = "integrity-signals"

    def base_queryset(self):
        return IntegritySignal.objects.select_related("run")

    def get(self, request):
        token = request.GET.get("token", "")[:64]
        state = cache.get(integrity_tasks.state_key(token)) if token else None
        if token and state is None:
            state = {"state": "unknown"}
        self.run_state = {"token": token, "state": state,
                          "can_start": request.user.has_perm("monitoring.start_integrityrun")}
        if token:
            running = state.get("state") in {"queued", "running"}
            self.run_state["poll"] = jobs.poll(
                request, f"{reverse('integrity-signals')}?{urlencode({'token': token})}",
                running=running)
            self.run_state["progress_words"] = (progress.describe(progress.get(
                progress.key("integrity", token))) if running else "")
            if request.headers.get("HX-Request"):
                return render(request, "monitoring/_integrity_state.html", self.run_state)
        return super().get(request)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.run_state)
        levels = _levels(self.request.user)
        division = self.request.user.division
        default = child_level(division.level) if division.level != "village" else "village"
        context.update(years=YEARS, fdrs=FDRS, line_parameters=integrity.LINE_PARAMETERS,
                       levels=levels, default_level=default if default in levels
                       else (levels[0] if levels else ""))
        return context


class IntegrityStartView(ScopedView):
    """Start an integrity run over the user's division (a background job)."""

    permission_required = "monitoring.start_integrityrun"

    def post(self, request):
        year = request.POST.get("year", "")
        year = int(year) if year in {str(y) for y in YEARS} else YEARS[0]
        levels = _levels(request.user) or ["village"]
        level = request.POST.get("level", "")
        level = level if level in levels else levels[0]
        fdr = request.POST.get("fdr", "")
        fdr = float(fdr if fdr in FDRS else FDRS[0])
        line = request.POST.get("line_parameter", "")
        line = line if line in integrity.LINE_PARAMETERS else integrity.LINE_PARAMETERS[0]
        token = uuid.uuid4().hex
        cache.set(integrity_tasks.state_key(token), {"state": "queued"}, 3600)
        user_id = request.user.pk
        transaction.on_commit(lambda: integrity_tasks.run_integrity_task.enqueue(
            user_id, year, level, fdr, line, token))
        return redirect(f"{reverse('integrity-signals')}?token={token}")


class IntegritySignalView(ScopedView):
    """One signal: statistic, p-value, the plot, the households behind it (masked identity
    numbers, each a link to its household page) and the finding it opened."""

    permission_required = "monitoring.view_integritysignal"
    model = IntegritySignal

    def get(self, request, pk: int):
        signal = self.get_object(pk=pk)
        chosen = signal.households[:integrity.MAX_BEHIND]
        found = {h.household_id: h for h in Household.objects.for_user(request.user)
                 .filter(household_id__in=chosen).select_related("village")}
        heads = dict(Member.objects.filter(household__household_id__in=list(found),
                                           relation="head")
                     .values_list("household__household_id", "id_number_masked"))
        behind = [{"id": h, "household": found.get(h), "id_number": heads.get(h, "")}
                  for h in chosen]
        plot = dict(signal.plot or {}, test=signal.test)
        return render(request, "monitoring/integrity_signal.html", {
            "signal": signal, "run": signal.run, "behind": behind,
            "outside": sum(1 for b in behind if b["household"] is None),
            "plot": plot, "has_plot": bool(signal.plot),
            "detail": [(word, _number(signal.detail[k])) for k, word in DETAIL_WORDS.items()
                       if k in (signal.detail or {})]})


def _number(value):
    return f"{value:.4g}" if isinstance(value, float) else value
