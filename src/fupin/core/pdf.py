"""A4 PDF documents in Chinese, for reports that are printed, signed and filed (ADR 0039).

The printed HTML pages (``print_base.html``) serve the browser; a PDF is for what leaves the
system as a file — an assessment's county report, later evaluation scorecards and case prints.
It is built with reportlab and its built-in CID font ``STSong-Light`` (Adobe-GB1, encoding
``UniGB-UCS2-H``): the font is *named* in the PDF, not embedded, and every PDF reader brings an
Adobe-GB1 song typeface of its own or substitutes one (Acrobat, pdf.js, poppler through
fontconfig). So nothing is downloaded at run time and we ship no font file; the text stays
real text (searchable, copyable, read back by pypdf in the tests).

A document is a title and a list of blocks::

    doc = Document(_("County report"), user=request.user.get_username())
    doc.heading(_("Design"))
    doc.keyvalues([(_("Seed"), 20260301), (_("Villages drawn"), 27)])
    doc.table([_("Indicator"), _("Estimate")], rows, widths=[3, 1], align="lr")
    return pdf_response(doc, "report-513431")

Text must be in the Adobe-GB1 character collection (GB 18030's Chinese, ASCII, Chinese
punctuation): a character a reader cannot map prints as a box (the middle dot U+00B7 did
under poppler in our check) — write "，" or "、" instead.

Every page carries a footer: when it was generated, for whom, and "page n of N". Text is
escaped (reportlab's paragraphs read a little markup) and wraps between Chinese characters;
a table's header row repeats on every page it runs onto.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from functools import cache
from xml.sax.saxutils import escape

from django.http import HttpResponse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

FONT = "STSong-Light"
MARGIN = 18 * mm
PDF = "application/pdf"


@cache
def _font() -> str:
    """Register the CID font once per process (reportlab keeps a global registry)."""
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


@cache
def _styles() -> dict[str, ParagraphStyle]:
    font = _font()
    base = ParagraphStyle("body", fontName=font, fontSize=10.5, leading=15,
                          wordWrap="CJK", alignment=TA_LEFT)
    return {
        "title": ParagraphStyle("title", parent=base, fontSize=17, leading=24,
                                spaceAfter=4 * mm, alignment=1),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=11, leading=16,
                                   spaceAfter=4 * mm, alignment=1, textColor=colors.dimgrey),
        "heading": ParagraphStyle("heading", parent=base, fontSize=13, leading=19,
                                  spaceBefore=4 * mm, spaceAfter=2 * mm),
        "body": ParagraphStyle("body2", parent=base, spaceAfter=2 * mm),
        "small": ParagraphStyle("small", parent=base, fontSize=9, leading=13,
                                textColor=colors.dimgrey, spaceAfter=2 * mm),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9.5, leading=13),
        "cell-right": ParagraphStyle("cell-right", parent=base, fontSize=9.5, leading=13,
                                     alignment=TA_RIGHT),
        "head": ParagraphStyle("head", parent=base, fontSize=9.5, leading=13),
    }


def text_of(value) -> str:
    """A cell's text: empty for None, dates as ISO dates, everything else as words."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return force_str(value)


def _para(value, style: ParagraphStyle) -> Paragraph:
    # Escaped: a name such as "A&B<村>" is text, not markup; line breaks are kept.
    return Paragraph(escape(text_of(value)).replace("\n", "<br/>"), style)


class Document:
    """A printable document: a title, then headings, paragraphs, key–value blocks and tables
    in the order they are added. ``render()`` gives the PDF's bytes."""

    def __init__(self, title: str, *, user: str = "", subtitle: str = "",
                 generated: dt.datetime | None = None) -> None:
        self.title = force_str(title)
        self.subtitle = force_str(subtitle)
        self.user = force_str(user)
        self.generated = generated or timezone.now()
        self._blocks: list = []

    def heading(self, text: str) -> Document:
        self._blocks.append(_para(text, _styles()["heading"]))
        return self

    def paragraph(self, text: str, *, small: bool = False) -> Document:
        self._blocks.append(_para(text, _styles()["small" if small else "body"]))
        return self

    def spacer(self, height_mm: float = 3) -> Document:
        self._blocks.append(Spacer(1, height_mm * mm))
        return self

    def keyvalues(self, pairs: Iterable[tuple[str, object]]) -> Document:
        """Label–value lines as a two-column grid (labels a third of the width)."""
        s = _styles()
        rows = [[_para(label, s["head"]), _para(value, s["cell"])] for label, value in pairs]
        if rows:
            width = A4[0] - 2 * MARGIN
            table = Table(rows, colWidths=[width / 3, width * 2 / 3], hAlign="LEFT")
            table.setStyle(TableStyle([
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f2f2f2")),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]))
            self._blocks.append(table)
            self._blocks.append(Spacer(1, 2 * mm))
        return self

    def table(self, header: Sequence, rows: Iterable[Sequence], *,
              widths: Sequence[float] | None = None, align: str | None = None) -> Document:
        """A table whose cells wrap and whose header repeats on every page. ``widths`` are
        relative (``[3, 1, 1]``: the first column three times as wide); ``align`` one letter
        per column, ``l`` or ``r`` (numbers right)."""
        s = _styles()
        n = len(header)
        align = (align or "l" * n).ljust(n, "l")
        styles = [s["cell-right"] if a == "r" else s["cell"] for a in align]
        body = [[_para(h, s["head"]) for h in header]]
        for row in rows:
            body.append([_para(v, styles[i]) for i, v in enumerate(row)])
        full = A4[0] - 2 * MARGIN
        weights = list(widths) if widths else [1] * n
        total = float(sum(weights))
        table = Table(body, colWidths=[full * w / total for w in weights], repeatRows=1,
                      hAlign="LEFT")
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]))
        self._blocks.append(table)
        self._blocks.append(Spacer(1, 2 * mm))
        return self

    def footer_text(self) -> str:
        when = timezone.localtime(self.generated) if timezone.is_aware(self.generated) \
            else self.generated
        return gettext("Generated %(time)s by %(user)s") % {
            "time": when.strftime("%Y-%m-%d %H:%M"), "user": self.user or "fupin"}

    def render(self) -> bytes:
        s = _styles()
        buffer = io.BytesIO()
        template = SimpleDocTemplate(
            buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
            bottomMargin=MARGIN + 6 * mm, title=self.title, author=self.user,
            creator="fupin", subject=self.subtitle)
        story = [_para(self.title, s["title"])]
        if self.subtitle:
            story.append(_para(self.subtitle, s["subtitle"]))
        story.extend(self._blocks)
        footer = self.footer_text()
        template.build(story, canvasmaker=lambda *a, **kw: _FooterCanvas(*a, footer=footer,
                                                                         **kw))
        return buffer.getvalue()


class _FooterCanvas(canvas.Canvas):
    """Draws the footer once the page count is known ("page n of N" needs the last page):
    pages are kept until ``save`` and then drawn with the total."""

    def __init__(self, *args, footer: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._draw_footer(number, total)
            super().showPage()
        super().save()

    def _draw_footer(self, number: int, total: int) -> None:
        self.saveState()
        self.setFont(_font(), 8.5)
        self.setFillColor(colors.dimgrey)
        y = MARGIN - 4 * mm
        self.drawString(MARGIN, y, self._footer)
        self.drawRightString(A4[0] - MARGIN, y, gettext("page %(n)s of %(total)s") % {
            "n": number, "total": total})
        self.restoreState()


def pdf_response(document: Document, filename: str, *, inline: bool = False) -> HttpResponse:
    """The document as a download (``filename`` without ``.pdf``; ASCII, it goes in a
    header)."""
    response = HttpResponse(document.render(), content_type=PDF)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}.pdf"'
    return response
