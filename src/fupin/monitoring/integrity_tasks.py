"""Integrity runs started from the screens, run by the worker (the job contract of ADR 0034:
state in the cache under a token, progress in words, an end the screen always reaches)."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.utils.module_loading import import_string
from django.utils.translation import gettext
from django_tasks import task

from fupin.accounts.models import User
from fupin.core import progress
from fupin.core.access import Scope
from fupin.core.jobs import StaleTask
from fupin.monitoring import integrity


class AfterIntegrityRunFailed(RuntimeError):
    """A configured follow-up of a finished integrity run failed (the run itself is kept)."""


def state_key(token: str) -> str:
    return f"fupin:integrity:{token}"


@task()
def run_integrity_task(user_id: int, year: int, level: str, fdr: float, line_parameter: str,
                       token: str) -> int:
    user = User.objects.select_related("division").get(pk=user_id)
    cache.set(state_key(token), {"state": "running"}, 3600)
    reporter = progress.Reporter(progress.key("integrity", token))
    try:
        outcome = integrity.run_integrity(
            actor=user, year=year, scope=Scope.of_user(user), level=level, fdr=fdr,
            line_parameter=line_parameter, progress=reporter)
        # Flagged signals become leads in accountability: named in settings so this app does
        # not import the app that builds on it (the FUPIN_AFTER_MONITORING_RUN pattern).
        for path in settings.FUPIN_AFTER_INTEGRITY_RUN:
            try:
                import_string(path)(actor=user, run=outcome.run)
            except Exception as exc:
                raise AfterIntegrityRunFailed(
                    f"integrity run {outcome.run.pk} finished, but the follow-up {path} "
                    f"failed: {exc}") from exc
    except Exception as exc:
        cache.set(state_key(token), {"state": "failed", "message": str(exc)}, 3600)
        raise
    finally:
        progress.clear(progress.key("integrity", token))
    cache.set(state_key(token), {"state": "done", "run": outcome.run.pk,
                                 "flagged": outcome.flagged}, 3600)
    return outcome.run.pk


def recover_stale_integrity_runs(*, now, stale: list[StaleTask]) -> int:
    """Job recoverer (``FUPIN_JOB_RECOVERERS``): a run whose worker died shows as failed
    (a run stores nothing until it has finished, in one transaction)."""
    failed = 0
    for job in stale:
        if job.task_path != run_integrity_task.module_path or len(job.args) < 6:
            continue
        cache.set(state_key(job.args[5]), {
            "state": "failed",
            "message": gettext("the background worker stopped while the run was in progress;"
                               " start it again")}, 3600)
        failed += 1
    return failed
