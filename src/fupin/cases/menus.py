"""The cases app's header entries (:mod:`fupin.core.menus`)."""

from django.utils.translation import gettext_lazy

from fupin.core.menus import MenuItem

MENU = [
    MenuItem(gettext_lazy("Cases"), "case-dashboard", "cases.view_case", order=35),
    MenuItem(gettext_lazy("Public notices"), "case-notices", "cases.view_case", order=36),
]
