"""What other apps and the screens may call; one module per area (rounds, funds, scorecards).
The round's public contract (``score_county``, ``grade_county`` …) is re-exported here."""

# --- rounds
from fupin.evaluation.services.rounds import (  # noqa: F401
    EVIDENCE_MAX_BYTES,
    SystemRejected,
    accountability_values,
    add_value_evidence,
    compute_values,
    ensure_default_systems,
    is_flagged,
    open_round,
    open_value_evidence,
    parse_value,
    provided_values,
    publish_system,
    submit_value,
    systems_for,
    take_step,
    value_used,
    verify_value,
)
from fupin.evaluation.services.rounds_results import (  # noqa: F401
    Preview,
    chosen_values,
    competition_ranks,
    grade_county,
    preview,
    publish_round,
    score_county,
)
