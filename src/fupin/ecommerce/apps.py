from django.apps import AppConfig


class EcommerceConfig(AppConfig):
    name = "fupin.ecommerce"
    label = "ecommerce"
    verbose_name = "E-commerce and commerce programmes"
