"""Batch records of the audit ledger (ADR 0052): the rows of a bulk write and their hash tree.

A bulk write (an import) appends ONE chained record; its rows go to ``core_auditbatchrow``
with a keyed digest each, and the record's ``after`` carries the row count and the root of a
binary hash tree over the digests in position order. This module computes digests and roots,
writes the rows in bulk (COPY on PostgreSQL, ``executemany`` on SQLite; memory flat in the
number of rows) and checks a batch; :mod:`fupin.core.audit` chains the record.

Exact construction (``tree = "merkle-v1"``), with ``H(m)`` = HMAC-SHA256 under
FUPIN_LEDGER_KEY when the record is keyed (``scheme`` ``hmac-sha256``), plain SHA-256 when
it is keyless, hex digests, UTF-8 messages:

- payload text ``P`` = canonical JSON of the payload (sorted keys, no spaces, UTF-8 as is);
- leaf ``= H("fupin-batch-row\\n" + J + "\\n" + P)`` where ``J`` is the canonical JSON array
  ``[seq, position, object_type, object_id, change]``: a row is bound to its record and place,
  so a row moved to another place or another batch no longer matches its digest;
- node ``= H("fupin-batch-node\\n" + left + right)`` (prefixes keep leaves and nodes apart);
- levels pair neighbours left to right; an odd last node is **promoted** unchanged to the next
  level (never duplicated). This is the tree shape of RFC 6962 §2.1 (split at the largest
  power of two); the root of one row is its leaf.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection

from fupin.core.models import AuditBatchRow

TREE = "merkle-v1"
CHANGES = ("new", "changed", "removed")
#: Rows per executemany on SQLite (and per progress step): memory stays flat.
CHUNK = 5000
_COLUMNS = ("record_seq", "position", "object_type", "object_id", "change", "payload", "digest")


@dataclass(frozen=True)
class BatchRow:
    """One changed row of a bulk write (see :func:`fupin.core.audit.record_batch`)."""

    object_type: str      # e.g. "households.household", "households.member"
    object_id: str        # the row's stable key as the per-row records name it
    change: str           # "new" | "changed" | "removed"
    payload: dict[str, Any]  # JSON-able; personal data only in its stored form


def payload_text(payload: dict[str, Any]) -> str:
    """The canonical JSON the digest covers (and the database stores)."""
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      default=str, allow_nan=False)


def _h(key: bytes | None, message: str) -> str:
    data = message.encode("utf-8")
    if key is None:
        return hashlib.sha256(data).hexdigest()
    return hmac.new(key, data, hashlib.sha256).hexdigest()


def leaf_digest(key: bytes | None, seq: int, position: int, object_type: str, object_id: str,
                change: str, text: str) -> str:
    """The digest of one row (``text`` is :func:`payload_text` of its payload)."""
    head = json.dumps([seq, position, object_type, object_id, change], ensure_ascii=False,
                      separators=(",", ":"))
    return _h(key, f"fupin-batch-row\n{head}\n{text}")


def node_digest(key: bytes | None, left: str, right: str) -> str:
    return _h(key, f"fupin-batch-node\n{left}{right}")


class Tree:
    """The root over digests added in order, in O(log n) memory.

    Keeps one pending subtree per height (a binary counter); :meth:`root` folds what is left
    from the right, which gives the level-by-level tree with odd nodes promoted.
    """

    def __init__(self, key: bytes | None) -> None:
        self.key = key
        self.count = 0
        self._stack: list[tuple[int, str]] = []  # (height, digest), heights strictly falling

    def add(self, digest: str) -> None:
        self.count += 1
        height, node = 0, digest
        while self._stack and self._stack[-1][0] == height:
            _, left = self._stack.pop()
            node = node_digest(self.key, left, node)
            height += 1
        self._stack.append((height, node))

    def root(self) -> str:
        if not self._stack:
            raise ValueError("a batch has at least one row")
        node = self._stack[-1][1]
        for _, left in reversed(self._stack[:-1]):
            node = node_digest(self.key, left, node)
        return node


def merkle_root(key: bytes | None, digests: Iterable[str]) -> str:
    """The root of ``digests`` (for tests and tools; :class:`Tree` streams)."""
    tree = Tree(key)
    for d in digests:
        tree.add(d)
    return tree.root()


def _prepared(seq: int, rows: Iterable[BatchRow], key: bytes | None,
              tree: Tree) -> Iterator[tuple[Any, ...]]:
    for position, row in enumerate(rows, start=1):
        otype, oid = str(row.object_type), str(row.object_id)
        where = f"batch row {position:,} ({otype} {oid})"
        if row.change not in CHANGES:
            raise ValueError(f"{where}: change must be one of {', '.join(CHANGES)}, "
                             f"not {row.change!r}")
        if not otype or len(otype) > 64 or len(oid) > 100:
            raise ValueError(f"{where}: object type (1–64 characters) or object id "
                             "(up to 100) out of bounds")
        if not isinstance(row.payload, dict):
            raise ValueError(f"{where}: the payload must be a dict")
        text = payload_text(row.payload)
        digest = leaf_digest(key, seq, position, otype, oid, row.change, text)
        tree.add(digest)
        yield (seq, position, otype, oid, row.change, text, digest)


def write_rows(seq: int, rows: Iterable[BatchRow], key: bytes | None) -> tuple[int, str]:
    """Store the rows of batch record ``seq`` in bulk; return (count, root).

    Must run inside the caller's transaction (the record follows; the foreign key to it is
    checked at commit).
    """
    tree = Tree(key)
    table = connection.ops.quote_name(AuditBatchRow._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in _COLUMNS)
    prepared = _prepared(seq, rows, key, tree)
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            with cur.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for values in prepared:
                    copy.write_row(values)
        else:
            marks = ", ".join(["%s"] * len(_COLUMNS))
            sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 (our names)
            chunk: list[tuple[Any, ...]] = []
            for values in prepared:
                chunk.append(values)
                if len(chunk) >= CHUNK:
                    cur.executemany(sql, chunk)
                    chunk.clear()
            if chunk:
                cur.executemany(sql, chunk)
    return tree.count, tree.root()


def is_batch(after: Any) -> bool:
    """Whether a record's ``after`` is a batch record's payload (as :func:`record_batch`
    writes it: exactly ``summary`` and ``batch``, the latter naming its tree)."""
    return (isinstance(after, dict) and set(after) == {"summary", "batch"}
            and isinstance(after["batch"], dict) and "tree" in after["batch"])


def check_batch(seq: int, after: dict[str, Any], key: bytes | None,
                progress: Callable[[int], Any] | None = None) -> tuple[int, str]:
    """Recompute every row digest, the count and the root of batch record ``seq``.

    Streams the rows ordered by position; returns (rows checked, "" or the failure naming
    the row: position, object type and id).
    """
    meta = after["batch"]
    if meta.get("tree") != TREE:
        return 0, f"batch record #{seq} names an unknown tree {meta.get('tree')!r}"
    expected_count, expected_root = meta.get("rows"), meta.get("root")
    tree = Tree(key)
    expected = 1
    rows = (AuditBatchRow.objects.filter(record_id=seq).order_by("position")
            .values_list("position", "object_type", "object_id", "change", "payload", "digest")
            .iterator(chunk_size=CHUNK))
    for position, otype, oid, change, payload, digest in rows:
        if position != expected:
            return tree.count, (f"row {expected:,} of batch record #{seq} is missing (deleted): "
                                f"the next row is {position:,} ({otype} {oid})")
        text = payload_text(payload) if isinstance(payload, dict) else "\x00"
        if not hmac.compare_digest(leaf_digest(key, seq, position, otype, oid, change, text),
                                   digest):
            return tree.count, (f"row {position:,} of batch record #{seq} ({otype} {oid}): "
                                "digest does not match its content")
        tree.add(digest)
        expected += 1
        if progress is not None and tree.count % CHUNK == 0:
            progress(CHUNK)
    if progress is not None:
        progress(tree.count % CHUNK)
    if tree.count < expected_count:
        return tree.count, (f"row {tree.count + 1:,} of batch record #{seq} is missing "
                            f"(deleted): the record holds {expected_count:,} rows, the table "
                            f"{tree.count:,}")
    if tree.count > expected_count:
        return tree.count, (f"row {expected_count + 1:,} of batch record #{seq} was inserted: "
                            f"the record holds {expected_count:,} rows, the table "
                            f"{tree.count:,}")
    if tree.root() != expected_root:
        return tree.count, (f"the rows of batch record #{seq} do not make its root: rows were "
                            "replaced or reordered")
    return tree.count, ""


def stray_rows(batch_seqs: set[int], checked: int) -> str:
    """A failure when rows hang on a record that is not a batch record ("" when none)."""
    if AuditBatchRow.objects.count() == checked:
        return ""
    for seq in AuditBatchRow.objects.values_list("record_id", flat=True).distinct():
        if seq not in batch_seqs:
            row = (AuditBatchRow.objects.filter(record_id=seq).order_by("position")
                   .values_list("position", "object_type", "object_id").first())
            position, otype, oid = row
            return (f"row {position:,} of record #{seq} ({otype} {oid}) was inserted: "
                    f"record #{seq} is not a batch record")
    return "the batch rows do not match the batch records (rows were inserted)"
