"""Screens of the rounds area."""
