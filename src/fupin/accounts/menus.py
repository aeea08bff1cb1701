"""The accounts app's header entries (:mod:`fupin.core.menus`): user management, for
administrators."""

from django.utils.translation import gettext_lazy

from fupin.core.menus import MenuItem

MENU = [MenuItem(gettext_lazy("Users"), "user-list", "accounts.change_user", order=85,
                 group="system",
                 roles=("administrator",))]
