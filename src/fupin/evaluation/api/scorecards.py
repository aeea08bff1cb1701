"""API of the scorecards area."""

from ninja import Router

router = Router()
