from __future__ import annotations

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from tqdm import tqdm

from fupin.core.errors import ValidationFailed
from fupin.households.importer import run_import
from fupin.regions.models import Division


class Command(BaseCommand):
    help = ("Import a snapshot (folder of CSV or Parquet files, or an .xlsx workbook). Every "
            "row is checked first; any error and nothing is written (exit 1). Re-importing the "
            "same data changes nothing.")
    leave_locale_alone = True

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--report", type=Path,
                            help="write every problem to this CSV (file,row,column,value,"
                                 "severity,code,message)")
        parser.add_argument("--dry-run", action="store_true", help="validate only")
        parser.add_argument("--division", default="",
                            help="refuse rows outside this division (code)")
        parser.add_argument("--show", type=int, default=50,
                            help="print at most this many problems (default 50)")
        parser.add_argument("--lang", default=settings.LANGUAGE_CODE,
                            help="language of the messages (zh-hans or en)")

    def handle(self, *args, **opts):
        translation.activate(opts["lang"])
        prefix = None
        if opts["division"]:
            division = Division.objects.filter(code=opts["division"].ljust(12, "0")).first()
            if division is None:
                raise CommandError(f"unknown division {opts['division']}")
            prefix = division.prefix
        bar = tqdm(unit=" rows", disable=None, file=sys.stderr)
        state = {"phase": None, "done": 0}

        def progress(phase: str, done: int) -> None:
            if phase != state["phase"]:
                state.update(phase=phase, done=0)
                bar.set_description(phase)
                if bar.disable:  # not a terminal (a log, a pipe): one line per phase
                    self.stderr.write(f"{phase} …")
                    self.stderr.flush()
            bar.update(done - state["done"])
            state["done"] = done

        try:
            outcome = run_import(opts["path"], actor="system:cli", prefix=prefix,
                                 dry_run=opts["dry_run"], progress=progress)
        except ValidationFailed as exc:
            raise CommandError(str(exc)) from exc
        finally:
            bar.close()
        report = outcome.report
        try:
            if opts["report"]:
                report.write_csv(opts["report"])
            show = opts["show"]
            for file, row, column, value, severity, code, message in report.first[:show]:
                self.stderr.write(f"{file} row {row} column {column} [{severity} {code}] "
                                  f"{message}" + (f" (value: {value})" if value else ""))
            if report.errors + report.warnings > show:
                self.stderr.write(f"… {report.errors + report.warnings - show} more problems"
                                  + ("; see --report" if not opts["report"] else
                                     f" in {opts['report']}"))
            rows = ", ".join(f"{t} {n}" for t, n in outcome.rows.items())
            self.stdout.write(f"read {rows}; {report.errors} errors, {report.warnings} warnings")
            if not outcome.ok:
                raise CommandError("import refused: nothing was written (fix the errors above)",
                                   returncode=1)
            if outcome.counts is None:
                self.stdout.write("dry run: nothing written")
                return
            c = outcome.counts
            self.stdout.write(self.style.SUCCESS(
                f"imported: households {c.households_new} new, {c.households_changed} changed, "
                f"{c.households_unchanged} unchanged; members {c.members_new} new, "
                f"{c.members_changed} changed, {c.members_removed} removed; economy "
                f"{c.economy_new} new, {c.economy_changed} changed; "
                f"{c.audit_records} audit records"))
        finally:
            report.close()
