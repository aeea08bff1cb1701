from django.apps import AppConfig


class EcommerceConfig(AppConfig):
    name = "fupin.ecommerce"
    label = "ecommerce"
    verbose_name = "E-commerce and commerce programmes"

    def ready(self) -> None:
        # The programme tables in the exchange (ADR 0041).
        from fupin.ecommerce import datasets

        datasets.register()
