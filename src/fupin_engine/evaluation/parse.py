"""Reading an indicator system from YAML: schema, rules, line numbers and the digest.

Every problem names the source, the path (``modules[2].indicators[0].target``), the YAML line
and the rule; all problems are reported at once (:class:`SystemError_`).
"""

from __future__ import annotations

import hashlib
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from fupin_engine.evaluation.model import (
    COMPUTED_KEYS,
    GRADE_CODES,
    Grade,
    Indicator,
    IndicatorSystem,
    Module,
    Problem,
    SystemError_,
    Text,
)

SYSTEMS = Path(__file__).resolve().parent / "systems"
CODE_RE = re.compile(r"^[a-z][a-z0-9_]*$")
SYSTEM_CODE_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
GRADE_NAMES = {"excellent": Text("优秀", "Excellent"), "good": Text("良好", "Good"),
               "fair": Text("一般", "Fair"), "poor": Text("较差", "Poor")}
PARAM_PLACES = 6
"""Targets, floors, per-event points and tolerances carry at most 6 decimal places."""


class _Raw(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RawText(_Raw):
    zh: str
    en: str


class RawIndicator(_Raw):
    code: str
    name: RawText
    points: Decimal
    unit: str
    method: Literal["threshold", "linear", "ratio", "boolean", "count", "deduction"]
    target: Decimal | None = None
    floor: Decimal | None = None
    per_event: Decimal | None = None
    higher_is_better: bool = True
    evidence: tuple[str, ...] = ()
    source: Literal["computed", "submitted"] = "submitted"
    computed_key: str | None = None
    tolerance: Decimal | None = Decimal("0.05")
    explanation: RawText = RawText(zh="", en="")


class RawModule(_Raw):
    code: str
    name: RawText
    points: Decimal
    indicators: tuple[RawIndicator, ...]


class RawGrade(_Raw):
    code: str
    min_score: Decimal
    name: RawText | None = None


class RawSystem(_Raw):
    code: str
    version: str
    name: RawText
    description: RawText | None = None
    province: str | None = None
    is_default: bool = False
    base: Decimal = Decimal(100)
    bonus_cap: Decimal = Decimal(0)
    deduction_cap: Decimal | None = None
    modules: tuple[RawModule, ...]
    bonus: tuple[RawIndicator, ...] = ()
    deductions: tuple[RawIndicator, ...] = ()
    grades: tuple[RawGrade, ...] = (
        RawGrade(code="excellent", min_score=Decimal(90)),
        RawGrade(code="good", min_score=Decimal(80)),
        RawGrade(code="fair", min_score=Decimal(60)),
        RawGrade(code="poor", min_score=Decimal(0)),
    )


class _Loader(yaml.SafeLoader):
    """Safe YAML whose floats are exact Decimals (``0.8`` is Decimal('0.8'), not a double),
    without aliases (``*ref``: a system is written out, and aliases can blow up in size)."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in an indicator system",
                event.start_mark)
        return super().compose_node(parent, index)


def _decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    raw = loader.construct_scalar(node).replace("_", "")
    try:
        return Decimal(raw)
    except ArithmeticError:
        return loader.construct_yaml_float(node)


_Loader.add_constructor("tag:yaml.org,2002:float", _decimal)


def _line_index(node: yaml.Node, path: str, out: dict[str, int],
                dups: list[tuple[str, int]]) -> None:
    """Line of every path under ``node``; repeated mapping keys (path, line) into ``dups``."""
    out.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            sub = f"{path}.{key.value}" if path else str(key.value)
            if key.value in seen:
                dups.append((sub, key.start_mark.line + 1))
            seen.add(key.value)
            out.setdefault(sub, key.start_mark.line + 1)
            _line_index(value, sub, out, dups)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            sub = f"{path}[{i}]"
            out[sub] = item.start_mark.line + 1
            _line_index(item, sub, out, dups)


def _path(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


class _Problems:
    def __init__(self, source: str, lines: dict[str, int]) -> None:
        self.source, self.lines, self.items = source, lines, []

    def line(self, path: str) -> int | None:
        while path:
            if path in self.lines:
                return self.lines[path]
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return self.lines.get("")

    def add(self, path: str, rule: str, message: str) -> None:
        self.items.append(Problem(self.source, path, self.line(path), rule, message))


def _places(d: Decimal) -> int:
    exp = d.normalize().as_tuple().exponent
    return max(0, -exp) if isinstance(exp, int) else 0


def _check_indicator(ind: RawIndicator, path: str, kind: str, codes: dict[str, str],
                     pr: _Problems) -> None:
    if not CODE_RE.match(ind.code):
        pr.add(f"{path}.code", "code-format",
               f"indicator code {ind.code!r} must match ^[a-z][a-z0-9_]*$")
    if ind.code in codes:
        pr.add(f"{path}.code", "duplicate-code",
               f"indicator code {ind.code!r} is used twice (first at {codes[ind.code]})")
    else:
        codes[ind.code] = path
    if ind.points < 0:
        pr.add(f"{path}.points", "negative-points", f"points {ind.points} must not be negative")
    if _places(ind.points) > 2:
        pr.add(f"{path}.points", "precision", f"points {ind.points} has more than 2 decimals")
    for name in ("target", "floor", "per_event", "tolerance"):
        value = getattr(ind, name)
        if value is not None and _places(value) > PARAM_PLACES:
            pr.add(f"{path}.{name}", "precision",
                   f"{name} {value} has more than {PARAM_PLACES} decimal places")
    if ind.tolerance is not None and ind.tolerance < 0:
        pr.add(f"{path}.tolerance", "tolerance", "tolerance must not be negative")
    m = ind.method
    if (m == "deduction") != (kind == "deduction"):
        pr.add(f"{path}.method", "deduction-method",
               "the method 'deduction' is for deduction items only, and deduction items use it"
               if kind == "deduction" else
               "the method 'deduction' is only allowed in the deductions list")
    if m == "threshold" and ind.target is None:
        pr.add(f"{path}.target", "threshold-target", "a threshold indicator needs a target")
    if m == "linear":
        if ind.target is None or ind.floor is None:
            pr.add(f"{path}.floor" if ind.floor is None else f"{path}.target", "linear-range",
                   "a linear indicator needs both floor and target")
        elif ind.higher_is_better and not ind.floor < ind.target:
            pr.add(f"{path}.floor", "linear-range",
                   f"floor {ind.floor} must be below target {ind.target} (higher is better)")
        elif not ind.higher_is_better and not ind.floor > ind.target:
            pr.add(f"{path}.floor", "linear-range",
                   f"floor {ind.floor} must be above target {ind.target} (lower is better)")
    if m == "ratio" and (ind.target is None or ind.target <= 0):
        pr.add(f"{path}.target", "ratio-target", "a ratio indicator needs a target above 0")
    if m in ("count", "deduction") and (ind.per_event is None or ind.per_event <= 0):
        pr.add(f"{path}.per_event", "per-event",
               f"a {m} indicator needs per_event above 0 (points per event)")
    used = {"threshold": {"target"}, "linear": {"target", "floor"}, "ratio": {"target"},
            "boolean": set(), "count": {"per_event"}, "deduction": {"per_event"}}[m]
    for name in ("target", "floor", "per_event"):
        if getattr(ind, name) is not None and name not in used:
            pr.add(f"{path}.{name}", "unused-parameter",
                   f"{name} has no effect with the method {m!r}; remove it")
    if not ind.higher_is_better and m not in ("threshold", "linear", "ratio"):
        pr.add(f"{path}.higher_is_better", "unused-parameter",
               f"higher_is_better: false has no effect with the method {m!r}")
    if ind.source == "computed" and not ind.computed_key:
        pr.add(f"{path}.computed_key", "computed-key",
               "a computed indicator needs a computed_key")
    if ind.computed_key and ind.computed_key not in COMPUTED_KEYS:
        pr.add(f"{path}.computed_key", "computed-key",
               f"unknown computed_key {ind.computed_key!r}; known: {', '.join(COMPUTED_KEYS)}")


def _check(raw: RawSystem, pr: _Problems) -> None:
    if not SYSTEM_CODE_RE.match(raw.code):
        pr.add("code", "code-format", f"system code {raw.code!r} must match ^[a-z0-9][a-z0-9_-]*$")
    if not raw.version.strip():
        pr.add("version", "version", "version must not be empty")
    if raw.province is not None and not re.fullmatch(r"\d{2}", raw.province):
        pr.add("province", "province-code",
               f"province {raw.province!r} must be a 2-digit code (or null for national)")
    if raw.base <= 0:
        pr.add("base", "base", "base must be above 0")
    if raw.bonus_cap < 0:
        pr.add("bonus_cap", "caps", "bonus_cap must not be negative")
    if raw.deduction_cap is not None and raw.deduction_cap < 0:
        pr.add("deduction_cap", "caps", "deduction_cap must not be negative")
    if not raw.modules:
        pr.add("modules", "modules", "a system needs at least one module")
    codes: dict[str, str] = {}
    module_codes: set[str] = set()
    total = Decimal(0)
    for i, mod in enumerate(raw.modules):
        path = f"modules[{i}]"
        if not CODE_RE.match(mod.code):
            pr.add(f"{path}.code", "code-format",
                   f"module code {mod.code!r} must match ^[a-z][a-z0-9_]*$")
        if mod.code in module_codes:
            pr.add(f"{path}.code", "duplicate-code", f"module code {mod.code!r} is used twice")
        module_codes.add(mod.code)
        if not mod.indicators:
            pr.add(f"{path}.indicators", "module-points", "a module needs indicators")
        for j, ind in enumerate(mod.indicators):
            _check_indicator(ind, f"{path}.indicators[{j}]", "base", codes, pr)
        s = sum((ind.points for ind in mod.indicators), Decimal(0))
        if s != mod.points:
            pr.add(f"{path}.points", "module-points",
                   f"module {mod.code} has {mod.points} points but its indicators sum to {s}")
        total += mod.points
    if raw.modules and total != raw.base:
        pr.add("base", "base-sum", f"module points sum to {total}, not the base {raw.base}")
    for key, items, kind in (("bonus", raw.bonus, "bonus"),
                             ("deductions", raw.deductions, "deduction")):
        for j, ind in enumerate(items):
            _check_indicator(ind, f"{key}[{j}]", kind, codes, pr)
    seen: set[str] = set()
    for i, g in enumerate(raw.grades):
        if g.code not in GRADE_CODES:
            pr.add(f"grades[{i}].code", "grade-code",
                   f"grade {g.code!r} is not one of {', '.join(GRADE_CODES)}")
        if g.code in seen:
            pr.add(f"grades[{i}].code", "grade-code", f"grade {g.code!r} is listed twice")
        seen.add(g.code)
        if i and not g.min_score < raw.grades[i - 1].min_score:
            pr.add(f"grades[{i}].min_score", "grades-order",
                   f"grade {g.code} min_score {g.min_score} must be below "
                   f"{raw.grades[i - 1].code}'s {raw.grades[i - 1].min_score} (best first)")
    if not raw.grades:
        pr.add("grades", "grades-order", "a system needs at least one grade")


def _canonical(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    return value


def digest_of(raw: RawSystem) -> str:
    """sha256 of the canonical JSON of the validated content (defaults filled, numbers
    normalised): reformatting, reordering keys or writing 0.80 for 0.8 keeps it."""
    blob = json.dumps(_canonical(raw.model_dump()), sort_keys=True, ensure_ascii=False,
                      separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _text(t: RawText | None) -> Text | None:
    return Text(t.zh, t.en) if t is not None else None


def _indicator(ind: RawIndicator, kind: str, module: str | None) -> Indicator:
    return Indicator(
        code=ind.code, name=Text(ind.name.zh, ind.name.en), kind=kind, module=module,
        points=ind.points, unit=ind.unit, method=ind.method, target=ind.target, floor=ind.floor,
        per_event=ind.per_event, higher_is_better=ind.higher_is_better,
        evidence=tuple(ind.evidence), source=ind.source, computed_key=ind.computed_key,
        tolerance=ind.tolerance, explanation=Text(ind.explanation.zh, ind.explanation.en))


def _build(raw: RawSystem, text: str) -> IndicatorSystem:
    modules = tuple(
        Module(code=m.code, name=Text(m.name.zh, m.name.en), points=m.points,
               indicators=tuple(_indicator(i, "base", m.code) for i in m.indicators))
        for m in raw.modules)
    grades = tuple(Grade(g.code, g.min_score, _text(g.name) or GRADE_NAMES.get(g.code))
                   for g in raw.grades)
    return IndicatorSystem(
        code=raw.code, version=raw.version, name=Text(raw.name.zh, raw.name.en),
        province=raw.province, base=raw.base, bonus_cap=raw.bonus_cap,
        deduction_cap=raw.deduction_cap, modules=modules,
        bonus=tuple(_indicator(i, "bonus", None) for i in raw.bonus),
        deductions=tuple(_indicator(i, "deduction", None) for i in raw.deductions),
        grades=grades, digest=digest_of(raw), text=text, is_default=raw.is_default,
        description=_text(raw.description))


def parse_system(text: str, *, source: str = "<text>") -> IndicatorSystem:
    """The indicator system in ``text`` (YAML); :class:`SystemError_` listing every problem."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise SystemError_([Problem(source, "", mark.line + 1 if mark else None, "yaml",
                                    f"not valid YAML: {getattr(exc, 'problem', exc)}")]) from exc
    finally:
        loader.dispose()
    lines: dict[str, int] = {}
    dups: list[tuple[str, int]] = []
    if node is not None:
        _line_index(node, "", lines, dups)
    pr = _Problems(source, lines)
    for path, line in dups:
        pr.items.append(Problem(source, path, line, "duplicate-key",
                                f"key {path.rsplit('.', 1)[-1]!r} is given twice"))
    if dups:
        raise SystemError_(pr.items)
    if not isinstance(data, dict):
        pr.add("", "structure", "an indicator system is a YAML mapping (code, version, …)")
        raise SystemError_(pr.items)
    try:
        raw = RawSystem.model_validate(data)
    except ValidationError as exc:
        for e in exc.errors():
            msg = e["msg"]
            if e["type"] == "string_type" and isinstance(e.get("input"), (Decimal, int)):
                msg += " (quote it in YAML, e.g. \"2026.1\")"
            if e["type"] == "extra_forbidden":
                msg = f"unknown key {e['loc'][-1]!r}"
            pr.add(_path(e["loc"]), e["type"], msg)
        raise SystemError_(pr.items) from exc
    _check(raw, pr)
    if pr.items:
        raise SystemError_(pr.items)
    return _build(raw, text)


def load_system(path: str | Path) -> IndicatorSystem:
    """The indicator system in the YAML file ``path``."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise SystemError_([Problem(str(p), "", None, "file", f"cannot read: {exc}")]) from exc
    return parse_system(text, source=p.name)


def default_codes() -> list[str]:
    """Codes of the shipped default systems (``systems/<code>.yaml``)."""
    return sorted(p.stem for p in SYSTEMS.glob("*.yaml"))


def default_system(code: str = "ecommerce-demo-county") -> IndicatorSystem:
    """A shipped default system by code (KeyError naming the known codes if unknown)."""
    path = SYSTEMS / f"{code}.yaml"
    if not path.is_file():
        raise KeyError(f"no shipped indicator system {code!r}; shipped: "
                       f"{', '.join(default_codes())}")
    return load_system(path)
