"""Monitoring API: monitoring runs with the parameters of each province (ADR 0049), integrity
runs and their signals (ADR 0037) — region-scoped like the screens; the signal filters are
the screen's filter set (one meaning of a filter)."""

import datetime as dt

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from fupin.core.access import allowed, for_user, get_for_user
from fupin.core.errors import Forbidden, ValidationFailed
from fupin.core.pagination import BoundedPageNumberPagination, QueryText, with_choices
from fupin.monitoring import access
from fupin.monitoring.integrity_models import IntegrityRun, IntegritySignal
from fupin.monitoring.integrity_views import SignalFilter
from fupin.monitoring.models import MonitoringRun
from fupin.monitoring.services import describe_lines

router = Router(tags=["monitoring"])


class IntegrityRunOut(Schema):
    id: int
    division_code: str
    year: int
    line_parameter: str
    line: float
    level: str
    fdr: float
    households: int
    flagged: int
    counts: dict
    follow_up: dict
    created_by: str
    created_at: dt.datetime


class IntegritySignalOut(Schema):
    id: int
    run_id: int
    year: int
    division_code: str
    test: str
    group_kind: str
    n: int
    statistic: float
    p_value: float | None
    score: float | None
    flagged: bool
    applies: bool
    reason: str
    finding_id: int | None
    households: list[str]

    @staticmethod
    def resolve_year(obj):
        return obj.run.year

    @staticmethod
    def resolve_finding_id(obj):
        return obj.finding_id or None


class IntegritySignalDetailOut(IntegritySignalOut):
    plot: dict
    detail: dict


class SignalQuery(Schema):
    test: QueryText = ""
    flagged: QueryText = ""
    division: QueryText = ""
    year: QueryText = ""
    run: QueryText = ""


SignalQuery = with_choices(SignalQuery, SignalFilter)


class RunOut(Schema):
    """A monitoring run as the caller may read it: an ancestor run's totals are not the
    caller's (``households`` and ``parameters`` null); ``province_parameters`` are the
    parameters each province's households were assessed with (ADR 0049), for the provinces
    of the caller's division; ``lines`` say them in words (what differs between provinces)."""

    id: int
    division_code: str
    year: int
    policy_name: str
    policy_version: str
    engine: str
    households: int | None
    flagged: int
    parameters: dict | None
    province_parameters: dict
    lines: list[str]
    created_at: dt.datetime

    @staticmethod
    def _figures(obj, context):
        return access.run_figures(context["request"].user, [obj])[obj.pk]

    @staticmethod
    def resolve_households(obj, context):
        return RunOut._figures(obj, context).households

    @staticmethod
    def resolve_flagged(obj, context):
        return RunOut._figures(obj, context).flagged

    @staticmethod
    def resolve_parameters(obj, context):
        return RunOut._figures(obj, context).parameters

    @staticmethod
    def resolve_province_parameters(obj, context):
        return access.province_parameters(context["request"].user, obj)

    @staticmethod
    def resolve_lines(obj, context):
        return describe_lines(obj.parameters or {},
                              access.province_parameters(context["request"].user, obj))


@router.get("/monitoring/runs", response=list[RunOut])
@paginate(BoundedPageNumberPagination, page_size=50)
def list_runs(request: HttpRequest):
    """Monitoring runs the caller may read (its division's, inside it, above it), newest
    first."""
    if not allowed(request.user, MonitoringRun):
        raise Forbidden("your role may not see monitoring runs")
    return access.visible_runs(request.user).order_by("-pk")


@router.get("/monitoring/runs/{int:run_id}", response=RunOut)
def get_run(request: HttpRequest, run_id: int):
    """One monitoring run, with the parameters of each province (404 outside the region)."""
    if not allowed(request.user, MonitoringRun):
        raise Forbidden("your role may not see monitoring runs")
    return access.access_run(request.user, run_id)


@router.get("/monitoring/integrity/runs", response=list[IntegrityRunOut])
@paginate(BoundedPageNumberPagination, page_size=50)
def list_integrity_runs(request: HttpRequest):
    """Integrity runs over the caller's division or a division inside it, newest first."""
    if not allowed(request.user, IntegrityRun):
        raise Forbidden("your role may not see integrity runs")
    return for_user(IntegrityRun, request.user).order_by("-pk")


@router.get("/monitoring/integrity/signals", response=list[IntegritySignalOut])
@paginate(BoundedPageNumberPagination, page_size=50)
def list_integrity_signals(request: HttpRequest, filters: Query[SignalQuery]):
    """Signals in the caller's region (flagged first, then by p-value)."""
    if not allowed(request.user, IntegritySignal):
        raise Forbidden("your role may not see integrity signals")
    qs = for_user(IntegritySignal.objects.select_related("run"), request.user)
    filterset = SignalFilter({k: v for k, v in filters.dict().items() if v}, queryset=qs,
                             request=request)
    if not filterset.is_valid():
        raise ValidationFailed("invalid filter", {k: " ".join(v) for k, v
                                                  in filterset.errors.items()})
    return filterset.qs.order_by("-flagged", "p_value", "pk")


@router.get("/monitoring/integrity/signals/{int:signal_id}",
            response=IntegritySignalDetailOut)
def get_integrity_signal(request: HttpRequest, signal_id: int):
    """One signal with its plot data and details."""
    return get_for_user(IntegritySignal.objects.select_related("run"), request.user,
                        pk=signal_id)
