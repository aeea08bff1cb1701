"""The sample of an assessment, between the registry and the engine.

The frame is every household of the county in the registry with its status and size (the
people in it); the draw and the replacements are the engine's
(:func:`fupin_engine.measures.sampling.draw`, :meth:`Sample.replace`): no statistics here,
only the translation between stored rows and the engine's values.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.db.models import Count

from fupin.assessment.choices import Outcome, Role
from fupin.assessment.models import Assessment, SampledUnit
from fupin.core.access import Scope, in_scope
from fupin.households.models import Household
from fupin_engine.measures.sampling import FrameHousehold, Sample, SampledHousehold


def registry_frame(county_code: str) -> list[FrameHousehold]:
    """Every household of the county (a 12-digit code) from the registry, in household order,
    with its status and its number of members. One query."""
    rows = (in_scope(Household.objects.all(), Scope(county_code[:6]))
            .annotate(size=Count("members")).order_by("household_id")
            .values_list("household_id", "village_id", "status", "size"))
    return [FrameHousehold(h, v, s, int(n)) for h, v, s, n in rows]


def frame_digest(frame: Iterable[FrameHousehold]) -> str:
    """SHA-256 of the frame as the draw sees it: the same digest and seed redraw the same
    sample (published with the seed)."""
    digest = hashlib.sha256()
    for h in sorted(frame, key=lambda h: (h.village_code, h.household_id)):
        digest.update(f"{h.household_id}\t{h.village_code}\t{h.status}\t{h.size}\n".encode())
    return digest.hexdigest()


def units_from(assessment: Assessment, sample: Sample,
               frame: Iterable[FrameHousehold]) -> list[SampledUnit]:
    """The rows to store for a drawn sample: the sampled households (active) and every
    replacement list in its drawn order."""
    facts = {h.household_id: h for h in frame}

    def unit(h: SampledHousehold, role: str, order: int) -> SampledUnit:
        f = facts[h.household_id]
        return SampledUnit(
            assessment=assessment, household_id=h.household_id, village_code=h.village_code,
            stratum=h.stratum, role=role, replacement_order=order,
            village_probability=sample.village_probabilities[h.village_code],
            probability=h.probability, weight=h.weight, status=f.status, size=f.size,
            active=role == Role.SAMPLED)

    rows = [unit(h, Role.SAMPLED, 0) for h in sample.households]
    for queue in sample.replacements.values():
        rows += [unit(h, Role.REPLACEMENT, i) for i, h in enumerate(queue, start=1)]
    return rows


def _household(u: SampledUnit) -> SampledHousehold:
    return SampledHousehold(u.household_id, u.village_code, u.stratum, u.probability)


def engine_sample(assessment: Assessment) -> Sample:
    """The stored sample as the engine's :class:`Sample`: the active households, the
    replacement lists in order and how many of each list are already used."""
    units = list(assessment.units.all())
    active = [_household(u) for u in units if u.active]
    queues: dict[tuple[str, str], list[SampledUnit]] = {}
    for u in units:
        if u.role == Role.REPLACEMENT:
            queues.setdefault((u.village_code, u.stratum), []).append(u)
    for q in queues.values():
        q.sort(key=lambda u: u.replacement_order)
    used = {key: sum(1 for u in q if u.active or u.outcome != Outcome.PENDING)
            for key, q in queues.items()}
    probs = {u.village_code: u.village_probability for u in units}
    return Sample(county=assessment.county_code[:6], seed=assessment.seed, households=active,
                  village_probabilities=probs,
                  villages_drawn=sorted({u.village_code for u in units}),
                  replacements={k: [_household(u) for u in q] for k, q in queues.items()},
                  per_stratum=assessment.per_stratum, used=used)
