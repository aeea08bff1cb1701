"""The county report of a third-party assessment: on screen, as XLSX and as an A4 PDF in
Chinese (issue 15 item 3). It states the design (sample sizes, strata, seed, margin, design
effect), the response rate, and each indicator with its estimate, its 95% confidence interval,
the threshold and the verdict in words — never a bare point estimate.

The three forms read the same rows (:meth:`CountyReport.estimate_rows` and the pairs), so
what is printed is what is shown. The caller (the assessment's views) checks the user's region
and audits the download; this module only builds.

    {% include "assessment/_report.html" with report=report %}
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import HttpResponse
from django.utils.translation import gettext

from fupin.assessment.verdicts import STRATA, indicator_word, verdict_word
from fupin.core import pdf
from fupin.core.lists import xlsx_sheets_response
from fupin.core.pdf import Document


def percent(value: float | None, digits: int = 2) -> str:
    """``0.0123`` → ``1.23%``; None → ``—``."""
    return "—" if value is None else f"{value * 100:.{digits}f}%"


def threshold_text(threshold: tuple[str, float]) -> str:
    """``("<", 0.02)`` → ``< 2%``; ``(">=", 0.9)`` → ``≥ 90%``."""
    side, bound = threshold
    sign = "≥" if side == ">=" else side
    return f"{sign} {bound * 100:g}%"


@dataclass
class CountyReport:
    """What the report says; ``estimates`` are the engine's
    :class:`fupin_engine.measures.estimate.Estimate` objects."""

    county_code: str
    county_name: str
    year: int
    seed: int
    #: villages_drawn, households_drawn, strata (stratum → count), margin, deff,
    #: frame_households, frame_villages
    design: dict
    #: interviewed, refused, absent, replaced, response_rate (0..1)
    response: dict
    estimates: list = field(default_factory=list)

    @property
    def title(self) -> str:
        return gettext("Third-party assessment of %(county)s, %(year)s") % {
            "county": self.county_name, "year": self.year}

    def design_pairs(self) -> list[tuple[str, object]]:
        d = self.design
        strata = d.get("strata") or {}
        pairs = [
            (gettext("County"), f"{self.county_name}（{self.county_code}）"),
            (gettext("Year"), self.year),
            (gettext("Published seed"), self.seed),
            (gettext("Villages in the frame"), d.get("frame_villages")),
            (gettext("Households in the frame"), d.get("frame_households")),
            (gettext("Villages drawn (PPS, rural population)"), d.get("villages_drawn")),
            (gettext("Households drawn"), d.get("households_drawn")),
        ]
        pairs += [(str(STRATA.get(name, name)), n) for name, n in strata.items()]
        margin = d.get("margin")
        deff = d.get("deff")
        pairs += [
            (gettext("Target margin of error"),
             "—" if margin is None else f"± {percent(margin)}"),
            (gettext("Design effect assumed"), "—" if deff is None else f"{deff:g}"),
        ]
        return pairs

    def response_pairs(self) -> list[tuple[str, object]]:
        r = self.response
        return [
            (gettext("Interviewed"), r.get("interviewed")),
            (gettext("Refused"), r.get("refused")),
            (gettext("Absent"), r.get("absent")),
            (gettext("Replaced from the advance list"), r.get("replaced")),
            (gettext("Response rate"), percent(r.get("response_rate"), 1)),
        ]

    def estimate_rows(self) -> list[dict]:
        """One row per indicator, in words: estimate, interval, threshold, verdict."""
        out = []
        for e in self.estimates:
            if e.ci_low is None or e.ci_high is None:
                interval = gettext("no interval (fewer than two villages answered)")
            else:
                interval = f"{percent(e.ci_low)} – {percent(e.ci_high)}"
            out.append({
                "indicator": e.indicator, "label": indicator_word(e.indicator),
                "estimate": percent(e.estimate), "interval": interval,
                "threshold": threshold_text(e.threshold), "sampled": e.sampled,
                "verdict": e.verdict, "verdict_word": verdict_word(e.verdict),
                "values": (e.estimate, e.ci_low, e.ci_high),
            })
        return out

    @staticmethod
    def method_note() -> str:
        return gettext(
            "Each rate is estimated from the sample with design weights and given with its "
            "95%% confidence interval (Taylor linearisation over the sampled villages). A rate "
            "passes when the whole interval lies on the passing side of the threshold, fails "
            "when the whole interval lies on the failing side, and is undecided when the "
            "interval straddles the threshold.") % {}


def _estimate_header() -> list[str]:
    return [gettext("Indicator"), gettext("Estimate"), gettext("95%% confidence interval") % {},
            gettext("Threshold"), gettext("Households asked"), gettext("Verdict")]


def xlsx_response(report: CountyReport, filename: str) -> HttpResponse:
    """The report as a workbook: the estimates (numbers in percent, full interval), the design
    and the response, one sheet each."""
    # Per cent signs are doubled (and ``% {}`` undoes it): the msgids are python-format, as
    # the template's {% translate %} makes its own.
    header = [gettext("Indicator"), gettext("Estimate (%%)") % {},
              gettext("95%% interval, lower bound (%%)") % {},
              gettext("95%% interval, upper bound (%%)") % {},
              gettext("Threshold"), gettext("Households asked"), gettext("Verdict")]

    def pct(value):
        return None if value is None else round(value * 100, 4)

    rows = [[r["label"], *(pct(v) for v in r["values"]), r["threshold"], r["sampled"],
             r["verdict_word"]] for r in report.estimate_rows()]
    pair_header = [gettext("Item"), gettext("Value")]
    return xlsx_sheets_response(filename, [
        (gettext("Estimates"), header, rows),
        (gettext("Design"), pair_header, report.design_pairs()),
        (gettext("Response"), pair_header, report.response_pairs()),
    ])


def document(report: CountyReport, *, user: str = "") -> Document:
    """The report as a printable document (see :mod:`fupin.core.pdf`)."""
    doc = Document(report.title, user=user, subtitle=gettext(
        "County %(code)s, seed %(seed)s") % {"code": report.county_code, "seed": report.seed})
    doc.heading(gettext("Sampling design")).keyvalues(report.design_pairs())
    doc.heading(gettext("Response")).keyvalues(report.response_pairs())
    doc.heading(gettext("Estimates and verdicts"))
    doc.table(_estimate_header(),
              [[r["label"], r["estimate"], r["interval"], r["threshold"], r["sampled"],
                r["verdict_word"]] for r in report.estimate_rows()],
              widths=[2.2, 1.2, 2.4, 1, 1.1, 2.4], align="lrrrrl")
    doc.paragraph(report.method_note(), small=True)
    return doc


def pdf_response(report: CountyReport, filename: str, *, user: str = "") -> HttpResponse:
    """The report as an A4 PDF in the user's language (Chinese first)."""
    return pdf.pdf_response(document(report, user=user), filename)
