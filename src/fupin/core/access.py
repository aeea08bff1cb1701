"""The one region gate (ADR 0004 and ADR 0020): every read of region-owned data for a
user goes through ``for_user`` (querysets) or ``get_for_user`` (one object).

Deny by default, in this order, each on its own line so tests cover every branch:
1. an anonymous or inactive user, or one bound to no division, gets nothing;
2. a user without the model's permission for the action is *forbidden* (403);
3. a row outside the user's division is *not found* (404) — exactly like a row that does not
   exist, so nobody learns what another region holds.

A model opts in by declaring where its division code is (``region_field``, a field path such
as ``"village_code"`` or ``"case__village_code"``) and, where an action is guarded by another
model's permission, ``access_permissions = {"view": "app.perm"}``. Code that is not acting for
a user (commands, the worker) passes an explicit :class:`Scope`, never an empty string:
``Scope.nation()`` for the whole country.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Model, Q, QuerySet

from fupin.core.errors import Forbidden, NotFound

if TYPE_CHECKING:
    from collections.abc import Iterable

#: Length of the significant prefix of a division code at each level.
PREFIX_LENGTH = {
    "nation": 0, "province": 2, "prefecture": 4, "county": 6, "township": 9, "village": 12,
}
NATION_CODE = "000000000000"


def prefix_q(field: str, prefix: str) -> Q:
    """``field`` starts with ``prefix``, as a range a plain B-tree index serves."""
    if not prefix:
        return Q()
    if set(prefix) == {"9"}:
        return Q(**{f"{field}__startswith": prefix})
    upper = str(int(prefix) + 1).zfill(len(prefix))
    return Q(**{f"{field}__gte": prefix, f"{field}__lt": upper})


@dataclass(frozen=True)
class Scope:
    """A subtree of the division tree, named by the prefix its codes share.

    Build it with :meth:`of_user`, :meth:`of_division` or :meth:`nation`; the empty prefix of
    the whole nation is never a default, only ever asked for by name.
    """

    prefix: str

    def __post_init__(self) -> None:
        if not isinstance(self.prefix, str) or (not self.prefix.isdigit() and self.prefix):
            raise ValueError(f"a scope prefix is digits, not {self.prefix!r}")
        if len(self.prefix) not in set(PREFIX_LENGTH.values()):
            raise ValueError(f"a scope prefix has 0, 2, 4, 6, 9 or 12 digits: {self.prefix!r}")

    @classmethod
    def nation(cls) -> Scope:
        """The whole country: for commands run by an operator, never a fallback."""
        return cls("")

    @classmethod
    def of_division(cls, code: str, level: str) -> Scope:
        return cls(code[: PREFIX_LENGTH[level]])

    @classmethod
    def of_code(cls, code: str) -> Scope:
        """The subtree under a 12-digit code, its level read from its trailing zeros."""
        code = str(code).strip()
        if not (len(code) == 12 and code.isdigit()):
            raise ValueError(f"a division code has 12 digits: {code!r}")
        if code == NATION_CODE:
            return cls.nation()
        for n in (2, 4, 6, 9):
            if code[n:] == "0" * (12 - n):
                return cls(code[:n])
        return cls(code)

    @classmethod
    def of_user(cls, user: Any) -> Scope | None:
        """The subtree a user may see, or ``None`` when the user may see nothing."""
        if user is None or not getattr(user, "is_authenticated", False):
            return None
        if not user.is_active:
            return None
        division = getattr(user, "division", None)
        if division is None:
            return None
        return cls.of_division(division.code, division.level)

    @property
    def is_nation(self) -> bool:
        return self.prefix == ""

    def q(self, field: str) -> Q:
        """Rows whose ``field`` lies in this subtree."""
        return prefix_q(field, self.prefix)

    def contains(self, code: str | None) -> bool:
        return code is not None and str(code).startswith(self.prefix)

    def ancestors(self) -> list[str]:
        """12-digit codes of the divisions above and at this scope's root (nation first)."""
        return [NATION_CODE] + [self.prefix[:n].ljust(12, "0") for n in (2, 4, 6, 9, 12)
                                if n <= len(self.prefix)]


def permission_for(model: type[Model], action: str) -> str:
    """The permission guarding ``action`` on ``model``: the model's own declaration, else
    Django's ``app_label.action_modelname``."""
    declared = getattr(model, "access_permissions", {}) or {}
    if action in declared:
        return declared[action]
    opts = model._meta
    return f"{opts.app_label}.{action}_{opts.model_name}"


def _queryset(model_or_qs: type[Model] | QuerySet) -> QuerySet:
    if isinstance(model_or_qs, QuerySet):
        return model_or_qs
    return model_or_qs._default_manager.all()


def region_field(model: type[Model]) -> str:
    field = getattr(model, "region_field", None)
    if not field:
        raise TypeError(f"{model.__name__} declares no region_field: it is not region-owned")
    return field


def in_scope(queryset: QuerySet, scope: Scope) -> QuerySet:
    """Rows of ``queryset`` inside ``scope`` (for code acting with an explicit scope)."""
    if not isinstance(scope, Scope):
        raise TypeError("scope must be a fupin.core.access.Scope (use Scope.nation() for all)")
    return queryset.filter(scope.q(region_field(queryset.model)))


def allowed(user: Any, model: type[Model], action: str = "view") -> bool:
    """Whether the user's role may ``action`` rows of ``model`` at all."""
    return Scope.of_user(user) is not None and user.has_perm(permission_for(model, action))


def for_user(model_or_qs: type[Model] | QuerySet, user: Any, action: str = "view") -> QuerySet:
    """Rows the user may ``action``: none unless the user is bound, holds the permission, and
    the row lies in the user's subtree."""
    queryset = _queryset(model_or_qs)
    scope = Scope.of_user(user)
    if scope is None:
        return queryset.none()
    if not user.has_perm(permission_for(queryset.model, action)):
        return queryset.none()
    return queryset.filter(scope.q(region_field(queryset.model)))


def get_for_user(model_or_qs: type[Model] | QuerySet, user: Any, action: str = "view",
                 **lookup: Any) -> Any:
    """One object for ``user``: ``Forbidden`` without the permission, ``NotFound`` when it is
    missing *or* outside the user's region (never saying which)."""
    queryset = _queryset(model_or_qs)
    model = queryset.model
    if Scope.of_user(user) is None:
        raise Forbidden("log in with an account bound to a division")
    if not user.has_perm(permission_for(model, action)):
        raise Forbidden("your role may not do this")
    if not lookup:
        raise TypeError("get_for_user needs a lookup such as pk=…")
    try:
        found = for_user(queryset, user, action).filter(**lookup).first()
    except (ValueError, TypeError) as exc:  # a malformed id is simply not found
        raise NotFound(f"no such {model._meta.verbose_name}") from exc
    if found is None:
        raise NotFound(f"no such {model._meta.verbose_name}")
    return found


def check_in_scope(user: Any, code: str, *, what: str = "object") -> None:
    """Raise ``NotFound`` unless ``code`` lies in the user's subtree (services use this first,
    before looking at versions or states, so nothing about another region leaks)."""
    scope = Scope.of_user(user)
    if scope is None or not scope.contains(code):
        raise NotFound(f"no such {what}")


def visible_codes(user: Any, codes: Iterable[str]) -> list[str]:
    """The subset of ``codes`` inside the user's subtree (for aggregates keyed by division)."""
    scope = Scope.of_user(user)
    if scope is None:
        return []
    return [c for c in codes if scope.contains(c)]
