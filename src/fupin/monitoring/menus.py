"""The monitoring app's header entries (:mod:`fupin.core.menus`): monitoring runs are the
county's work (and read above it), not the village's or the township's; integrity signals
are read from the county up (the villages and townships are what they check)."""

from django.utils.translation import gettext_lazy

from fupin.core.menus import MenuItem

#: Roles that read integrity signals (``monitoring.view_integritysignal``; ADR 0037).
INTEGRITY_ROLES = ("county_officer", "county_approver", "province_viewer", "national_viewer",
                   "evaluator", "auditor", "administrator")

MENU = [MenuItem(gettext_lazy("Monitoring"), "monitoring-runs", "monitoring.view_monitoringrun",
                 order=40,
                 group="monitoring", roles=("county_officer", "county_approver", "province_viewer",
                                  "national_viewer", "evaluator", "auditor", "administrator")),
        MenuItem(gettext_lazy("Integrity"), "integrity-signals",
                 "monitoring.view_integritysignal", order=41,
                 group="monitoring", roles=INTEGRITY_ROLES)]
