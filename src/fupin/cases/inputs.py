"""Checking what users send to the case screens and API before any service sees it.

Limits are the models' (ADR 0019); a value out of bounds is refused naming its field (and row
and column for department feeds), never stored and never a 500.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fupin.cases.models import KIND_MAX
from fupin.core.errors import ValidationFailed
from fupin.core.exchange import amount_text, decode_text
from fupin.core.limits import parse_amount

#: Text limits of free-text inputs (characters).
DEPARTMENT_MAX = 80  # the alert's source is "<department>:<date>", at most 100
DESCRIPTION_MAX = 2000
NOTE_MAX = 5000
FEED_MAX_BYTES = 5 * 1024 * 1024
FEED_MAX_ROWS = 20_000
FEED_FIELD_MAX = 200


def amount(value: Any, field: str, *, minimum: Decimal | int | None = 0) -> Decimal | None:
    """An optional amount from a form or API body (see ``core.limits.parse_amount``)."""
    return parse_amount(value, field, minimum=minimum)


def text(value: Any, field: str, *, max_length: int, required: bool = False) -> str:
    """A stripped text no longer than ``max_length``."""
    out = "" if value is None else str(value).strip()
    if required and not out:
        raise ValidationFailed(f"{field}: " + _("a value is required"),
                               {field: _("a value is required")})
    if len(out) > max_length:
        message = _("longer than %(max)s characters") % {"max": max_length}
        raise ValidationFailed(f"{field}: {message}", {field: message})
    return out


#: The columns of a department feed, in words; a file may head them with the English name
#: or any of the Chinese names (docs/formats/department-feed.md).
FEED_COLUMNS = {
    "household_id": gettext_lazy("household number"),
    "id_number": gettext_lazy("identity number"),
    "alert_type": gettext_lazy("alert type"),
    "date": gettext_lazy("date"),
    "amount": gettext_lazy("amount (yuan)"),
}
FEED_HEADERS = {
    "户编号": "household_id", "户号": "household_id", "家庭编号": "household_id",
    "身份证号": "id_number", "身份证号码": "id_number", "证件号码": "id_number",
    "预警类型": "alert_type", "类型": "alert_type", "风险类型": "alert_type",
    "日期": "date", "预警日期": "date", "发生日期": "date",
    "金额": "amount", "金额（元）": "amount", "金额(元)": "amount", "费用": "amount",
}
#: Where a feed row came from: its line in the file (the header is line 1).
LINE = "_line"


def _where(row: int, column: str | None = None, file: str = "") -> str:
    """"feed.csv，第 3 行，“金额（元）”列" — as the clerk sees the file."""
    place = _("row %(row)s") % {"row": row}
    if column:
        place += _(", column “%(column)s”") % {"column": FEED_COLUMNS.get(column, column)}
    return _("%(file)s, %(place)s") % {"file": file, "place": place} if file else place


def decode_feed(raw: bytes, display: str = "feed.csv") -> list[dict[str, str]]:
    """The rows of an uploaded feed CSV: UTF-8 with or without BOM, or GB18030/GBK (what
    Excel and WPS save on Chinese Windows) — the exchange's rule; headers in English or
    Chinese (``FEED_HEADERS``). Each row keeps its line in the file (``LINE``)."""
    if len(raw) > FEED_MAX_BYTES:
        raise ValidationFailed(_("the file is larger than %(mb)s MB") % {
            "mb": FEED_MAX_BYTES // (1024 * 1024)}, {"file": "too large"})
    content = decode_text(raw, display)
    try:
        reader = csv.reader(io.StringIO(content, newline=""))
        headers = [FEED_HEADERS.get(h.strip(), h.strip()) for h in next(reader, [])]
        rows = []
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            row = dict(zip(headers, values, strict=False))
            row[LINE] = str(reader.line_num)
            rows.append(row)
    except csv.Error as exc:
        raise ValidationFailed(_("%(file)s is not a CSV table: %(error)s") % {
            "file": display, "error": exc}, {"file": "not CSV"}) from exc
    if not rows:
        message = _("%(file)s has no data rows") % {"file": display}
        raise ValidationFailed(message, {"file": message})
    if not {"household_id", "id_number"} & set(headers) or "alert_type" not in headers:
        message = _("%(file)s: the first line must name the columns: household_id or id_number, "
                    "alert_type, date, amount (or their Chinese names); found %(found)s") % {
            "file": display, "found": "、".join(h for h in headers if h) or "—"}
        raise ValidationFailed(message, {"file": message})
    return rows


_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def feed_date(text: str) -> dt.date:
    """A date as Excel and WPS write it in a Chinese CSV: 2026-01-05, 2026/1/5, 2026.1.5,
    2026年1月5日 (a time after it, "2026/1/5 0:00", is ignored). ``ValueError`` otherwise."""
    head = unicodedata.normalize("NFKC", text).strip().split(" ")[0]
    match = _DATE.match(head)
    if not match:
        raise ValueError(text)
    return dt.date(*(int(g) for g in match.groups()))


def check_feed_rows(rows: Iterable[Mapping[str, Any]], display: str = ""
                    ) -> list[dict[str, str]]:
    """Feed rows with their values checked; every problem is listed by row and column (the
    file's line when the rows come from a file, else their position). Amounts may be written
    as offices write them ("12,000", "12，000", "12000 元": ``exchange.amount_text``)."""
    errors: list[str] = []
    out: list[dict[str, str]] = []
    for i, row in enumerate(rows, start=1):
        if i > FEED_MAX_ROWS:
            errors.append(_("more than %(n)s rows: split the file") % {"n": FEED_MAX_ROWS})
            break
        clean = {k: ("" if v is None else str(v)) for k, v in row.items()
                 if isinstance(k, str)}
        line = int(clean.get(LINE) or i)
        clean[LINE] = str(line)
        for column, value in clean.items():
            if len(value) > FEED_FIELD_MAX:
                errors.append(_("%(where)s: longer than %(max)s characters") % {
                    "where": _where(line, column[:40], display), "max": FEED_FIELD_MAX})
        kind = clean.get("alert_type", "").strip()
        if len(kind) > KIND_MAX:
            errors.append(_("%(where)s: longer than %(max)s characters") % {
                "where": _where(line, "alert_type", display), "max": KIND_MAX})
        raw_date = clean.get("date", "").strip()
        if raw_date:
            try:
                clean["date"] = feed_date(raw_date).isoformat()
            except ValueError:
                errors.append(_("%(where)s: %(value)s is not a date: write 2026-01-05, "
                                "2026/1/5 or 2026年1月5日") % {
                    "where": _where(line, "date", display), "value": raw_date[:40]})
        try:
            value = parse_amount(amount_text(clean.get("amount")), "amount", minimum=0)
            clean["amount"] = "" if value is None else str(value)
        except ValidationFailed as exc:
            errors.append(_("%(where)s: %(error)s") % {
                "where": _where(line, "amount", display),
                "error": exc.errors.get("amount", str(exc))})
        out.append(clean)
    if errors:
        raise ValidationFailed("; ".join(errors[:20]), {"rows": "; ".join(errors[:20])})
    return out


def _date(value: Any, field: str) -> dt.date | None:
    raw = "" if value is None else str(value).strip()
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError as exc:
        raise ValidationFailed(f"{field}: " + _("expected YYYY-MM-DD"),
                               {field: "YYYY-MM-DD"}) from exc


def _count(value: Any, field: str) -> int | None:
    raw = "" if value is None else str(value).strip()
    if not raw:
        return None
    if not raw.isdigit() or len(raw) > 6:
        raise ValidationFailed(f"{field}: " + _("a whole number"), {field: "whole number"})
    return int(raw)


def step_fields(post: Mapping[str, Any]) -> dict[str, Any]:
    """The record a step form sends (see ``services.STEP_FIELDS``), checked and typed."""
    return {
        "category": text(post.get("category"), "category", max_length=20),
        "risk_types": text(post.get("risk_types"), "risk_types", max_length=60),
        "notice_start": _date(post.get("notice_start"), "notice_start"),
        "elimination_kind": text(post.get("elimination_kind"), "elimination_kind",
                                 max_length=12),
        "consent": {"yes": True, "no": False}.get(str(post.get("consent") or "")),
        "consent_date": _date(post.get("consent_date"), "consent_date"),
        "consent_signed_by": text(post.get("consent_signed_by"), "consent_signed_by",
                                  max_length=50),
        "compared_departments": text(post.get("compared_departments"),
                                     "compared_departments", max_length=300),
        "comparison_findings": text(post.get("comparison_findings"), "comparison_findings",
                                    max_length=NOTE_MAX),
        "review_meeting_date": _date(post.get("review_meeting_date"), "review_meeting_date"),
        "votes_for": _count(post.get("votes_for"), "votes_for"),
        "votes_against": _count(post.get("votes_against"), "votes_against"),
        "votes_abstain": _count(post.get("votes_abstain"), "votes_abstain"),
    }
