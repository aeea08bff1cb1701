from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "fupin.accounts"
    label = "accounts"
    verbose_name = "Accounts"
