"""``fupin serve``: waitress (behind the documented reverse proxy) and a supervised worker."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
import time
import uuid

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from fupin.core import crypto, jobs

logger = logging.getLogger("fupin.serve")


def waitress_options(*, host: str, port: int, threads: int) -> dict:
    """waitress's adjustments: the proxy named by ``FUPIN_TRUSTED_PROXY`` alone may set the
    scheme and the client address; the same headers from anybody else are dropped."""
    options: dict = {"host": host, "port": port, "threads": threads, "ident": "fupin"}
    if settings.FUPIN_TRUSTED_PROXY:
        options.update(
            trusted_proxy=settings.FUPIN_TRUSTED_PROXY,
            trusted_proxy_count=settings.FUPIN_TRUSTED_PROXY_COUNT,
            trusted_proxy_headers={"x-forwarded-proto", "x-forwarded-for"},
            clear_untrusted_proxy_headers=True,
        )
    return options


class WorkerSupervisor:
    """Keeps one ``fupin worker`` running: restarts it with backoff when it dies.

    The worker gets this process's pid and exits when it is gone (kill -9 of serve).
    """

    def __init__(self, *, max_backoff: float = 60.0, stable_after: float = 60.0) -> None:
        self.max_backoff = max_backoff
        self.stable_after = stable_after
        self.process: subprocess.Popen | None = None
        self.restarts = 0
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._loop, name="fupin-supervisor",
                                        daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _spawn(self) -> tuple[subprocess.Popen, str]:
        worker_id = f"serve-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        argv = [sys.executable, "-m", "fupin.cli", "worker", "--verbosity", "0",
                "--worker-id", worker_id, "--parent-pid", str(os.getpid())]
        # Its own process group: Ctrl+C in the terminal reaches serve alone, and serve stops the
        # worker (an idle worker hit by the same SIGINT would exit first and be restarted).
        return (subprocess.Popen(argv, process_group=0),  # noqa: S603 (our own command)
                worker_id)

    def _loop(self) -> None:
        backoff = 1.0
        while True:
            with self._lock:
                if self._stop.is_set():
                    return
                process, worker_id = self._spawn()
                self.process = process
            started = time.monotonic()
            code = process.wait()
            if self._stop.is_set():
                return
            # Its jobs are stale now: the next worker fails them when it starts.
            try:
                jobs.forget(worker_id)
            except Exception:
                logger.exception("cannot clear the heartbeat of worker %s", worker_id)
            if time.monotonic() - started > self.stable_after:
                backoff = 1.0
            self.restarts += 1
            sys.stderr.write(f"fupin: the background worker exited ({code}); "
                             f"restarting it in {backoff:.0f} s\n")
            if self._stop.wait(backoff):
                return
            backoff = min(backoff * 2, self.max_backoff)

    def stop(self, timeout: float = 30.0) -> None:
        """Stop the worker (SIGTERM: it finishes or abandons its task) and do not restart."""
        with self._lock:
            self._stop.set()
            process = self.process
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _interrupt(signum, frame):
    # waitress's loop ends on KeyboardInterrupt; SIGTERM (systemd, docker, kill) does the same
    # as Ctrl+C so the worker is stopped too.
    raise KeyboardInterrupt


class Command(BaseCommand):
    help = "Serve fupin (web UI, API, static files) with waitress."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument("--no-worker", action="store_true",
                            help="do not start a background worker (run `fupin worker` apart)")

    def handle(self, *args, **opts):
        try:
            crypto.check_configured()
        except ImproperlyConfigured as exc:
            raise CommandError(f"refusing to start: {exc}") from exc
        from waitress import create_server

        from fupin.config.wsgi import application

        options = waitress_options(host=opts["host"], port=opts["port"],
                                   threads=opts["threads"])
        try:
            server = create_server(application, **options)
        except OSError as exc:
            raise CommandError(f"cannot listen on {opts['host']}:{opts['port']}: {exc.strerror}"
                               " — stop the other server or choose --port") from exc
        # SIGTERM (systemd, docker, kill) does what Ctrl+C does, from before the worker starts:
        # a stop that arrives during start-up still reaches the ``finally`` that stops it.
        signal.signal(signal.SIGTERM, _interrupt)
        supervisor = None
        try:
            if not opts["no_worker"]:
                # Long jobs (imports, exports, monitoring runs) run in this supervised worker.
                supervisor = WorkerSupervisor()
                supervisor.start()
            proxy = (f", behind the proxy {settings.FUPIN_TRUSTED_PROXY}"
                     if settings.FUPIN_TRUSTED_PROXY else "")
            self.stdout.write(f"fupin on http://{opts['host']}:{opts['port']}/{proxy}  "
                              "(Ctrl+C stops)")
            self.stdout.flush()
            server.run()  # returns on KeyboardInterrupt/SystemExit, having closed the sockets
        except KeyboardInterrupt:
            pass
        finally:
            if supervisor is not None:
                supervisor.stop()
                self.stdout.write("fupin stopped (and its worker)")
