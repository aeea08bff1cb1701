"""Evaluation rounds with published results for the scorecard tests and the permission
matrix: the demo's own loader (``fupin.evaluation.demo``) over the test tree's two counties of
凉山州 (昭觉县 the demo county, 美姑县 the weak one), so the data are made through the round's
services exactly as in ``fupin demo``."""

from __future__ import annotations

from fupin.evaluation import demo
from fupin.evaluation.models import CountyEvaluation

MINE, THEIRS = "513431000000", "513436000000"
#: Login names of their own (a demo name such as "officer" is part of other test logins).
LOGINS = {"province": "eval_province", "officer": "eval_officer", "evaluator": "eval_evaluator"}


def load(seed: int = 7) -> dict:
    """Rounds 2020 and 2021 published for both counties, 2022 opened; the evaluations of
    2021 by county (``mine``, ``theirs``) and the demo's summary."""
    made = demo.load(MINE, seed=seed, limit=2, logins=LOGINS)
    found = {e.division_code: e for e in CountyEvaluation.objects.filter(
        round__year=2021, round__system__code=demo.SYSTEM).select_related("round", "result")}
    return {"made": made, "mine": found[MINE], "theirs": found[THEIRS]}


def for_world(w) -> dict:
    """The data once per permission-matrix world."""
    if "_evaluation_scorecards" not in w.__dict__:
        w.__dict__["_evaluation_scorecards"] = load()
    return w.__dict__["_evaluation_scorecards"]
