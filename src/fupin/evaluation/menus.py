"""The evaluation app's header entries (:mod:`fupin.core.menus`), one block per area."""

from django.utils.translation import gettext_lazy

from fupin.core.menus import MenuItem

# --- rounds
ROUND_MENU: list = [
]

# --- scorecards
SCORECARD_MENU: list = [
]

# --- funds
#: Fund performance: a county's page for those who work on one county, counties as rows
#: from the province up.
FUNDS_MENU: list = [
    MenuItem(gettext_lazy("Fund performance"), "funds-county", "evaluation.view_allocation",
             order=66, roles=("county_officer", "county_approver", "evaluator", "auditor")),
    MenuItem(gettext_lazy("Fund performance by county"), "funds-province",
             "evaluation.view_allocation", order=66,
             roles=("province_viewer", "national_viewer", "administrator")),
    MenuItem(gettext_lazy("Expenditures"), "funds-expenditures",
             "evaluation.view_expenditure", order=67,
             roles=("county_officer", "county_approver", "province_viewer", "evaluator",
                    "auditor")),
]

MENU = [*ROUND_MENU, *SCORECARD_MENU, *FUNDS_MENU]
