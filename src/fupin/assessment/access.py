"""Getting assessments, sampled households, appeals and evidence for a user, through the one
region gate (``fupin.core.access``): 403 without the permission, 404 when missing or
elsewhere.

The sample is the evaluator's until the estimates are out: a county that knew which
households would be visited could prepare them, so the households of an assessment in field
work are shown only to users who conduct assessments (``may_see_sample``)."""

from __future__ import annotations

from typing import Any

from fupin.assessment.models import Appeal, AppealEvidence, Assessment, SampledUnit
from fupin.core.access import for_user, get_for_user
from fupin.core.errors import NotFound

SAMPLE_OPEN_STATES = frozenset({"estimated", "published"})


def assessments(user: Any):
    return for_user(Assessment.objects.all(), user, "view")


def access_assessment(user: Any, pk: Any) -> Assessment:
    return get_for_user(Assessment.objects.all(), user, "view", pk=pk)


def may_see_sample(user: Any, assessment: Assessment) -> bool:
    return (user.has_perm("assessment.conduct_assessment")
            or assessment.state in SAMPLE_OPEN_STATES)


def access_unit(user: Any, assessment_pk: Any, pk: Any) -> SampledUnit:
    """A sampled household of an assessment the user may see, and whose sample the user may
    see (else not found, like another county's)."""
    assessment = access_assessment(user, assessment_pk)
    if not may_see_sample(user, assessment):
        raise NotFound("no such household in the sample")
    try:
        found = assessment.units.select_related("assessment").filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        found = None
    if found is None:
        raise NotFound("no such household in the sample")
    return found


def appeals(user: Any):
    return for_user(Appeal.objects.select_related("assessment", "unit"), user, "view")


def access_appeal(user: Any, pk: Any) -> Appeal:
    return get_for_user(Appeal.objects.select_related("assessment", "unit"), user, "view",
                        pk=pk)


def access_evidence(user: Any, appeal_pk: Any, pk: Any) -> AppealEvidence:
    appeal = access_appeal(user, appeal_pk)
    try:
        found = AppealEvidence.objects.filter(appeal=appeal, pk=int(pk)).first()
    except (TypeError, ValueError):
        found = None
    if found is None:
        raise NotFound("no such evidence")
    return found
