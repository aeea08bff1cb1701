"""The accountability app's header entries (:mod:`fupin.core.menus`): from the township up
(a village cadre's menu is kept to the village's work; findings about a village reach its
cadre through the township and county)."""

from django.utils.translation import gettext_lazy

from fupin.core.menus import ABOVE_VILLAGE, MenuItem

MENU = [
    MenuItem(gettext_lazy("Findings"), "finding-list", "accountability.view_finding",
             order=50, group="accountability", roles=ABOVE_VILLAGE),
    MenuItem(gettext_lazy("Rectification"), "accountability-dashboard",
             "accountability.view_rectification", order=51,
             group="accountability", roles=ABOVE_VILLAGE),
    MenuItem(gettext_lazy("Accountability actions"), "action-list",
             "accountability.view_accountabilityaction", order=52, group="accountability",
             roles=ABOVE_VILLAGE),
]
