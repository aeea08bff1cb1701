"""Lines of a policy pack by year, for code outside the engine's SQL (import checks, the
generator's summary). They come from the pack's parameters: one source for the numbers."""

from __future__ import annotations

from functools import lru_cache

from fupin_engine.policy.loader import load_pack
from fupin_engine.policy.schema import Pack


@lru_cache(maxsize=8)
def _pack(name: str) -> Pack:
    return load_pack(name)


def _value(name: str, year: int, pack: str, *, latest_before: bool) -> float | None:
    years = _pack(pack).parameters[name].years
    if year in years:
        return float(years[year])
    earlier = [y for y in years if y < year] if latest_before else []
    return float(years[max(earlier)]) if earlier else None


def poverty_line(year: int, pack: str = "cn-national") -> float | None:
    """The national rural poverty line for ``year``; after the last restated year, the
    latest line."""
    return _value("poverty_line", year, pack, latest_before=True)


def monitoring_line(year: int, pack: str = "cn-national") -> float | None:
    """The pack's national monitoring line for ``year``, or ``None`` when it sets none."""
    return _value("monitoring_line", year, pack, latest_before=False)
