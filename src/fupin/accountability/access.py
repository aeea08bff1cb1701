"""Getting findings, rectifications, actions and evidence for a user, through the one region
gate (``fupin.core.access``): 403 without the permission, 404 when missing or elsewhere."""

from __future__ import annotations

from typing import Any

from fupin.accountability.models import AccountabilityAction, Evidence, Finding
from fupin.core.access import for_user, get_for_user
from fupin.core.errors import NotFound


def findings(user: Any):
    """The findings of the user's region."""
    return for_user(Finding.objects.select_related("rectification"), user, "view")


def access_finding(user: Any, pk: Any) -> Finding:
    return get_for_user(Finding.objects.select_related("rectification"), user, "view", pk=pk)


def access_action(user: Any, pk: Any) -> AccountabilityAction:
    return get_for_user(AccountabilityAction.objects.select_related("finding"), user,
                        "view", pk=pk)


def access_evidence(user: Any, finding_pk: Any, pk: Any) -> Evidence:
    """An evidence file of a finding the user may see: the finding's region and permission
    first, then the file must belong to that finding (a guessed id of another county's file
    is simply not found)."""
    finding = access_finding(user, finding_pk)
    try:
        found = Evidence.objects.filter(finding=finding, pk=int(pk)).first()
    except (TypeError, ValueError):
        found = None
    if found is None:
        raise NotFound("no such evidence")
    return found
