"""Shared helpers of the evaluation round tests: people of the home province, a round on
the shipped default system, and walking a county evaluation through its steps."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import Decimal

from fupin.evaluation import services
from fupin.evaluation.models import CountyEvaluation, IndicatorSystem
from fupin.regions.models import Division
from tests import factories

PROVINCE = "510000000000"
COUNTY = "513431000000"
OTHER_COUNTY = "513436000000"
FAR_PROVINCE = "520000000000"
FAR_COUNTY = "520102000000"
START = dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC)  # a Monday, 10:00 in Beijing
SYSTEM_CODE = "ecommerce-demo-county"


def far_province() -> None:
    """A second province (贵州省 › 贵阳市 › 南明区) for "another province" checks."""
    for code, name, level, parent in (
            (FAR_PROVINCE, "贵州省", "province", "000000000000"),
            ("520100000000", "贵阳市", "prefecture", FAR_PROVINCE),
            (FAR_COUNTY, "南明区", "county", "520100000000")):
        Division.objects.get_or_create(code=code, defaults={"name": name, "level": level,
                                                            "parent_id": parent})


@dataclass
class People:
    officer: object = field(default_factory=lambda: factories.make_user("county_officer",
                                                                        COUNTY))
    approver: object = field(default_factory=lambda: factories.make_user("county_approver",
                                                                         COUNTY))
    evaluator: object = field(default_factory=lambda: factories.make_user("evaluator", COUNTY))
    province: object = field(default_factory=lambda: factories.make_user("province_viewer",
                                                                         PROVINCE))
    stranger: object = field(default_factory=lambda: factories.make_user("evaluator",
                                                                         OTHER_COUNTY))
    other_officer: object = field(default_factory=lambda: factories.make_user(
        "county_officer", OTHER_COUNTY))


def default_system() -> IndicatorSystem:
    services.ensure_default_systems()
    return IndicatorSystem.objects.get(code=SYSTEM_CODE, province_code="")


def open_round(people: People, *, year: int = 2025, counties=(COUNTY, OTHER_COUNTY),
               system: IndicatorSystem | None = None):
    return services.open_round(
        actor=people.province, province_code="51", year=year,
        system=system or default_system(), counties=list(counties),
        submit_by=dt.date(2026, 3, 31), verify_by=dt.date(2026, 5, 31),
        title=f"{year} 示范县绩效评价")


def evaluation_of(round_, county: str = COUNTY) -> CountyEvaluation:
    return CountyEvaluation.objects.select_related("round__system").get(
        round=round_, division_code=county)


def at_target(indicator) -> Decimal:
    """A value that earns the indicator's full points (0 events for a deduction item)."""
    m = indicator.method
    if m == "deduction":
        return Decimal(0)
    if m == "boolean":
        return Decimal(1)
    if m == "count":
        return Decimal(math.ceil(indicator.points / indicator.per_event))
    return indicator.target


def step(evaluation, actor, action, note="已核实"):
    evaluation.refresh_from_db()
    return services.take_step(actor=actor, evaluation=evaluation, action=action,
                              version=evaluation.version, note=note)


def submit_all(evaluation, people: People, value=at_target) -> None:
    """The county enters every submitted-source indicator and submits."""
    system = evaluation.round.system.system()
    for indicator in system.indicators():
        if indicator.source == "submitted":
            services.submit_value(actor=people.officer, evaluation=evaluation,
                                  code=indicator.code, value=value(indicator), note="")
    step(evaluation, people.officer, "submit_evaluation")


def verify_all(evaluation, people: People, value=at_target, *, computed=True) -> None:
    """The evaluator verifies every flagged value and (``computed``) sets every computed
    indicator, then verifies the evaluation."""
    system = evaluation.round.system.system()
    for row in evaluation.values.all():
        indicator = system.indicator(row.code)
        if row.flagged or (computed and indicator.source == "computed"):
            services.verify_value(actor=people.evaluator, evaluation=evaluation,
                                  code=row.code, value=value(indicator), method="document",
                                  reason="资料核查")
    step(evaluation, people.evaluator, "verify_evaluation")


def to_reviewed(evaluation, people: People, value=at_target) -> CountyEvaluation:
    submit_all(evaluation, people, value)
    verify_all(evaluation, people, value)
    moved = step(evaluation, people.province, "review_evaluation")
    evaluation.refresh_from_db()
    return moved


def zero(indicator) -> Decimal:
    return Decimal(0)
