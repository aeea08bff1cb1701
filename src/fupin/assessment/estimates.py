"""The assessment's estimates from its stored submissions, by the engine
(:func:`fupin_engine.measures.estimate.estimate`: people-weighted ratios with linearised
design-based 95% intervals and verdicts; docs/statistics.md), and the facts of the county report.

No statistics are computed here: this module hands the stored sample, results and frame facts
to the engine and stores (or rebuilds) the engine's :class:`Estimate` values.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from fupin.assessment.choices import Outcome, Role
from fupin.assessment.models import Assessment, EstimateRow, SampledUnit
from fupin.assessment.sample import engine_sample

if TYPE_CHECKING:
    from fupin_engine.measures.estimate import Estimate, FieldResult


def _engine():
    """The engine's estimator, imported when first used: it loads SciPy, which the URL
    configuration (and so every worker and server start) should not wait for."""
    from fupin_engine.measures import estimate as engine

    return engine

#: The indicators in the order the screens and the report show them.
ORDER = ("wrong_exit_rate", "omission_rate", "approval_rate", "comprehensive_poverty_rate")


def _flag(value: bool | None) -> int | None:
    return None if value is None else int(value)


def result_of(unit: SampledUnit) -> FieldResult | None:
    """The engine's field result of an interviewed unit; an interview with officials present
    keeps its facts (wrongly exited, omitted) but its approval is not counted."""
    sub = getattr(unit, "submission", None)
    if sub is None or unit.outcome != Outcome.INTERVIEWED:
        return None
    approves = None if sub.officials_present else _flag(sub.approves)
    return _engine().FieldResult(_flag(sub.wrongly_exited), _flag(sub.omitted), approves)


def compute(assessment: Assessment) -> list[Estimate]:
    """The four indicators over the current sample (active units; one not interviewed counts
    as not asked, so its village still counts as a primary unit)."""
    units = list(assessment.units.filter(active=True).select_related("submission"))
    sample = engine_sample(assessment).households
    results = {u.household_id: r for u in units if (r := result_of(u)) is not None}
    households = {u.household_id: _engine().Household(u.status, u.size) for u in units}
    rows = _engine().estimate(sample, results, households, population=assessment.population or None,
                    registered_poor=assessment.registered_poor, western=assessment.western)
    return sorted(rows, key=lambda e: ORDER.index(e.indicator))


def store(assessment: Assessment, rows: list[Estimate]) -> None:
    assessment.estimates.all().delete()
    EstimateRow.objects.bulk_create([
        EstimateRow(assessment=assessment, indicator=e.indicator, estimate=e.estimate,
                    ci_low=e.ci_low, ci_high=e.ci_high, sampled=e.sampled,
                    side=e.threshold[0], threshold=e.threshold[1], verdict=e.verdict)
        for e in rows])


def stored(assessment: Assessment) -> list[Estimate]:
    """The stored estimates as the engine's values (their verdict is recomputed by the same
    rule, so a row and its value cannot disagree)."""
    return [_engine().Estimate(r.indicator, r.estimate, r.ci_low, r.ci_high, r.sampled,
                     (r.side, r.threshold)) for r in assessment.estimates.all()]


def response(assessment: Assessment) -> dict[str, Any]:
    """Interviewed, refused, absent, replacements taken, and the response rate: interviews
    over households visited (interviewed + refused + absent)."""
    counts = Counter(assessment.units.exclude(outcome=Outcome.PENDING)
                     .values_list("outcome", flat=True))
    replaced = assessment.units.filter(role=Role.REPLACEMENT, active=True).count()
    visited = counts[Outcome.INTERVIEWED] + counts[Outcome.REFUSED] + counts[Outcome.ABSENT]
    return {"interviewed": counts[Outcome.INTERVIEWED], "refused": counts[Outcome.REFUSED],
            "absent": counts[Outcome.ABSENT], "replaced": replaced,
            "response_rate": counts[Outcome.INTERVIEWED] / visited if visited else 0.0}


def design(assessment: Assessment) -> dict[str, Any]:
    """The design as the report states it."""
    drawn = assessment.units.filter(role=Role.SAMPLED)
    strata = Counter(drawn.values_list("stratum", flat=True))
    return {"villages_drawn": drawn.values("village_code").distinct().count(),
            "households_drawn": sum(strata.values()), "strata": dict(sorted(strata.items())),
            "margin": assessment.margin, "deff": assessment.deff,
            "frame_households": assessment.frame_households,
            "frame_villages": assessment.frame_villages}


def report_fields(assessment: Assessment, county_name: str) -> dict[str, Any]:
    """The keyword arguments of ``fupin.assessment.report.CountyReport``."""
    return {"county_code": assessment.county_code[:6], "county_name": county_name,
            "year": assessment.year, "seed": assessment.seed, "design": design(assessment),
            "response": response(assessment), "estimates": stored(assessment)}
