"""What the consolidation screens and the API share (the API may not import views): the
division a page or a call is drawn for, the level of its rows, the year, and the service rows
with the words a reader needs (division names, help types), so a figure means one thing on a
screen, in its export and in the API.

The numbers are :mod:`fupin.consolidation.services`' (set-based, a fixed number of queries
per call); this module only adds names — one query for the divisions of a table — and
checks the inputs a user can type.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from fupin.consolidation import inputs, services
from fupin.consolidation.choices import TYPES, HelpType
from fupin.core.access import Scope
from fupin.core.errors import ValidationFailed
from fupin.households.models import Household
from fupin.regions.choices import LEVEL_ORDER, Level
from fupin.regions.models import Division

#: The first year a page offers: the last exits before the transition period (2016–2020)
#: and the help given before them.
FIRST_YEAR = 2014
#: The rows a division's page shows by default: the level below it — a county its
#: townships, a province its counties (the prefecture is a pass-through for most screens).
DEFAULT_LEVEL = {
    Level.NATION: Level.PROVINCE, Level.PROVINCE: Level.COUNTY, Level.PREFECTURE: Level.COUNTY,
    Level.COUNTY: Level.TOWNSHIP, Level.TOWNSHIP: Level.VILLAGE, Level.VILLAGE: Level.VILLAGE,
}
#: Every type of help, the five the policy names first (the order of columns).
HELP_TYPES = TYPES


#: The words of the help types on these screens: help given, not a case's measure (the same
#: codes, ``consolidation.choices``; the Chinese follow the help-register format's words).
HELP_WORDS = {
    "industry": gettext_lazy("Industry help"), "employment": gettext_lazy("Employment help"),
    "finance": gettext_lazy("Finance help (microcredit)"),
    "education": gettext_lazy("Education help"), "health": gettext_lazy("Health help"),
    "housing": gettext_lazy("Housing security"), "water": gettext_lazy("Drinking-water security"),
    "social_assistance": gettext_lazy("Social assistance safety net"),
    "ecommerce": gettext_lazy("E-commerce help"), "insurance": gettext_lazy("Insurance help"),
    "other": gettext_lazy("Other help"),
}


def type_word(code: str) -> str:
    return str(HELP_WORDS.get(code) or dict(HelpType.choices).get(code, code))


def levels_below(focus: Division) -> list[str]:
    """The levels whose divisions a page for ``focus`` may list as rows."""
    if focus.level == Level.VILLAGE:
        return [Level.VILLAGE]
    i = LEVEL_ORDER.index(Level(focus.level))
    return [str(level) for level in LEVEL_ORDER[i + 1:]]


def level_of(focus: Division, raw: str = "") -> str:
    """The rows' level: ``raw`` if it is one below ``focus``, else the default one below."""
    raw = (raw or "").strip()
    if not raw:
        return str(DEFAULT_LEVEL[Level(focus.level)])
    if raw not in levels_below(focus):
        raise ValidationFailed(gettext("Choose a level below the division shown."),
                               {"level": "level"})
    return raw


def year_of(raw, default: int | None = None) -> int | None:
    """A year a user typed (``FIRST_YEAR`` to this year), or ``default`` when none."""
    raw = "" if raw is None else str(raw).strip()
    if not raw:
        return default
    last = timezone.localdate().year
    try:
        year = int(raw)
    except ValueError:
        year = None
    if year is None or not FIRST_YEAR <= year <= last:
        raise ValidationFailed(gettext("Give a year from %(first)s to %(last)s.")
                               % {"first": FIRST_YEAR, "last": last}, {"year": "year"})
    return year


def years() -> list[int]:
    return list(range(timezone.localdate().year, FIRST_YEAR - 1, -1))


def as_of(rows: list[dict]) -> int | None:
    """The year the services computed as of (the latest year with income data unless one
    was asked for)."""
    return rows[0].get("year") if rows else None


def names(codes) -> dict[str, str]:
    """Division names of ``codes`` (one query)."""
    codes = {c for c in codes if c}
    return dict(Division.objects.filter(code__in=codes).values_list("code", "name")) \
        if codes else {}


def scope_of(focus: Division) -> Scope:
    return Scope.of_code(focus.code)


# --- quality of exit ------------------------------------------------------------------------

def _named(rows: list[dict], key: str = "division_code") -> list[dict]:
    """The service rows with ``division`` (the name; the services give it as ``name``)."""
    missing = {r[key] for r in rows if not r.get("name")}
    found = names(missing) if missing else {}
    return [{**r, "division": r.get("name") or found.get(r[key], r[key])} for r in rows]


def quality_rows(focus: Division, level: str, year: int | None = None) -> list[dict]:
    """One row per division of ``level`` under ``focus``: the service's indicators (shares
    0–1), the division's name, the level and ``help_shares`` ({type: share}) in the order of
    ``HELP_TYPES``."""
    rows = _named(services.exit_quality(scope_of(focus), level=level, year=year))
    for row in rows:
        row["level"] = level
        row["help_shares"] = {t: row.get(f"help_{t}_share") for t in HELP_TYPES
                              if f"help_{t}_share" in row}
    return rows


def help_types_in(rows: list[dict]) -> list[str]:
    """The help types that any row's households received (the table's columns)."""
    present = {t for r in rows for t, v in r["help_shares"].items() if v}
    return [t for t in HELP_TYPES if t in present]


def village_households(focus: Division, year: int | None = None) -> list[dict]:
    """The exited households of a village (or of any focus) as of ``year``, each with its
    years since exit — one engine over the focus, so a fixed number of queries for the whole
    village (not one household at a time): summary, the years below the line, the years as a
    monitoring object and the help of each year."""
    engine = inputs.build(scope_of(focus), year)
    if engine is None:
        return []
    try:
        summary = engine.households().to_pylist()
        years = engine.household_years().to_pylist()
    finally:
        engine.close()
    by_household: dict[str, list[dict]] = {}
    for y in years:
        by_household.setdefault(y["household_id"], []).append(y)
    heads = dict(Household.objects.filter(household_id__in=[r["household_id"] for r in summary])
                 .values_list("household_id", "head_name"))
    out = []
    for r in summary:
        mine = by_household.get(r["household_id"], [])
        out.append({
            "household_id": r["household_id"], "head_name": heads.get(r["household_id"], ""),
            "village_code": r["village_code"], "exit_year": r["exit_year"],
            "years_since_exit": r["years_since_exit"], "inside_period": r["inside_period"],
            "stayed_above": r["stayed_above"], "became_object": r["became_object"],
            "below_years": "、".join(str(y["year"]) for y in mine if y["above_line"] is False),
            "object_years": "、".join(str(y["year"]) for y in mine if y["monitoring_object"]),
            "help_years": "；".join(f"{y['year']}: {float(y['help_total']):,.0f}"
                                   for y in mine if y.get("help_total") is not None),
        })
    return out


# --- help by type and intensity -------------------------------------------------------------

def help_rows(focus: Division, level: str, *, year: int | None = None,
              kind: str = "") -> list[dict]:
    """Help per division of ``level``, year and type (amount, households reached), with
    names and the type's word; ``year`` keeps that year only, ``kind`` one type."""
    if kind and kind not in HELP_TYPES:
        raise ValidationFailed(gettext("Choose a type of help from the list."), {"type": "type"})
    rows = services.help_by_type(scope_of(focus), level=level, year=year)
    if year is not None:
        rows = [r for r in rows if r["year"] == year]
    if kind:
        rows = [r for r in rows if r["type"] == kind]
    return [{**r, "type_word": type_word(r["type"])} for r in _named(rows)]


def help_chart(rows: list[dict]) -> dict:
    """Amount by year, a stacked bar per type (the chart above the table)."""
    years_seen = sorted({r["year"] for r in rows})
    kinds = [t for t in HELP_TYPES if any(r["type"] == t for r in rows)]
    totals: dict[tuple[int, str], float] = {}
    for r in rows:
        key = (r["year"], r["type"])
        totals[key] = totals.get(key, 0.0) + float(r["amount"] or 0)
    return {"categories": [str(y) for y in years_seen], "stack": True,
            "series": [{"name": type_word(t), "data": [round(totals.get((y, t), 0.0), 2)
                                                       for y in years_seen]} for t in kinds]}


def intensity_rows(focus: Division, year: int | None = None) -> list[dict]:
    """Per county under the focus (per township or village under a township or village):
    help per household-year before exit and during the period, their ratio, and whether help
    was kept up — the divisions that cut help are the ones to act on."""
    return _named(services.help_intensity(scope_of(focus), year=year))


# --- follow-up ------------------------------------------------------------------------------

def lost_rows(focus: Division, year: int | None = None) -> list[dict]:
    """Households inside the period that had help and have none in the latest year, with the
    village's name and the words of the help they last had."""
    rows = services.lost_help(scope_of(focus), year=year)
    found = names(r["village_code"] for r in rows)
    return [{**r, "village": found.get(r["village_code"], r["village_code"]),
             "last_help_words": "、".join(type_word(t) for t in r.get("last_help_types") or [])}
            for r in rows]
