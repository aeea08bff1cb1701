"""The monitoring app's header entries (:mod:`fupin.core.menus`): monitoring runs are the
county's work (and read above it), not the village's or the township's."""

from django.utils.translation import gettext_lazy

from fupin.core.menus import MenuItem

MENU = [MenuItem(gettext_lazy("Monitoring"), "monitoring-runs", "monitoring.view_monitoringrun",
                 order=40, roles=("county_officer", "county_approver", "province_viewer",
                                  "national_viewer", "evaluator", "auditor", "administrator"))]
