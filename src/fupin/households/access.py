"""Getting registry objects for a user: one function per type, deny by default.

Each condition is its own line so tests cover every branch. An object outside the user's
region answers exactly like an object that does not exist.
"""

from __future__ import annotations

from fupin.core.errors import Forbidden, NotFound
from fupin.households.models import Household, Member


def access_household(user, household_id: str, *, for_write: bool = False) -> Household:
    action = "change" if for_write else "view"
    if not user.is_authenticated:
        raise Forbidden("log in first")
    if not user.has_perm(f"households.{action}_household"):
        raise Forbidden("your role may not do this")
    household = (
        Household.objects.for_user(user, action)
        .select_related("village")
        .filter(household_id=household_id)
        .first()
    )
    if household is None:
        raise NotFound(f"household {household_id} not found")
    return household


def access_member(user, member_id: int, *, action: str = "view") -> Member:
    """A member for ``action`` (``view``, ``change`` or ``reveal``)."""
    if not user.is_authenticated:
        raise Forbidden("log in first")
    if action == "reveal":
        if not user.has_perm("households.reveal_idnumber"):
            raise Forbidden("your role may not reveal identity numbers")
        action = "view"
    if not user.has_perm(f"households.{action}_household"):
        raise Forbidden("your role may not do this")
    households = Household.objects.for_user(user, action)
    member = (Member.objects.select_related("household")
              .filter(pk=member_id, household__in=households).first())
    if member is None:
        raise NotFound("member not found")
    return member
