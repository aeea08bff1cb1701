"""Every step of the procedure: the right level in the region may take it; a wrong level, a
user of another region and an illegal action are refused and change nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from fupin.cases import workflow
from fupin.cases.models import Case
from fupin.core.errors import Forbidden, NotFound, ValidationFailed
from tests import factories
from tests.cases_helpers import (
    Actors,
    alert,
    frozen,
    line_pack,  # noqa: F401 - a fixture
    prepare_elimination,
    step,
)

HAPPY = ["visit", "compare", "village_review", "post_notice", "township_approve", "approve",
         "propose_elimination", "elim_village_review", "elim_post_notice",
         "elim_township_approve", "eliminate", "rollback"]
EXTRA = {"approve": {"category": "unstable"}, "reject": {"note": "不符合"},
         "township_reject": {"note": "不符合"}, "elim_reject": {"note": "不符合"},
         "elim_township_reject": {"note": "不符合"},
         "propose_elimination": {"elimination_kind": "assistance"},
         "rollback": {"note": "返贫风险"}, "visit_reject": {"note": "不符合"},
         "compare_reject": {"note": "不符合"}, "village_reject": {"note": "不符合"}}


def _user(actors: Actors, level: str):
    return {"village": actors.cadre, "township": actors.reviewer,
            "county": actors.approver}[level]


def _advance(actors, traveller, case: Case, to_state: str) -> Case:
    for action in HAPPY:
        if case.state == to_state:
            return case
        move = workflow.transition(case.state, action)
        if action in {"township_approve", "elim_township_approve"}:
            traveller.shift(dt.timedelta(days=5))
        if action == "propose_elimination":
            prepare_elimination(actors, traveller, case)
            case.refresh_from_db()
        case = step(case, _user(actors, move.level), action, **EXTRA.get(action, {}))
    assert case.state == to_state
    return case


@pytest.mark.parametrize("move", workflow.TRANSITIONS, ids=lambda t: f"{t.state}-{t.action}")
def test_each_step_by_role_and_region(tree, move, line_pack):  # noqa: F811
    actors = Actors()
    outsiders = {
        "village": factories.make_user("village_cadre", factories.OTHER_COUNTY_VILLAGE),
        "township": factories.make_user("township_reviewer", "513436100000"),
        "county": factories.make_user("county_approver", "513436000000"),
    }
    with translation.override("en"), frozen() as traveller:
        case = _advance(actors, traveller, alert(actors), move.state)
        if move.action in {"township_approve", "elim_township_approve"}:
            traveller.shift(dt.timedelta(days=5))
        if move.action == "propose_elimination":
            prepare_elimination(actors, traveller, case)
            case.refresh_from_db()
        version = case.version
        extra = EXTRA.get(move.action, {})
        for level, user in (("village", actors.cadre), ("township", actors.reviewer),
                            ("county", actors.approver)):
            if level == move.level:
                continue
            with pytest.raises(Forbidden):
                step(case, user, move.action, **extra)
        with pytest.raises(NotFound):
            step(case, outsiders[move.level], move.action, **extra)
        illegal = next(t.action for t in workflow.TRANSITIONS if t.state != move.state
                       and (move.state, t.action) not in workflow.BY_KEY)
        with pytest.raises(ValidationFailed, match="is not possible"):
            step(case, _user(actors, move.level), illegal)
        case.refresh_from_db()
        assert case.version == version  # nothing changed
        done = step(case, _user(actors, move.level), move.action, **extra)
        assert done.state == move.to
