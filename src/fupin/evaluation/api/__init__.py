"""Evaluation API, region-scoped like the screens; one router per area."""

from ninja import Router

from fupin.evaluation.api import funds, rounds, scorecards

router = Router(tags=["evaluation"])
router.add_router("/", rounds.router)
router.add_router("/", scorecards.router)
router.add_router("/", funds.router)
