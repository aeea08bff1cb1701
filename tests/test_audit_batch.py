"""Batch records (ADR 0052): one chained record per bulk write proves every row under it, and
`fupin audit verify` names an altered, inserted, deleted or reordered row."""

from __future__ import annotations

import hashlib
import hmac
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from fupin.core import audit, audit_batch
from fupin.core.audit import BatchRow
from fupin.core.models import AuditBatchRow, AuditChainHead, AuditRecord

pytestmark = pytest.mark.django_db

ROWS = 23  # odd, not a power of two: the tree promotes odd nodes on several levels


def _rows(n: int, start: int = 0):
    for i in range(start, start + n):
        kind = ("households.household", "households.member", "households.economy")[i % 3]
        yield BatchRow(kind, f"H{i:06d}/{i % 5}", ("new", "changed", "removed")[i % 3],
                       {"size": i, "name_hash": f"h{i}", "income": f"{i}.50", "note": "户主"})


def _batch(n: int = ROWS, **kw) -> AuditRecord:
    with transaction.atomic():
        audit.record(actor="system:test", action="test.before", object_type="test.x",
                     object_id="1")
        rec = audit.record_batch(actor="system:test", action="households.import",
                                 object_type="core.exchangejob", object_id="7",
                                 summary={"new": n, "file": "a.csv"}, rows=_rows(n), **kw)
        audit.record(actor="system:test", action="test.after", object_type="test.x",
                     object_id="2")
    return rec


def _sql(statement: str, params=()) -> None:
    with connection.cursor() as cur:
        cur.execute(statement, params)


def _failure() -> str:
    result = audit.verify()
    assert not result.ok
    with pytest.raises(CommandError) as exc:
        call_command("audit", "verify")
    assert result.reason in str(exc.value)
    return result.reason


def _expected_root(key: bytes | None, digests: list[str]) -> str:
    """The documented construction, level by level: pairs left to right, odd node promoted."""
    level = digests
    while len(level) > 1:
        nxt = [hmac.new(key, f"fupin-batch-node\n{a}{b}".encode(), hashlib.sha256).hexdigest()
               for a, b in zip(level[0::2], level[1::2], strict=False)]
        if len(level) % 2:
            nxt.append(level[-1])
        level = nxt
    return level[0]


def test_one_chained_record_carries_count_and_root():
    before = AuditRecord.objects.count()
    rec = _batch()
    assert AuditRecord.objects.count() == before + 3  # one record for all the rows
    assert rec.after["batch"]["rows"] == ROWS
    assert rec.after["summary"] == {"new": ROWS, "file": "a.csv"}
    assert AuditChainHead.objects.get().seq == rec.seq + 1
    stored = list(AuditBatchRow.objects.filter(record_id=rec.seq).order_by("position"))
    assert [r.position for r in stored] == list(range(1, ROWS + 1))
    key = audit.ledger_key()
    for row, source in zip(stored, _rows(ROWS), strict=True):
        assert (row.object_type, row.object_id, row.change, row.payload) == (
            source.object_type, source.object_id, source.change, source.payload)
        head = json.dumps([rec.seq, row.position, row.object_type, row.object_id, row.change],
                          ensure_ascii=False, separators=(",", ":"))
        message = f"fupin-batch-row\n{head}\n{audit_batch.payload_text(row.payload)}"
        assert row.digest == hmac.new(key, message.encode(), hashlib.sha256).hexdigest()
    assert rec.after["batch"]["root"] == _expected_root(key, [r.digest for r in stored])
    result = audit.verify()
    assert result.ok, result.reason
    assert (result.batches, result.batch_rows) == (1, ROWS)


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 8, 13])
def test_streamed_root_is_the_level_by_level_tree(n):
    key = b"k"
    digests = [hashlib.sha256(str(i).encode()).hexdigest() for i in range(n)]
    assert audit_batch.merkle_root(key, digests) == _expected_root(key, digests)


def test_empty_batch_writes_nothing():
    with transaction.atomic():
        before = AuditRecord.objects.count()
        assert audit.record_batch(actor="system:test", action="x.y", object_type="x.y",
                                  object_id="1", summary={}, rows=iter(())) is None
    assert AuditRecord.objects.count() == before
    assert not AuditBatchRow.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_batch_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError, match="transaction"):
        audit.record_batch(actor="system:test", action="x.y", object_type="x.y", object_id="1",
                           summary={}, rows=_rows(2))


def test_a_bad_row_names_its_place_and_writes_nothing():
    bad = [*_rows(3), BatchRow("households.member", "H9/1", "moved", {})]
    with (pytest.raises(ValueError, match=r"batch row 4 \(households.member H9/1\): change"),
          transaction.atomic()):
        audit.record_batch(actor="system:test", action="x.y", object_type="x.y",
                           object_id="1", summary={}, rows=bad)
    assert not AuditBatchRow.objects.exists()
    assert not AuditRecord.objects.filter(action="x.y").exists()


def test_keyless_batch_verifies_and_is_plain_sha256(settings):
    settings.FUPIN_LEDGER_KEY = None
    rec = _batch()
    assert rec.scheme == audit.SCHEME_SHA256
    row = AuditBatchRow.objects.get(record_id=rec.seq, position=1)
    head = json.dumps([rec.seq, 1, row.object_type, row.object_id, row.change],
                      ensure_ascii=False, separators=(",", ":"))
    text = audit_batch.payload_text(row.payload)
    assert row.digest == hashlib.sha256(f"fupin-batch-row\n{head}\n{text}".encode()).hexdigest()
    assert audit.verify().ok


@pytest.mark.parametrize("position", [1, 12, ROWS])
def test_altered_payload_is_named(position):
    rec = _batch()
    row = AuditBatchRow.objects.get(record_id=rec.seq, position=position)
    _sql("UPDATE core_auditbatchrow SET payload = %s WHERE id = %s",
         [json.dumps({**row.payload, "size": 999}), row.pk])
    reason = _failure()
    assert reason == (f"row {position} of batch record #{rec.seq} "
                      f"({row.object_type} {row.object_id}): digest does not match its content")
    assert audit.verify().broken_seq == rec.seq


@pytest.mark.parametrize("column", ["object_id", "change", "digest"])
def test_altered_column_is_named(column):
    rec = _batch()
    row = AuditBatchRow.objects.get(record_id=rec.seq, position=7)
    value = {"object_id": "H999999/9", "change": "removed" if row.change != "removed" else "new",
             "digest": "0" * 64}[column]
    _sql(f"UPDATE core_auditbatchrow SET {column} = %s WHERE id = %s", [value, row.pk])
    reason = _failure()
    assert reason.startswith(f"row 7 of batch record #{rec.seq} (")
    assert "digest does not match its content" in reason


def test_deleted_row_is_named():
    rec = _batch()
    _sql("DELETE FROM core_auditbatchrow WHERE record_seq = %s AND position = 9", [rec.seq])
    reason = _failure()
    assert reason.startswith(f"row 9 of batch record #{rec.seq} is missing (deleted)")


def test_deleted_last_row_is_named():
    rec = _batch()
    _sql("DELETE FROM core_auditbatchrow WHERE record_seq = %s AND position = %s",
         [rec.seq, ROWS])
    assert _failure().startswith(f"row {ROWS} of batch record #{rec.seq} is missing (deleted)")


@pytest.mark.parametrize("keyed", [True, False])
def test_inserted_row_is_named(settings, keyed):
    if not keyed:
        settings.FUPIN_LEDGER_KEY = None
    rec = _batch()
    key = audit.ledger_key()
    position = ROWS + 1
    text = audit_batch.payload_text({"size": 1})
    # Keyless, the intruder can even compute a matching digest: the count still names it.
    digest = audit_batch.leaf_digest(key if not keyed else None, rec.seq, position,
                                     "households.member", "H000001/9", "new", text)
    _sql("INSERT INTO core_auditbatchrow (record_seq, position, object_type, object_id, change,"
         " payload, digest) VALUES (%s, %s, %s, %s, %s, %s, %s)",
         [rec.seq, position, "households.member", "H000001/9", "new", text, digest])
    reason = _failure()
    assert f"row {position} of batch record #{rec.seq}" in reason
    if keyed:
        assert "(households.member H000001/9): digest does not match" in reason
    else:
        assert "was inserted" in reason


def test_rows_hung_on_a_plain_record_are_named():
    rec = _batch()
    plain = AuditRecord.objects.get(seq=rec.seq - 1)
    _sql("INSERT INTO core_auditbatchrow (record_seq, position, object_type, object_id, change,"
         " payload, digest) VALUES (%s, 1, 'households.member', 'H1/1', 'new', '{}', %s)",
         [plain.seq, "0" * 64])
    assert _failure() == (f"row 1 of record #{plain.seq} (households.member H1/1) was "
                          f"inserted: record #{plain.seq} is not a batch record")


def test_reordered_rows_are_named():
    rec = _batch()
    _sql("UPDATE core_auditbatchrow SET position = 0 WHERE record_seq = %s AND position = 5",
         [rec.seq])
    _sql("UPDATE core_auditbatchrow SET position = 5 WHERE record_seq = %s AND position = 6",
         [rec.seq])
    _sql("UPDATE core_auditbatchrow SET position = 6 WHERE record_seq = %s AND position = 0",
         [rec.seq])
    moved = AuditBatchRow.objects.get(record_id=rec.seq, position=5)
    assert _failure() == (f"row 5 of batch record #{rec.seq} ({moved.object_type} "
                          f"{moved.object_id}): digest does not match its content")


def test_altered_count_or_root_breaks_the_chain_at_the_record():
    rec = _batch()
    after = {**rec.after, "batch": {**rec.after["batch"], "rows": ROWS - 1}}
    _sql("UPDATE core_auditrecord SET after = %s WHERE id = %s", [json.dumps(after), rec.pk])
    reason = _failure()
    assert f"record #{rec.seq}" in reason
    assert "altered" in reason


def test_two_batches_verify_and_a_row_cannot_move_between_them():
    first = _batch(5)
    second = _batch(5)
    assert audit.verify().batch_rows == 10
    # Row 1 of the second batch, digest and all, appended to the first batch as its row 6.
    _sql("UPDATE core_auditbatchrow SET record_seq = %s, position = 6 "
         "WHERE record_seq = %s AND position = 1", [first.seq, second.seq])
    assert _failure().startswith(f"row 6 of batch record #{first.seq} (households.household "
                                 "H000000/0): digest does not match")
