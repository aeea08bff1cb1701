"""Test data for benefit linkages, built through the product's services."""

from __future__ import annotations

import itertools

from stdnum.cn import uscc

from fupin.core.access import Scope
from fupin.ecommerce.models import Enterprise
from fupin.ecommerce.services import linkages as services

COUNTY = Scope("513431")
_seq = itertools.count(1)


def credit_code(n: int) -> str:
    """A unified social credit code with a correct GB 32100 check character."""
    body = f"93513431MA{n:07d}"[:17]
    return body + uscc.calc_check_digit(body)


def enterprise(name: str = "", kind: str = "cooperative") -> Enterprise:
    n = next(_seq)
    return Enterprise.objects.create(credit_code=credit_code(n), name=name or f"合作社{n}",
                                     kind=kind, division_code="513431000000")


def linkage(household, ent: Enterprise, *, code: str = "", form: str = "shares",
            started_on="2020-03-01", ended_on=None, scope: Scope = COUNTY):
    return services.record_linkage(
        actor="test", scope=scope, code=code or f"LK{next(_seq):06d}",
        household_id=household.household_id, credit_code=ent.credit_code, form=form,
        started_on=started_on, ended_on=ended_on)
