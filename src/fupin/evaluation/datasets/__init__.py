"""The evaluation app's tables on the validating exchange (:mod:`fupin.core.exchange`):
submissions and verifications (rounds), allocations, projects and expenditures (funds)."""

from fupin.evaluation.datasets import funds, rounds


def register() -> None:
    rounds.register()
    funds.register()
