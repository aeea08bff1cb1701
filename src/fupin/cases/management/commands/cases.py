from __future__ import annotations

import csv
import io
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from fupin.cases import services
from fupin.cases.models import Case
from fupin.core.access import Scope, in_scope
from fupin.core.errors import ValidationFailed
from fupin.core.exchange import guard
from fupin.monitoring.models import MonitoringRun
from fupin.regions.models import Division

COLUMNS = ("case", "household_id", "village_code", "category", "risk_types", "state",
           "channel", "opened", "due", "overdue")


class Command(BaseCommand):
    help = ("Cases. `sync [--run ID]` opens a case (or attaches an alert) for every monitoring "
            "object of a run (default: the latest); `list [--state S] [--division CODE] "
            "--format csv|json`.")

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["sync", "list"])
        parser.add_argument("--run", type=int)
        parser.add_argument("--state")
        parser.add_argument("--division", default="")
        parser.add_argument("--format", choices=["csv", "json"], default="csv")

    def handle(self, *args, **opts):
        if opts["action"] == "sync":
            run = None
            if opts["run"]:
                run = MonitoringRun.objects.filter(pk=opts["run"]).first()
                if run is None:
                    raise CommandError(f"no run {opts['run']}")
            try:
                counts = services.sync_from_run(actor="system:cli", run=run)
            except ValidationFailed as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(f"cases opened {counts['opened']}, alerts attached "
                              f"{counts['attached']}, already recorded {counts['unchanged']}")
            return
        cases = Case.objects.select_related("household").order_by("village_code", "pk")
        if opts["state"]:
            cases = cases.filter(state=opts["state"])
        # An operator's command line sees the whole nation unless told a division, and says so
        # explicitly (never an empty prefix).
        where = Scope.nation()
        if opts["division"]:
            division = Division.objects.filter(code=opts["division"].ljust(12, "0")).first()
            if division is None:
                raise CommandError(f"unknown division {opts['division']}")
            where = Scope.of_division(division.code, division.level)
        cases = in_scope(cases, where)
        now = timezone.now()
        rows = [{"case": c.pk, "household_id": c.household.household_id,
                 "village_code": c.village_code, "category": c.category,
                 "risk_types": c.risk_types, "state": c.state, "channel": c.channel,
                 "opened": c.opened_at.date().isoformat(),
                 "due": c.due_at.date().isoformat() if c.due_at else "",
                 "overdue": bool(c.due_at and c.due_at < now)} for c in cases]
        if opts["format"] == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1))
        else:
            buf = io.StringIO()
            writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
            writer.writeheader()
            # Spreadsheet-safe like every export (OWASP CSV injection): the one guard.
            writer.writerows({k: guard(v) if isinstance(v, str) else v for k, v in r.items()}
                             for r in rows)
            self.stdout.write(buf.getvalue(), ending="")
