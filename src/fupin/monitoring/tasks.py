"""Monitoring runs started from the screens, run by the worker."""

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
from fupin.monitoring import services


class AfterRunFailed(RuntimeError):
    """A configured follow-up of a finished run failed (the run itself is kept)."""


@task()
def run_monitoring_task(user_id: int, year: int, engine: str, token: str) -> int:
    user = User.objects.select_related("division").get(pk=user_id)
    cache.set(f"fupin:monitor:{token}", {"state": "running"}, 3600)
    reporter = progress.Reporter(progress.key("run", token))
    try:
        outcome = services.run_monitoring(actor=user, year=year, engine=engine,
                                          scope=Scope.of_user(user), progress=reporter)
        # Configured follow-ups (e.g. open cases for the new monitoring objects); named in
        # settings so this app does not import the apps that build on it. Inside the try: a
        # failing follow-up fails the job with its reason, so the screen stops polling.
        if settings.FUPIN_AFTER_MONITORING_RUN:
            reporter("follow_up", 0)
        for path in settings.FUPIN_AFTER_MONITORING_RUN:
            try:
                import_string(path)(actor=user, run=outcome.run)
            except Exception as exc:
                raise AfterRunFailed(
                    f"run {outcome.run.pk} finished, but the follow-up {path} failed: {exc}"
                ) from exc
    except Exception as exc:
        cache.set(f"fupin:monitor:{token}", {"state": "failed", "message": str(exc)}, 3600)
        raise
    finally:
        progress.clear(progress.key("run", token))
    cache.set(f"fupin:monitor:{token}", {"state": "done", "run": outcome.run.pk,
                                         "created": outcome.created}, 3600)
    return outcome.run.pk


def recover_stale_runs(*, now, stale: list[StaleTask]) -> int:
    """Job recoverer (``FUPIN_JOB_RECOVERERS``): a run whose worker died shows as failed.

    A run stores nothing until it has finished (one transaction), so only the state the
    screens poll needs correcting; the run can be started again.
    """
    failed = 0
    for job in stale:
        if job.task_path != run_monitoring_task.module_path or len(job.args) < 4:
            continue
        cache.set(f"fupin:monitor:{job.args[3]}", {
            "state": "failed",
            "message": gettext("the background worker stopped while the run was in progress;"
                               " start it again")}, 3600)
        failed += 1
    return failed
