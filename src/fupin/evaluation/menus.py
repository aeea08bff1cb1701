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
#: Who reads the table of counties (a county user sees the county's own row).
SCORECARD_TABLE_ROLES = ("township_reviewer", "county_officer", "county_approver",
                         "province_viewer", "evaluator", "auditor")
SCORECARD_MENU: list = [
    MenuItem(gettext_lazy("Evaluation scorecards"), "evaluation-scorecards",
             "evaluation.view_result", order=72, roles=SCORECARD_TABLE_ROLES),
    MenuItem(gettext_lazy("Evaluation results by province"), "evaluation-scorecards-nation",
             "evaluation.view_result", order=72, roles=("national_viewer", "administrator")),
]

# --- funds
FUNDS_MENU: list = [
]

MENU = [*ROUND_MENU, *SCORECARD_MENU, *FUNDS_MENU]
