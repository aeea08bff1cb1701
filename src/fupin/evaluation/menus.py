"""The evaluation app's header entries (:mod:`fupin.core.menus`), one block per area."""

from django.utils.translation import gettext_lazy

from fupin.core.menus import ABOVE_VILLAGE, MenuItem

# --- rounds
ROUND_MENU: list = [
    MenuItem(gettext_lazy("Evaluation rounds"), "evaluation-rounds",
             "evaluation.view_countyevaluation", order=70, roles=ABOVE_VILLAGE),
    MenuItem(gettext_lazy("Indicator systems"), "evaluation-systems",
             "evaluation.view_indicatorsystem", order=71, roles=ABOVE_VILLAGE),
]

# --- scorecards
SCORECARD_MENU: list = [
]

# --- funds
FUNDS_MENU: list = [
]

MENU = [*ROUND_MENU, *SCORECARD_MENU, *FUNDS_MENU]
