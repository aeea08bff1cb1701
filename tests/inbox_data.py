"""Many open cases at once, set-based (bulk inserts, not thousands of service calls): for the
inbox's query-count test and ``bench/bench_inbox.py``."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from fupin.cases.models import Case
from fupin.households.models import Household
from fupin.regions.models import Division
from tests import factories

TOWNSHIPS = (factories.HOME_TOWNSHIP, "513431101000")
#: The county-level states (county decision due) and the township's (escalated when overdue).
COUNTY_STATES = ("township_approved", "elim_township_approved")


def villages(per_township: int = 10) -> list[str]:
    """``per_township`` villages under each of the two townships of the test county."""
    codes = []
    for township in TOWNSHIPS:
        for i in range(per_township):
            code = f"{township[:9]}{300 + i:03d}"
            codes.append(code)
            Division.objects.get_or_create(code=code, defaults={
                "name": f"第{i + 1}村{township[6:9]}", "level": "village", "parent_id": township})
    return codes


def bulk_cases(n: int, states: tuple[str, ...] = COUNTY_STATES, *, prefix: str = "B") -> list:
    """``n`` households and an open case each, spread over 20 villages and the given states;
    a third of them overdue. Returns the cases' ids."""
    codes = villages()
    now = timezone.now()
    households = Household.objects.bulk_create([Household(
        household_id=f"{prefix}{i:08d}", village_id=codes[i % len(codes)], status="exited",
        exit_year=2019, housing_grade="B", water_quantity_ok=True, water_quality_ok=True,
        water_access_ok=True, water_reliability_ok=True, head_name=f"户主{i}")
        for i in range(n)], batch_size=1000)
    households = Household.objects.filter(household_id__startswith=prefix).order_by("pk")
    cases = Case.objects.bulk_create([Case(
        household=h, village_code=h.village_id, channel="cadre_visit",
        state=states[i % len(states)],
        state_since=now, opened_at=now, category="unstable", risk_types="01",
        due_at=now + dt.timedelta(days=(i % 30) - 10))
        for i, h in enumerate(households)], batch_size=1000)
    return [c.pk for c in cases]
