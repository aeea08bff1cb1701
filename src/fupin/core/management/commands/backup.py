from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fupin.core import backup


class Command(BaseCommand):
    help = ("Back up the whole database to one file: PostgreSQL with pg_dump (custom format), "
            "SQLite with its online backup API. Audited. The file does NOT hold FUPIN_DATA_KEY, "
            "FUPIN_LEDGER_KEY, the anchors file or the evidence files: back those up apart "
            "(docs/operations.md, Backups).")

    def add_arguments(self, parser):
        parser.add_argument("--out", type=Path, required=True, help="the backup file to write")

    def handle(self, *args, **opts):
        try:
            size = backup.backup(opts["out"])
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(
            f"backup written: {opts['out']} ({size:,} bytes)"))
        self.stderr.write("not in the file: FUPIN_DATA_KEY, FUPIN_LEDGER_KEY, the ledger "
                          "anchors file and the evidence files: keep copies of them apart")
