from __future__ import annotations

from django.core.management.base import BaseCommand

from fupin.core import exchange_jobs


class Command(BaseCommand):
    help = ("Exchange housekeeping. `purge`: remove the files of imports and exports older "
            "than FUPIN_EXCHANGE_RETENTION_DAYS (default 7); the jobs stay listed.")

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["purge"])

    def handle(self, *args, **opts):
        n = exchange_jobs.purge_expired()
        self.stdout.write(f"purged the files of {n} exchange jobs")
