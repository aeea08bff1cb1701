"""The evaluation app's header entries (:mod:`fupin.core.menus`), one block per area."""

from django.utils.translation import gettext_lazy  # noqa: F401

from fupin.core.menus import MenuItem  # noqa: F401

# --- rounds
ROUND_MENU: list = [
]

# --- scorecards
SCORECARD_MENU: list = [
]

# --- funds
FUNDS_MENU: list = [
]

MENU = [*ROUND_MENU, *SCORECARD_MENU, *FUNDS_MENU]
