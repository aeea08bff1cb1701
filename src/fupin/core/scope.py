"""The region gate (ADR 0004): deny by default, one place for every query.

Division codes are hierarchical: a village's 12-digit code starts with its township's 9 digits,
its county's 6, its prefecture's 4 and its province's 2. A user bound to a division sees the
subtree whose codes start with that division's prefix. The prefix test is written as a range
(``code >= '130627' AND code < '130628'``) so it uses the plain B-tree index on every database
and every collation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.db.models import QuerySet

from fupin.core.access import PREFIX_LENGTH, Scope, permission_for, prefix_q  # noqa: F401
from fupin.core.access import for_user as _for_user


def prefix_of(code: str, level: str) -> str:
    """The significant prefix of a 12-digit division code at its level."""
    return code[: PREFIX_LENGTH[level]]


def user_prefix(user: Any) -> str | None:
    """The prefix a user may see, or ``None`` when the user may see nothing."""
    found = Scope.of_user(user)
    return None if found is None else found.prefix


def for_user(queryset: QuerySet, user: Any, action: str = "view") -> QuerySet:
    """Rows of ``queryset`` that ``user`` may ``action`` (see ``fupin.core.access``)."""
    return _for_user(queryset, user, action)


def in_scope(user: Any, code: str) -> bool:
    """Whether a division code lies in the user's subtree."""
    found = Scope.of_user(user)
    return found is not None and found.contains(code)
