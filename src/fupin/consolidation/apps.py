from django.apps import AppConfig


class ConsolidationConfig(AppConfig):
    name = "fupin.consolidation"
    label = "consolidation"
    verbose_name = "Consolidation period and help by type"

    def ready(self) -> None:
        # The help register joins the exchange (import and export like every table).
        from fupin.consolidation import datasets

        datasets.register()
