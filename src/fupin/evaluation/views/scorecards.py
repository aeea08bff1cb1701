"""Screens of the scorecards area."""
