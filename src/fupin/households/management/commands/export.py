from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fupin.core.errors import ValidationFailed
from fupin.core.exchange import FORMATS
from fupin.households.exporter import export_snapshot
from fupin.regions.models import Division


class Command(BaseCommand):
    help = ("Export the registry as snapshot v1: a folder of CSV or Parquet files, or one "
            ".xlsx workbook (Chinese headers, drop-down lists). Audited.")

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--format", choices=FORMATS, required=True)
        parser.add_argument("--division", default="", help="only this division (code)")
        parser.add_argument("--masked", action="store_true",
                            help="write masked identity numbers (not re-importable)")

    def handle(self, *args, **opts):
        prefix = ""
        if opts["division"]:
            division = Division.objects.filter(code=opts["division"].ljust(12, "0")).first()
            if division is None:
                raise CommandError(f"unknown division {opts['division']}")
            prefix = division.prefix
        try:
            counts = export_snapshot(opts["path"], opts["format"], actor="system:cli",
                                     prefix=prefix, mask_ids=opts["masked"])
        except ValidationFailed as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(
            f"exported {counts.households} households, {counts.members} members, "
            f"{counts.economy} economy rows to {opts['path']}"))
