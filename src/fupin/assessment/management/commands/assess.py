"""``fupin assess sample|estimate``: the assessment's sample and its estimates (issue 15)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from fupin.assessment.verdicts import VERDICTS
from fupin_engine.measures import MeasureError
from fupin_engine.measures.estimate import INDICATORS, estimate, read_results, write_estimates
from fupin_engine.measures.frame import county_totals, households_of, read_frame
from fupin_engine.measures.sampling import draw, read_sample, write_sample


class Command(BaseCommand):
    help = ("Third-party assessment: `sample` draws a county's two-stage sample with a "
            "published seed; `estimate` gives each rate with its 95% interval.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        s = sub.add_parser("sample", help="draw the sample of one county")
        s.add_argument("--snapshot", type=Path, required=True)
        s.add_argument("--county", required=True, help="6-digit county code")
        s.add_argument("--villages", type=int, default=None, help="default 25–29")
        s.add_argument("--households", type=int, default=None, help="default 1,400–2,000")
        s.add_argument("--seed", type=int, required=True, help="the published seed")
        s.add_argument("--out", type=Path, required=True, help="sample.csv to write")
        s.add_argument("--replacements", type=Path, default=None,
                       help="also write the ordered replacement households here")
        e = sub.add_parser("estimate", help="estimate the rates from the field results")
        e.add_argument("--snapshot", type=Path, required=True)
        e.add_argument("--sample", type=Path, required=True)
        e.add_argument("--results", type=Path, required=True)
        e.add_argument("--out", type=Path, required=True)

    def handle(self, *args, **opts):
        try:
            if opts["action"] == "sample":
                self._sample(opts)
            else:
                self._estimate(opts)
        except MeasureError as exc:
            raise CommandError(str(exc)) from exc

    def _sample(self, opts):
        county = opts["county"]
        if len(county) != 6 or not county.isdigit():
            raise CommandError(_("--county: a 6-digit county code, not %(value)s")
                               % {"value": county})
        frame = read_frame(opts["snapshot"], county)
        sample = draw(frame, county=county, seed=opts["seed"], villages=opts["villages"],
                      households=opts["households"])
        sample.write(opts["out"])
        if opts["replacements"]:
            write_sample([h for queue in sample.replacements.values() for h in queue],
                         opts["replacements"])
        self.stdout.write(_("%(households)d households in %(villages)d villages drawn with "
                            "seed %(seed)d; written to %(path)s") % {
            "households": len(sample.households), "villages": len(sample.villages_drawn),
            "seed": opts["seed"], "path": opts["out"]})

    def _estimate(self, opts):
        sample = read_sample(opts["sample"])
        county = sample[0].village_code[:6]
        frame = read_frame(opts["snapshot"], county)
        households = households_of(frame)
        results = read_results(opts["results"], sample, households)
        population, poor = county_totals(frame)
        rows = estimate(sample, results, households, population=population,
                        registered_poor=poor)
        write_estimates([r for r in rows if r.indicator in INDICATORS], opts["out"])
        for r in rows:
            if r.estimate is None:
                continue
            self.stdout.write(f"{r.indicator}: {r.estimate:.4f} "
                              f"[{_fmt(r.ci_low)}, {_fmt(r.ci_high)}] "
                              f"{r.threshold[0]} {r.threshold[1]:.0%} → {VERDICTS[r.verdict]}")


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.4f}"
