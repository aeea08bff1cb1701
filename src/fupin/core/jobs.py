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

Job screens always end: :func:`poll` tells a job's status fragment whether and when to ask
again — never once the job ended (done or failed), and not past ``POLL_LIMIT`` seconds, after
which the fragment says the page stopped checking (``core/_poll.html``,
``core/_poll_stopped.html``). A poll is answered with the fragment, never with a redirect
(an htmx poll that follows one draws a whole page inside the fragment).
"""

from __future__ import annotations

import datetime as dt
import logging
import time
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


#: A job screen asks every POLL_FAST s for the first POLL_FAST_FOR s, then every POLL_SLOW s,
#: and stops after POLL_LIMIT s saying so (the job goes on; a reload looks again).
POLL_FAST = 1
POLL_FAST_FOR = 30
POLL_SLOW = 5
POLL_LIMIT = 15 * 60


@dataclass(frozen=True)
class Poll:
    """How a job's status fragment polls: ``url`` ("" = do not poll) every ``every`` s;
    ``stopped`` when the page gave up on a job still running."""

    url: str = ""
    every: int = 0
    stopped: bool = False
    minutes: int = POLL_LIMIT // 60


def poll(request, url: str, *, running: bool) -> Poll:
    """The next poll of a job screen at ``url``: none once the job ended; the time the page
    started watching travels in ``?since=`` so the limit holds across polls."""
    if not running:
        return Poll()
    now = time.time()
    try:
        since = float(request.GET.get("since", ""))
    except ValueError:
        since = now
    since = min(max(since, now - 2 * POLL_LIMIT), now)
    elapsed = now - since
    if elapsed >= POLL_LIMIT:
        return Poll(stopped=True)
    every = POLL_FAST if elapsed < POLL_FAST_FOR else POLL_SLOW
    joiner = "&" if "?" in url else "?"
    return Poll(f"{url}{joiner}since={int(since)}", every)


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
