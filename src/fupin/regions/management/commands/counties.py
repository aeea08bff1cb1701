from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fupin.core.errors import ValidationFailed
from fupin.regions.services import load_county_profiles


class Command(BaseCommand):
    help = "County attributes: `import FILE.csv` (columns of poverty_counties_partial.csv)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["import"])
        parser.add_argument("path", type=Path)

    def handle(self, *args, **opts):
        if not opts["path"].exists():
            raise CommandError(f"{opts['path']}: no such file")
        try:
            n = load_county_profiles(actor="system:cli", path=opts["path"])
        except ValidationFailed as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"{n} county profiles loaded"))
