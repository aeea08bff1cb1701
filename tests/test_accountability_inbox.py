"""Whose inbox a rectification waits in: the level alone is too wide at the county, where
officers rectify and evaluators, auditors and complaint handlers each verify their own."""

from __future__ import annotations

import pytest

from fupin.core import inbox
from tests.accountability_helpers import People, media_finding, step


@pytest.fixture
def people(tree):
    return People()


def _rectifications(user) -> set[int]:
    return {item.obj.finding_id for item in inbox.items(user)
            if item.workflow.name == "accountability.rectification"}


def _claimed(finding, officer):
    rect = finding.rectification
    step(rect, officer, "submit_plan")
    step(rect, officer, "claim_completion")
    return finding


def test_each_verifier_sees_only_the_claims_of_its_own_source(people):
    media = _claimed(media_finding(people.evaluator, title="暗访问题"), people.officer)
    audit = _claimed(media_finding(people.auditor, source="audit", outlet="", report="",
                                   title="审计问题"), people.officer)
    open_one = media_finding(people.evaluator, title="待整改问题")
    assert _rectifications(people.evaluator) == {media.pk}
    assert _rectifications(people.auditor) == {audit.pk}
    # The officer rectifies: the open one waits on it, the claims wait on their verifiers.
    assert _rectifications(people.officer) == {open_one.pk}
    # The county approver handles complaints and rectifies: no evaluation or audit claims.
    assert _rectifications(people.approver) == {open_one.pk}
    # The inbox's village choices follow the same narrowing.
    villages, _ = inbox.places(people.auditor)
    assert list(villages) == [audit.rectification.division_code]
