"""Indicator systems, rounds, county evaluations, indicator values and results (rounds)."""

__all__: list[str] = []
