"""The dashboards app's header entries (:mod:`fupin.core.menus`)."""

from django.utils.translation import gettext_lazy

from fupin.core.menus import MenuItem

MENU = [MenuItem(gettext_lazy("Dashboard"), "dashboard", "households.view_household", order=10)]
