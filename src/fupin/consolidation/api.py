"""The consolidation period's API (filled in by the screens work)."""

from ninja import Router

router = Router(tags=["consolidation"])
