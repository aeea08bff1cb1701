"""Poverty lines by year, read from the built-in national pack (data, not code)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

PACKS = Path(__file__).resolve().parent / "packs"


@lru_cache(maxsize=8)
def _pack(name: str) -> dict:
    with (PACKS / f"{name}.yaml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def poverty_line(year: int, pack: str = "cn-national") -> float | None:
    """The national rural poverty line for ``year`` at current prices, or ``None``.

    After 2020 the poverty line is no longer restated; the latest line is used for later years
    (monitoring uses the monitoring line, a parameter of the policy pack, instead).
    """
    lines = _pack(pack)["poverty_line"]
    if year in lines:
        return float(lines[year]["value"])
    earlier = [y for y in lines if y < year]
    return float(lines[max(earlier)]["value"]) if earlier else None


def monitoring_line(year: int, pack: str = "cn-national") -> float | None:
    """The pack's monitoring line for ``year``, or ``None`` when the pack sets none."""
    years = _pack(pack)["parameters"]["monitoring_line"]["years"]
    return float(years[year]) if year in years else None
