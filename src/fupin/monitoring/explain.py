"""Assessments in words: which rule, which values, which threshold, which policy clause."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

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
            text = "; ".join(f"{k} = {_fmt(v)}" for k, v in values.items())
        out.append(Reason(code, title, text, rule.clause))
    out.sort(key=lambda r: (by_code[r.code].severity != "risk", r.code))
    return out


class _Missing(dict):
    def __missing__(self, key):
        return "—"
