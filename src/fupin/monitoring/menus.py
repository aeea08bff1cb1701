"""The monitoring app's header entries (:mod:`fupin.core.menus`)."""

from django.utils.translation import gettext_lazy

from fupin.core.menus import MenuItem

MENU = [MenuItem(gettext_lazy("Monitoring"), "monitoring-runs", "monitoring.view_monitoringrun",
                 order=40)]
