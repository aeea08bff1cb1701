from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from fupin.core import audit
from fupin.core.models import AuditRecord


class Command(BaseCommand):
    help = "Audit ledger. `verify` walks the hash chain; exit 1 names the first broken record."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, **opts):
        total = AuditRecord.objects.count()
        with tqdm(total=total, desc="verifying", unit=" records", disable=None) as bar:
            result = audit.verify(progress=bar.update)
        if not result.ok:
            raise CommandError(f"ledger broken at record #{result.broken_seq}: {result.reason}",
                               returncode=1)
        self.stdout.write(self.style.SUCCESS(f"ledger intact: {result.checked} records"))
