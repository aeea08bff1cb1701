"""API of the rounds area: indicator systems, rounds, county evaluations with their values and
preview score, entering and verifying values, the steps — region-scoped like the screens."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from fupin.core.access import allowed
from fupin.core.errors import Forbidden
from fupin.core.pagination import BoundedPageNumberPagination
from fupin.evaluation import access, services
from fupin.evaluation.choices import VerifyMethod
from fupin.evaluation.models import CountyEvaluation, Round

router = Router()


class SystemOut(Schema):
    id: int
    code: str
    version: str
    province_code: str
    name_zh: str
    name_en: str
    digest: str
    is_default: bool
    published_at: dt.datetime


class RoundOut(Schema):
    id: int
    division_code: str
    year: int
    title: str
    system_id: int
    system_code: str = Field(alias="system.code")
    system_version: str = Field(alias="system.version")
    submit_by: dt.date
    verify_by: dt.date
    seed: int | None
    opened_at: dt.datetime
    published_at: dt.datetime | None


class ValueOut(Schema):
    code: str
    computed: Decimal | None
    computed_note: str
    submitted: Decimal | None
    submitted_note: str
    verified: Decimal | None
    verify_method: str
    verify_reason: str
    flagged: bool
    used: str


class ScoreOut(Schema):
    total: Decimal
    base_score: Decimal
    bonus: Decimal
    deduction: Decimal
    extra_deduction: Decimal
    grade: str
    modules: dict[str, Decimal]
    points: dict[str, Decimal]


class EvaluationOut(Schema):
    id: int
    round_id: int
    year: int = Field(alias="round.year")
    division_code: str
    state: str
    due_at: dt.datetime | None
    closed: bool
    version: int


class EvaluationDetailOut(EvaluationOut):
    values: list[ValueOut]
    score: ScoreOut | None

    @staticmethod
    def resolve_values(obj):
        return list(obj.values.all())

    @staticmethod
    def resolve_score(obj):
        result = getattr(obj, "result", None) if obj.closed else None
        if result is not None:  # published: the result as written, never re-scored
            return {"total": result.total, "base_score": result.base_score,
                    "bonus": result.bonus, "deduction": result.deduction,
                    "extra_deduction": result.extra_deduction, "grade": result.grade,
                    "modules": {m["code"]: Decimal(m["points"]) for m in result.modules},
                    "points": {line["code"]: Decimal(line["points"])
                               for line in result.lines}}
        score = services.score_county(obj)
        return {"total": score.total, "base_score": score.base_score, "bonus": score.bonus,
                "deduction": score.deduction, "extra_deduction": score.extra_deduction,
                "grade": score.grade, "modules": dict(score.modules),
                "points": {code: line.points for code, line in score.lines.items()}}


class ValueIn(Schema):
    value: Decimal = Field(ge=0, lt=10**14, max_digits=18, decimal_places=4)
    note: str = Field("", max_length=2000)


class VerifyIn(Schema):
    value: Decimal = Field(ge=0, lt=10**14, max_digits=18, decimal_places=4)
    method: VerifyMethod
    reason: str = Field("", max_length=2000)


class RoundStepIn(Schema):
    action: str = Field(max_length=32)
    version: int = Field(ge=0, le=2**31 - 1)
    note: str = Field("", max_length=5000)


@router.get("/evaluation/systems", response=list[SystemOut])
@paginate(BoundedPageNumberPagination, page_size=50)
def list_systems(request: HttpRequest):
    """Published indicator system versions: the national defaults and the caller's
    province's (every province's for a national caller)."""
    if not request.user.has_perm("evaluation.view_indicatorsystem"):
        raise Forbidden("your role may not see indicator systems")
    services.ensure_default_systems()
    return access.systems_for(request.user).order_by("code", "province_code", "-published_at",
                                                     "-pk")


@router.get("/evaluation/rounds", response=list[RoundOut])
@paginate(BoundedPageNumberPagination, page_size=50)
def list_rounds(request: HttpRequest):
    """Rounds of the caller's region (a province's rounds; nation-wide for the nation)."""
    if not allowed(request.user, Round):
        raise Forbidden("your role may not see evaluation rounds")
    return access.rounds_for(request.user).order_by("-year", "-pk")


@router.get("/evaluation/county-evaluations", response=list[EvaluationOut])
@paginate(BoundedPageNumberPagination, page_size=50)
def list_county_evaluations(request: HttpRequest, round_id: int | None = None):
    """County evaluations of the caller's region, optionally of one round."""
    if not allowed(request.user, CountyEvaluation):
        raise Forbidden("your role may not see county evaluations")
    qs = access.evaluations_for(request.user)
    if round_id is not None:
        qs = qs.filter(round_id=round_id)
    return qs.order_by("-round__year", "division_code", "pk")


@router.get("/evaluation/county-evaluations/{int:evaluation_id}",
            response=EvaluationDetailOut)
def get_county_evaluation(request: HttpRequest, evaluation_id: int):
    """One county evaluation with its values (three sources, flag, value used) and the
    preview score (or the published one's inputs)."""
    return access.access_evaluation(request.user, evaluation_id)


@router.post("/evaluation/county-evaluations/{int:evaluation_id}/values/{code}",
             response=ValueOut)
def post_value(request: HttpRequest, evaluation_id: int, code: str, body: ValueIn):
    """The county's value of one indicator (while opened)."""
    evaluation = access.access_evaluation(request.user, evaluation_id)
    return services.submit_value(actor=request.user, evaluation=evaluation, code=code,
                                 value=body.value, note=body.note)


@router.post("/evaluation/county-evaluations/{int:evaluation_id}/verifications/{code}",
             response=ValueOut)
def post_verification(request: HttpRequest, evaluation_id: int, code: str, body: VerifyIn):
    """The evaluator's value of one indicator (while submitted) with the method."""
    evaluation = access.access_evaluation(request.user, evaluation_id)
    return services.verify_value(actor=request.user, evaluation=evaluation, code=code,
                                 value=body.value, method=body.method, reason=body.reason)


@router.post("/evaluation/county-evaluations/{int:evaluation_id}/steps",
             response=EvaluationOut)
def post_step(request: HttpRequest, evaluation_id: int, body: RoundStepIn):
    """A step (submit, verify, send back, review, publish); 409 when someone acted first."""
    evaluation = access.access_evaluation(request.user, evaluation_id)
    if body.action == "publish_evaluation":
        services.grade_county(actor=request.user, evaluation=evaluation,
                              version=body.version)
        return access.access_evaluation(request.user, evaluation_id)
    return services.take_step(actor=request.user, evaluation=evaluation, **body.model_dump())
