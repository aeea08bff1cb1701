"""The consolidation app's datasets, registered with the exchange from ``AppConfig.ready``."""

from __future__ import annotations


def register() -> None:
    """Register the help register (filled in by the help-register work)."""
