"""API of the rounds area."""

from ninja import Router

router = Router()
