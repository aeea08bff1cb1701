"""Getting evaluation objects for a user, through the one region gate
(``fupin.core.access``): 403 without the permission, 404 when missing or elsewhere.
One block per area (rounds, funds); views and the API get objects only from here."""

from __future__ import annotations

from typing import Any

from fupin.core.access import for_user, get_for_user

# --- rounds: systems, rounds, county evaluations, values, evidence, results


# --- funds: allocations, projects, expenditures


def access_allocation(user: Any, pk: int, *, action: str = "view"):
    """One allocation for ``user`` (403 without the permission, 404 elsewhere)."""
    from fupin.evaluation.models import Allocation

    return get_for_user(Allocation, user, action, pk=pk)


def access_project(user: Any, pk: int, *, action: str = "view"):
    """One fund project for ``user``."""
    from fupin.evaluation.models import Project

    return get_for_user(Project, user, action, pk=pk)


def funds_rows(model, user: Any):
    """The rows of a funds model (``Allocation``, ``Project``, ``Expenditure``) the user
    may see: none without the permission, only the user's region otherwise."""
    return for_user(model, user)


def expenditure_division(who: Any, ref: str) -> str:
    """The county of expenditure ``ref`` (its number, as the funds pages show it) for a user
    (the region gate) or an explicit ``Scope``: the resolver of a finding's ``expenditure``
    link (``FUPIN_FINDING_LINK_RESOLVERS``, ADR 0028), so an auditor's finding names the
    flagged payment it is about."""
    from fupin.core.access import Scope, in_scope
    from fupin.core.errors import NotFound
    from fupin.evaluation.models import Expenditure

    try:
        pk = int(str(ref).strip())
    except ValueError:
        raise NotFound(f"no such expenditure {ref}") from None
    if isinstance(who, Scope):
        found = in_scope(Expenditure.objects.filter(pk=pk), who).first()
        if found is None:
            raise NotFound(f"no such expenditure {ref}")
        return found.county_code
    return get_for_user(Expenditure, who, pk=pk).county_code

