from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from fupin.accounts.services import sync_role_groups
from fupin.core.errors import ValidationFailed
from fupin.regions import services as regions


class Command(BaseCommand):
    help = ("Create or migrate the database named by DATABASE_URL, load the division tree "
            "(provinces → townships, plus villages of --villages) and the county lists, and "
            "create the role groups. Safe to run again.")

    def add_arguments(self, parser):
        parser.add_argument("--villages", default="",
                            help="2-digit province codes whose villages to load "
                                 "(e.g. 51,52), or 'all' (620k villages)")
        parser.add_argument("--no-input", action="store_true", help="never prompt")

    def handle(self, *args, **opts):
        try:
            provinces = regions.parse_village_provinces(opts["villages"])
        except ValidationFailed as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write("Migrating the database …")
        call_command("migrate", interactive=False, verbosity=0)
        sync_role_groups()
        bar = tqdm(desc="divisions", unit=" rows", disable=None)
        try:
            report = regions.load_divisions(actor="system:setup", villages=provinces,
                                            progress=bar.update)
        except ValidationFailed as exc:
            raise CommandError(str(exc)) from exc
        finally:
            bar.close()
        counties = regions.load_county_profiles(actor="system:setup")
        counts = ", ".join(f"{k} {v}" for k, v in report.counts.items())
        self.stdout.write(self.style.SUCCESS(
            f"Divisions loaded ({counts}); county profiles: {counties} (partial lists)."))
