from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "fupin.cases"
    label = "cases"
    verbose_name = "Cases"
