"""The consolidation app's header entries (:mod:`fupin.core.menus`), in the monitoring and
assistance drop-down: consolidating exits is the monitoring's and the help's work.

Quality of exit and help by type are read from the township up (a township compares its
villages, a province its counties); help intensity compares counties, so from the county up;
the follow-up list is work for those who visit and help — the village cadre (the village's
households), the township and the county — and for evaluators and auditors who check it."""

from django.utils.translation import gettext_lazy

from fupin.consolidation.access import PERMISSION
from fupin.core.menus import ABOVE_VILLAGE, MenuItem

#: Roles that compare counties' help (a county and everyone above it, and the checkers).
COUNTY_UP = ("county_officer", "county_approver", "province_viewer", "national_viewer",
             "evaluator", "auditor", "administrator")
#: Roles that act on the households that lost help (and those who check that they do).
FOLLOW_UP = ("village_cadre", "township_reviewer", "county_officer", "county_approver",
             "evaluator", "auditor")

MENU = [
    MenuItem(gettext_lazy("Quality of exit"), "consolidation-quality", PERMISSION, order=42,
             group="monitoring", roles=ABOVE_VILLAGE),
    MenuItem(gettext_lazy("Help by type"), "consolidation-help", PERMISSION, order=43,
             group="monitoring", roles=ABOVE_VILLAGE),
    MenuItem(gettext_lazy("Help intensity per county"), "consolidation-intensity", PERMISSION,
             order=44, group="monitoring", roles=COUNTY_UP),
    MenuItem(gettext_lazy("Lost all help (follow-up)"), "consolidation-lost", PERMISSION,
             order=45, group="monitoring", roles=FOLLOW_UP),
]
