from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fupin.core import backup


class Command(BaseCommand):
    help = ("Restore a backup written by `fupin backup` into the configured database (refused "
            "when it holds tables, unless --force), then check it: the restored ledger verifies "
            "and FUPIN_DATA_KEY decrypts a sample of the personal data. Audited. Exit 1 when "
            "the check fails (the data stay restored; the message names the missing key).")

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the backup file")
        parser.add_argument("--force", action="store_true",
                            help="replace everything in a database that is not empty")
        parser.add_argument("--anchors", type=Path, default=None,
                            help="the anchors file (default FUPIN_LEDGER_ANCHORS)")

    def handle(self, *args, **opts):
        try:
            report = backup.restore(opts["file"], force=opts["force"], anchors=opts["anchors"])
        except backup.RestoreCheckFailed as exc:
            raise CommandError(str(exc), returncode=1) from exc
        except backup.BackupError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        for note in report.notes:
            self.stderr.write(note)
        self.stdout.write(self.style.SUCCESS(
            f"restored {opts['file']}: ledger intact ({report.records} records, "
            f"{report.batch_rows} batch rows, head #{report.head_seq}), FUPIN_DATA_KEY "
            f"decrypts the {report.decrypted} sampled values"))
