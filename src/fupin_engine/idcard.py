"""Resident identity numbers (居民身份证号码, GB 11643-1999): checksum, birth date, masking.

An 18-character number is a 6-digit address code, an 8-digit birth date (YYYYMMDD), a 3-digit
sequence (odd for men, even for women) and a check character computed with ISO 7064 MOD 11-2.
The address code is *not* checked against today's division list: numbers keep the code of the
place where they were issued, and divisions are renamed and merged.
"""

from __future__ import annotations

import datetime as dt
import re

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_SHAPE = re.compile(r"^\d{17}[\dX]$")


class IdNumberError(ValueError):
    """An identity number that breaks a rule; ``code`` names the rule."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def check_character(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


def normalize(value: str) -> str:
    """Strip blanks and upper-case a trailing ``x``."""
    return value.strip().upper()


def birth_date_of(number: str) -> dt.date:
    """The birth date an identity number carries; raises :class:`IdNumberError`."""
    try:
        return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError as exc:
        raise IdNumberError("id_birth_date", f"impossible birth date {number[6:14]}") from exc


def validate(value: str, *, birth_date: dt.date | None = None) -> str:
    """Return the normalized number or raise :class:`IdNumberError` naming the broken rule."""
    number = normalize(value)
    if not _SHAPE.match(number):
        raise IdNumberError("id_format", "an identity number has 17 digits and a digit or X")
    expected = check_character(number[:17])
    if number[17] != expected:
        raise IdNumberError(
            "id_checksum", f"check character is {number[17]}, GB 11643 gives {expected}"
        )
    carried = birth_date_of(number)
    if birth_date is not None and carried != birth_date:
        raise IdNumberError(
            "id_birth_mismatch",
            f"the number carries birth date {carried.isoformat()}, "
            f"the record says {birth_date.isoformat()}",
        )
    return number


def sex_of(number: str) -> str:
    """``M`` or ``F`` from the sequence digit."""
    return "M" if int(number[16]) % 2 else "F"


#: Characters of a number a viewer without the reveal permission sees at the end.
#: Two, not four: with the birth year shown, address code + last two characters leave about
#: 365 x 100 / 11 ~ 3,300 candidate numbers (ADR 0018); the last four would leave ~330.
VISIBLE_TAIL = 2
_MASK_SHAPE = re.compile(r"^(\d{6})[\d*]{8,10}([\dX]{2})$")


def mask(number: str) -> str:
    """Keep the address code and the last two characters: ``110105**********2X``."""
    return masked_id(number)


def masked_id(number_or_mask: str) -> str:
    """The display mask of a clear number *or* of a stored mask of any earlier shape.

    ``11010519491231002X`` and ``110105********002X`` both give ``110105**********2X``: the
    address code, ten stars, the last :data:`VISIBLE_TAIL` characters. Anything else becomes
    stars of its own length, so a malformed value never leaks through.
    """
    text = normalize(number_or_mask)
    match = _MASK_SHAPE.match(text)
    if match is None or len(text) != 18:
        return "*" * len(text)
    address, tail = match.groups()
    return address + "*" * (18 - 6 - VISIBLE_TAIL) + tail


def visible_birth(birth_date: dt.date) -> int:
    """What a viewer without the reveal permission sees of a birth date: the year only."""
    return birth_date.year


def make(address_code: str, birth: dt.date, sequence: int) -> str:
    """Build a valid number (used by the generator and by tests)."""
    first17 = f"{address_code[:6]}{birth:%Y%m%d}{sequence % 1000:03d}"
    return first17 + check_character(first17)
