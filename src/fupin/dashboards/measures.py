"""Poverty measures by region over the registry (issue 15 item 4): FGT (P0, P1, P2) and
Alkire–Foster (H, A, M0, with M0's decomposition by division and by dimension) for the
divisions one level below a focus division, and the focus itself as the total.

No statistics here: the registry inside the focus is read as the engine's three relations
(:func:`fupin.monitoring.registry.registry_tables`, three queries whatever the size) and handed
to the engine's own :func:`fupin_engine.measures.fgt.fgt` and :func:`fupin_engine.measures.af.af`
— the functions ``fupin measures fgt|af`` runs over a snapshot — so the screen, the API and the
command give the same numbers for the same households (``docs/statistics.md``).

Levels follow the engine's (province, county, township, village): below the nation the rows
are provinces, below a province or a prefecture counties, below a county townships, below a
township villages; a village is shown as itself.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django import forms
from django.core.cache import cache
from django.utils.translation import gettext, gettext_lazy

from fupin.core.access import Scope, check_in_scope
from fupin.core.errors import Forbidden, ValidationFailed
from fupin.monitoring.policy import default_pack_name, pack
from fupin.monitoring.registry import registry_tables
from fupin.monitoring.services import input_state
from fupin.regions import services as regions
from fupin.regions.models import Division
from fupin_engine.measures import MeasureError
from fupin_engine.measures import af as af_measure
from fupin_engine.measures import fgt as fgt_measure
from fupin_engine.policy.loader import PolicyError, resolve_parameters
from fupin_engine.source import ArrowSource

PERMISSION = "monitoring.view_measures"
#: The engine's level of the rows below a focus of each level.
ROWS_LEVEL = {"nation": "province", "province": "county", "prefecture": "county",
              "county": "township", "township": "village", "village": "village"}
DEFAULT_YEAR = 2021
#: Deprived in at least two of the five dimensions (40% of the weighted indicators).
DEFAULT_K = Decimal(2)
YEARS = (2000, 2100)
#: Results are kept this long for the same registry state and parameters (a drill-down and the
#: way back up, the export of what is on screen, other users of the same division).
CACHE_SECONDS = 3600
DIMENSION_WORDS = {
    "income": gettext_lazy("Income below the line"),
    "education": gettext_lazy("Education (a child out of school)"),
    "medical": gettext_lazy("Medical insurance missing"),
    "housing": gettext_lazy("Unsafe housing"),
    "water": gettext_lazy("Unsafe drinking water"),
}


def dimension_word(name: str) -> str:
    return str(DIMENSION_WORDS.get(name, name))


class MeasuresForm(forms.Form):
    """The screen's and the API's parameters; every one has a default."""

    division = forms.CharField(required=False, max_length=12)
    year = forms.IntegerField(label=gettext_lazy("Year"), required=False,
                              min_value=YEARS[0], max_value=YEARS[1])
    line = forms.DecimalField(
        label=gettext_lazy("Poverty line (yuan per person per year; empty: the policy's)"),
        required=False, min_value=Decimal("0.01"), max_digits=12, decimal_places=2)
    k = forms.DecimalField(label=gettext_lazy("Poverty cut-off k (weighted deprivations)"),
                           required=False, min_value=Decimal("0.01"), max_digits=4,
                           decimal_places=2)
    dimensions = forms.MultipleChoiceField(
        label=gettext_lazy("Dimensions"), required=False,
        choices=[(d, DIMENSION_WORDS[d]) for d in af_measure.DIMENSIONS],
        widget=forms.CheckboxSelectMultiple)

    def clean(self):
        data = super().clean()
        dims = data.get("dimensions") or list(af_measure.DIMENSIONS)
        k = data.get("k") or DEFAULT_K
        if k > len(dims):
            self.add_error("k", gettext("k is at most the number of dimensions chosen (%(d)s)")
                           % {"d": len(dims)})
        data["dimensions"] = [d for d in af_measure.DIMENSIONS if d in dims]
        data["k"] = k
        data["year"] = data.get("year") or DEFAULT_YEAR
        return data


@dataclass(frozen=True)
class Params:
    year: int
    line: Decimal
    k: Decimal
    dimensions: tuple[str, ...]
    #: True when the line is the policy pack's for the year (nobody typed one).
    line_from_policy: bool = True


def policy_line(year: int) -> Decimal:
    """The default pack's national ``poverty_line`` for ``year`` (as ``fupin measures``)."""
    try:
        value = resolve_parameters(pack(), year)["poverty_line"]
    except (PolicyError, KeyError) as exc:
        raise ValidationFailed(gettext("The policy has no poverty line for %(year)s: give a "
                                       "line, or choose a year the policy covers.")
                               % {"year": year}) from exc
    line = Decimal(str(value))
    return line.quantize(Decimal(1)) if line == line.to_integral_value() else line.normalize()


def params_from(form: MeasuresForm) -> Params:
    """The checked parameters (``ValidationFailed`` naming the field otherwise)."""
    if not form.is_valid():
        parts = []
        for name, errors in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            parts.append(f"{label or name}: {' '.join(str(e) for e in errors)}")
        raise ValidationFailed("; ".join(parts))
    data = form.cleaned_data
    line = data.get("line")
    return Params(year=data["year"], line=line if line else policy_line(data["year"]),
                  k=data["k"], dimensions=tuple(data["dimensions"]),
                  line_from_policy=not line)


@dataclass
class Row:
    """One division (or the focus as the total) with both measures."""

    code: str
    name: str
    people: int
    P0: float
    P1: float
    P2: float
    H: float
    A: float | None
    M0: float
    #: The division's share of the focus's M0 (None for the total).
    share: float | None = None
    #: Dimension → its part of this division's M0 (w_j h_j / d; they add up to M0).
    parts: dict[str, float] = field(default_factory=dict)
    #: Dimension → censored headcount ratio h_j.
    censored: dict[str, float] = field(default_factory=dict)

    def percent(self, name: str) -> str:
        """``P0``, ``H``, ``A`` or ``share`` in per cent for the screen (— when undefined)."""
        value = getattr(self, name)
        return "—" if value is None else f"{value * 100:.2f}%"

    @property
    def P0_percent(self) -> str:  # noqa: N802 (the measure's name)
        return self.percent("P0")

    @property
    def H_percent(self) -> str:  # noqa: N802
        return self.percent("H")

    @property
    def A_percent(self) -> str:  # noqa: N802
        return self.percent("A")

    @property
    def share_percent(self) -> str:
        return self.percent("share")


@dataclass
class Measures:
    focus: Division
    level: str
    params: Params
    rows: list[Row]
    total: Row | None
    #: Dimension → its share of the focus's M0 (they add up to 1 when M0 > 0).
    by_dimension: dict[str, float]

    def chart(self) -> dict[str, Any]:
        """Each division's M0 stacked by dimension (``static/fupin/charts.js``)."""
        return {"categories": [r.name for r in self.rows],
                "codes": [r.code for r in self.rows], "drill": self.focus.level != "village",
                "series": [{"name": dimension_word(d),
                            "data": [round(r.parts.get(d, 0.0), 6) for r in self.rows]}
                           for d in self.params.dimensions]}

    def as_dict(self) -> dict[str, Any]:
        """What the API answers."""
        def row(r: Row) -> dict[str, Any]:
            return {"division": r.code, "name": r.name, "people": r.people, "P0": r.P0,
                    "P1": r.P1, "P2": r.P2, "H": r.H, "A": r.A, "M0": r.M0,
                    "share": r.share, "censored": r.censored}
        return {"division": self.focus.code, "level": self.level, "year": self.params.year,
                "line": self.params.line, "k": self.params.k,
                "dimensions": list(self.params.dimensions),
                "rows": [row(r) for r in self.rows],
                "total": row(self.total) if self.total else None,
                "by_dimension": self.by_dimension}


def focus_for(user: Any, code: str = "") -> Division:
    """The division the measures are drawn for: the user's own, or ``code`` (12 digits)
    inside the user's region — anything else is not found, like a division that does not
    exist (nobody learns what lies outside their region)."""
    if not user.has_perm(PERMISSION) or user.division_id is None:
        raise Forbidden("your role may not see poverty measures")
    return regions.focus_division(user, code)


def compute(user: Any, focus: Division, params: Params) -> Measures:
    """The measures under ``focus`` for ``user``: 403 without the permission, 404 for a focus
    outside the user's region; the engine does all the arithmetic."""
    if not user.has_perm(PERMISSION):
        raise Forbidden("your role may not see poverty measures")
    check_in_scope(user, focus.code, what="division")
    level = ROWS_LEVEL[focus.level]
    fgt_rows, af_rows = _engine_rows(focus, level, params)
    af_by = {r.division: r for r in af_rows}
    split = af_measure.decompose(af_rows) if "total" in af_by else None
    codes = [r.division.ljust(12, "0") for r in fgt_rows if r.division != "total"]
    names = dict(Division.objects.filter(code__in=codes).values_list("code", "name"))
    d = len(params.dimensions)
    rows, total = [], None
    for f in fgt_rows:
        a = af_by[f.division]
        is_total = f.division == "total"
        code = focus.code if is_total else f.division.ljust(12, "0")
        row = Row(code=code, name=focus.name if is_total else names.get(code, code),
                  people=f.people, P0=f.P0, P1=f.P1, P2=f.P2, H=a.H, A=a.A, M0=a.M0,
                  share=None if is_total or split is None else split.by_division[f.division],
                  parts={j: h / d for j, h in a.censored.items()}, censored=dict(a.censored))
        if is_total:
            total = row
        else:
            rows.append(row)
    return Measures(focus, level, params, rows, total,
                    split.by_dimension if split is not None else {})


def _engine_rows(focus: Division, level: str, params: Params) -> tuple[list, list]:
    """The engine's rows for ``focus``, cached under the registry's state in the focus (its
    last audited change, as monitoring runs are keyed) and the pack's version: a change to
    any household in the focus, or a new pack, computes afresh."""
    scope = Scope.of_code(focus.code)
    policy = pack()
    key = "fupin:measures:" + hashlib.sha256(json.dumps([
        focus.code, level, params.year, str(params.line), str(params.k),
        list(params.dimensions), policy.name, str(policy.version), input_state(scope),
    ]).encode()).hexdigest()
    found = cache.get(key)
    if found is not None:
        return found
    source = ArrowSource(registry_tables(scope))
    try:
        rows = (fgt_measure.fgt(source, params.year, params.line, by=level),
                af_measure.af(source, params.year, params.line, float(params.k),
                              dimensions=params.dimensions, by=level,
                              policy=default_pack_name()))
    except (MeasureError, PolicyError) as exc:
        raise ValidationFailed(str(exc)) from exc
    cache.set(key, rows, CACHE_SECONDS)
    return rows
