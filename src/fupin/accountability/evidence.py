"""Evidence files of findings: stored under var/ with mode 0600 and a random name, 1 byte to
10 MB, served only through ``access.access_evidence``; every download is a ledger line.
Re-exported by ``accountability.services``, the module other code calls."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from fupin.accountability.choices import VERIFIER_PERMISSION
from fupin.accountability.models import Evidence, Finding, Report
from fupin.core import audit
from fupin.core import evidence as files
from fupin.core.access import check_in_scope
from fupin.core.errors import Forbidden

# --- evidence files (var/, 0600, served only through access.access_evidence) ---------------

EVIDENCE_MAX_BYTES = files.MAX_BYTES
FOLDER = "accountability-evidence"


def evidence_dir() -> Path:
    return files.folder(FOLDER)


def add_evidence(*, actor: Any, finding: Finding, name: str, content: bytes,
                 report: Report | None = None) -> Evidence:
    """Store an evidence file of ``finding``: its recorder's family or the responsible unit
    of the finding's region may add one."""
    check_in_scope(actor, finding.division_code, what="finding")
    if not (actor.has_perm("accountability.rectify")
            or actor.has_perm(VERIFIER_PERMISSION[finding.source])):
        raise Forbidden(gettext("your role may not add evidence to this finding"))
    files.check_size(content)
    with transaction.atomic():
        stored = files.store(FOLDER, name, content)
        evidence = Evidence.objects.create(
            finding=finding, report=report, name=stored.name, stored_as=stored.stored_as,
            size=stored.size, sha256=stored.sha256, uploaded_by=actor)
        audit.record(actor=actor, action="accountability.add_evidence",
                     object_type="accountability.evidence", object_id=str(evidence.pk),
                     division_code=finding.division_code, after=audit.snapshot(evidence))
    return evidence


def evidence_path(evidence: Evidence) -> Path:
    return evidence_dir() / evidence.stored_as


def open_evidence(*, actor: Any, evidence: Evidence) -> Path:
    """An evidence file for download: it may hold personal data (a complaint letter, a
    photo of a household), so every download is a line on the ledger, like a reveal."""
    check_in_scope(actor, evidence.finding.division_code, what="finding")
    with transaction.atomic():
        audit.record(actor=actor, action="accountability.download_evidence",
                     object_type="accountability.finding", object_id=str(evidence.finding_id),
                     division_code=evidence.finding.division_code,
                     after={"evidence": evidence.pk, "name": evidence.name})
    return evidence_path(evidence)
