"""Assessments in words: which rule, which values, which threshold, which policy clause."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext

from fupin.core.errors import DomainError
from fupin_engine.policy.loader import PolicyError, load_pack
from fupin_engine.policy.schema import Pack


@dataclass
class Reason:
    code: str
    title: str
    text: str
    clause: str


@lru_cache(maxsize=8)
def pack_named(name: str) -> Pack | None:
    try:
        return load_pack(name)
    except PolicyError:
        return None


def _fmt(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        if 0 < abs(value) < 1:
            return f"{value:.0%}"
        return f"{value:,.0f}"
    return str(value)


_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
#: A standard's number cited as it is printed: GB 11643-1999, T/CHES 18-2018.
_STANDARD = re.compile(r"^[A-Z]+(?:/[A-Z]+)? ?[0-9][0-9.\-]*$")
_PAREN = re.compile(r"\s*[(（]([^()（）]*)[)）]")


def clause_text(clause: str, lang: str = "zh") -> str:
    """A rule's clause as cited on a page in ``lang``. A pack writes its clause once, the
    Chinese citation with the pack author's English notes beside it; a Chinese page cites the
    Chinese: parenthesised notes with Latin words and a " — " tail without Chinese are
    dropped (a standard's number such as T/CHES 18-2018 stays), and a clause with no Chinese
    at all reads as the pack's own check."""
    if lang != "zh" or not clause:
        return clause

    def paren(match: re.Match) -> str:
        inner = match.group(1).strip()
        if _STANDARD.match(inner) or not _LATIN_WORD.search(inner):
            return match.group(0)
        return ""

    text = _PAREN.sub(paren, clause)
    head, sep, tail = text.partition(" — ")
    if sep and not _CJK.search(tail):
        text = head
    text = text.strip()
    if not _CJK.search(text):
        return gettext("a data-quality check of this policy pack")
    return text


def reasons(assessment, pack: Pack | None, lang: str = "zh") -> list[Reason]:
    """One sentence per fired rule (risk rules first, then data checks)."""
    pack = pack or pack_named(assessment.run.policy_name)
    if pack is None:
        return []
    by_code = {r.code: r for r in pack.rules}
    out = []
    for code, values in (assessment.evidence or {}).items():
        rule = by_code.get(code)
        if rule is None:
            continue
        title = getattr(rule.title, lang)
        if rule.explain is not None:
            text = getattr(rule.explain, lang).format_map(
                _Missing({k: _fmt(v) for k, v in values.items()}))
        else:
            text = ("；" if lang == "zh" else "; ").join(
                f"{_evidence_word(k)} {_fmt(v)}" for k, v in values.items())
        out.append(Reason(code, title, text, clause_text(rule.clause, lang)))
    out.sort(key=lambda r: (by_code[r.code].severity != "risk", r.code))
    return out


def _evidence_word(name: str) -> str:
    from fupin.core import labels

    return labels.word("evidence", name)


class _Missing(dict):
    def __missing__(self, key):
        return "—"


# --- Income recorded in parts by other apps (ADR 0042) ----------------------------------------


@dataclass
class IncomeLift:
    """What the income parts other apps recorded (benefit linkages) did to a household's
    per-capita net income of ``year``: ``lifted`` when it is at or above the monitoring line
    with them and below it without them."""

    year: int
    parts: list[dict]
    total: Decimal
    per_capita: Decimal
    without: Decimal
    line: Decimal

    @property
    def lifted(self) -> bool:
        return self.without < self.line <= self.per_capita

    def sentence(self) -> str:
        named = gettext(", ").join(f"{p['label']} {_fmt(float(p['amount']))}"
                                   for p in self.parts)
        values = {"total": _fmt(float(self.total)), "parts": named,
                  "without": _fmt(float(self.without)), "with": _fmt(float(self.per_capita)),
                  "line": _fmt(float(self.line)), "year": self.year}
        if self.lifted:
            return gettext(
                "Benefit-linkage income of %(total)s yuan in %(year)s (%(parts)s) lifted "
                "per-capita net income from %(without)s to %(with)s yuan, above the monitoring "
                "line of %(line)s yuan.") % values
        return gettext(
            "Of per-capita net income of %(with)s yuan in %(year)s, benefit linkages brought "
            "%(total)s yuan to the household (%(parts)s); without them it would be "
            "%(without)s yuan (monitoring line %(line)s yuan).") % values


def income_parts(household_pks: list[int], year: int) -> dict[int, list[dict]]:
    """Named income parts of ``year`` from every ``FUPIN_INCOME_PART_PROVIDERS`` provider."""
    out: dict[int, list[dict]] = {}
    for path in getattr(settings, "FUPIN_INCOME_PART_PROVIDERS", ()):
        for pk, parts in import_string(path)(household_pks, year).items():
            out.setdefault(pk, []).extend(parts)
    return out


def income_lift(household, year: int) -> IncomeLift | None:
    """The household's :class:`IncomeLift` for ``year`` (``None`` without recorded parts, an
    economy row, members or a monitoring line for that year and province)."""
    from fupin.monitoring.policy import monitoring_line

    parts = income_parts([household.pk], year).get(household.pk)
    econ = household.economy.filter(year=year).first()
    size = household.members.count()
    if not parts or econ is None or not size:
        return None
    try:
        line = Decimal(str(monitoring_line(year, household.village_id[:2])))
    except DomainError:
        return None
    total = sum((p["amount"] for p in parts), Decimal(0))
    net = econ.net_income
    return IncomeLift(year, parts, total, net / size, (net - total) / size, line)
