"""The navigation, per role: each app declares its entries, the header draws those a user holds.

An app lists its entries in ``<app>/menus.py``::

    MENU = [MenuItem(gettext_lazy("Findings"), "finding-inbox", "accountability.view_finding",
                     order=60)]

``permission`` is one permission, a tuple of which any one suffices, or ``None`` (every
user bound to a division). ``group`` (a key of ``_groups()``) puts the entry in a drop-down of
the header, so a county officer's twenty entries fit one line; entries without a group stand
on their own (the day's work: dashboard, households, inbox). No app edits the header
template: a role sees exactly what its permissions open, so a village cadre's menu is not a
county officer's.
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
    #: The header's drop-down the entry sits in (a ``GROUPS`` key), or "" for none.
    group: str = ""

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


def _groups() -> dict[str, str]:
    from django.utils.translation import gettext_lazy

    return {
        "monitoring": gettext_lazy("Monitoring and assistance"),
        "accountability": gettext_lazy("Findings and rectification"),
        "ecommerce": gettext_lazy("E-commerce and products"),
        "evaluation": gettext_lazy("Evaluation and assessment"),
        "system": gettext_lazy("System"),
    }


def _core_menu() -> list[MenuItem]:
    from django.utils.translation import gettext_lazy

    return [
        MenuItem(gettext_lazy("My work"), "inbox", "core.view_notification", order=30,
                 roles=ACTING_ROLES),
        MenuItem(gettext_lazy("Imports and exports"), "exchange", "core.view_exchangejob",
                 order=50, roles=ABOVE_VILLAGE, group="system"),
        MenuItem(gettext_lazy("Audit trail"), "audit-list", "core.view_auditrecord", order=80,
                 group="system"),
        MenuItem(gettext_lazy("API"), "api:openapi-view", None, order=90, roles=ABOVE_VILLAGE,
                 group="system"),
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
                    "url_name": item.url_name, "group": item.group})
    return out


def tree(entries: list[dict]) -> list[dict]:
    """The header's entries: ungrouped ones as they are, grouped ones in one drop-down per
    group (its ``entries``: a dict's ``items`` would be its method in a template), placed where
    the group's first entry is; a group of one entry stays a plain entry (a village cadre gets
    no drop-down for a single page)."""
    names = _groups()
    sizes: dict[str, int] = {}
    for entry in entries:
        if entry["group"]:
            sizes[entry["group"]] = sizes.get(entry["group"], 0) + 1
    out: list[dict] = []
    dropdowns: dict[str, dict] = {}
    for entry in entries:
        group = entry["group"]
        if not group or sizes[group] == 1:
            out.append(entry)
            continue
        if group not in dropdowns:
            dropdowns[group] = {"group": group, "label": names.get(group, group), "entries": [],
                                "active": False}
            out.append(dropdowns[group])
        dropdowns[group]["entries"].append(entry)
        dropdowns[group]["active"] |= entry["active"]
    return out


def context(request) -> dict:
    """Template context processor: ``menu`` (the header's entries and drop-downs)."""
    return {"menu": tree(items_for(getattr(request, "user", None), request.path))}
