"""Assessments in words: which rule, which values, which threshold, which policy clause."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import gettext

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
