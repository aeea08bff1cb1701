"""Writing and verifying the audit ledger.

Services call :func:`record` inside their transaction; nothing else writes the ledger.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection, models, transaction

from fupin.core.models import AuditChainHead, AuditRecord

GENESIS = "0" * 64


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value.pk)
    return value


def snapshot(instance: models.Model, *, exclude: Iterable[str] = ()) -> dict[str, Any]:
    """The instance's concrete field values, JSON-safe, personal fields left out."""
    skip = set(exclude) | set(getattr(instance, "audit_exclude", ()))
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in skip or field.name in {"created_at", "updated_at"}:
            continue
        value = getattr(instance, field.attname)
        if isinstance(field, models.DecimalField) and value is not None:
            # Fixed places, so 1000 and 1000.00 (from the database) compare equal.
            value = f"{decimal.Decimal(value):.{field.decimal_places}f}"
        data[field.attname] = _jsonable(value)
    return data


def _canonical(payload: dict[str, Any]) -> bytes:
    return json.dumps(
        payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
    ).encode("utf-8")


def compute_hash(rec: AuditRecord) -> str:
    payload = {
        "seq": rec.seq,
        "created_at": rec.created_at.astimezone(dt.UTC).isoformat(),
        "actor_id": rec.actor_id,
        "actor_name": rec.actor_name,
        "action": rec.action,
        "object_type": rec.object_type,
        "object_id": rec.object_id,
        "division_code": rec.division_code,
        "before": rec.before,
        "after": rec.after,
        "prev_hash": rec.prev_hash,
    }
    return hashlib.sha256(_canonical(payload)).hexdigest()


def _actor_fields(actor: Any) -> tuple[int | None, str]:
    if actor is None:
        return None, "system"
    if isinstance(actor, str):
        return None, actor
    return actor.pk, actor.get_username()


@dataclass
class Entry:
    """One record to append with :func:`record_many`."""

    action: str
    object_type: str
    object_id: str
    division_code: str = ""
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None


def record(
    *,
    actor: Any,
    action: str,
    object_type: str,
    object_id: str,
    division_code: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditRecord:
    """Append one record to the ledger. Must run inside the caller's transaction.

    ``actor`` is a user, or a string naming a system process (``"system:setup"``).
    """
    entry = Entry(action, object_type, str(object_id), division_code, before, after)
    return record_many(actor=actor, entries=[entry])[0]


def record_many(*, actor: Any, entries: list[Entry]) -> list[AuditRecord]:
    """Append records (one, or many for bulk writes such as imports): one head lock, one
    insert. Must run inside the caller's transaction; returns the records written."""
    if not entries:
        return []
    if not connection.in_atomic_block:
        raise RuntimeError("audit.record_many must run inside the service's transaction")
    head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        head = AuditChainHead.objects.create(pk=1, seq=0, hash=GENESIS)
    actor_id, actor_name = _actor_fields(actor)
    now = dt.datetime.now(dt.UTC)
    seq, prev = head.seq, head.hash
    records = []
    for e in entries:
        seq += 1
        rec = AuditRecord(
            seq=seq, created_at=now, actor_id=actor_id, actor_name=actor_name,
            action=e.action, object_type=e.object_type, object_id=str(e.object_id),
            division_code=e.division_code,
            before=json.loads(_canonical(e.before)) if e.before is not None else None,
            after=json.loads(_canonical(e.after)) if e.after is not None else None,
            prev_hash=prev,
        )
        rec.hash = compute_hash(rec)
        prev = rec.hash
        records.append(rec)
    AuditRecord.objects.bulk_create(records, batch_size=2000)
    head.seq, head.hash = seq, prev
    head.save(update_fields=["seq", "hash"])
    return records


def record_change(
    *, actor: Any, action: str, instance: models.Model, before: dict[str, Any] | None
) -> AuditRecord | None:
    """Record a create/update of a region-owned instance; ``None`` when nothing changed."""
    after = snapshot(instance)
    if before == after:
        return None
    return record(
        actor=actor,
        action=action,
        object_type=instance._meta.label_lower,
        object_id=str(instance.pk),
        division_code=getattr(instance, "region_code", "") or "",
        before=before,
        after=after,
    )


@dataclass(frozen=True)
class VerifyResult:
    """The outcome of checking the chain."""

    ok: bool
    checked: int
    broken_seq: int | None = None
    broken_id: int | None = None
    reason: str = ""


def _iter_records() -> Iterator[AuditRecord]:
    return AuditRecord.objects.order_by("seq").iterator(chunk_size=5000)


def verify(progress: Any = None) -> VerifyResult:
    """Walk the chain from the first record; stop at the first record that does not hold."""
    prev_hash = GENESIS
    expected_seq = 1
    checked = 0
    with transaction.atomic():
        for rec in _iter_records():
            if rec.seq != expected_seq:
                return VerifyResult(
                    False, checked, rec.seq, rec.pk,
                    f"record #{rec.seq} follows #{expected_seq - 1}: "
                    f"record #{expected_seq} is missing (deleted)",
                )
            if rec.prev_hash != prev_hash:
                return VerifyResult(
                    False, checked, rec.seq, rec.pk,
                    f"record #{rec.seq} does not link to the hash of record #{rec.seq - 1}",
                )
            if compute_hash(rec) != rec.hash:
                return VerifyResult(
                    False, checked, rec.seq, rec.pk,
                    f"record #{rec.seq} (id {rec.pk}, {rec.action} {rec.object_type}:"
                    f"{rec.object_id}) was altered: its content no longer matches its hash",
                )
            prev_hash = rec.hash
            expected_seq += 1
            checked += 1
            if progress is not None:
                progress(1)
        head = AuditChainHead.objects.filter(pk=1).first()
    last_seq = expected_seq - 1
    head_seq = head.seq if head else 0
    head_hash = head.hash if head else GENESIS
    if head_seq != last_seq or head_hash != prev_hash:
        return VerifyResult(
            False, checked, last_seq + 1, None,
            f"the ledger head says the chain ends at #{head_seq}, but it ends at #{last_seq}: "
            f"record #{last_seq + 1} and later are missing (deleted)",
        )
    return VerifyResult(True, checked)
