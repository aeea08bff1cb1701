"""Background jobs that always end: worker liveness and recovery of stale jobs.

A worker announces that it is alive with a heartbeat in the cache (shared by the web server
and every worker: the file cache on one machine, Redis across machines). A task result that
is RUNNING while the worker that claimed it has no heartbeat belongs to a dead worker (kill -9,
power cut, out of memory): nothing will ever finish it. :func:`recover_stale`, run by every
worker when it starts, hands those tasks to the recoverers named in
``settings.FUPIN_JOB_RECOVERERS`` — one function per app, each failing its own records with a
reason the user sees — and the last one, :func:`recover_task_results`, fails the task results.

A recoverer is ``fn(*, now: datetime, stale: list[StaleTask]) -> int`` (how many it failed);
it must be idempotent and must not assume its app's task is among ``stale``.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils.module_loading import import_string
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

#: A worker beats every HEARTBEAT_EVERY seconds; HEARTBEAT_TTL without a beat means gone.
HEARTBEAT_EVERY = 5
HEARTBEAT_TTL = 30
#: What a user reads on a job whose worker died.
WORKER_GONE = "the background worker stopped while this job was running; start it again"


def _heartbeat_key(worker_id: str) -> str:
    return f"fupin:worker:{worker_id}"


def beat(worker_id: str) -> None:
    """Record that ``worker_id`` is alive (called by the worker every HEARTBEAT_EVERY s)."""
    cache.set(_heartbeat_key(worker_id), dt.datetime.now(dt.UTC).isoformat(), HEARTBEAT_TTL)


def forget(worker_id: str) -> None:
    """``worker_id`` is gone (it stopped, or its supervisor saw it die)."""
    cache.delete(_heartbeat_key(worker_id))


def is_alive(worker_id: str) -> bool:
    return bool(worker_id) and cache.get(_heartbeat_key(worker_id)) is not None


@dataclass(frozen=True)
class StaleTask:
    """A RUNNING task result whose worker is gone."""

    id: str
    task_path: str
    args: list[Any]
    kwargs: dict[str, Any]
    worker_id: str
    started_at: dt.datetime | None


def stale_tasks() -> list[StaleTask]:
    """RUNNING task results whose (last) worker has no heartbeat."""
    found = []
    for row in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING):
        worker_id = row.worker_ids[-1] if row.worker_ids else ""
        if is_alive(worker_id):
            continue
        args_kwargs = row.args_kwargs or {}
        found.append(StaleTask(str(row.id), row.task_path, list(args_kwargs.get("args", [])),
                               dict(args_kwargs.get("kwargs", {})), worker_id,
                               row.started_at))
    return found


def recover_stale(now: dt.datetime | None = None) -> dict[str, int]:
    """Fail every job whose worker is gone; returns how many each recoverer failed.

    A recoverer that raises is logged and skipped: the others and the worker carry on.
    """
    now = now or dt.datetime.now(dt.UTC)
    stale = stale_tasks()
    outcome: dict[str, int] = {}
    for path in settings.FUPIN_JOB_RECOVERERS:
        try:
            outcome[path] = int(import_string(path)(now=now, stale=stale) or 0)
        except Exception:
            logger.exception("job recoverer %s failed", path)
    if any(outcome.values()):
        logger.warning("recovered stale jobs: %s", outcome)
    return outcome


def recover_task_results(*, now: dt.datetime, stale: list[StaleTask]) -> int:
    """The django-tasks recoverer: stale RUNNING results become FAILED with the reason."""
    return DBTaskResult.objects.filter(
        id__in=[s.id for s in stale], status=TaskResultStatus.RUNNING,
    ).update(status=TaskResultStatus.FAILED, finished_at=now,
             exception_class_path="fupin.core.jobs.WorkerGone", traceback=WORKER_GONE)
