"""Screens: linkages (see views/__init__.py)."""
