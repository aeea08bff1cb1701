"""Getting cases for a user, through the one region gate (``fupin.core.access``)."""

from __future__ import annotations

from fupin.cases.models import Case
from fupin.core.access import get_for_user


def access_case(user, pk: int, *, action: str = "view") -> Case:
    """A case of the user's region (403 without the permission, 404 elsewhere or missing)."""
    return get_for_user(Case.objects.select_related("household", "household__village"), user,
                        action, pk=pk)
