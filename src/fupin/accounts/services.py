"""Named writes for users and tokens; each audited in its transaction."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from fupin.accounts.choices import Role
from fupin.accounts.models import ApiToken, User
from fupin.accounts.roles import ROLE_PERMISSIONS
from fupin.core import audit
from fupin.core.access import check_in_scope
from fupin.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from fupin.regions.models import Division

TOKEN_PREFIX = "fpn_"
#: Characters of a key kept to name it (``fpn_`` + 8): enough to tell tokens apart.
PREFIX_LENGTH = 12
#: A token's life unless ``fupin token USERNAME --days N`` says otherwise.
DEFAULT_TOKEN_DAYS = 90
MAX_TOKEN_DAYS = 730


def ensure_role_group(role: str) -> Group:
    """The group of ``role`` holding exactly the permissions of ``ROLE_PERMISSIONS``."""
    group, _ = Group.objects.get_or_create(name=role)
    wanted = []
    for perm in ROLE_PERMISSIONS[role]:
        app_label, codename = perm.split(".", 1)
        wanted.append(Permission.objects.get(content_type__app_label=app_label,
                                             codename=codename))
    if set(group.permissions.all()) != set(wanted):
        group.permissions.set(wanted)
    return group


def sync_role_groups() -> None:
    for role in Role.values:
        ensure_role_group(role)


def _user_snapshot(user: User) -> dict:
    return {"username": user.username, "role": user.role, "division": user.division_id,
            "is_active": user.is_active}


def create_user(
    *, actor, username: str, role: str, division_code: str, password: str | None,
    full_name: str = "",
) -> User:
    """Create a user with one role bound to one division.

    ``password=None`` creates a user who cannot log in with a password (API only).
    """
    if role not in Role.values:
        raise ValidationFailed(f"unknown role {role!r}; roles: {', '.join(Role.values)}")
    division = Division.objects.filter(code=division_code.ljust(12, "0")).first()
    if division is None:
        raise ValidationFailed(
            f"division {division_code!r} is not loaded; run `fupin setup` (with --villages for "
            "village codes) first"
        )
    if isinstance(actor, User):
        check_in_scope(actor, division.code, what="division")
    if not username or not username.strip():
        raise ValidationFailed("a username is required")
    if User.objects.filter(username=username).exists():
        raise ValidationFailed(f"user {username!r} exists already")
    user = User(username=username, role=role, division=division, first_name=full_name)
    if password is None:
        user.set_unusable_password()
    else:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise ValidationFailed("; ".join(exc.messages)) from exc
        user.set_password(password)
    with transaction.atomic():
        user.save()
        user.groups.set([ensure_role_group(role)])
        audit.record(actor=actor, action="accounts.create_user", object_type="accounts.user",
                     object_id=str(user.pk), division_code=division.code,
                     after=_user_snapshot(user))
    return user


def issue_token(*, actor, user: User, name: str, days: int = DEFAULT_TOKEN_DAYS) -> str:
    """A new API token for ``user``, valid for ``days``; the plaintext is returned once and
    never stored."""
    if not 1 <= days <= MAX_TOKEN_DAYS:
        raise ValidationFailed(f"a token lives 1 to {MAX_TOKEN_DAYS} days, not {days}",
                               {"days": "out of range"})
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name, key_hash=hashlib.sha256(key.encode()).hexdigest(),
            prefix=key[:PREFIX_LENGTH], expires_at=timezone.now() + dt.timedelta(days=days),
        )
        audit.record(actor=actor, action="accounts.issue_token", object_type="accounts.apitoken",
                     object_id=str(token.pk), division_code=user.division_id or "",
                     after={"user": user.username, "name": name, "prefix": token.prefix,
                            "expires_at": token.expires_at})
    return key


def list_tokens(*, username: str | None = None) -> QuerySet[ApiToken]:
    """Tokens (all, or one user's), newest first; the secret is not stored, so never shown."""
    tokens = ApiToken.objects.select_related("user").order_by("-created_at", "-pk")
    if username is not None:
        if not User.objects.filter(username=username).exists():
            raise NotFound(f"no user {username!r}")
        tokens = tokens.filter(user__username=username)
    return tokens


def revoke_token(*, actor, ident: str) -> ApiToken:
    """Revoke the token with id ``ident`` or whose key starts with ``ident`` (its prefix).

    A prefix that matches several tokens is refused with their ids; revoking twice is refused.
    """
    ident = ident.strip()
    if ident.isdigit():
        matches = list(ApiToken.objects.filter(pk=int(ident)))
    elif ident.startswith(TOKEN_PREFIX) and len(ident) > len(TOKEN_PREFIX):
        matches = list(ApiToken.objects.filter(prefix__startswith=ident[:PREFIX_LENGTH]))
        matches = [t for t in matches if ident.startswith(t.prefix) or t.prefix.startswith(ident)]
    else:
        raise ValidationFailed(f"give a token id or its prefix ({TOKEN_PREFIX}…), not {ident!r}")
    if not matches:
        raise NotFound(f"no token {ident!r}")
    if len(matches) > 1:
        ids = ", ".join(str(t.pk) for t in matches)
        raise ValidationFailed(f"{ident!r} matches several tokens (ids {ids}); give the id")
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().select_related("user").get(
            pk=matches[0].pk)
        if token.revoked:
            raise Conflict(f"token {token.pk} ({token.prefix}…) is revoked already")
        token.revoked = True
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked", "revoked_at"])
        audit.record(actor=actor, action="accounts.revoke_token",
                     object_type="accounts.apitoken", object_id=str(token.pk),
                     division_code=token.user.division_id or "",
                     before={"revoked": False},
                     after={"user": token.user.username, "name": token.name,
                            "prefix": token.prefix, "revoked": True})
    return token


def user_for_token(key: str) -> User | None:
    """The active user a bearer token belongs to, or ``None`` (unknown, expired, revoked)."""
    if not key.startswith(TOKEN_PREFIX):
        return None
    digest = hashlib.sha256(key.encode()).hexdigest()
    now = timezone.now()
    token = (ApiToken.objects.select_related("user", "user__division")
             .filter(key_hash=digest, revoked=False, expires_at__gt=now).first())
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


# --- user management by an administrator (each write audited, inside the actor's region) -----

def _managed(actor: User, user: User) -> User:
    """``user`` locked for a change by ``actor``: 404 outside the actor's region."""
    current = User.objects.select_for_update().get(pk=user.pk)
    if not actor.has_perm("accounts.change_user"):
        raise Forbidden("only administrators manage users")
    check_in_scope(actor, current.division_id or "", what="user")
    return current


def update_user(*, actor: User, user: User, role: str, division_code: str,
                full_name: str | None = None) -> User:
    """Give ``user`` another role or bind it to another division (inside the actor's region)."""
    if role not in Role.values:
        raise ValidationFailed(f"unknown role {role!r}; roles: {', '.join(Role.values)}")
    division = Division.objects.filter(code=(division_code or "").strip().ljust(12, "0")).first()
    if division is None:
        raise ValidationFailed(f"division {division_code!r} is not loaded")
    with transaction.atomic():
        current = _managed(actor, user)
        check_in_scope(actor, division.code, what="division")
        before = _user_snapshot(current)
        current.role, current.division = role, division
        if full_name is not None:
            current.first_name = full_name
        current.save(update_fields=["role", "division", "first_name"])
        current.groups.set([ensure_role_group(role)])
        audit.record(actor=actor, action="accounts.update_user", object_type="accounts.user",
                     object_id=str(current.pk), division_code=division.code, before=before,
                     after=_user_snapshot(current))
    return current


def set_active(*, actor: User, user: User, active: bool) -> User:
    """Deactivate (or reactivate) an account; an administrator cannot deactivate itself."""
    if not active and actor.pk == user.pk:
        raise ValidationFailed("you cannot deactivate your own account")
    with transaction.atomic():
        current = _managed(actor, user)
        if current.is_active == active:
            raise Conflict("the account is already " + ("active" if active else "deactivated"))
        before = _user_snapshot(current)
        current.is_active = active
        current.save(update_fields=["is_active"])
        if not active:  # its API tokens stop with it
            current.api_tokens.filter(revoked=False).update(revoked=True,
                                                            revoked_at=timezone.now())
        audit.record(actor=actor, action="accounts.activate_user" if active
                     else "accounts.deactivate_user", object_type="accounts.user",
                     object_id=str(current.pk), division_code=current.division_id or "",
                     before=before, after=_user_snapshot(current))
    return current


def reset_password(*, actor: User, user: User) -> str:
    """A new one-time password for ``user``, returned once (never stored in clear, never in
    the ledger); the user should change it after logging in."""
    password = "-".join(secrets.token_urlsafe(4) for _ in range(3))
    with transaction.atomic():
        current = _managed(actor, user)
        current.set_password(password)
        current.save(update_fields=["password"])
        audit.record(actor=actor, action="accounts.reset_password",
                     object_type="accounts.user", object_id=str(current.pk),
                     division_code=current.division_id or "",
                     after={"username": current.username, "password": "reset"})
    return password
