from django.apps import AppConfig


class HouseholdsConfig(AppConfig):
    name = "fupin.households"
    label = "households"
    verbose_name = "Households"
