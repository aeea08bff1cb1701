"""The accountability app's header entries (:mod:`fupin.core.menus`)."""

from django.utils.translation import gettext_lazy

from fupin.core.menus import MenuItem

MENU = [
    MenuItem(gettext_lazy("Findings"), "finding-list", "accountability.view_finding",
             order=50),
    MenuItem(gettext_lazy("Rectification"), "accountability-dashboard",
             "accountability.view_rectification", order=51),
    MenuItem(gettext_lazy("Accountability actions"), "action-list",
             "accountability.view_accountabilityaction", order=52),
]
