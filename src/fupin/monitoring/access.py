"""Reading runs and assessments for a user, through the one region gate.

A run over the user's division or inside it is the user's; a run over an ancestor division is
listed too (it is how a village learns its households' assessments), but only its figures for
the user's subtree are shown (:func:`run_figures`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q

from fupin.core.access import Scope, permission_for
from fupin.core.errors import NotFound
from fupin.monitoring.models import Assessment, MonitoringRun
from fupin.regions.choices import NATION_CODE


def visible_runs(user):
    """Runs over the user's division, a division inside it, or one of its ancestors (a county
    run is how a village learns its households' assessments). The run's own totals are those of
    its whole division: show them through :func:`run_figures`, which keeps an ancestor run's
    figures to the user's subtree."""
    user_scope = Scope.of_user(user)
    if user_scope is None or not user.has_perm(permission_for(MonitoringRun, "view")):
        return MonitoringRun.objects.none()
    return MonitoringRun.objects.filter(user_scope.q("division_code")
                                        | Q(division_code__in=user_scope.ancestors()))


@dataclass(frozen=True)
class RunFigures:
    """What a user may read of a run: the whole run's figures when the run lies inside the
    user's division, else only the part inside it (households ``None`` when the run's stored
    per-township counts are coarser than the user's division)."""

    whole: bool
    households: int | None
    flagged: int
    parameters: dict[str, Any] | None
    created_by: str | None


def run_figures(user, runs) -> dict[int, RunFigures]:
    """Figures of ``runs`` as ``user`` may see them (one query for all ancestor runs)."""
    user_scope = Scope.of_user(user)
    if user_scope is None:
        return {}
    out: dict[int, RunFigures] = {}
    partial = [r for r in runs if not user_scope.contains(r.division_code)
               or (r.division_code == NATION_CODE and not user_scope.is_nation)]
    flagged = dict(Assessment.objects.filter(run__in=partial).filter(
        user_scope.q("village_code")).values("run").annotate(n=Count("id"))
        .values_list("run", "n")) if partial else {}
    for r in runs:
        if r in partial:
            households = None
            if len(user_scope.prefix) <= 9:
                households = sum(sum(v.values()) for k, v in (r.counts or {}).items()
                                 if user_scope.contains(k))
            out[r.pk] = RunFigures(False, households, flagged.get(r.pk, 0), None, None)
        else:
            out[r.pk] = RunFigures(True, r.households, r.flagged, r.parameters, r.created_by)
    return out


def province_parameters(user, run: MonitoringRun) -> dict[str, dict]:
    """The parameters a run applied per province (ADR 0049), for the provinces the user's
    division lies in or covers: a province's user reads its own province's line of a national
    run, not the other provinces'."""
    user_scope = Scope.of_user(user)
    if user_scope is None:
        return {}
    return {p: v for p, v in sorted((run.province_parameters or {}).items())
            if user_scope.is_nation or user_scope.prefix[:2] == p}


def access_run(user, pk: int) -> MonitoringRun:
    """A run the user may read (404 otherwise, like any object of another region)."""
    try:
        found = visible_runs(user).filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        found = None
    if found is None:
        raise NotFound("no such run")
    return found
