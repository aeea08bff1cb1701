"""Loading policy packs and resolving their parameters for a year and a province."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from fupin_engine.policy.schema import Pack

PACKS = Path(__file__).resolve().parent / "packs"


class PolicyError(ValueError):
    """A pack that cannot be used; the message names the rule, parameter, year or province."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or [message]


def builtin_names() -> list[str]:
    return sorted(p.stem for p in PACKS.glob("*.yaml"))


def load_pack(name_or_path: str | Path) -> Pack:
    """A built-in pack by name (``cn-national``) or a pack file (YAML)."""
    path = Path(name_or_path)
    if not path.suffix:
        path = PACKS / f"{name_or_path}.yaml"
        if not path.exists():
            raise PolicyError(f"no built-in policy pack {name_or_path!r}; built in: "
                              f"{', '.join(builtin_names())}")
    if not path.exists():
        raise PolicyError(f"{path}: no such policy pack file")
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    try:
        return Pack.model_validate(data)
    except ValidationError as exc:
        problems = [f"{path.name}: {'.'.join(str(p) for p in e['loc'])}: {e['msg']}"
                    for e in exc.errors()]
        raise PolicyError("; ".join(problems), problems) from exc


def resolve_parameters(pack: Pack, year: int, province: str | None = None,
                       overrides: dict[str, float] | None = None) -> dict[str, float]:
    """Every parameter's value for ``year`` (and ``province``, a 2-digit code).

    Precedence: ``overrides`` (``--param k=v``), the province's value for the year, the
    national value for the year, the default. A parameter with none of these is an error that
    names the parameter, the year and the province.
    """
    overrides = overrides or {}
    unknown = sorted(set(overrides) - set(pack.parameters))
    if unknown:
        raise PolicyError(f"unknown parameter(s) {', '.join(unknown)}; the pack has "
                          f"{', '.join(sorted(pack.parameters))}")
    values: dict[str, float] = {}
    missing = []
    prov = (province or "")[:2] or None
    for name, param in pack.parameters.items():
        if name in overrides:
            values[name] = float(overrides[name])
        elif prov and year in param.provinces.get(prov, {}):
            values[name] = float(param.provinces[prov][year])
        elif year in param.years:
            values[name] = float(param.years[year])
        elif param.default is not None:
            values[name] = float(param.default)
        else:
            missing.append(name)
    if missing:
        where = f"province {prov}" if prov else "national (no province given)"
        raise PolicyError(
            f"policy {pack.name} {pack.version}: no {', '.join(missing)} for year {year}, "
            f"{where}; add it to the pack or pass --param {missing[0]}=…")
    return values


def resolve_by_province(pack: Pack, year: int, provinces, overrides: dict[str, float] | None
                        = None) -> dict[str, dict[str, float]]:
    """Every parameter for ``year`` in each of ``provinces`` (2-digit codes), as
    :func:`resolve_parameters` resolves them one by one (a province without a value of its
    own takes the national value or the default). Provinces with no value at all are refused
    together, each named."""
    out: dict[str, dict[str, float]] = {}
    problems = []
    for code in sorted({str(p)[:2] for p in provinces}):
        try:
            out[code] = resolve_parameters(pack, year, code, overrides)
        except PolicyError as exc:
            problems.extend(exc.problems)
    if problems:
        raise PolicyError("; ".join(problems), problems)
    return out
