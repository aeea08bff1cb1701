"""Base models and the audit ledger."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

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
    """One entry of the append-only, hash-chained audit ledger (ADR 0006).

    ``hash`` is HMAC-SHA256 (key outside the database) over the canonical JSON of every other
    field including ``prev_hash``, so altering, inserting or deleting any record breaks the
    chain from there on, and nobody without the key can write a new chain. The actor is
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
    #: How ``hash`` is computed: ``hmac-sha256`` (keyed with FUPIN_LEDGER_KEY, ADR 0015) or
    #: ``sha256`` (keyless: records written before the key, or in development without one).
    scheme = models.CharField(max_length=16)

    region_field = "division_code"
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ("seq",)
        permissions = [("verify_auditrecord", "Can verify the audit ledger")]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"


class AuditBatchRow(models.Model):
    """One row of a batch record (ADR 0052): a bulk write's changed row with its keyed digest.

    A batch (an import) appends ONE chained :class:`AuditRecord` whose ``after`` carries the
    row count and the root of a hash tree over these rows' digests, in ``position`` order.
    ``audit verify`` recomputes every digest from ``payload``, the root and the count, so an
    altered, inserted, deleted or reordered row is named without a chained record per row.
    The foreign key points at the record's ``seq`` (known before the record is written; the
    constraint is checked at commit).
    """

    record = models.ForeignKey(AuditRecord, on_delete=models.PROTECT, to_field="seq",
                               db_column="record_seq", related_name="batch_rows")
    #: 1-based place of the row in its batch (the order of the hash tree's leaves).
    position = models.PositiveIntegerField()
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=100)
    #: ``new``, ``changed`` or ``removed``.
    change = models.CharField(max_length=8)
    payload = models.JSONField()
    #: HMAC-SHA256 under FUPIN_LEDGER_KEY (SHA-256 when the record is keyless) of the row.
    digest = models.CharField(max_length=64)

    region_field = "record__division_code"
    #: Reading a batch's rows is reading the ledger.
    access_permissions = {"view": "core.view_auditrecord"}
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ("record", "position")
        constraints = [models.UniqueConstraint(fields=["record", "position"],
                                               name="audit_batch_row_position")]

    def __str__(self) -> str:
        return f"#{self.record_id} row {self.position} {self.object_type}:{self.object_id}"


class AuditChainHead(models.Model):
    """The ledger's last sequence number and hash: one row, locked by every append.

    Locking this row serialises appends on PostgreSQL; it also lets ``audit verify`` notice
    records deleted from the end of the chain. ``mac`` (HMAC of seq and hash with
    FUPIN_LEDGER_KEY) stops a rewritten head from passing for the real one.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64)
    mac = models.CharField(max_length=64, blank=True, default="")

    def __str__(self) -> str:
        return f"head #{self.seq}"


class ExchangeJob(RegionOwnedModel):
    """An import or export of one dataset (``fupin.core.datasets``), run by the worker.

    Region-owned by the division of the user who started it: an import may touch only that
    region; an export covers only that region. ``stage`` is the last step the worker tried
    (validate, commit, export) so a failed job can be retried from there.
    """

    class Kind(models.TextChoices):
        IMPORT = "import", _("Import")
        EXPORT = "export", _("Export")

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        VALIDATING = "validating", _("Validating")
        INVALID = "invalid", _("Refused: errors found")
        VALIDATED = "validated", _("Validated: ready to commit")
        COMMITTING = "committing", _("Importing")
        COMMITTED = "committed", _("Imported")
        EXPORTING = "exporting", _("Exporting")
        EXPORTED = "exported", _("Ready to download")
        FAILED = "failed", _("Failed")

    class Stage(models.TextChoices):
        VALIDATE = "validate", _("Validation")
        COMMIT = "commit", _("Commit")
        EXPORT = "export", _("Export")

    RUNNING = (State.QUEUED, State.VALIDATING, State.COMMITTING, State.EXPORTING)

    dataset = models.CharField(max_length=40, default="registry", db_index=True)
    kind = models.CharField(max_length=8, choices=Kind.choices)
    state = models.CharField(max_length=12, choices=State.choices, default=State.QUEUED)
    stage = models.CharField(max_length=8, choices=Stage.choices, default=Stage.VALIDATE)
    attempts = models.PositiveSmallIntegerField(default=0)
    division_code = models.CharField(max_length=12, db_index=True)
    created_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT,
                                   related_name="exchange_jobs")
    filename = models.CharField(max_length=200)
    fmt = models.CharField(max_length=8)
    folder = models.CharField(max_length=300)
    masked = models.BooleanField(default=False)
    rows = models.JSONField(default=dict, blank=True)
    counts = models.JSONField(default=dict, blank=True)
    errors = models.PositiveIntegerField(default=0)
    warnings = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    #: The language of the user who started it: reports and failure reasons are written in it.
    language = models.CharField(max_length=10, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    purged_at = models.DateTimeField(null=True, blank=True)

    region_field = "division_code"

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.dataset} {self.kind} #{self.pk} {self.filename}"

    @property
    def running(self) -> bool:
        return self.state in self.RUNNING

    @property
    def retryable(self) -> bool:
        return self.state == self.State.FAILED and self.purged_at is None


# The workflow engine's rows (steps, notifications) live in their own module.
from fupin.core.workflow_models import Notification, WorkflowStep  # noqa: E402, F401
