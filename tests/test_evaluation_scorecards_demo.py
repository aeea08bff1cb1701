"""The demo's evaluation rounds (``fupin.evaluation.demo``, phase 8 of ``fupin demo``): made
through the round's services, the same from the same seed, once, and leaving work in every
role's inbox."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction

from fupin.evaluation import demo
from fupin.evaluation.models import CountyEvaluation, IndicatorValue, Result, Round
from fupin.evaluation.workflows import evaluations_waiting_for
from fupin.regions.choices import Level
from fupin.regions.models import Division
from tests import evaluation_scorecards_data as data

pytestmark = pytest.mark.django_db

#: Four more counties of 凉山州 (NBS codes), so the 2021 round has one at each earlier step.
MORE = [("513432000000", "喜德县"), ("513433000000", "冕宁县"), ("513434000000", "越西县"),
        ("513435000000", "甘洛县")]


@pytest.fixture
def prefecture(tree):
    for code, name in MORE:
        Division.objects.get_or_create(code=code, defaults={
            "name": name, "level": Level.COUNTY, "parent_id": "513400000000"})


class _Undo(Exception):
    pass


def _run(seed: int) -> dict:
    made = demo.load(data.MINE, seed=seed, limit=6, logins=data.LOGINS)
    results = dict(Result.objects.filter(evaluation__round__year=2021)
                   .values_list("evaluation__division_code", "total"))
    states = dict(CountyEvaluation.objects.filter(
        round__year=2021, round__system__code=demo.SYSTEM)
        .values_list("division_code", "state"))
    return {"made": made, "totals": results, "states": states}


def _run_undone(seed: int) -> dict:
    try:
        with transaction.atomic():
            found = _run(seed)
            raise _Undo
    except _Undo:
        pass
    return found


def test_the_demo_leaves_one_county_at_each_step_and_work_for_every_role(prefecture):
    found = _run(5)
    assert found["made"]["rounds"] == 4
    states = found["states"]
    assert states[data.MINE] == "published"
    assert states[data.THEIRS] == "published"  # the weak county, the last of the prefecture
    assert sorted(s for c, s in states.items() if c not in (data.MINE, data.THEIRS)) == \
        sorted(demo.EARLIER_STEPS)
    weak = Result.objects.get(evaluation__round__year=2021, evaluation__division_code=data.THEIRS)
    assert weak.grade == "poor"
    assert weak.consequence == "status_lost"
    assert weak.finding_id is not None
    # The evaluator's checks are on the record: flagged values verified on site, a random
    # check that found less than was submitted.
    verified = IndicatorValue.objects.filter(evaluation__round__year=2021,
                                             verified__isnull=False)
    assert verified.filter(flagged=True, verify_method="site").exists()
    assert verified.filter(verify_method="random").exclude(verify_reason="").exists()
    # Work waits on the demo county's officer and evaluator, and on the province.
    users = {u.username: u for u in get_user_model().objects.filter(
        username__in=data.LOGINS.values())}
    for login in data.LOGINS.values():
        user = users[login]
        waiting = CountyEvaluation.objects.filter(evaluations_waiting_for(user)).filter(
            division_code__startswith=user.division_id[:6 if user.division_id != "510000000000"
                                                      else 2])
        assert waiting.exists(), login


def test_the_demo_is_the_same_from_the_same_seed_and_made_once(prefecture):
    first = _run_undone(5)
    again = _run_undone(5)
    other = _run_undone(6)
    assert first["totals"] == again["totals"]
    assert first["totals"] != other["totals"]
    _run(5)
    rounds = Round.objects.count()
    assert demo.load(data.MINE, seed=5, limit=6, logins=data.LOGINS)["rounds"] == 0
    assert Round.objects.count() == rounds
