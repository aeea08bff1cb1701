"""The evaluation app's header entries (:mod:`fupin.core.menus`), one block per area."""

from django.utils.translation import gettext_lazy

from fupin.core.menus import ABOVE_VILLAGE, MenuItem

# --- rounds
ROUND_MENU: list = [
    MenuItem(gettext_lazy("Evaluation rounds"), "evaluation-rounds",
             "evaluation.view_countyevaluation", order=70, roles=ABOVE_VILLAGE, group="evaluation"),
    MenuItem(gettext_lazy("Indicator systems"), "evaluation-systems",
             "evaluation.view_indicatorsystem", order=71, roles=ABOVE_VILLAGE, group="evaluation"),
]

# --- scorecards
#: Who reads the table of counties (a county user sees the county's own row).
SCORECARD_TABLE_ROLES = ("township_reviewer", "county_officer", "county_approver",
                         "province_viewer", "evaluator", "auditor")
SCORECARD_MENU: list = [
    MenuItem(gettext_lazy("Evaluation scorecards"), "evaluation-scorecards",
             "evaluation.view_result", order=72, roles=SCORECARD_TABLE_ROLES, group="evaluation"),
    MenuItem(gettext_lazy("Evaluation results by province"), "evaluation-scorecards-nation",
             "evaluation.view_result", order=72, roles=("national_viewer", "administrator"),
             group="evaluation"),
]

# --- funds
#: Fund performance: a county's page for those who work on one county, counties as rows
#: from the province up.
FUNDS_MENU: list = [
    MenuItem(gettext_lazy("Fund performance"), "funds-county", "evaluation.view_allocation",
             order=66, roles=("county_officer", "county_approver", "evaluator", "auditor"),
             group="evaluation"),
    MenuItem(gettext_lazy("Fund performance by county"), "funds-province",
             "evaluation.view_allocation", order=66,
             roles=("province_viewer", "national_viewer", "administrator"), group="evaluation"),
    MenuItem(gettext_lazy("Expenditures"), "funds-expenditures",
             "evaluation.view_expenditure", order=67,
             roles=("county_officer", "county_approver", "province_viewer", "evaluator",
                    "auditor"), group="evaluation"),
]

MENU = [*ROUND_MENU, *SCORECARD_MENU, *FUNDS_MENU]
