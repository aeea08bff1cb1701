from django.apps import AppConfig


class EcommerceConfig(AppConfig):
    name = "fupin.ecommerce"
    label = "ecommerce"
    verbose_name = "E-commerce and commerce programmes"

    def ready(self) -> None:
        # The product certification joins the core workflow engine (inbox, escalation); the
        # programme tables (ADR 0041) and the benefit linkages (ADR 0042) join the exchange.
        from fupin.ecommerce import (
            datasets,
            datasets_linkages,
            workflows,  # noqa: F401
        )

        datasets.register()
        datasets_linkages.register()
