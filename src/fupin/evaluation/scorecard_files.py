"""A county scorecard as files: an XLSX workbook and an A4 PDF in Chinese (issue 13 item 6).

Both read the same :class:`~fupin.evaluation.services.scorecards.Scorecard` as the screen, so
what is printed is what is shown: the head (county, year, system version, total, grade, rank
with its stability, change against last year, consequence), the modules, and every indicator
with its value, where the value came from, points of max, the change in points, the flag and
the evidence files. The caller (the view) checks the region and writes the ledger line.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext

from fupin.core import pdf
from fupin.core.lists import xlsx_sheets_response
from fupin.core.pdf import Document


def module_header() -> list[str]:
    return [gettext("Module"), gettext("Points scored"), gettext("Maximum"),
            gettext("Last year"), gettext("Change")]


def indicator_header() -> list[str]:
    return [gettext("Module"), gettext("Indicator"), gettext("Value"),
            gettext("Value used"), gettext("Points scored"), gettext("Maximum"),
            gettext("Change"), gettext("Flagged value"), gettext("Evidence files")]


def xlsx_response(card, filename: str) -> HttpResponse:
    """The scorecard as a workbook: the head, the modules and the indicators, one sheet each
    (points and values as numbers; a share as its fraction, as the system states it)."""
    modules = [[m.name, m.points, m.max, m.previous, m.change] for m in card.modules]
    lines = [[ln.module_name, ln.name, ln.value, ln.source_word,
              -ln.points if ln.kind == "deduction" else ln.points, ln.max, ln.change,
              ln.flagged, ln.evidence_text] for ln in card.lines]
    header = indicator_header()
    header[2] = gettext("Value (as stated in the system)")
    header.insert(3, gettext("Unit"))
    for row, ln in zip(lines, card.lines, strict=True):
        row.insert(3, ln.unit)
    return xlsx_sheets_response(filename, [
        (gettext("Scorecard"), [gettext("Item"), gettext("Value")], card.summary_pairs()),
        (gettext("Modules"), module_header(), modules),
        (gettext("Indicators"), header, lines),
    ])


def document(card, *, user: str = "") -> Document:
    """The scorecard as a printable A4 document (see :mod:`fupin.core.pdf`)."""
    doc = Document(card.title, user=user, subtitle=card.system_text)
    doc.keyvalues(card.summary_pairs())
    doc.heading(gettext("Modules"))
    doc.table(module_header(), [[m.name, m.points, m.max, m.previous, m.change_text]
                                for m in card.modules],
              widths=[3, 1, 1, 1, 1], align="lrrrr")
    doc.heading(gettext("Indicators"))
    yes = gettext("Yes")
    doc.table(indicator_header(),
              [[ln.module_name, ln.name, ln.value_text, ln.source_word, ln.points_text,
                ln.max, ln.change_text, yes if ln.flagged else "", ln.evidence_text]
               for ln in card.lines],
              widths=[1.6, 3, 1.3, 1.2, 0.9, 0.9, 0.9, 0.8, 2], align="llrlrrrll")
    doc.paragraph(gettext(
        "The score uses the verified value, else the value computed from fupin's own data, "
        "else the value the county submitted. A flagged value was submitted differently from "
        "the computed one beyond the indicator's tolerance. The rank's range is how far it "
        "moves when every indicator's weight moves by up to 10%% (published seed %(seed)s).")
        % {"seed": card.stability.get("seed", "—")}, small=True)
    return doc


def pdf_response(card, filename: str, *, user: str = "") -> HttpResponse:
    """The scorecard as an A4 PDF in the user's language (Chinese first)."""
    return pdf.pdf_response(document(card, user=user), filename)
