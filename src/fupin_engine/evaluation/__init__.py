"""Evaluation (issue 13): indicator systems as versioned data, their scoring arithmetic and the
stability of a ranking. No Django: the product calls it; see docs/formats/indicator-system.md
and docs/adr/0046-indicator-systems-and-scoring.md."""

from fupin_engine.evaluation.bulk import score_many
from fupin_engine.evaluation.model import (
    COMPUTED_KEYS,
    GRADE_CODES,
    METHODS,
    Grade,
    Indicator,
    IndicatorSystem,
    Module,
    Problem,
    SystemError_,
    Text,
)
from fupin_engine.evaluation.parse import (
    default_codes,
    default_system,
    load_system,
    parse_system,
)
from fupin_engine.evaluation.scoring import (
    CountyScore,
    Line,
    computed_values,
    grade_for,
    q2,
    score_county,
    score_indicator,
    submitted_differs,
)
from fupin_engine.evaluation.stability import Stability, competition_ranks, rank_stability

__all__ = [
    "COMPUTED_KEYS", "GRADE_CODES", "METHODS", "CountyScore", "Grade", "Indicator",
    "IndicatorSystem", "Line", "Module", "Problem", "Stability", "SystemError_", "Text",
    "competition_ranks", "computed_values", "default_codes", "default_system", "grade_for",
    "load_system", "parse_system", "q2", "rank_stability", "score_county", "score_indicator",
    "score_many", "submitted_differs",
]
