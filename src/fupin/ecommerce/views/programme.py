"""Screens: programme (see views/__init__.py)."""
