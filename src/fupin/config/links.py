"""Resolvers of a finding's links to other apps' objects (``FUPIN_FINDING_LINK_RESOLVERS``):
config wires apps together, so accountability never imports them (ADR 0028)."""

from __future__ import annotations

from typing import Any

from fupin.cases.access import access_case
from fupin.cases.models import Case
from fupin.core.access import Scope, in_scope
from fupin.core.errors import NotFound


def case_division(who: Any, ref: str) -> str:
    """The village of case ``ref`` for a user (the region gate) or an explicit scope."""
    try:
        pk = int(ref)
    except ValueError:
        raise NotFound(f"no such case {ref}") from None
    if isinstance(who, Scope):
        found = in_scope(Case.objects.filter(pk=pk), who).first()
        if found is None:
            raise NotFound(f"no such case {ref}")
        return found.village_code
    return access_case(who, pk).village_code
