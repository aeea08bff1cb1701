"""Screens of the funds area."""
