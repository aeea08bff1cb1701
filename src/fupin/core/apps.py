from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "fupin.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from fupin.core import freshness

        freshness.connect()
