from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "fupin.cases"
    label = "cases"
    verbose_name = "Cases"

    def ready(self) -> None:
        # Registers the case procedure with the core workflow engine (inbox, escalation).
        from fupin.cases import workflow  # noqa: F401
