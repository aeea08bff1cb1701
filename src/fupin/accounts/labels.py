"""Accounts' codes in words (:mod:`fupin.core.labels`): roles and what the accounts app writes
on the audit ledger."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from fupin.accounts.choices import Role

VOCABULARIES = {
    "role": dict(Role.choices),
    "audit_action": {
        "accounts.create_user": gettext_lazy("User created"),
        "accounts.issue_token": gettext_lazy("API token issued"),
        "accounts.revoke_token": gettext_lazy("API token revoked"),
        "accounts.update_user": gettext_lazy("User changed (role or division)"),
        "accounts.deactivate_user": gettext_lazy("User deactivated"),
        "accounts.activate_user": gettext_lazy("User reactivated"),
        "accounts.reset_password": gettext_lazy("Password reset"),
    },
    "object_type": {
        "accounts.user": gettext_lazy("user"),
        "accounts.apitoken": gettext_lazy("API token"),
    },
}
