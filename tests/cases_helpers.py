"""Building cases through the services, step by step."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
import yaml
from django.utils import timezone

from fupin.cases import services
from fupin.cases.models import Case, Channel
from fupin.monitoring import policy
from fupin_engine.policy.loader import PACKS
from tests import factories

START = dt.datetime(2026, 1, 5, 2, 0, tzinfo=dt.UTC)  # 10:00 in Beijing


class Actors:
    def __init__(self) -> None:
        self.cadre = factories.make_user("village_cadre", factories.HOME_VILLAGE)
        self.reviewer = factories.make_user("township_reviewer", factories.HOME_TOWNSHIP)
        self.approver = factories.make_user("county_approver", "513431000000")


def alert(actors: Actors, household=None) -> Case:
    household = household or factories.household(factories.HOME_VILLAGE)
    case, _alert, _created = services.open_or_attach(
        actor=actors.cadre, household=household, channel=Channel.CADRE_VISIT,
        source=f"cadre:{actors.cadre.pk}", kind="income_drop")
    return case


def records(action: str) -> dict:
    """What a step records when a test does not say (consent, comparison, review, risk)."""
    return {
        "visit": {"consent": True, "consent_date": today(), "consent_signed_by": "户主"},
        "compare": {"compared_departments": "民政;医保;人社", "comparison_findings": "无异常"},
        "village_review": {"review_meeting_date": today(), "votes_for": 9,
                           "votes_against": 1, "votes_abstain": 0},
        "approve": {"risk_types": "01"},
    }.get(action, {})


def step(case: Case, actor, action: str, **kw) -> Case:
    return services.take_step(actor=actor, case=case, action=action, version=case.version,
                              **{**records(action), **kw})


@pytest.fixture
def line_pack(settings, tmp_path):
    """Use a copy of the pack with parameters for 2025 and a line for Sichuan (51) that year
    (the built-in pack has no national line after 2021, and elimination refuses without
    one)."""
    data = yaml.safe_load((PACKS / "cn-national.yaml").read_text(encoding="utf-8"))
    for name, param in data["parameters"].items():
        years = param.setdefault("years", {})
        if param.get("default") is None and years:
            years.setdefault(2025, years[max(years)])
        if name == "monitoring_line":
            param.setdefault("provinces", {}).setdefault("51", {})[2025] = 7000
    path = tmp_path / "pack-with-line.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    settings.FUPIN_POLICY_PACK = str(path)
    policy.pack.cache_clear()
    yield path
    policy.pack.cache_clear()


def to_monitored(actors: Actors, traveller, case: Case | None = None) -> Case:
    """alert → … → approved monitoring object, moving the frozen clock past the notice."""
    case = case or alert(actors)
    case = step(case, actors.cadre, "visit")
    case = step(case, actors.cadre, "compare")
    case = step(case, actors.cadre, "village_review")
    case = step(case, actors.cadre, "post_notice")
    traveller.shift(dt.timedelta(days=5))
    case = step(case, actors.reviewer, "township_approve")
    return step(case, actors.approver, "approve", category="unstable")


def frozen(at=START):
    return time_machine.travel(at, tick=False)


def today():
    return timezone.localdate()


def prepare_elimination(actors: Actors, traveller, case: Case) -> None:
    """Six months of monitoring with a measure and incomes above the line."""
    services.add_measure(actor=actors.cadre, case=case, type="employment",
                         description="岗位", responsible="张", start=today())
    for _ in range(7):
        traveller.shift(dt.timedelta(days=30))
        services.add_visit(actor=actors.cadre, case=case, date=today(),
                           situation="稳定", per_capita_income=Decimal("9000"))
