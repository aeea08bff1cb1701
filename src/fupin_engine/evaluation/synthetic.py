"""Synthetic indicator systems and county values, for tests and the benchmark (seeded)."""

from __future__ import annotations

import random
from decimal import Decimal

import pyarrow as pa
import yaml

from fupin_engine.evaluation.model import IndicatorSystem
from fupin_engine.evaluation.parse import parse_system

_BASE_METHODS = ("threshold", "linear", "ratio", "boolean", "count")


def _spec(rng: random.Random, code: str, method: str, points: Decimal) -> dict:
    d: dict = {"code": code, "name": {"zh": f"指标{code}", "en": f"Indicator {code}"},
               "points": str(points), "unit": "%", "method": method}
    hib = rng.random() < 0.8
    if method in ("threshold", "linear", "ratio"):
        target = Decimal(rng.randint(1, 40)) / 4
        d["target"] = str(target)
        if method == "linear":
            d["floor"] = str(target - Decimal(rng.randint(1, 16)) / 8 if hib
                             else target + Decimal(rng.randint(1, 16)) / 8)
        if not hib:
            d["higher_is_better"] = False
    if method in ("count", "deduction"):
        d["per_event"] = str(Decimal(rng.randint(1, 8)) / 4)
    return d


def synthetic_system_text(n_indicators: int = 60, *, seed: int = 0, modules: int = 6,
                          bonus: int = 4, deductions: int = 4) -> str:
    """YAML of a valid system: ``n_indicators`` in all, every method, base 100 in half-points."""
    rng = random.Random(seed)  # noqa: S311 (reproducible test data, not secrets)
    n_base = n_indicators - bonus - deductions
    if n_base < modules:
        raise ValueError("too few indicators for the modules")
    halves = [1] * n_base
    for _ in range(200 - n_base):
        halves[rng.randrange(n_base)] += 1
    specs = [_spec(rng, f"b{k:03d}", _BASE_METHODS[k % len(_BASE_METHODS)],
                   Decimal(h) / 2) for k, h in enumerate(halves)]
    cuts = sorted(rng.sample(range(1, n_base), modules - 1))
    groups = [specs[a:b] for a, b in zip([0, *cuts], [*cuts, n_base], strict=True)]
    doc = {
        "code": f"synthetic-{n_indicators}", "version": str(seed),
        "name": {"zh": "合成指标体系", "en": "Synthetic system"},
        "base": 100, "bonus_cap": 5, "deduction_cap": 15,
        "modules": [{"code": f"m{i}", "name": {"zh": f"模块{i}", "en": f"Module {i}"},
                     "points": str(sum(Decimal(s["points"]) for s in g)), "indicators": g}
                    for i, g in enumerate(groups)],
        "bonus": [_spec(rng, f"x{k:02d}", _BASE_METHODS[k % len(_BASE_METHODS)],
                        Decimal(rng.randint(2, 8)) / 2) for k in range(bonus)],
        "deductions": [_spec(rng, f"d{k:02d}", "deduction", Decimal(rng.randint(2, 16)) / 2)
                       for k in range(deductions)],
    }
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)


def synthetic_system(n_indicators: int = 60, *, seed: int = 0) -> IndicatorSystem:
    """:func:`synthetic_system_text` parsed."""
    return parse_system(synthetic_system_text(n_indicators, seed=seed), source="synthetic")


def synthetic_values(system: IndicatorSystem, counties: int, *, seed: int = 0,
                     missing: float = 0.05) -> dict[str, dict[str, Decimal | None]]:
    """Values per county: many exactly at floor/target and on eighths between (rounding ties),
    the rest random with 4 decimals; deduction counts 0–3; a share ``missing`` left None."""
    rng = random.Random(seed)  # noqa: S311 (reproducible test data, not secrets)
    out: dict[str, dict[str, Decimal | None]] = {}
    inds = system.indicators()
    for c in range(counties):
        row: dict[str, Decimal | None] = {}
        for ind in inds:
            r = rng.random()
            if r < missing:
                row[ind.code] = None
            elif ind.method in ("count", "deduction"):
                row[ind.code] = Decimal(rng.randint(0, 12 if ind.method == "count" else 3))
            elif ind.method == "boolean":
                row[ind.code] = Decimal(rng.randint(0, 1))
            else:
                t = ind.target
                f = ind.floor if ind.floor is not None else Decimal(0)
                if r < 0.5:
                    row[ind.code] = f + (t - f) * rng.randint(-2, 10) / 8
                else:
                    row[ind.code] = (Decimal(rng.randint(0, 15000)) / 10000 * 2 * t).quantize(
                        Decimal("0.0001"))
        out[f"C{c:05d}"] = row
    return out


def long_table(values: dict[str, dict[str, Decimal | None]], *, as_double: bool = False
               ) -> pa.Table:
    """The long (county, indicator, value) table of ``values`` (decimal, or double)."""
    counties, codes, vals = [], [], []
    for county, row in values.items():
        for code, v in row.items():
            counties.append(county)
            codes.append(code)
            vals.append(None if v is None else (float(v) if as_double else v))
    vtype = pa.float64() if as_double else pa.decimal128(20, 6)
    return pa.table({"county": pa.array(counties, pa.string()),
                     "indicator": pa.array(codes, pa.string()),
                     "value": pa.array(vals, vtype)})
