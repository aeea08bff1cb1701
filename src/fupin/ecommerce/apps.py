from django.apps import AppConfig


class EcommerceConfig(AppConfig):
    name = "fupin.ecommerce"
    label = "ecommerce"
    verbose_name = "E-commerce and commerce programmes"

    def ready(self) -> None:
        # Registers the product certification with the core workflow engine (inbox,
        # escalation).
        # The benefit-linkage dataset of the exchange (eclink; other areas add theirs here).
        from fupin.ecommerce import (
            datasets_linkages,
            workflows,  # noqa: F401
        )

        datasets_linkages.register()
