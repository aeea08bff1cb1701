"""``fupin worker``: the background worker, kept alive through locked databases and
stopped when the ``fupin serve`` that started it dies."""

from __future__ import annotations

import logging
import os
import signal
import threading
import time

from django.core.management.base import BaseCommand
from django.db import OperationalError, connections
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from fupin.core import jobs

logger = logging.getLogger("fupin.worker")

#: Longest pause after a database error (locked SQLite, PostgreSQL restarting).
MAX_PAUSE = 30.0


def _watch(worker_id: str, parent_pid: int | None, stop: threading.Event) -> None:
    """Beat the heartbeat; if the parent (``fupin serve``) is gone, stop this worker.

    Polling ``getppid`` works everywhere; an orphan is re-parented to init (or a subreaper).
    """
    last_beat = 0.0
    while not stop.wait(1.0):
        if parent_pid is not None and os.getppid() != parent_pid:
            logger.warning("fupin serve (pid %s) is gone: stopping the worker", parent_pid)
            os.kill(os.getpid(), signal.SIGTERM)
            return
        if time.monotonic() - last_beat >= jobs.HEARTBEAT_EVERY:
            try:
                jobs.beat(worker_id)
                last_beat = time.monotonic()
            except Exception:  # a full disk must not kill the watchdog
                logger.exception("worker heartbeat failed")


class Command(BaseCommand):
    help = ("Run the background worker for long jobs (imports, exports, monitoring runs). "
            "`fupin serve` starts and supervises one; run more on other machines against the "
            "same PostgreSQL.")

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true",
                            help="run what is queued, then exit")
        parser.add_argument("--worker-id", default="",
                            help="unique id of this worker (default: random)")
        parser.add_argument("--parent-pid", type=int, default=None,
                            help="exit when this process (fupin serve) is gone")
        parser.add_argument("--interval", type=float, default=1.0,
                            help="seconds between polls of an empty queue")

    def handle(self, *args, **opts):
        worker_id = opts["worker_id"] or get_random_string(32)
        logging.getLogger("django_tasks_db").setLevel(
            logging.CRITICAL if opts["verbosity"] == 0 else logging.INFO)
        jobs.beat(worker_id)
        stop = threading.Event()
        watchdog = threading.Thread(target=_watch, args=(worker_id, opts["parent_pid"], stop),
                                    name="fupin-worker-watchdog", daemon=True)
        watchdog.start()
        worker = Worker(queue_names=["*"], interval=opts["interval"], batch=opts["batch"],
                        backend_name="default", startup_delay=False, max_tasks=None,
                        worker_id=worker_id, excluded_queue_names=[])
        worker.configure_signals()
        try:
            self._recover()
            self._run(worker)
        finally:
            stop.set()
            jobs.forget(worker_id)

    def _recover(self) -> None:
        """Fail the jobs of dead workers; retried while the database is locked."""
        pause = 0.5
        while True:
            try:
                jobs.recover_stale()
                return
            except OperationalError as exc:
                pause = self._pause(exc, pause)

    def _run(self, worker: Worker) -> None:
        """Run the django-tasks worker loop; a database error pauses it, never ends it."""
        pause = 0.5
        while True:
            started = time.monotonic()
            try:
                worker.run()
                return  # --batch and the queue is empty
            except OperationalError as exc:
                if time.monotonic() - started > 60:
                    pause = 0.5  # it had recovered: a new lock starts with a short pause
                pause = self._pause(exc, pause)

    def _pause(self, exc: OperationalError, pause: float) -> float:
        logger.warning("worker: database error (%s); retrying in %.1f s", exc, pause)
        # A failed BEGIN or a lost server leaves the connection unusable: start afresh.
        connections.close_all()
        time.sleep(pause)
        return min(pause * 2, MAX_PAUSE)
