from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "fupin.dashboards"
    label = "dashboards"
    verbose_name = "Dashboards"
