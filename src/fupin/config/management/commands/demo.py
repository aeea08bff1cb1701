from __future__ import annotations

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from fupin.accounts.models import User
from fupin.accounts.services import create_user
from fupin.households.exporter import write_generated
from fupin.households.management.commands.generate import summary
from fupin.households.models import Household
from fupin.regions.choices import NATION_CODE
from fupin.regions.models import Division
from fupin.regions.services import village_codes
from fupin_engine.generate import generate

#: 昭觉县 (Zhaojue, Liangshan, Sichuan): a national and deep-poverty county, exited 2020.
DEMO_COUNTY = "513431000000"
DEMO_PASSWORD = "fupin-demo-2026"


class Command(BaseCommand):
    help = ("Prepare the demo: write var/secret_key, var/data.key and var/ledger.key when "
            "absent, set up the database with Sichuan's villages, create one user per role and "
            "a sample county.")

    def add_arguments(self, parser):
        parser.add_argument("--households", type=int, default=20000)
        parser.add_argument("--seed", type=int, default=2021)

    def handle(self, *args, **opts):
        call_command("setup", villages="51")
        county = Division.objects.get(code=DEMO_COUNTY)
        townships = list(Division.objects.filter(parent=county).order_by("code"))
        township = townships[0]
        # A rural village (村民委员会), not an urban community, for the village cadre.
        village = (Division.objects.filter(parent=township, name__contains="村")
                   .order_by("code").first()
                   or Division.objects.filter(parent=township).order_by("code").first())
        users = [
            ("cadre", "village_cadre", village.code),
            ("township", "township_reviewer", township.code),
            ("officer", "county_officer", county.code),
            ("approver", "county_approver", county.code),
            ("province", "province_viewer", "510000000000"),
            ("nation", "national_viewer", NATION_CODE),
            ("evaluator", "evaluator", county.code),
            ("auditor", "auditor", county.code),
            ("admin", "administrator", NATION_CODE),
        ]
        for username, role, code in users:
            if not User.objects.filter(username=username).exists():
                create_user(actor="system:demo", username=username, role=role,
                            division_code=code, password=DEMO_PASSWORD)
        if not Household.objects.filter(village__parent__parent=county).exists():
            self._load_households(county, opts["households"], opts["seed"])
        # A first monitoring run and its cases, so the run pages and the inboxes have work.
        call_command("monitor", year=2021)
        call_command("cases", "sync")
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
        for username, role, code in users:
            division = Division.objects.get(code=code)
            self.stdout.write(f"  {username:<10} {role:<18} {division.full_name()}")

    def _load_households(self, county: Division, n: int, seed: int) -> None:
        """Generate a synthetic county and load it the way a county would: `fupin import`."""
        folder = settings.VAR_DIR / "demo-snapshot"
        snap = generate(county_code=county.code, villages=village_codes(county.code),
                        households=n, years=[2019, 2020, 2021], seed=seed)
        write_generated(folder, "csv", snap)
        self.stdout.write(summary(snap, [2019, 2020, 2021]))
        call_command("import", str(folder), show=0,
                     report=str(settings.VAR_DIR / "demo-import-report.csv"))
