"""Evaluation models, one module per area (rounds: systems, rounds, values, results;
funds: allocations, projects, expenditures)."""

from fupin.evaluation.models.funds import *  # noqa: F403
from fupin.evaluation.models.rounds import *  # noqa: F403
