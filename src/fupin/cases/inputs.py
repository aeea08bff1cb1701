"""Checking what users send to the case screens and API before any service sees it.

Limits are the models' (ADR 0019); a value out of bounds is refused naming its field (and row
and column for department feeds), never stored and never a 500.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from fupin.cases.models import KIND_MAX
from fupin.core.errors import ValidationFailed
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


def decode_feed(raw: bytes) -> list[dict[str, str]]:
    """The rows of an uploaded feed CSV (UTF-8, with or without BOM); refused otherwise."""
    if len(raw) > FEED_MAX_BYTES:
        raise ValidationFailed(_("the file is larger than %(mb)s MB") % {
            "mb": FEED_MAX_BYTES // (1024 * 1024)}, {"file": "too large"})
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message = _("the file is not UTF-8 text (byte %(pos)s): save it as “CSV UTF-8”") % {
            "pos": exc.start}
        raise ValidationFailed(message, {"file": message}) from exc
    try:
        rows = list(csv.DictReader(io.StringIO(content)))
    except csv.Error as exc:
        raise ValidationFailed(_("the file is not a CSV table: %(error)s") % {"error": exc},
                               {"file": "not CSV"}) from exc
    return rows


def check_feed_rows(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, str]]:
    """Feed rows with their values checked; every problem is listed by row and column."""
    errors: list[str] = []
    out: list[dict[str, str]] = []
    for i, row in enumerate(rows, start=1):
        if i > FEED_MAX_ROWS:
            errors.append(_("more than %(n)s rows: split the file") % {"n": FEED_MAX_ROWS})
            break
        clean = {k: ("" if v is None else str(v)) for k, v in row.items()
                 if isinstance(k, str)}
        for column, value in clean.items():
            if len(value) > FEED_FIELD_MAX:
                errors.append(_("row %(row)s, column %(column)s: longer than %(max)s "
                                "characters") % {"row": i, "column": column[:40],
                                                 "max": FEED_FIELD_MAX})
        kind = clean.get("alert_type", "").strip()
        if len(kind) > KIND_MAX:
            errors.append(_("row %(row)s, column %(column)s: longer than %(max)s characters")
                          % {"row": i, "column": "alert_type", "max": KIND_MAX})
        try:
            value = parse_amount(clean.get("amount"), "amount", minimum=0)
            clean["amount"] = "" if value is None else str(value)
        except ValidationFailed as exc:
            errors.append(_("row %(row)s, column %(column)s: %(error)s") % {
                "row": i, "column": "amount", "error": exc.errors.get("amount", str(exc))})
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
