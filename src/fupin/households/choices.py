"""Enumerations of snapshot v1 (docs/formats/snapshot-v1.md); values are the interchange codes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    POOR = "poor", _("Registered poor")
    EXITED = "exited", _("Exited poverty")
    GENERAL = "general", _("General household")


class HousingGrade(models.TextChoices):
    A = "A", _("A (safe)")
    B = "B", _("B (safe)")
    C = "C", _("C (partly dangerous)")
    D = "D", _("D (dangerous)")


class Relation(models.TextChoices):
    HEAD = "head", _("Head of household")
    SPOUSE = "spouse", _("Spouse")
    CHILD = "child", _("Child")
    PARENT = "parent", _("Parent")
    GRANDCHILD = "grandchild", _("Grandchild")
    OTHER = "other", _("Other")


class Sex(models.TextChoices):
    M = "M", _("Male")
    F = "F", _("Female")


class Health(models.TextChoices):
    HEALTHY = "healthy", _("Healthy")
    CHRONIC = "chronic", _("Chronic illness")
    MAJOR_ILLNESS = "major_illness", _("Major illness")
    DISABLED = "disabled", _("Disabled")


class Labor(models.TextChoices):
    FULL = "full", _("Full labour")
    PARTIAL = "partial", _("Partial labour")
    NONE = "none", _("No labour")


class Employment(models.TextChoices):
    LOCAL = "local", _("Works locally")
    MIGRANT = "migrant", _("Migrant worker")
    NONE = "none", _("Not employed")


#: Economy amount columns of snapshot v1, in order (yuan, all ≥ 0).
ECONOMY_AMOUNTS = (
    "wage", "operating", "ecommerce_revenue", "ecommerce_cost", "ecommerce_debt", "property",
    "transfer", "production_cost", "medical_oop", "education_expense", "disaster_loss",
    "accident_loss",
)
