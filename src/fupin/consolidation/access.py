"""What a user may read of the consolidation period, through the one region gate: 403 without
the permission, 404 for a division or household outside the user's region. Views and the API
get their division and households only from here; help records are written through
``services`` (which check the region) and read set-based inside a ``Scope``."""

from __future__ import annotations

from typing import Any

from fupin.core.errors import Forbidden
from fupin.households.access import access_household  # noqa: F401  (the household gate)
from fupin.regions import services as regions
from fupin.regions.models import Division

#: Reading the consolidation figures: the help register and what is computed from it.
PERMISSION = "consolidation.view_helprecord"


def focus_division(user: Any, code: str = "") -> Division:
    """The division the figures are drawn for: 403 without the permission, the user's own
    division, or ``code`` inside the user's region (404 elsewhere)."""
    if not user.has_perm(PERMISSION) or user.division_id is None:
        raise Forbidden("your role may not see the consolidation figures")
    return regions.focus_division(user, code)

