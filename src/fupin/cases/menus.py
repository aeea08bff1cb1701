"""The cases app's header entries (:mod:`fupin.core.menus`): the case dashboard from the
township up; the public notices where notices are posted and approved."""

from django.utils.translation import gettext_lazy

from fupin.core.menus import ABOVE_VILLAGE, MenuItem

MENU = [
    MenuItem(gettext_lazy("Cases"), "case-dashboard", "cases.view_case", order=35,
             group="monitoring",
             roles=ABOVE_VILLAGE),
    MenuItem(gettext_lazy("Approvals"), "case-approvals", "cases.act_county", order=34,
             group="monitoring",
             roles=("county_approver",)),
    MenuItem(gettext_lazy("Public notices"), "case-notices", "cases.view_case", order=36,
             group="monitoring",
             roles=("village_cadre", "township_reviewer", "county_officer", "county_approver")),
]
