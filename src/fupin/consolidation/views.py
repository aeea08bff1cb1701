"""The consolidation period's screens (filled in by the screens work)."""
