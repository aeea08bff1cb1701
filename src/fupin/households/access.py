"""Getting registry objects for a user, through the one region gate (``fupin.core.access``).

An object outside the user's region answers exactly like an object that does not exist.
"""

from __future__ import annotations

from fupin.core.access import get_for_user
from fupin.core.errors import Forbidden
from fupin.households.models import Household, Member


def access_household(user, household_id: str, *, for_write: bool = False) -> Household:
    """A household for reading (or, with ``for_write``, changing)."""
    action = "change" if for_write else "view"
    return get_for_user(Household.objects.select_related("village"), user, action,
                        household_id=household_id)


def access_member(user, member_id: int, *, action: str = "view") -> Member:
    """A member for ``action`` (``view``, ``change`` or ``reveal``)."""
    if action == "reveal":
        if not user.is_authenticated or not user.has_perm("households.reveal_idnumber"):
            raise Forbidden("your role may not reveal identity numbers")
        action = "view"
    return get_for_user(Member.objects.select_related("household"), user, action, pk=member_id)
