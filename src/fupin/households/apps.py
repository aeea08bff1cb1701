from django.apps import AppConfig


class HouseholdsConfig(AppConfig):
    name = "fupin.households"
    label = "households"
    verbose_name = "Households"

    def ready(self) -> None:
        # The app's datasets, listed in one place (its datasets.py), registered explicitly.
        from fupin.households import datasets

        datasets.register()
