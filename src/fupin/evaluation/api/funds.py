"""API of the funds area."""

from ninja import Router

router = Router()
