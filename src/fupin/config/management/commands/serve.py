from __future__ import annotations

import subprocess
import sys

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from fupin.core import crypto


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
        from waitress import serve

        from fupin.config.wsgi import application

        worker = None
        if not opts["no_worker"]:
            # Long jobs (imports, exports) run in this worker process.
            worker = subprocess.Popen([sys.executable, "-m", "fupin.cli", "worker",
                                       "--verbosity", "0"])
        self.stdout.write(f"fupin on http://{opts['host']}:{opts['port']}/  (Ctrl+C stops)")
        try:
            serve(application, host=opts["host"], port=opts["port"], threads=opts["threads"])
        except OSError as exc:
            raise CommandError(f"cannot listen on {opts['host']}:{opts['port']}: {exc.strerror}"
                               " — stop the other server or choose --port") from exc
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=30)
