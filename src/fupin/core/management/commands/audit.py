from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from fupin.core import audit
from fupin.core.models import AuditBatchRow, AuditRecord


class Command(BaseCommand):
    help = ("Audit ledger. `verify` walks the keyed hash chain, checks every row of every "
            "batch record (digest, count, hash-tree root), the signed head and the anchors; "
            "exit 1 names the first broken record (and row). `anchor` appends a signed "
            "checkpoint of the head to the anchors file (copy it off the machine) and prints it.")

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "anchor"])
        parser.add_argument("--anchors", type=Path, default=None,
                            help="the anchors file (default FUPIN_LEDGER_ANCHORS, "
                                 "var/ledger-anchors.log)")

    def handle(self, *args, **opts):
        if opts["action"] == "anchor":
            self._anchor(opts["anchors"])
            return
        total = AuditRecord.objects.count()
        rows = AuditBatchRow.objects.count()
        with (tqdm(total=total, desc="verifying", unit=" records", disable=None) as bar,
              tqdm(total=rows, desc="batch rows", unit=" rows",
                   disable=None if rows else True) as row_bar):
            result = audit.verify(progress=bar.update, anchors=opts["anchors"],
                                  row_progress=row_bar.update)
        if not result.ok:
            where = f" at record #{result.broken_seq}" if result.broken_seq else ""
            raise CommandError(f"ledger broken{where}: {result.reason}", returncode=1)
        anchors = len(audit.read_anchors(opts["anchors"]))
        keyed = "keyed" if audit.ledger_key() else "NOT keyed (no FUPIN_LEDGER_KEY)"
        self.stdout.write(self.style.SUCCESS(
            f"ledger intact: {result.checked} records, {keyed}, {anchors} anchors checked"))
        if result.batches:
            self.stdout.write(f"batch rows proven: {result.batch_rows} rows under "
                              f"{result.batches} batch records (digests, counts, roots)")

    def _anchor(self, path: Path | None) -> None:
        try:
            line = audit.anchor(path)
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        except audit.LedgerBroken as exc:
            raise CommandError(f"not anchored, the ledger is broken: {exc}", returncode=1) from exc
        self.stdout.write(line)
        self.stderr.write(f"appended to {audit.anchors_path(path)}: keep a copy off this "
                          "machine (mail it to the province, print it)")
