from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "fupin.assessment"
    label = "assessment"
    verbose_name = "Assessment"

    def ready(self) -> None:
        # Registers the assessment and appeal procedures with the core workflow engine
        # (inbox, escalation) and the field submissions dataset with the exchange.
        from fupin.assessment import datasets, workflows  # noqa: F401

        datasets.register()
