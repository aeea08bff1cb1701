from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from tqdm import tqdm

from fupin.accounts.models import User
from fupin.accounts.services import create_user
from fupin.households.models import Household
from fupin.households.services import register_household
from fupin.regions.choices import NATION_CODE, Level
from fupin.regions.models import Division
from fupin_engine.generate import generate

#: 昭觉县 (Zhaojue, Liangshan, Sichuan): a national and deep-poverty county, exited 2020.
DEMO_COUNTY = "513431000000"
DEMO_PASSWORD = "fupin-demo-2026"


class Command(BaseCommand):
    help = ("Prepare the demo: write var/secret_key and var/data.key when absent, set up the "
            "database with Sichuan's villages, create one user per role and a sample county.")

    def add_arguments(self, parser):
        parser.add_argument("--households", type=int, default=1000)
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
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
        for username, role, code in users:
            division = Division.objects.get(code=code)
            self.stdout.write(f"  {username:<10} {role:<18} {division.full_name()}")

    def _load_households(self, county: Division, n: int, seed: int) -> None:
        villages = list(Division.objects.filter(level=Level.VILLAGE,
                                                code__startswith=county.code[:6])
                        .values_list("code", flat=True))
        snap = generate(county_code=county.code, villages=villages, households=n,
                        years=[2020, 2021], seed=seed)
        members: dict[str, list[dict]] = {}
        for m in snap.members:
            members.setdefault(m["household_id"], []).append(m)
        economy: dict[str, list[dict]] = {}
        for e in snap.economy:
            economy.setdefault(e["household_id"], []).append(e)
        with transaction.atomic():
            for h in tqdm(snap.households, desc="demo households", disable=None):
                h = dict(h)
                hid = h.pop("household_id")
                register_household(actor="system:demo", household_id=hid,
                                   village_code=h.pop("village_code"),
                                   members=members[hid], economy=economy.get(hid, []), **h)
