from django.apps import AppConfig


class AccountabilityConfig(AppConfig):
    name = "fupin.accountability"
    label = "accountability"
    verbose_name = "Accountability"

    def ready(self) -> None:
        # Registers rectifications and accountability actions with the core workflow engine
        # (inbox, escalation).
        from fupin.accountability import datasets, workflows  # noqa: F401

        datasets.register()
