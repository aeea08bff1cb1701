"""What a Chinese page must not show: known codes, divisions' codes, Latin words outside
proper names and units (used by the acceptance walk, tests/test_browser_walk.py, and by
tests/test_words.py; the principles are in the walk's docstring)."""

from __future__ import annotations

import re

from fupin.cases.workflow import CASES
from fupin.core import labels
from fupin.monitoring import policy

#: Proper names, units and abbreviations a Chinese office writes in Latin letters (lower case).
ALLOWED = {
    "fupin", "api", "excel", "wps", "id", "csv", "xlsx", "xls", "pdf", "zip", "json", "parquet",
    "openapi", "http", "https", "url", "km", "m²", "kg", "gb", "ches", "a4", "english",
    "duckdb", "postgresql", "spark", "echarts", "htmx", "ok", "qr", "ip",
    # Field-survey apps an assessment team uses by name (ODK Collect, KoboToolbox).
    "odk", "kobo", "kobotoolbox", "xlsform",
}


def known_codes() -> set[str]:
    """Every code a Chinese page must show as a word (whole tokens with a letter, ≥ 2 chars)."""
    codes: set[str] = set()
    for kind, found in labels.all_codes().items():
        if kind in {"parameter_unit"}:
            continue
        codes |= found
    pack = policy.pack()
    codes |= {r.code for r in pack.rules} | {c.code for c in pack.categories}
    codes |= set(pack.parameters) | {f for r in pack.rules for f in r.evidence}
    codes |= {t.action for t in CASES.transitions} | set(CASES.states)
    return {c for c in codes if len(c) >= 2 and re.search(r"[A-Za-z]", c)}


_TOKEN = re.compile(r"[A-Za-z0-9_²]+(?:[.:][A-Za-z0-9_]+)*")
_WORD = re.compile(r"[A-Za-z0-9²]+")


def text_problems(texts: list[str], codes: set[str], divisions: set[str],
                  allowed: set[str], names: set[str] = frozenset()) -> list[tuple[str, str]]:
    """Codes, division codes and Latin words in ``texts``; ``names`` (login names) are proper
    names and are taken out first."""
    found: list[tuple[str, str]] = []
    for text in texts:
        for name in names:
            text = text.replace(name, " ")
        for token in _TOKEN.findall(text):
            parts = {token, token.split(":")[0]}
            if parts & codes:
                found.append(("code", f"{token!r} in {text[:80]!r}"))
            elif token in divisions:
                found.append(("division code", f"{token!r} in {text[:80]!r}"))
        for word in _WORD.findall(text):
            if len(word) < 2 or re.search(r"[0-9]", word) or word.lower() in allowed:
                continue
            found.append(("latin", f"{word!r} in {text[:80]!r}"))
    return found
