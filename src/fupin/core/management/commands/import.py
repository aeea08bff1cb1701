from __future__ import annotations

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from tqdm import tqdm

from fupin.core import datasets
from fupin.core.access import Scope
from fupin.core.errors import DomainError


class Command(BaseCommand):
    help = ("Import a dataset (folder of CSV or Parquet files, or an .xlsx workbook; the "
            "registry snapshot by default). Every row is checked first; any error and nothing "
            "is written (exit 1). Re-importing the same data changes nothing.")
    leave_locale_alone = True

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--report", type=Path,
                            help="write every problem to this CSV (file,row,column,value,"
                                 "severity,code,message)")
        parser.add_argument("--dry-run", action="store_true", help="validate only")
        parser.add_argument("--dataset", default=datasets.DEFAULT,
                            help="the dataset (default: %(default)s)")
        parser.add_argument("--division", default="",
                            help="refuse rows outside this division (12-digit code); the "
                                 "whole nation when absent")
        parser.add_argument("--show", type=int, default=50,
                            help="print at most this many problems (default 50)")
        parser.add_argument("--lang", default=settings.LANGUAGE_CODE,
                            help="language of the messages (zh-hans or en)")

    def handle(self, *args, **opts):
        translation.activate(opts["lang"])
        try:
            dataset = datasets.get(opts["dataset"])
            scope = (Scope.of_code(opts["division"].ljust(12, "0")) if opts["division"]
                     else Scope.nation())
        except (DomainError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
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
            outcome = dataset.run_import(opts["path"], actor="system:cli", scope=scope,
                                         dry_run=opts["dry_run"], progress=progress)
        except DomainError as exc:
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
            self.stdout.write(self.style.SUCCESS(_summary(outcome.counts)))
        finally:
            report.close()


def _summary(counts: dict[str, int]) -> str:
    """``imported: households 3 new, 0 changed, …; audit_records 7`` from ``table_what``
    counts (grouped by the part before the last underscore)."""
    groups: dict[str, list[str]] = {}
    for key, n in counts.items():
        table, _, what = key.rpartition("_")
        if not table:
            table, what = key, ""
        groups.setdefault(table, []).append(f"{n} {what}".strip())
    parts = [f"{table} {', '.join(items)}" for table, items in groups.items()]
    return "imported: " + "; ".join(parts)
