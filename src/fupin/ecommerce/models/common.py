"""Field helpers shared by the e-commerce models."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from fupin.core.limits import amount_validators, bounded

YEARS = (2000, 2100)
AMOUNT = amount_validators(minimum=0)


def year_field(verbose_name, **kwargs) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        verbose_name, validators=[MinValueValidator(YEARS[0]), MaxValueValidator(YEARS[1])],
        **kwargs)


def year_range(name: str, field: str = "year", nullable: bool = False) -> models.CheckConstraint:
    condition = Q(**{f"{field}__gte": YEARS[0], f"{field}__lte": YEARS[1]})
    if nullable:
        condition |= Q(**{f"{field}__isnull": True})
    return models.CheckConstraint(condition=condition, name=name)


def amount_field(verbose_name, *, null: bool = False) -> models.DecimalField:
    """Yuan, exact (ADR 0026), never negative."""
    if null:
        return models.DecimalField(verbose_name, max_digits=14, decimal_places=2, null=True,
                                   blank=True, validators=AMOUNT)
    return models.DecimalField(verbose_name, max_digits=14, decimal_places=2,
                               default=Decimal(0), validators=AMOUNT)


def amounts_bounded(prefix: str, fields, nullable: bool = False) -> list:
    return [bounded(f, nullable=nullable, name=f"{prefix}_{f}_range") for f in fields]


def ends_after_start(name: str, start: str, end: str) -> models.CheckConstraint:
    """``end`` is empty or not before ``start``."""
    return models.CheckConstraint(
        condition=Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": F(start)}), name=name)
