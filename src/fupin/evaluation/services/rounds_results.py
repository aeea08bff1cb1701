"""Scoring, grading and publishing county evaluations (rounds area).

:func:`score_county` previews a county's score with the engine from the value each indicator
uses (verified > computed > submitted, ``IndicatorValue.used`` says which) and accountability's
adjustments for the year (approved deductions outside the cap, the grade cap).
:func:`grade_county` publishes one reviewed evaluation and :func:`publish_round` every reviewed
evaluation of a round at once: each writes the :class:`~fupin.evaluation.models.Result` — the
system version and digest, scores, grade, the lines as they were, the rank in the round with
its stability under perturbed weights (the round's published seed), and the consequence
(the demonstration-county notices): 优秀 more support, 良好 continued, 一般 reduced, 较差 no
new funds and a rectification finding with 3 months; 较差 again after the previous year's
较差, or an approved
loss of demonstration status, is the loss of status and recovery of central funds. A result is
never written twice and never changed (docs/evaluation.md, ADR 0045).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from fupin.accountability import services as accountability
from fupin.core import audit
from fupin.core import workflow as engine
from fupin.core.access import Scope, in_scope
from fupin.core.errors import Forbidden, NotFound, ValidationFailed
from fupin.evaluation import workflows
from fupin.evaluation.choices import GRADE_CONSEQUENCE, Consequence, Grade
from fupin.evaluation.models import CountyEvaluation, IndicatorValue, Result, Round
from fupin_engine.evaluation import rank_stability
from fupin_engine.evaluation import score_county as engine_score

#: Draws of the published rank stability (Monte Carlo, ± 10% per base indicator weight).
STABILITY_DRAWS = 1000
STABILITY_SPREAD = 0.10
#: States whose values are final: they are ranked together.
RANKED_STATES = ("reviewed", "published")


@dataclass(frozen=True)
class Preview:
    """A county's score now: the engine's ``CountyScore``, the values it used and where
    each came from, and accountability's adjustments for the round's year."""

    score: Any
    values: dict[str, Decimal | None]
    used: dict[str, str]
    adjustments: Any


def _s(value: Any) -> str | None:
    return None if value is None else str(value)


def chosen_values(rows: list[IndicatorValue]) -> dict[str, Decimal | None]:
    """The value each indicator's score uses (verified > computed > submitted)."""
    out: dict[str, Decimal | None] = {}
    for row in rows:
        value = row.verified
        if value is None:
            value = row.computed
        if value is None:
            value = row.submitted
        out[row.code] = value
    return out


def preview(evaluation: CountyEvaluation) -> Preview:
    """The score of ``evaluation`` with the values and adjustments of now."""
    system = evaluation.round.system.system()
    rows = list(evaluation.values.all())
    values = chosen_values(rows)
    adjustments = accountability.evaluation_adjustments(evaluation.division_code,
                                                        evaluation.round.year)
    score = engine_score(system, values, extra_deduction=adjustments.deductions,
                         grade_cap=adjustments.grade_cap)
    return Preview(score=score, values=values, used={r.code: r.used for r in rows},
                   adjustments=adjustments)


def score_county(evaluation: CountyEvaluation) -> Any:
    """The engine's ``CountyScore`` of ``evaluation`` now (see :func:`preview`)."""
    return preview(evaluation).score


# --- ranks -----------------------------------------------------------------------------------

def competition_ranks(totals: dict[str, Decimal]) -> dict[str, int]:
    """Ranks by total, best first; ties share a rank ("1224")."""
    ordered = sorted(totals.values(), reverse=True)
    return {key: ordered.index(total) + 1 for key, total in totals.items()}


def _ranking(round_: Round, extra: list[CountyEvaluation]) -> dict[str, dict]:
    """Rank and stability of the round's counties whose values are final (reviewed or
    published) plus ``extra``: ``{county: {"rank", "of", "stability"}}``."""
    ranked = {e.pk: e for e in round_.evaluations.filter(state__in=RANKED_STATES)
              .select_related("result").prefetch_related("values")}
    ranked.update({e.pk: e for e in extra})
    system = round_.system.system()
    values, totals, extras = {}, {}, {}
    for evaluation in ranked.values():
        result = getattr(evaluation, "result", None) if evaluation.closed else None
        if result is not None:
            # A published county counts as published: its values, total and accountability
            # deduction as written then, never re-scored with today's adjustments.
            values[evaluation.division_code] = {
                line["code"]: None if line["value"] in ("", None) else Decimal(line["value"])
                for line in result.lines}
            totals[evaluation.division_code] = result.total
            extras[evaluation.division_code] = result.extra_deduction
            continue
        p = preview(evaluation)
        values[evaluation.division_code] = p.values
        totals[evaluation.division_code] = p.score.total
        extras[evaluation.division_code] = p.score.extra_deduction
    ranks = competition_ranks(totals)
    seed = round_.seed or 0
    # The same deductions as the ranks, so that the range shown next to a rank contains it.
    stable = rank_stability(system, values, seed=seed, draws=STABILITY_DRAWS,
                            spread=STABILITY_SPREAD, extra_deductions=extras)
    out = {}
    for county, rank in ranks.items():
        s = stable[county]
        out[county] = {"rank": rank, "of": len(ranks), "stability": {
            "median_rank": float(s.median_rank), "low": int(s.low), "high": int(s.high),
            "max_move": int(s.max_move), "same_rank_share": float(s.same_rank_share),
            "seed": seed, "draws": STABILITY_DRAWS, "spread": STABILITY_SPREAD,
            "of": len(ranks)}}
    return out


# --- consequences ----------------------------------------------------------------------------

def _poor_last_year(evaluation: CountyEvaluation) -> bool:
    return Result.objects.filter(
        evaluation__division_code=evaluation.division_code,
        evaluation__round__year=evaluation.round.year - 1, grade=Grade.POOR).exists()


def _consequence(actor: Any, evaluation: CountyEvaluation, grade: str,
                 adjustments: Any) -> tuple[str, str, Any]:
    """The consequence code, its note and the finding opened (for 较差)."""
    year = evaluation.round.year
    finding = None
    if grade == Grade.POOR:
        finding = accountability.open_evaluation_finding(
            actor=actor, county_code=evaluation.division_code, year=year, grade=grade,
            result_ref=f"evaluation:{evaluation.pk}")
    if grade == Grade.POOR and _poor_last_year(evaluation):
        return (Consequence.STATUS_LOST,
                gettext("graded poor in %(prev)s and %(year)s: demonstration status lost, "
                        "central funds to be recovered") % {"prev": year - 1, "year": year},
                finding)
    if adjustments.loses_demonstration:
        return (Consequence.STATUS_LOST,
                gettext("an approved accountability action withdrew the demonstration "
                        "status for %(year)s") % {"year": year}, finding)
    note = ""
    if finding is not None:
        note = gettext("rectification within 3 months (finding #%(id)s)") % {"id": finding.pk}
    return GRADE_CONSEQUENCE[grade], note, finding


# --- the result ------------------------------------------------------------------------------

def _lines(system: Any, p: Preview, rows: dict[str, IndicatorValue]) -> list[dict]:
    lines = []
    for indicator in system.indicators():
        line = p.score.lines[indicator.code]
        row = rows[indicator.code]
        lines.append({
            "code": indicator.code, "module": indicator.module or "", "kind": indicator.kind,
            "name_zh": indicator.name.zh, "name_en": indicator.name.en,
            "unit": indicator.unit, "method": indicator.method,
            "value": _s(p.values.get(indicator.code)),
            "source": p.used.get(indicator.code, "missing"), "points": _s(line.points),
            "max": _s(indicator.points), "evidence": [e.name for e in row.evidence.all()],
            "flagged": row.flagged, "computed": _s(row.computed),
            "submitted": _s(row.submitted), "verified": _s(row.verified),
            "verify_method": row.verify_method,
        })
    return lines


def _modules(system: Any, score: Any) -> list[dict]:
    return [{"code": m.code, "name_zh": m.name.zh, "name_en": m.name.en,
             "points": _s(score.modules.get(m.code, Decimal(0))), "max": _s(m.points)}
            for m in system.modules]


def _write_result(actor: Any, evaluation: CountyEvaluation, ranking: dict) -> Result:
    p = preview(evaluation)
    system = evaluation.round.system.system()
    rows = {r.code: r for r in evaluation.values.prefetch_related("evidence")}
    grade = p.score.grade
    consequence, note, finding = _consequence(actor, evaluation, grade, p.adjustments)
    place = ranking.get(evaluation.division_code, {})
    result = Result.objects.create(
        evaluation=evaluation, system_code=system.code, system_version=system.version,
        system_digest=system.digest, total=p.score.total, base_score=p.score.base_score,
        bonus=p.score.bonus, deduction=p.score.deduction,
        extra_deduction=p.score.extra_deduction, grade=grade,
        grade_cap=p.adjustments.grade_cap or "", modules=_modules(system, p.score),
        lines=_lines(system, p, rows), rank=place.get("rank"),
        stability=place.get("stability", {}), consequence=consequence,
        consequence_note=note, finding=finding, published_at=timezone.now(),
        published_by=actor)
    audit.record(actor=actor, action="evaluation.publish_result",
                 object_type="evaluation.result", object_id=str(result.pk),
                 division_code=evaluation.division_code, after=audit.snapshot(result))
    return result


def _publish(actor: Any, evaluation: CountyEvaluation, version: int) -> CountyEvaluation:
    # A published evaluation is closed: the engine refuses a second publication (and the
    # result's one-to-one key would too).
    return engine.take(workflows.EVALUATION, actor=actor, obj=evaluation,
                       action="publish_evaluation", version=version)


def grade_county(*, actor: Any, evaluation: CountyEvaluation,
                 version: int | None = None) -> Result:
    """Publish one reviewed county evaluation: the workflow step and its result in one
    transaction. Its rank is among the round's counties whose values are final."""
    with transaction.atomic():
        moved = _publish(actor, evaluation,
                         evaluation.version if version is None else version)
        ranking = _ranking(moved.round, [moved])
        return _write_result(actor, moved, ranking)


def publish_round(*, actor: Any, round: Round) -> list[Result]:
    """Publish every reviewed evaluation of ``round`` at once (all or nothing): one ranking
    of the round's final counties with the round's seed, one result each."""
    scope = Scope.of_user(actor)
    mine = [] if scope is None else list(in_scope(round.evaluations.all(), scope))
    if scope is None or not (scope.contains(round.division_code) or mine):
        raise NotFound("no such round")
    if not actor.has_perm(workflows.PUBLISH):
        raise Forbidden(gettext("only the province may publish a result"))
    # Each one still goes through the engine's level check (the province publishes).
    reviewed = sorted((e for e in mine if e.state == "reviewed"),
                      key=lambda e: e.division_code)
    if not reviewed:
        raise ValidationFailed(gettext("no reviewed county evaluation to publish"),
                               {"round": "nothing_reviewed"})
    with transaction.atomic():
        ranking = _ranking(round, reviewed)
        moved = [_publish(actor, e, e.version) for e in reviewed]
        results = [_write_result(actor, m, ranking) for m in moved]
        if round.published_at is None:
            Round.objects.filter(pk=round.pk).update(published_at=timezone.now())
    return results
