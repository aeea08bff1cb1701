"""Named writes for users and tokens; each audited in its transaction."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from fupin.accounts.choices import Role
from fupin.accounts.models import ApiToken, User
from fupin.accounts.roles import ROLE_PERMISSIONS
from fupin.core import audit
from fupin.core.errors import ValidationFailed
from fupin.regions.models import Division

TOKEN_PREFIX = "fpn_"


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


def issue_token(*, actor, user: User, name: str) -> str:
    """A new API token for ``user``; the plaintext is returned once and never stored."""
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name, key_hash=hashlib.sha256(key.encode()).hexdigest(),
            prefix=key[:8],
        )
        audit.record(actor=actor, action="accounts.issue_token", object_type="accounts.apitoken",
                     object_id=str(token.pk), division_code=user.division_id or "",
                     after={"user": user.username, "name": name, "prefix": token.prefix})
    return key


def user_for_token(key: str) -> User | None:
    """The active user a bearer token belongs to, or ``None``."""
    if not key.startswith(TOKEN_PREFIX):
        return None
    digest = hashlib.sha256(key.encode()).hexdigest()
    token = (ApiToken.objects.select_related("user", "user__division")
             .filter(key_hash=digest, revoked=False).first())
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
