from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "fupin.evaluation"
    label = "evaluation"
    verbose_name = "County performance and fund evaluation"

    def ready(self) -> None:
        # The round joins the core workflow engine (inbox, deadlines, escalation); the
        # submissions, verifications and fund tables join the exchange.
        from fupin.evaluation import datasets, workflows  # noqa: F401

        datasets.register()
