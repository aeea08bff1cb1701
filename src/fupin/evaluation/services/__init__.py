"""What other apps and the screens may call; one module per area (rounds, funds, scorecards).
The round's public contract (``score_county``, ``grade_county`` …) is re-exported here."""
