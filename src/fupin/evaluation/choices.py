"""Choices of the evaluation app, one block per area."""

from django.db import models  # noqa: F401
from django.utils.translation import gettext_lazy as _  # noqa: F401

# --- rounds


# --- funds
