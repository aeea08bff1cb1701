"""Input limits shared by every app: bounded, finite amounts and their database checks.

Each numeric field is bounded twice (ADR 0019): by model validation (validators below, run by
``full_clean`` and by the parsers of forms and API schemas) and by a database ``CHECK``
constraint (``bounded`` below) so that no path past the services stores a value the screens
cannot show. Amounts are yuan, strictly inside ±10¹⁰ (snapshot v1's bound, the same in files).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import CheckConstraint, Q
from django.utils.translation import gettext as _

from fupin.core.errors import ValidationFailed
from fupin_engine.snapshot import MAX_AMOUNT

__all__ = ["MAX_AMOUNT", "MAX_FIELD", "amount_validators", "bounded", "parse_amount",
           "parse_number"]

#: The largest amount accepted (yuan); MAX_AMOUNT itself is refused.
MAX_FIELD = MAX_AMOUNT - Decimal("0.01")


def amount_validators(*, minimum: Decimal | int | None = 0) -> list:
    """Validators for an amount field: ``minimum`` (None = −MAX) to just under MAX_AMOUNT."""
    low = -MAX_FIELD if minimum is None else Decimal(minimum)
    return [MinValueValidator(low), MaxValueValidator(MAX_FIELD)]


def bounded(field: str, *, minimum: Decimal | int | None = 0, maximum: Decimal | None = None,
            nullable: bool = False, name: str) -> CheckConstraint:
    """A CHECK constraint keeping ``field`` within [minimum, maximum] (or NULL if nullable).

    On PostgreSQL NaN sorts above every number, so ``<= maximum`` refuses it too.
    """
    low = -MAX_FIELD if minimum is None else minimum
    high = MAX_FIELD if maximum is None else maximum
    condition = Q(**{f"{field}__gte": low}) & Q(**{f"{field}__lte": high})
    if nullable:
        condition |= Q(**{f"{field}__isnull": True})
    return CheckConstraint(condition=condition, name=name)


def parse_amount(value, field: str, *, minimum: Decimal | int | None = 0,
                 required: bool = False) -> Decimal | None:
    """``value`` (text, number or None) as a finite, bounded amount with 2 decimals.

    Raises :class:`ValidationFailed` naming ``field``: not a number, NaN or infinite, out of
    range. Empty text is ``None`` unless ``required``.
    """
    text = "" if value is None else str(value).strip()
    if not text:
        if required:
            raise ValidationFailed(f"{field}: " + _("a value is required"),
                                   {field: _("a value is required")})
        return None
    try:
        amount = Decimal(text)
    except (InvalidOperation, ValueError):
        amount = None
    if amount is None or not amount.is_finite():
        message = _("%(value)s is not an amount in yuan") % {"value": text[:40]}
        raise ValidationFailed(f"{field}: {message}", {field: message})
    low = -MAX_FIELD if minimum is None else Decimal(minimum)
    if amount < 0 <= low:
        message = _("%(value)s is negative: amounts are ≥ 0 (losses are recorded as costs)") % {
            "value": text[:40]}
        raise ValidationFailed(f"{field}: {message}", {field: message})
    if not low <= amount <= MAX_FIELD:
        message = _("%(value)s is outside the allowed range %(min)s to %(max)s") % {
            "value": text[:40], "min": low, "max": MAX_FIELD}
        raise ValidationFailed(f"{field}: {message}", {field: message})
    return amount.quantize(Decimal("0.01"))


def parse_number(value, field: str, *, minimum: Decimal | int = 0) -> Decimal:
    """A required finite number in [minimum, MAX_FIELD], not rounded (rates, ratios, lines)."""
    text = "" if value is None else str(value).strip()
    try:
        number = Decimal(text)
    except (InvalidOperation, ValueError):
        number = None
    if number is None or not number.is_finite() or not minimum <= number <= MAX_FIELD:
        message = _("%(value)s is not a number between %(min)s and %(max)s") % {
            "value": text[:40], "min": minimum, "max": MAX_FIELD}
        raise ValidationFailed(f"{field}: {message}", {field: message})
    return number
