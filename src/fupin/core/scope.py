"""The region gate (DESIGN.md decision 7): deny by default, one place for every query.

Division codes are hierarchical: a village's 12-digit code starts with its township's 9 digits,
its county's 6, its prefecture's 4 and its province's 2. A user bound to a division sees the
subtree whose codes start with that division's prefix. The prefix test is written as a range
(``code >= '130627' AND code < '130628'``) so it uses the plain B-tree index on every database
and every collation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q

if TYPE_CHECKING:
    from django.db.models import QuerySet

#: Length of the significant prefix of a code at each level.
PREFIX_LENGTH = {
    "nation": 0, "province": 2, "prefecture": 4, "county": 6, "township": 9, "village": 12,
}


def prefix_of(code: str, level: str) -> str:
    """The significant prefix of a 12-digit division code at its level."""
    return code[: PREFIX_LENGTH[level]]


def prefix_q(field: str, prefix: str) -> Q:
    """``field`` starts with ``prefix``, as an index-friendly range."""
    if not prefix:
        return Q()
    if set(prefix) == {"9"}:
        return Q(**{f"{field}__startswith": prefix})
    upper = str(int(prefix) + 1).zfill(len(prefix))
    return Q(**{f"{field}__gte": prefix, f"{field}__lt": upper})


def user_prefix(user: Any) -> str | None:
    """The prefix a user may see, or ``None`` when the user may see nothing."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    division = getattr(user, "division", None)
    if division is None:
        return None
    return prefix_of(division.code, division.level)


def permission_for(model: Any, action: str) -> str:
    """``app_label.action_modelname``, Django's permission naming."""
    opts = model._meta
    return f"{opts.app_label}.{action}_{opts.model_name}"


def for_user(queryset: QuerySet, user: Any, action: str = "view") -> QuerySet:
    """Rows of ``queryset`` that ``user`` may ``action``: nothing unless every check passes.

    The model names its division column in ``region_field``.
    """
    model = queryset.model
    prefix = user_prefix(user)
    if prefix is None:
        return queryset.none()
    # A model may name the permission that guards it (jobs of the registry: household perms).
    perm = getattr(model, "scope_permissions", {}).get(action) or permission_for(model, action)
    if not user.has_perm(perm):
        return queryset.none()
    return queryset.filter(prefix_q(model.region_field, prefix))


def in_scope(user: Any, code: str) -> bool:
    """Whether a division code lies in the user's subtree."""
    prefix = user_prefix(user)
    return prefix is not None and code.startswith(prefix)
