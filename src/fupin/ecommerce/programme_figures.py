"""The figures the programme screens and the API share (views and API may not import each
other): the default year, the coverage chart, words for product states, eclink's linkage
block, and the counties-as-rows of the province page. Numbers come from
:mod:`fupin.ecommerce.coverage`."""

from __future__ import annotations

from django.db.models import Max
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext

from fupin.core.access import Scope, allowed, in_scope
from fupin.ecommerce import coverage, targets
from fupin.ecommerce.choices import ProgrammeKind
from fupin.ecommerce.models import (
    Beneficiary,
    LogisticsYear,
    Pairing,
    Product,
    Site,
    TrainingSession,
)
from fupin.regions.choices import Level
from fupin.regions.models import Division

try:  # eclink's indicators (issue 12): the block says "not available" until they are merged
    from fupin.ecommerce.indicators import linkage_quality
except ImportError:  # pragma: no cover - depends on the merge order
    linkage_quality = None

#: The first demonstration batch (2014): the first year a programme page offers.
FIRST_YEAR = 2014


def latest_year(scope: Scope) -> int:
    """The latest year the programme recorded anything in (logistics or training), else
    this year: the page opens on figures, not on an empty year."""
    found = [in_scope(LogisticsYear.objects.all(), scope).aggregate(y=Max("year"))["y"],
             in_scope(TrainingSession.objects.all(), scope)
             .aggregate(y=Max(ExtractYear("held_on")))["y"]]
    found = [y for y in found if y]
    return min(max(found), timezone.localdate().year) if found else timezone.localdate().year


def coverage_chart(per_year: dict) -> dict:
    """Coverage by year with the target lines (targets.VILLAGE_COVERAGE_TARGETS): from the
    first year with a working point (2018 at the latest, so the first target shows)."""
    years = sorted(per_year)
    started = [y for y in years if per_year[y]["points"]]
    first = min([*started[:1], min(targets.VILLAGE_COVERAGE_TARGETS)])
    years = [y for y in years if y >= first]
    return {
        "years": [str(y) for y in years],
        "series": [
            {"name": gettext("Administrative villages covered (%)"),
             "data": [per_year[y]["village_share"] for y in years]},
            {"name": gettext("Poor villages covered (%)"),
             "data": [per_year[y]["poor_share"] for y in years]},
        ],
        "target": {"name": gettext("Target (%)"),
                   "data": [targets.VILLAGE_COVERAGE_TARGETS.get(y) for y in years]},
    }


def linkage_block(scope: Scope, year: int, county_codes, user) -> dict:
    """eclink's linkage quality indicators, or why they are not shown."""
    from fupin.ecommerce.models import Linkage

    if linkage_quality is None:
        return {"available": False}
    if not allowed(user, Linkage):
        return {"available": True, "allowed": False}
    return {"available": True, "allowed": True,
            "counties": linkage_quality(scope, year, county_codes)}



def product_states(counts: dict) -> list[tuple[str, int]]:
    """(state in words, count): the words of ecprod's certification workflow when it is
    registered (``product_state`` vocabulary, else the workflow's own state labels)."""
    from fupin.core import labels
    from fupin.core.workflow import REGISTRY

    states = {}
    for workflow in REGISTRY.values():
        if workflow.model is Product:
            states = workflow.states
    out = []
    for state, n in sorted(counts.items()):
        word = str(labels.word("product_state", state))
        out.append((str(states.get(state, word)) if word == state else word, n))
    return out


def county_rows(user, scope: Scope, year: int) -> list[dict]:
    """One row per county of ``scope`` with each indicator of ``year``: a fixed number of
    grouped queries for any number of counties."""
    today = timezone.localdate()
    counties = list(in_scope(Division.objects.filter(level=Level.COUNTY), scope)
                    .values_list("code", "name"))
    profiles = coverage.county_profiles(scope)
    cov = coverage.service_coverage(scope, [year], today=today) if allowed(user, Site) else {}
    logi = coverage.logistics(scope, [year]) if allowed(user, LogisticsYear) else {}
    pair = coverage.pairings(scope, year)["counties"] if allowed(user, Pairing) else {}
    train = coverage.training(scope, range(FIRST_YEAR, year + 1)) \
        if allowed(user, TrainingSession) else {}
    bene = coverage.beneficiaries(scope, year) if allowed(user, Beneficiary) else {}
    prod = coverage.products_by_state(scope) if allowed(user, Product) else {}
    link = linkage_block(scope, year, None, user).get("counties") or {}
    rows = []
    for code, name in counties:
        c = cov.get(code, {}).get(year, {})
        t = train.get(code, {}).get(year, {})
        placed = sum(r["placed_households"] for kind, r in bene.get(code, {}).items()
                     if kind != ProgrammeKind.ECOMMERCE)
        linked = link.get(code) or link.get(code[:6]) or {}
        rows.append({
            "code": code, "county": name, "year": year,
            "poverty": profiles.get(code, {}).get("national_poverty_county"),
            "demo_year": profiles.get(code, {}).get("ecommerce_demo_year"),
            "village_share": c.get("village_share"), "poor_share": c.get("poor_share"),
            "express_share": logi.get(code, {}).get(year, {}).get("express_share"),
            "pairing_share": pair.get(code, {}).get("share", {}).get("purchase"),
            "training": t.get("cumulative"), "training_share": t.get("target_share"),
            "placed": placed, "listed": prod.get(code, {}).get("listed", 0),
            "poor_linked": linked.get("poor_linked"),
        })
    return rows
