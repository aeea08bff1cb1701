"""Complaints (12317 and others): the statutory handling clock — acknowledged, replied within
15 days of receipt, once extendable to 20 with a reason — and the complainant, encrypted, shown
masked and revealed only through ``reveal_complainant`` (audited). Re-exported by
``accountability.services``, the module other code calls."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from fupin.accountability.choices import COMPLAINT_SOURCES
from fupin.accountability.models import Finding
from fupin.core import audit, crypto, deadlines
from fupin.core.access import check_in_scope
from fupin.core.errors import Forbidden, NotFound, ValidationFailed


def record_change(actor: Any, action: str, obj: Any, before: dict | None = None) -> None:
    """The ledger line of an accountability write (``accountability.<action>``)."""
    audit.record(actor=actor, action=f"accountability.{action}",
                 object_type=obj._meta.label_lower, object_id=str(obj.pk),
                 division_code=obj.division_code, before=before,
                 after=audit.snapshot(obj, exclude=getattr(obj, "audit_exclude", ())))


_audit = record_change


# --- complaints: the statutory clock (12317: handled within 15 days, once up to 20) --------

def complaint_due(received_at: dt.datetime, code: str, *, extended: bool) -> dt.datetime:
    key = "extended" if extended else "handle"
    return deadlines.due("accountability.complaint", key, code,
                         {"handle": 15, "extended": 20, "step": 15,
                          **getattr(settings, "FUPIN_COMPLAINT_DAYS", {})}, received_at)


def _complaint(actor: Any, finding: Finding) -> Finding:
    current = Finding.objects.select_for_update().filter(pk=finding.pk).first()
    if current is None:
        raise NotFound("no such finding")
    check_in_scope(actor, current.division_code, what="finding")
    if current.source not in COMPLAINT_SOURCES:
        raise ValidationFailed(gettext("only complaints have a handling clock"))
    if not actor.has_perm("accountability.record_complaint"):
        raise Forbidden(gettext("your role does not handle complaints"))
    if current.replied_at is not None:
        raise ValidationFailed(gettext("the complaint has been answered already"))
    return current


def acknowledge_complaint(*, actor: Any, finding: Finding) -> Finding:
    with transaction.atomic():
        current = _complaint(actor, finding)
        if current.acknowledged_at is not None:
            raise ValidationFailed(gettext("the complaint was acknowledged already"))
        before = audit.snapshot(current, exclude=Finding.audit_exclude)
        current.acknowledged_at = timezone.now()
        current.save(update_fields=["acknowledged_at", "updated_at"])
        _audit(actor, "acknowledge_complaint", current, before)
    return current


def extend_complaint(*, actor: Any, finding: Finding, reason: str) -> Finding:
    """Extend the handling once, to 20 days from receipt, with a reason."""
    with transaction.atomic():
        current = _complaint(actor, finding)
        if current.extension_reason:
            raise ValidationFailed(gettext("the handling can be extended only once"))
        if not reason.strip():
            raise ValidationFailed(gettext("give the reason for the extension"),
                                   {"reason": "required"})
        if timezone.now() > current.handle_due:
            raise ValidationFailed(gettext("the handling period has run out: it can no "
                                           "longer be extended"))
        before = audit.snapshot(current, exclude=Finding.audit_exclude)
        current.extension_reason = reason.strip()
        current.handle_due = complaint_due(current.received_at, current.division_code,
                                           extended=True)
        current.save(update_fields=["extension_reason", "handle_due", "updated_at"])
        _audit(actor, "extend_complaint", current, before)
    return current


def reply_complaint(*, actor: Any, finding: Finding, reply: str) -> Finding:
    """Record the reply to the complainant (ends the clock; late replies stay late)."""
    with transaction.atomic():
        current = _complaint(actor, finding)
        if not reply.strip():
            raise ValidationFailed(gettext("write the reply"), {"reply": "required"})
        before = audit.snapshot(current, exclude=Finding.audit_exclude)
        current.reply = reply.strip()
        current.replied_at = timezone.now()
        current.acknowledged_at = current.acknowledged_at or current.replied_at
        current.save(update_fields=["reply", "replied_at", "acknowledged_at", "updated_at"])
        _audit(actor, "reply_complaint", current, before)
    return current


def complaint_overdue(finding: Finding, now: dt.datetime | None = None) -> bool:
    if finding.handle_due is None:
        return False
    end = finding.replied_at or now or timezone.now()
    return end > finding.handle_due


def mask_name(name: str) -> str:
    return (name[:1] + "*" * max(len(name) - 1, 1)) if name else ""


def mask_phone(phone: str) -> str:
    return phone[:3] + "****" + phone[-4:] if len(phone) >= 8 else "*" * len(phone)


def complainant(finding: Finding) -> dict[str, str]:
    """The complainant as a screen shows it without the reveal permission: masked."""
    name = crypto.decrypt(finding.complainant_name) if finding.complainant_name else ""
    phone = crypto.decrypt(finding.complainant_phone) if finding.complainant_phone else ""
    return {"name": mask_name(name), "phone": mask_phone(phone)}


def reveal_complainant(*, actor: Any, finding: Finding) -> dict[str, str]:
    """The complainant in clear, for a holder of ``reveal_complainant``; audited."""
    check_in_scope(actor, finding.division_code, what="finding")
    if not actor.has_perm("accountability.reveal_complainant"):
        raise Forbidden(gettext("your role may not reveal complainants"))
    with transaction.atomic():
        audit.record(actor=actor, action="accountability.reveal_complainant",
                     object_type="accountability.finding", object_id=str(finding.pk),
                     division_code=finding.division_code)
    return {"name": crypto.decrypt(finding.complainant_name) if finding.complainant_name
            else "",
            "phone": crypto.decrypt(finding.complainant_phone) if finding.complainant_phone
            else ""}
