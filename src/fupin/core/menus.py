"""The navigation, per role: each app declares its entries, the header draws those a user holds.

An app lists its entries in ``<app>/menus.py``::

    MENU = [MenuItem(gettext_lazy("Findings"), "finding-inbox", "accountability.view_finding",
                     order=60)]

``permission`` is one permission, a tuple of which any one suffices, or ``None`` (every user
bound to a division). No app edits the header template: a role sees exactly what its
permissions open, so a village cadre's menu is not a county officer's.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    permission: str | tuple[str, ...] | None = None
    order: int = 50
    #: Roles (``accounts.choices.Role`` values) the entry is for; empty = every role that
    #: holds the permission.
    roles: tuple[str, ...] = ()

    def allowed(self, user) -> bool:
        if self.roles and getattr(user, "role", None) not in self.roles:
            return False
        if self.permission is None:
            return True
        wanted = (self.permission,) if isinstance(self.permission, str) else self.permission
        return any(user.has_perm(p) for p in wanted)


#: Roles that take steps of a workflow (their inbox is work); the others read. Evaluators and
#: auditors verify rectifications, and evaluators conduct assessments and decide appeals.
ACTING_ROLES = ("village_cadre", "township_reviewer", "county_officer", "county_approver",
                "evaluator", "auditor", "administrator")
#: Every role above the village (a village cadre's menu is kept to the village's work).
ABOVE_VILLAGE = ("township_reviewer", "county_officer", "county_approver", "province_viewer",
                 "national_viewer", "evaluator", "auditor", "administrator")


def _core_menu() -> list[MenuItem]:
    from django.utils.translation import gettext_lazy

    return [
        MenuItem(gettext_lazy("My work"), "inbox", "core.view_notification", order=30,
                 roles=ACTING_ROLES),
        MenuItem(gettext_lazy("Imports and exports"), "exchange", "core.view_exchangejob",
                 order=50, roles=ABOVE_VILLAGE),
        MenuItem(gettext_lazy("Audit trail"), "audit-list", "core.view_auditrecord", order=80),
        MenuItem(gettext_lazy("API"), "api:openapi-view", None, order=90, roles=ABOVE_VILLAGE),
    ]


@cache
def registry() -> tuple[MenuItem, ...]:
    """Every app's ``MENU``, in order."""
    found: list[MenuItem] = _core_menu()
    for config in apps.get_app_configs():
        name = f"{config.name}.menus"
        if config.name.startswith("fupin.") and config.name != "fupin.core" \
                and find_spec(name) is not None:
            found.extend(getattr(import_module(name), "MENU", ()))
    return tuple(sorted(found, key=lambda item: (item.order, item.url_name)))


def items_for(user, path: str = "") -> list[dict]:
    """The entries ``user`` may open, each with its URL and whether it is the current page."""
    if user is None or not user.is_authenticated or getattr(user, "division_id", None) is None:
        return []
    out = []
    for item in registry():
        if not item.allowed(user):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:  # an entry whose app is not installed in this deployment
            continue
        active = path == url or (url != "/" and path.startswith(url))
        out.append({"label": item.label, "url": url, "active": active,
                    "url_name": item.url_name})
    return out


def context(request) -> dict:
    """Template context processor: ``menu`` for the header."""
    return {"menu": items_for(getattr(request, "user", None), request.path)}
