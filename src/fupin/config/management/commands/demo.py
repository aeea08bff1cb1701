from __future__ import annotations

import csv
import datetime as dt
import threading
import time
from collections import Counter
from contextlib import contextmanager
from importlib import import_module

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from fupin.accountability import services as accountability
from fupin.accountability.models import Finding
from fupin.accounts.models import User
from fupin.accounts.services import create_user
from fupin.consolidation import demo as consolidation_demo
from fupin.consolidation.models import HelpRecord
from fupin.core.access import Scope
from fupin.ecommerce import demo as ecommerce_demo
from fupin.ecommerce.models import Programme
from fupin.evaluation import demo as evaluation_demo
from fupin.evaluation import demo_funds
from fupin.evaluation.models import Allocation
from fupin.households.exporter import write_generated
from fupin.households.management.commands.generate import summary
from fupin.households.models import Household, HouseholdState
from fupin.regions.choices import NATION_CODE
from fupin.regions.models import Division
from fupin.regions.services import village_codes
from fupin_engine.generate import as_of, generate

#: 昭觉县 (Zhaojue, Liangshan, Sichuan): a national and deep-poverty county, exited 2020.
DEMO_COUNTY = "513431000000"
DEMO_PASSWORD = "fupin-demo-2026"
#: Households of the sample county: enough for every screen, small enough for the first page
#: in about a minute (`--households 20000` for a county of full size).
DEMO_HOUSEHOLDS = 5000
#: A silent phase says it is alive this often (seconds).
HEARTBEAT = 10.0


class Command(BaseCommand):
    help = ("Prepare the demo: write var/secret_key, var/data.key and var/ledger.key when "
            "absent, set up the database with Sichuan's villages, create one user per role and "
            "a sample county.")

    def add_arguments(self, parser):
        parser.add_argument("--households", type=int, default=DEMO_HOUSEHOLDS)
        parser.add_argument("--seed", type=int, default=2021)

    @contextmanager
    def phase(self, number: int, text: str):
        """Announce a phase, say every ``HEARTBEAT`` seconds that it is still running, and
        how long it took: no long silent phase."""
        started = time.monotonic()
        self.stdout.write(f"[{number}/{self.PHASES}] {text} …")
        self.stdout.flush()
        done = threading.Event()

        def beat():
            while not done.wait(HEARTBEAT):
                self.stdout.write(f"      … still running: {text} "
                                  f"({time.monotonic() - started:.0f} s)")
                self.stdout.flush()

        ticker = threading.Thread(target=beat, daemon=True)
        ticker.start()
        try:
            yield
        finally:
            done.set()
            ticker.join()
            self.stdout.write(f"      done in {time.monotonic() - started:.0f} s")

    PHASES = 9  # the consolidation period adds phase 9 (help records)

    def handle(self, *args, **opts):
        started = time.monotonic()
        with self.phase(1, "Setting up the database and Sichuan's divisions"):
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
        with self.phase(2, "Creating one user per role"):
            # One password for every demo login: hashed once (a hash takes about a second of
            # CPU by design), the others are created without one and given the same hash.
            hashed = None
            for username, role, code in users:
                if not User.objects.filter(username=username).exists():
                    user = create_user(actor="system:demo", username=username, role=role,
                                       division_code=code,
                                       password=DEMO_PASSWORD if hashed is None else None)
                    if hashed is None:
                        hashed = user.password
                    else:
                        User.objects.filter(pk=user.pk).update(password=hashed)
        with self.phase(3, f"Generating and importing {opts['households']:,} households "
                           "(2021, then the 2019 and 2020 snapshots for the history)"):
            if not Household.objects.filter(village__parent__parent=county).exists():
                self._load_households(county, opts["households"], opts["seed"])
            # The registry by year (ADR 0048): the earlier snapshots come before anything
            # records income of those years (benefit linkages move the economy, phase 7).
            self._earlier_years(county, opts["households"], opts["seed"])
        # A first monitoring run and its cases, so the run pages and the inboxes have work.
        with self.phase(4, "Running the monitoring rules over the county (2021)"):
            call_command("monitor", year=2021)
        with self.phase(5, "Opening a case for every flagged household"):
            call_command("cases", "sync")
        with self.phase(6, "Findings and rectifications (accountability)"):
            call_command("findings", "sync")
            self._findings(county, village)
        with self.phase(7, "The county's commerce programme (sites, enterprises, products, "
                           "training) and its fund records"):
            self._programme(county, opts["seed"])
            self._funds(county)
        with self.phase(8, "The evaluation rounds of the demonstration counties (2020–2022)"):
            made = evaluation_demo.load(county.code, seed=opts["seed"])
            self.stdout.write(f"      {made['rounds']} rounds, {made['published']} results "
                              f"published, {made['open']} evaluations open")
        # --- The consolidation period: help records of the exited households (issue 18) ---
        with self.phase(9, "Help records of the exited households (2019–2021)"):
            self._help(county, opts["seed"])
        # --- end of the consolidation period's block ---
        self.stdout.write(f"\nThe demo is ready in {time.monotonic() - started:.0f} s.")
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
        for username, role, code in users:
            division = Division.objects.get(code=code)
            self.stdout.write(f"  {username:<10} {role:<18} {division.full_name()}")

    def _programme(self, county: Division, seed: int) -> None:
        """The county's commerce programme, imported by its officer through the exchange
        (``ecommerce.demo``), then the certification's and the linkages' own demo data when
        their modules are there (``fupin.ecommerce.demo_products`` / ``demo_linkages``:
        ``generate(county_code=…, seed=…, actor=…)``)."""
        if Programme.objects.filter(division_code=county.code).exists():
            return
        officer = User.objects.get(username="officer")
        outcome = ecommerce_demo.load(county, seed=seed, actor=officer,
                                      folder=settings.VAR_DIR / "demo-ecommerce")
        if not outcome.ok:
            problems = [" ".join(map(str, r)) for r in list(outcome.report.rows())[:5]]
            raise CommandError("the demo programme did not import:\n" + "\n".join(problems))
        self.stdout.write("      " + ", ".join(f"{n:,} {t}" for t, n in outcome.rows.items()))
        for name, what in (("demo_products", "products through certification"),
                           ("demo_linkages", "benefit linkages")):
            try:
                module = import_module(f"fupin.ecommerce.{name}")
            except ModuleNotFoundError as exc:
                if exc.name != f"fupin.ecommerce.{name}":
                    raise
                self.stdout.write(f"      {what}: fupin.ecommerce.{name} is not there; skipped")
                continue
            module.generate(county_code=county.code, seed=seed, actor=officer, year=2021)

    def _funds(self, county: Division) -> None:
        """The county's allocations, projects and payments (``evaluation.demo_funds``),
        imported by its officer through the exchange (once)."""
        if Allocation.objects.filter(county_code=county.code).exists():
            return
        outcome = demo_funds.load(county.code, actor=User.objects.get(username="officer"),
                                  folder=settings.VAR_DIR / "demo-funds")
        if not outcome.ok:
            problems = [" ".join(map(str, r)) for r in list(outcome.report.rows())[:5]]
            raise CommandError("the demo fund records did not import:\n" + "\n".join(problems))
        self.stdout.write("      " + ", ".join(f"{n:,} {t}" for t, n in outcome.rows.items()))

    def _help(self, county: Division, seed: int) -> None:
        """The exited households' help register (``consolidation.demo``), imported by the
        county officer through the exchange (once)."""
        if HelpRecord.objects.filter(Scope.of_code(county.code).q("village_code")).exists():
            return
        outcome = consolidation_demo.load(county.code, seed=seed,
                                          actor=User.objects.get(username="officer"),
                                          folder=settings.VAR_DIR / "demo-help")
        if not outcome.ok:
            problems = [" ".join(map(str, r)) for r in list(outcome.report.rows())[:5]]
            raise CommandError("the demo help records did not import:\n" + "\n".join(problems))
        self.stdout.write(f"      {outcome.rows['help']:,} help records")

    def _findings(self, county: Division, village: Division) -> None:
        """A handful of findings from several sources in several states, so the findings
        inbox, the dashboard and the actions ledger are not empty (once)."""
        if Finding.objects.filter(division_code__startswith=county.code[:6],
                                  source_key="").exists():
            return
        who = {u.username: u for u in User.objects.filter(
            username__in=["officer", "approver", "province", "evaluator", "auditor"])}
        today = timezone.localdate()

        def record(actor, source, title, days_ago, severity="general", **extra):
            return accountability.record_finding(actor=actor, data=accountability.FindingInput(
                source=source, division_code=extra.pop("division", county.code),
                found_on=today - dt.timedelta(days=days_ago),
                responsible_unit=extra.pop("unit", "昭觉县乡村振兴局"),
                category=extra.pop("category", "policy_not_in_place"), severity=severity,
                title=title, **extra))

        def steps(finding, *moves):
            rect = finding.rectification
            for actor, action, note in moves:
                rect = accountability.take_step(actor=who[actor], rectification=rect,
                                                action=action, version=rect.version, note=note)
            return rect

        media = record(who["evaluator"], "media_visit", "村级电商服务站挂牌未运营", 40,
                       outlet="四川日报", unit="昭觉县商务局", category="work_style",
                       description="记者暗访发现三个村级电商服务站长期关门。")
        steps(media, ("officer", "submit_plan", "一周内恢复运营并公示值守人员"),
              ("officer", "claim_completion", "三个服务站已恢复运营"),
              ("evaluator", "verify", "回访属实"))
        notice = accountability.propose_action(
            actor=who["evaluator"], finding=media, kind="notice",
            decision_document="川商通〔2026〕12号", decision_date=today)
        accountability.decide_action(actor=who["province"], action=notice, decision="approve",
                                     version=notice.version)
        audit = record(who["auditor"], "audit", "产业帮扶资金闲置超过一年", 200, "serious",
                       category="fund_misuse", unit="昭觉县财政局")
        steps(audit, ("officer", "submit_plan", "收回闲置资金统筹使用"))
        accountability.propose_action(
            actor=who["auditor"], finding=audit, kind="fund_recovery", amount="350000",
            decision_document="昭审〔2026〕3号", decision_date=today)
        accountability.propose_action(
            actor=who["auditor"], finding=audit, kind="deduction", points="2",
            year=today.year, decision_document="川审〔2026〕7号", decision_date=today)
        inspection = record(who["auditor"], "inspection", "监测对象帮扶措施未落实到户", 20,
                            division=village.code, unit=village.name)
        steps(inspection, ("officer", "submit_plan", "逐户补齐帮扶措施"),
              ("officer", "report_progress", "已补齐 12 户"),
              ("officer", "claim_completion", "全部补齐"))
        record(who["officer"], "hotline_12317", "群众反映低保评定不公", 3, "minor",
               category="poor_service", complainant_name="吉克阿呷",
               complainant_phone="13900001234")
        record(who["evaluator"], "fund_performance", "绩效目标未完成：农产品网销额偏低", 70,
               category="policy_not_in_place", unit="昭觉县商务局", severity="minor")

    def _load_households(self, county: Division, n: int, seed: int) -> None:
        """Generate a synthetic county and load it the way a county would: `fupin import`."""
        folder = settings.VAR_DIR / "demo-snapshot"
        snap = generate(county_code=county.code, villages=village_codes(county.code),
                        households=n, years=[2019, 2020, 2021], seed=seed)
        write_generated(folder, "csv", snap)
        self.stdout.write(summary(snap, [2019, 2020, 2021]))
        report = settings.VAR_DIR / "demo-import-report.csv"
        call_command("import", str(folder), show=5, report=str(report))
        self.stdout.write(problems_summary(report))


    def _earlier_years(self, county: Division, n: int, seed: int) -> None:
        """The county's snapshots of 2019 and 2020 — the 2021 registry as it stood at the end
        of each (``fupin_engine.generate.as_of``: exits, births) — imported the way a county
        would (`fupin import`): an older year writes history only (once)."""
        if HouseholdState.objects.filter(household__village__parent__parent=county,
                                         year=2019).exists():
            return
        snap = generate(county_code=county.code, villages=village_codes(county.code),
                        households=n, years=[2019, 2020, 2021], seed=seed)
        for year in (2019, 2020):
            folder = settings.VAR_DIR / f"demo-snapshot-{year}"
            write_generated(folder, "csv", as_of(snap, year))
            call_command("import", str(folder), show=0,
                         report=str(settings.VAR_DIR / f"demo-import-report-{year}.csv"))


def problems_summary(report) -> str:
    """The import's problems by kind (how many of each, with one example), and where the full
    list is: the synthetic county carries deliberate data-quality findings."""
    kinds: Counter = Counter()
    example: dict[tuple[str, str], str] = {}
    try:
        with open(report, encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                key = (row.get("severity", ""), row.get("code", ""))
                kinds[key] += 1
                example.setdefault(key, f"{row.get('file', '')} row {row.get('row', '')}: "
                                        f"{row.get('message', '')}")
    except OSError:
        return ""
    if not kinds:
        return "The import found no problems."
    lines = [f"The import's problems by kind (all {sum(kinds.values()):,} listed in {report}):"]
    for (severity, code), n in kinds.most_common():
        lines.append(f"  {n:>6,}  {severity} {code}  e.g. {example[(severity, code)]}")
    return "\n".join(lines)
