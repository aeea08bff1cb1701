"""API: products (see api/__init__.py)."""

from ninja import Router

router = Router(tags=["ecommerce"])
