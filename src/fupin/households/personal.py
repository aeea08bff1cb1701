"""What a viewer may see of a member's personal data: the one place that decides it.

A viewer without ``households.reveal_idnumber`` sees the identity number as
``513431**********2X`` and the birth *year*, never the date nor an age on a given day
(ADR 0018: together they leave ≥ 1,000 candidate numbers). Holders of the permission see the
birth date and may reveal the number (audited). Screens, the API, masked exports and
reports all take their member fields from here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fupin_engine.idcard import masked_id, visible_birth

__all__ = ["REVEAL_PERMISSION", "birth_display", "can_reveal", "masked_id", "member_view",
           "visible_birth"]

REVEAL_PERMISSION = "households.reveal_idnumber"


def can_reveal(user) -> bool:
    """Whether ``user`` may see birth dates and reveal identity numbers (audited)."""
    return bool(user is not None and user.is_authenticated and user.has_perm(REVEAL_PERMISSION))


def birth_display(birth_date: dt.date, *, reveal: bool) -> str:
    """The birth as shown: ``1980-05-17`` with the permission, ``1980`` without."""
    return birth_date.isoformat() if reveal else str(visible_birth(birth_date))


def member_view(member, user, *, reveal: bool | None = None) -> dict[str, Any]:
    """The personal fields of ``member`` that ``user`` may see.

    ``reveal`` may be passed when the caller already knows it (one permission check per page,
    not per member). ``birth_date`` is ``None`` for viewers without the permission.
    """
    allowed = can_reveal(user) if reveal is None else reveal
    return {
        "id_number_masked": masked_id(member.id_number_masked),
        "birth_year": visible_birth(member.birth_date),
        "birth_date": member.birth_date if allowed else None,
        "birth": birth_display(member.birth_date, reveal=allowed),
        "sex": member.sex,
        "can_reveal": allowed,
    }
