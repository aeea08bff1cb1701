"""Base models and the audit ledger."""

from __future__ import annotations

from django.db import models

from fupin.core import scope


class TimestampedModel(models.Model):
    """Adds creation and last-change times (aware UTC)."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class RegionScopedQuerySet(models.QuerySet):
    """A queryset that knows the region gate."""

    def for_user(self, user, action: str = "view"):
        return scope.for_user(self, user, action)


class RegionOwnedModel(TimestampedModel):
    """A model whose rows belong to a division; opting in puts it behind the region gate.

    Subclasses name the column holding the 12-digit division code in ``region_field``.
    """

    region_field = "division_code"
    #: Fields never written to the audit ledger in clear (personal data).
    audit_exclude: tuple[str, ...] = ()

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def region_code(self) -> str:
        return getattr(self, self.region_field)


class AuditRecord(models.Model):
    """One entry of the append-only, hash-chained audit ledger (DESIGN.md decision 9).

    ``hash`` is SHA-256 over the canonical JSON of every other field including ``prev_hash``,
    so altering, inserting or deleting any record breaks the chain from there on. The actor is
    kept by id and name, not as a foreign key: the ledger outlives users.
    """

    seq = models.PositiveBigIntegerField(unique=True)
    created_at = models.DateTimeField()
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_name = models.CharField(max_length=150)
    action = models.CharField(max_length=64, db_index=True)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    division_code = models.CharField(max_length=12, blank=True, db_index=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    region_field = "division_code"
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ("seq",)
        permissions = [("verify_auditrecord", "Can verify the audit ledger")]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"


class AuditChainHead(models.Model):
    """The ledger's last sequence number and hash: one row, locked by every append.

    Locking this row serialises appends on PostgreSQL; it also lets ``audit verify`` notice
    records deleted from the end of the chain.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"head #{self.seq}"


# The workflow engine's rows (steps, notifications) live in their own module.
from fupin.core.workflow_models import Notification, WorkflowStep  # noqa: E402, F401
