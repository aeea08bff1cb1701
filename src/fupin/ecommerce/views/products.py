"""Screens: products (see views/__init__.py)."""
