"""Getting evaluation objects for a user, through the one region gate
(``fupin.core.access``): 403 without the permission, 404 when missing or elsewhere.
One block per area (rounds, funds); views and the API get objects only from here."""

from __future__ import annotations

from typing import Any  # noqa: F401

from fupin.core.access import for_user, get_for_user  # noqa: F401

# --- rounds: systems, rounds, county evaluations, values, evidence, results


# --- funds: allocations, projects, expenditures
