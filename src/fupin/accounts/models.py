"""Users bound to a division, and API tokens."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone

from fupin.accounts.choices import Role


class User(AbstractUser):
    """A person who uses fupin, with one role and bound to one division.

    A user with no division sees nothing (deny by default). National users are bound to the
    root of the tree, ``000000000000`` (全国).
    """

    role = models.CharField(max_length=32, choices=Role.choices, blank=True)
    division = models.ForeignKey(
        "regions.Division", null=True, blank=True, on_delete=models.PROTECT,
        related_name="users",
    )

    #: Users are region-owned by the division they are bound to: a region-bound administrator
    #: manages only the users of the region (``fupin.core.access``); a user bound to no
    #: division lies in no region below the nation.
    region_field = "division_id"
    #: Managing users is guarded by ``change_user`` (administrators), reading them too.
    access_permissions = {"view": "accounts.change_user"}

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"


class ApiToken(models.Model):
    """A bearer token for machine clients. Only its SHA-256 is stored.

    A token works until ``expires_at`` unless revoked (``fupin token revoke``); ``prefix``
    (the first characters of the key) names it in listings without revealing it.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="api_tokens")
    name = models.CharField(max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=12, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"

    @property
    def state(self) -> str:
        """``active``, ``expired`` or ``revoked`` (now)."""
        if self.revoked:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "active"
