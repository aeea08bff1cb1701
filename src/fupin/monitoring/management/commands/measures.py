"""``fupin measures fgt|af``: poverty measures of a snapshot by division (issue 15)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from fupin.monitoring.policy import default_pack_name
from fupin_engine.measures import MeasureError
from fupin_engine.measures import af as af_measure
from fupin_engine.measures import fgt as fgt_measure
from fupin_engine.measures.frame import write_rows
from fupin_engine.measures.relations import LEVELS
from fupin_engine.policy.loader import PolicyError, load_pack, resolve_parameters


def pack_line(year: int) -> float:
    """The default pack's ``poverty_line`` for ``year``."""
    return resolve_parameters(load_pack(default_pack_name()), year)["poverty_line"]


class Command(BaseCommand):
    help = ("Poverty measures of a snapshot by division: `fgt` (P0, P1, P2) or `af` "
            "(Alkire–Foster H, A, M0). Writes CSV with one row per division and a row total.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="measure", required=True)
        for name, text in (("fgt", "Foster–Greer–Thorbecke P0, P1, P2"),
                           ("af", "Alkire–Foster H, A, M0")):
            p = sub.add_parser(name, help=text)
            p.add_argument("--snapshot", type=Path, required=True,
                           help="a snapshot v1 folder (CSV or Parquet)")
            p.add_argument("--year", type=int, required=True)
            p.add_argument("--line", default=None,
                           help="yuan per person per year; default: the pack's poverty_line")
            p.add_argument("--by", choices=list(LEVELS), default="county")
            p.add_argument("--out", type=Path, required=True, help="the CSV to write")
            p.add_argument("--engine", choices=["duckdb", "spark"], default="duckdb")
            if name == "af":
                p.add_argument("--k", type=float, required=True,
                               help="poverty cut-off: weighted deprivations (1 … d)")
                p.add_argument("--dimensions", default=",".join(af_measure.DIMENSIONS),
                               help="comma-separated: " + ",".join(af_measure.DIMENSIONS))

    def handle(self, *args, **opts):
        try:
            line = opts["line"] if opts["line"] is not None else pack_line(opts["year"])
            if opts["measure"] == "fgt":
                rows = fgt_measure.fgt(opts["snapshot"], opts["year"], line, by=opts["by"],
                                       engine=opts["engine"])
                columns = fgt_measure.COLUMNS
            else:
                dims = [d.strip() for d in opts["dimensions"].split(",") if d.strip()]
                rows = af_measure.af(opts["snapshot"], opts["year"], line, opts["k"],
                                     dimensions=dims, by=opts["by"], engine=opts["engine"])
                columns = af_measure.COLUMNS
        except (MeasureError, PolicyError) as exc:
            raise CommandError(str(exc)) from exc
        write_rows(columns, (r.values() for r in rows), opts["out"])
        self.stdout.write(_("%(rows)d division(s) and the total written to %(path)s (line "
                            "%(line)s yuan)") % {"rows": len(rows) - 1, "path": opts["out"],
                                                 "line": line})
