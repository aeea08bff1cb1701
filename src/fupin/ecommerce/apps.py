from django.apps import AppConfig


class EcommerceConfig(AppConfig):
    name = "fupin.ecommerce"
    label = "ecommerce"
    verbose_name = "E-commerce and commerce programmes"

    def ready(self) -> None:
        # The benefit-linkage dataset of the exchange (eclink; other areas add theirs here).
        from fupin.ecommerce import datasets_linkages

        datasets_linkages.register()
