"""Shared helpers of the assessment tests: a county registry to sample from, the people who
act on an assessment, and the steps that take one from opening to estimates."""

from __future__ import annotations

from dataclasses import dataclass, field

from fupin.assessment import services
from fupin.assessment.choices import Outcome, Stratum
from fupin.assessment.models import Assessment, SampledUnit
from tests import factories

COUNTY = "513431000000"
OTHER_COUNTY = "513436000000"
VILLAGES = (factories.HOME_VILLAGE, "513431100204", factories.OTHER_TOWNSHIP_VILLAGE)
#: Per village: 3 exited, 2 poor (registered), 5 general (unregistered) households.
STATUSES = ("exited", "exited", "exited", "poor", "poor") + ("general",) * 5
DESIGN = services.Design(villages=2, households=8)


def county_registry(villages=VILLAGES, statuses=STATUSES) -> list[str]:
    """Households of the home county, ``statuses`` in each village; their IDs."""
    ids = []
    for v, village in enumerate(villages):
        for i, status in enumerate(statuses):
            hid = f"A{v}{i:03d}"
            factories.household(village, household_id=hid, status=status,
                                exit_year=2019 if status == "exited" else None)
            ids.append(hid)
    return ids


@dataclass
class People:
    evaluator: object = field(default_factory=lambda: factories.make_user("evaluator", COUNTY))
    officer: object = field(default_factory=lambda: factories.make_user("county_officer",
                                                                        COUNTY))
    approver: object = field(default_factory=lambda: factories.make_user("county_approver",
                                                                         COUNTY))
    province: object = field(default_factory=lambda: factories.make_user("province_viewer",
                                                                         "510000000000"))
    stranger: object = field(default_factory=lambda: factories.make_user("evaluator",
                                                                         OTHER_COUNTY))


def opened(people: People, *, seed: int = 20260601, year: int = 2026) -> Assessment:
    return services.open_assessment(actor=people.evaluator, county_code=COUNTY, year=year,
                                    seed=seed, design=DESIGN)


def answers_for(unit: SampledUnit, *, wrong: bool = False, omitted: bool = False,
                approves: bool = True, officials: bool = False) -> services.Answers:
    """Answers that follow the questionnaire for ``unit``."""
    return services.Answers(
        wrongly_exited=wrong if unit.status == "exited" else None,
        omitted=omitted if unit.stratum == Stratum.UNREGISTERED else None,
        approves=approves, officials_present=officials, interviewer="调查员甲")


def interview_all(people: People, assessment: Assessment, **over) -> int:
    pending = list(assessment.units.filter(active=True, outcome=Outcome.PENDING))
    for unit in pending:
        services.record_interview(actor=people.evaluator, unit=unit,
                                  answers=answers_for(unit, **over))
    return len(pending)


def step(assessment: Assessment, actor, action: str, note: str = "") -> Assessment:
    assessment.refresh_from_db()
    return services.take_step(actor=actor, assessment=assessment, action=action,
                              version=assessment.version, note=note)


def estimated(people: People, **over) -> Assessment:
    assessment = opened(people)
    interview_all(people, assessment, **over)
    step(assessment, people.evaluator, "complete_fieldwork")
    return step(assessment, people.evaluator, "estimate")
