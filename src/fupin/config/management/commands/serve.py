from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from fupin.core import crypto


class Command(BaseCommand):
    help = "Serve fupin (web UI, API, static files) with waitress."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args, **opts):
        try:
            crypto.check_configured()
        except ImproperlyConfigured as exc:
            raise CommandError(f"refusing to start: {exc}") from exc
        from waitress import serve

        from fupin.config.wsgi import application

        self.stdout.write(f"fupin on http://{opts['host']}:{opts['port']}/  (Ctrl+C stops)")
        serve(application, host=opts["host"], port=opts["port"], threads=opts["threads"])
