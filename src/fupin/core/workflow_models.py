"""Rows the workflow engine writes for every workflow: steps and notifications.

Both point at any object through its content type and integer id, and carry the object's
division code, so they are region-scoped like the object itself.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from fupin.core.models import RegionScopedQuerySet


class WorkflowStep(models.Model):
    """One transition of an object through its workflow: who did what, when, from which state
    to which (the timeline of a case, a certification, an evaluation round…)."""

    workflow = models.CharField(max_length=40)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    division_code = models.CharField(max_length=12, db_index=True)
    action = models.CharField(max_length=32)
    from_state = models.CharField(max_length=24)
    to_state = models.CharField(max_length=24)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="workflow_steps")
    at = models.DateTimeField()
    note = models.TextField(blank=True)

    region_field = "division_code"
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ("at", "pk")
        indexes = [models.Index(fields=["content_type", "object_id"], name="step_object_idx")]

    def __str__(self) -> str:
        return f"{self.action} {self.from_state}→{self.to_state}"


class Notification(models.Model):
    """An in-app notice to one user about one object (also e-mailed when configured).

    ``key`` makes a notice idempotent (an escalation is announced once); ``read_at`` is set
    when the user opens the object or dismisses the notice, and the inbox stops showing it.
    """

    class Kind(models.TextChoices):
        STEP = "step", "step"
        ESCALATION = "escalation", "escalation"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="notifications")
    workflow = models.CharField(max_length=40)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    division_code = models.CharField(max_length=12, db_index=True)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.STEP)
    message = models.CharField(max_length=300)
    key = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    region_field = "division_code"
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ("-created_at", "-pk")
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread_idx"),
                   models.Index(fields=["content_type", "object_id"],
                                name="notification_object_idx")]
        constraints = [models.UniqueConstraint(fields=["user", "key"], condition=~Q(key=""),
                                               name="notification_once_per_key")]

    def __str__(self) -> str:
        return self.message
