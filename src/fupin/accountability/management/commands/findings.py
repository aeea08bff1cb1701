from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from fupin.accountability import services
from fupin.accountability.models import Finding
from fupin.core.access import Scope, in_scope
from fupin.core.errors import ValidationFailed
from fupin.core.exchange import guard
from fupin.monitoring.models import MonitoringRun
from fupin.regions.models import Division

COLUMNS = ("finding", "source", "found_on", "division_code", "responsible_unit", "category",
           "severity", "title", "state", "deadline", "overdue", "closed_on_time")


class Command(BaseCommand):
    help = ("Findings. `list [--state S] [--division CODE] --format csv|json`; `sync [--run ID]` "
            "opens findings for the data checks of a monitoring run (default: the latest); "
            "`sync --integrity FILE.csv --year Y` for the divisions `fupin integrity bunching` "
            "flagged. Syncs are idempotent.")

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["sync", "list"])
        parser.add_argument("--run", type=int)
        parser.add_argument("--integrity", type=Path)
        parser.add_argument("--year", type=int)
        parser.add_argument("--state")
        parser.add_argument("--division", default="")
        parser.add_argument("--format", choices=["csv", "json"], default="csv")

    def handle(self, *args, **opts):
        if opts["action"] == "sync":
            self._sync(opts)
            return
        findings = Finding.objects.select_related("rectification").order_by("division_code",
                                                                             "pk")
        if opts["state"]:
            findings = findings.filter(rectification__state=opts["state"])
        # An operator's command line sees the whole nation unless told a division.
        where = Scope.nation()
        if opts["division"]:
            division = Division.objects.filter(code=opts["division"].ljust(12, "0")).first()
            if division is None:
                raise CommandError(f"unknown division {opts['division']}")
            where = Scope.of_division(division.code, division.level)
        now = timezone.now()
        rows = []
        for f in in_scope(findings, where):
            rect = f.rectification
            rows.append({
                "finding": f.pk, "source": f.source, "found_on": f.found_on.isoformat(),
                "division_code": f.division_code, "responsible_unit": f.responsible_unit,
                "category": f.category, "severity": f.severity, "title": f.title,
                "state": rect.state, "deadline": rect.deadline.isoformat(),
                "overdue": bool(not rect.closed and rect.due_at and rect.due_at < now),
                "closed_on_time": rect.on_time})
        if opts["format"] == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1))
            return
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        # Spreadsheet-safe like every export (OWASP CSV injection): the one guard.
        writer.writerows({k: guard(v) if isinstance(v, str) else v for k, v in r.items()}
                         for r in rows)
        self.stdout.write(buf.getvalue(), ending="")

    def _sync(self, opts):
        try:
            if opts["integrity"]:
                if not opts["year"]:
                    raise CommandError("--integrity needs --year")
                with opts["integrity"].open(encoding="utf-8-sig", newline="") as fh:
                    counts = services.sync_integrity(rows=list(csv.DictReader(fh)),
                                                     year=opts["year"])
            else:
                run = None
                if opts["run"]:
                    run = MonitoringRun.objects.filter(pk=opts["run"]).first()
                    if run is None:
                        raise CommandError(f"no run {opts['run']}")
                counts = services.sync_from_run(actor="system:cli", run=run)
        except (ValidationFailed, OSError) as exc:
            raise CommandError(f"{opts['integrity'] or 'sync'}: {exc}") from exc
        self.stdout.write(f"findings opened {counts['opened']}, already open "
                          f"{counts['already']}")
