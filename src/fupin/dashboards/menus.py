"""The dashboards app's header entries (:mod:`fupin.core.menus`): the first screen is "Today"
for a village cadre and the dashboard for everybody else."""

from django.utils.translation import gettext_lazy

from fupin.core.menus import ABOVE_VILLAGE, MenuItem

MENU = [
    MenuItem(gettext_lazy("Today"), "dashboard", "households.view_household", order=10,
             roles=("village_cadre",)),
    MenuItem(gettext_lazy("Dashboard"), "dashboard", "households.view_household", order=10,
             roles=ABOVE_VILLAGE),
    MenuItem(gettext_lazy("Poverty measures"), "dashboard-measures", "monitoring.view_measures",
             order=15, group="monitoring"),
]
