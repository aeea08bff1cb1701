from django.apps import AppConfig


class EcommerceConfig(AppConfig):
    name = "fupin.ecommerce"
    label = "ecommerce"
    verbose_name = "E-commerce and commerce programmes"

    def ready(self) -> None:
        # Registers the product certification with the core workflow engine (inbox,
        # escalation).
        from fupin.ecommerce import workflows  # noqa: F401
