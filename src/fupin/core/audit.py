"""Writing and verifying the audit ledger.

Services call :func:`record` inside their transaction; nothing else writes the ledger.

Records are chained with HMAC-SHA256 under ``FUPIN_LEDGER_KEY``, a key kept outside the
database (ADR 0015): someone who can write to the database can no longer rewrite the chain
from a record on and recompute every hash. Records written before the key existed keep their
keyless SHA-256 (``scheme``); once a keyed record appears, a keyless one after it is a
rewrite. The head row is signed too, and ``fupin audit anchor`` appends signed checkpoints of
the head to a file outside the database, which ``verify`` checks.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import hmac
import itertools
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, models, transaction

from fupin.core import audit_batch
from fupin.core.audit_batch import BatchRow  # part of this module's API (record_batch)
from fupin.core.models import AuditChainHead, AuditRecord

GENESIS = "0" * 64
#: Keyless: records written before the ledger key (kept verifiable, see the module docstring).
SCHEME_SHA256 = "sha256"
#: Keyed with FUPIN_LEDGER_KEY.
SCHEME_HMAC = "hmac-sha256"


def ledger_key() -> bytes | None:
    """The ledger key, or ``None`` (development without one: records are keyless)."""
    key = settings.FUPIN_LEDGER_KEY
    return key.encode("utf-8") if key else None


def _mac(key: bytes, message: str) -> str:
    return hmac.new(key, message.encode("utf-8"), hashlib.sha256).hexdigest()


def head_mac(key: bytes, seq: int, head_hash: str) -> str:
    """The signature of the head row (seq and hash)."""
    return _mac(key, f"fupin-ledger-head:{seq}:{head_hash}")


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


def compute_hash(rec: AuditRecord, key: bytes | None = None) -> str:
    """The record's hash under its ``scheme`` (keyed records need the ledger key)."""
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
    if rec.scheme == SCHEME_SHA256:
        return hashlib.sha256(_canonical(payload)).hexdigest()
    if rec.scheme != SCHEME_HMAC:
        raise ValueError(f"unknown ledger scheme {rec.scheme!r}")
    key = key or ledger_key()
    if key is None:
        raise ImproperlyConfigured("FUPIN_LEDGER_KEY is needed for keyed ledger records")
    payload["scheme"] = rec.scheme
    return hmac.new(key, _canonical(payload), hashlib.sha256).hexdigest()


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
    return _append(_lock_head(), actor, entries, ledger_key())


def record_batch(
    *,
    actor: Any,
    action: str,
    object_type: str,
    object_id: str,
    summary: dict[str, Any],
    rows: Iterable[BatchRow],
    division_code: str = "",
) -> AuditRecord | None:
    """Append ONE record for a bulk write: its rows in the batch-row table, the record's
    ``after`` holding ``summary`` and ``batch`` (row count, hash-tree root; ADR 0052).

    Inside the caller's transaction. Streams ``rows`` (memory flat in their number): each
    stored with its keyed digest, written with COPY on PostgreSQL and ``executemany`` on
    SQLite. Returns the record; ``None`` and writes nothing when ``rows`` is empty.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("audit.record_batch must run inside the service's transaction")
    stream = iter(rows)
    first = next(stream, None)
    if first is None:
        return None
    head = _lock_head()
    key = ledger_key()
    count, root = audit_batch.write_rows(head.seq + 1, itertools.chain([first], stream), key)
    after = {"summary": summary,
             "batch": {"rows": count, "root": root, "tree": audit_batch.TREE}}
    entry = Entry(action, object_type, str(object_id), division_code, None, after)
    return _append(head, actor, [entry], key)[0]


def _lock_head() -> AuditChainHead:
    head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        head = AuditChainHead.objects.create(pk=1, seq=0, hash=GENESIS)
    return head


def _append(head: AuditChainHead, actor: Any, entries: list[Entry],
            key: bytes | None) -> list[AuditRecord]:
    actor_id, actor_name = _actor_fields(actor)
    scheme = SCHEME_HMAC if key else SCHEME_SHA256
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
            prev_hash=prev, scheme=scheme,
        )
        rec.hash = compute_hash(rec, key)
        prev = rec.hash
        records.append(rec)
    AuditRecord.objects.bulk_create(records, batch_size=2000)
    head.seq, head.hash = seq, prev
    head.mac = head_mac(key, seq, prev) if key else ""
    head.save(update_fields=["seq", "hash", "mac"])
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
    #: Batch records checked and the rows under them (ADR 0052).
    batches: int = 0
    batch_rows: int = 0


def _iter_records() -> Iterator[AuditRecord]:
    return AuditRecord.objects.order_by("seq").iterator(chunk_size=5000)


def _fail(checked: int, rec: AuditRecord | None, seq: int | None, reason: str) -> VerifyResult:
    return VerifyResult(False, checked, seq, rec.pk if rec is not None else None, reason)


def verify(progress: Any = None, anchors: Path | None = None,
           row_progress: Any = None) -> VerifyResult:
    """Walk the chain from the first record; stop at the first record that does not hold.

    A batch record's rows are checked under it (every digest, the count, the root; streamed
    in position order, ``row_progress`` called with the rows done). Then check the signed
    head and the anchors (``anchors`` or FUPIN_LEDGER_ANCHORS).
    """
    key = ledger_key()
    anchor_list = read_anchors(anchors)
    prev_hash = GENESIS
    expected_seq = 1
    checked = 0
    first_keyed: int | None = None
    batch_seqs: set[int] = set()
    batch_rows = 0
    with transaction.atomic():
        for rec in _iter_records():
            if rec.seq != expected_seq:
                return _fail(checked, rec, rec.seq,
                             f"record #{rec.seq} follows #{expected_seq - 1}: "
                             f"record #{expected_seq} is missing (deleted)")
            if rec.prev_hash != prev_hash:
                return _fail(checked, rec, rec.seq,
                             f"record #{rec.seq} does not link to the hash of record "
                             f"#{rec.seq - 1}")
            if rec.scheme == SCHEME_HMAC:
                if key is None:
                    return _fail(checked, rec, rec.seq,
                                 f"record #{rec.seq} is keyed: set FUPIN_LEDGER_KEY to verify")
                first_keyed = first_keyed or rec.seq
            elif rec.scheme == SCHEME_SHA256 and first_keyed is not None:
                return _fail(checked, rec, rec.seq,
                             f"record #{rec.seq} carries a keyless hash after keyed record "
                             f"#{first_keyed}: the chain was rewritten from #{rec.seq} on")
            elif rec.scheme != SCHEME_SHA256:
                return _fail(checked, rec, rec.seq,
                             f"record #{rec.seq} names an unknown scheme {rec.scheme!r}")
            if compute_hash(rec, key) != rec.hash:
                return _fail(checked, rec, rec.seq,
                             f"record #{rec.seq} (id {rec.pk}, {rec.action} {rec.object_type}:"
                             f"{rec.object_id}) was altered: its content no longer matches "
                             "its hash")
            if audit_batch.is_batch(rec.after):
                done, reason = audit_batch.check_batch(
                    rec.seq, rec.after, key if rec.scheme == SCHEME_HMAC else None,
                    row_progress)
                if reason:
                    return _fail(checked, rec, rec.seq, reason)
                batch_seqs.add(rec.seq)
                batch_rows += done
            prev_hash = rec.hash
            expected_seq += 1
            checked += 1
            if progress is not None:
                progress(1)
        head = AuditChainHead.objects.filter(pk=1).first()
        stray = audit_batch.stray_rows(batch_seqs, batch_rows)
        anchored = _check_anchors(anchor_list, key, checked)
    if stray:
        return _fail(checked, None, None, stray)
    if anchored is not None:
        return anchored
    last_seq = expected_seq - 1
    head_seq = head.seq if head else 0
    head_hash = head.hash if head else GENESIS
    if head_seq != last_seq or head_hash != prev_hash:
        return _fail(checked, None, last_seq + 1,
                     f"the ledger head says the chain ends at #{head_seq}, but it ends at "
                     f"#{last_seq}: record #{last_seq + 1} and later are missing (deleted)")
    if key is not None and head is not None and checked:
        if not head.mac:
            return _fail(checked, None, None,
                         f"the ledger head (#{head_seq}) is not signed: if the ledger key is "
                         "new, run `fupin audit anchor` once; otherwise the head was rewritten")
        if not hmac.compare_digest(head.mac, head_mac(key, head_seq, head_hash)):
            return _fail(checked, None, None,
                         f"the ledger head (#{head_seq}) does not carry the signature of "
                         "FUPIN_LEDGER_KEY: the head row and the chain were rewritten")
    return VerifyResult(True, checked, batches=len(batch_seqs), batch_rows=batch_rows)


# --- Anchors: signed checkpoints of the head, kept outside the database ------------------------

@dataclass(frozen=True)
class Anchor:
    """One line of the anchors file."""

    line: int
    at: str
    seq: int
    hash: str
    mac: str


def _anchor_mac(key: bytes, at: str, seq: int, head_hash: str) -> str:
    return _mac(key, f"fupin-ledger-anchor:{at}:{seq}:{head_hash}")


def anchors_path(path: Path | None = None) -> Path:
    return Path(path or settings.FUPIN_LEDGER_ANCHORS)


def read_anchors(path: Path | None = None) -> list[Anchor]:
    """The anchors written by :func:`anchor` (none when the file does not exist)."""
    path = anchors_path(path)
    if not path.exists():
        return []
    found = []
    for n, text in enumerate(path.read_text(encoding="ascii").splitlines(), start=1):
        fields = dict(part.split("=", 1) for part in text.split()[1:] if "=" in part)
        try:
            found.append(Anchor(n, text.split()[0], int(fields["seq"]), fields["hash"],
                                fields["mac"]))
        except (KeyError, ValueError, IndexError):
            found.append(Anchor(n, "", -1, "", ""))
    return found


def _check_anchors(anchors: list[Anchor], key: bytes | None, last_seq: int) -> VerifyResult | None:
    """The first anchor the chain contradicts, as a failure; ``None`` when all hold."""
    previous = 0
    for a in anchors:
        if a.seq < 0 or (key is not None and not hmac.compare_digest(
                a.mac, _anchor_mac(key, a.at, a.seq, a.hash))):
            return _fail(last_seq, None, None,
                         f"anchor line {a.line} is not signed with FUPIN_LEDGER_KEY "
                         "(the anchors file was edited)")
        if a.seq == 0:
            continue
        rec = AuditRecord.objects.filter(seq=a.seq).first()
        if rec is None or a.seq > last_seq:
            return _fail(last_seq, None, a.seq,
                         f"record #{a.seq}, anchored at {a.at}, is missing: the chain was "
                         "cut short")
        if rec.hash != a.hash:
            return _fail(last_seq, rec, a.seq,
                         f"record #{a.seq} differs from its anchor of {a.at}: the chain was "
                         f"rewritten from a record after #{previous} up to #{a.seq}")
        previous = a.seq
    return None


def anchor(path: Path | None = None) -> str:
    """Append a signed checkpoint of the head to the anchors file (0600); return its line.

    Signs an unsigned head first (a ledger key newly configured). Refuses without a key or
    when the chain does not verify: an anchor must only ever vouch for an intact chain.
    """
    key = ledger_key()
    if key is None:
        raise ImproperlyConfigured("FUPIN_LEDGER_KEY is not set: anchors are signed with it")
    with transaction.atomic():
        head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
        if head is not None and not head.mac:
            # Adopting a ledger written before the key (trust on first use). With keyed
            # records present, an unsigned head means someone blanked it: refuse.
            if AuditRecord.objects.filter(scheme=SCHEME_HMAC).exists():
                raise LedgerBroken(VerifyResult(
                    False, 0, None, None,
                    "the ledger head lost its signature although keyed records exist: "
                    "the head row was rewritten"))
            head.mac = head_mac(key, head.seq, head.hash)
            head.save(update_fields=["mac"])
    result = verify(anchors=path)
    if not result.ok:
        raise LedgerBroken(result)
    head = AuditChainHead.objects.filter(pk=1).first()
    seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS)
    at = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    line = f"{at} seq={seq} hash={head_hash} mac={_anchor_mac(key, at, seq, head_hash)}"
    target = anchors_path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "a", encoding="ascii") as fh:
        fh.write(line + "\n")
    return line


class LedgerBroken(Exception):
    """``anchor`` refused: the chain does not verify."""

    def __init__(self, result: VerifyResult) -> None:
        super().__init__(result.reason)
        self.result = result
