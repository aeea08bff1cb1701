from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fupin_engine.integrity.data import IntegrityInputError, variables
from fupin_engine.integrity.report import DEFAULT_LINE, DEFAULT_POLICY, bunching_csv
from fupin_engine.policy.loader import PolicyError


class Command(BaseCommand):
    help = ("Integrity analytics over a snapshot. `bunching --snapshot DIR --year Y [--line Z] "
            "[--by county|township|village] --out F.csv` writes "
            "division,households,excess,p_value,flagged (flagged after Benjamini–Hochberg at "
            "--fdr, default 0.05). See docs/integrity.md.")

    def add_arguments(self, parser):
        parser.add_argument("test", choices=["bunching"])
        parser.add_argument("--snapshot", type=Path, required=True,
                            help="a snapshot v1 folder (CSV/Parquet)")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--line", type=float, default=None,
                            help="the threshold (default: the pack's --line-parameter)")
        parser.add_argument("--by", choices=["county", "township", "village"],
                            default="county")
        parser.add_argument("--out", type=Path, required=True, help="output file (.csv)")
        parser.add_argument("--fdr", type=float, default=0.05,
                            help="false discovery rate across divisions (default 0.05)")
        parser.add_argument("--variable", choices=variables(), default=variables()[0],
                            help="the running variable (default per_capita_income)")
        parser.add_argument("--policy", default=DEFAULT_POLICY)
        parser.add_argument("--line-parameter", default=DEFAULT_LINE,
                            help="the pack parameter giving the line (monitoring_line, "
                                 "poverty_line)")
        parser.add_argument("--province", default=None, help="2-digit province code")

    def handle(self, *args, **opts):
        if opts["out"].suffix != ".csv":
            raise CommandError("--out must end in .csv")
        if not 0 < opts["fdr"] < 1:
            raise CommandError("--fdr is between 0 and 1")
        try:
            report = bunching_csv(
                opts["snapshot"], opts["year"], opts["out"], line=opts["line"], by=opts["by"],
                fdr=opts["fdr"], variable=opts["variable"], policy=opts["policy"],
                parameter=opts["line_parameter"], province=opts["province"])
        except (PolicyError, IntegrityInputError, FileNotFoundError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"line {report.line:g}: {len(report.signals)} {opts['by']} "
                          f"division(s), {report.flagged} flagged; wrote {opts['out']}")
