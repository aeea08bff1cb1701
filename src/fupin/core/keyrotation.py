"""Re-encrypting every stored personal value under the first key of FUPIN_DATA_KEY (ADR 0056).

Models declare their Fernet-token columns in ``encrypted_fields``; :func:`rotate` walks each such
table in primary-key order, a chunk at a time (memory flat in the table's size), and commits each
chunk in its own transaction:

- a kill loses at most the chunk in flight, which rolls back; every stored value is then under
  the old or the new key, both of which the configured MultiFernet decrypts, so the application
  keeps working and a re-run continues (values already under the first key are counted as
  ``current`` and left alone);
- each value is written with a compare-and-set (``WHERE pk = … AND column = <the token read>``),
  so a value the application changed meanwhile (already under the first key) is not overwritten;
- no chunk holds the writer lock of the whole table for the whole rotation (SQLite has one
  writer), so the service can stay up.

One audit record at the end names the first key by fingerprint and gives the counts per table.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, models, transaction

from fupin.core import audit, crypto

CHUNK = 2000


class UnreadableValue(Exception):
    """A stored value no key of FUPIN_DATA_KEY decrypts (named by table, row and column)."""
ACTION = "core.datakey_rotated"


@dataclass
class TableCount:
    """What the rotation found in one table (values, not rows: a row may hold several)."""

    rotated: int = 0
    current: int = 0
    empty: int = 0


@dataclass
class Outcome:
    tables: dict[str, TableCount] = field(default_factory=dict)
    finished: bool = True

    @property
    def rotated(self) -> int:
        return sum(t.rotated for t in self.tables.values())

    @property
    def current(self) -> int:
        return sum(t.current for t in self.tables.values())


def encrypted_models() -> list[tuple[type[models.Model], tuple[str, ...]]]:
    """Every installed model with Fernet-token columns, and those columns."""
    return [(m, tuple(m.encrypted_fields)) for m in apps.get_models()
            if getattr(m, "encrypted_fields", ())]


def fingerprint(key: str) -> str:
    """A name for a key that reveals nothing of it (first 16 hex of its SHA-256)."""
    return hashlib.sha256(key.strip().encode("ascii")).hexdigest()[:16]


def _chunks(model: type[models.Model], columns: tuple[str, ...],
            size: int) -> Iterator[list[tuple]]:
    last = None
    while True:
        qs = model._base_manager.order_by("pk")
        if last is not None:
            qs = qs.filter(pk__gt=last)
        rows = list(qs.values_list("pk", *columns)[:size])
        if not rows:
            return
        yield rows
        last = rows[-1][0]


def _rotate_chunk(model: type[models.Model], columns: tuple[str, ...], rows: list[tuple],
                  count: TableCount) -> None:
    table = connection.ops.quote_name(model._meta.db_table)
    pk = connection.ops.quote_name(model._meta.pk.column)
    updates: dict[str, list[tuple[str, object, str]]] = {c: [] for c in columns}
    for row in rows:
        for name, token in zip(columns, row[1:], strict=True):
            if not token:
                count.empty += 1
            elif crypto.is_current(token):
                count.current += 1
            else:
                try:
                    updates[name].append((crypto.rotate(token), row[0], token))
                except ImproperlyConfigured as exc:
                    raise UnreadableValue(
                        f"{model._meta.label_lower} #{row[0]} {name}: no key of FUPIN_DATA_KEY "
                        "decrypts it (was a key dropped from the list too early?)") from exc
    with transaction.atomic(), connection.cursor() as cursor:
        for name, params in updates.items():
            if not params:
                continue
            column = connection.ops.quote_name(model._meta.get_field(name).column)
            # Names from the models' metadata (quoted); every value is a parameter.
            sql = f"UPDATE {table} SET {column} = %s WHERE {pk} = %s AND {column} = %s"  # noqa: S608
            cursor.executemany(sql, params)
            count.rotated += len(params)


def rotate(*, chunk: int = CHUNK, max_chunks: int | None = None,
           progress: Callable[[str, int], None] | None = None) -> Outcome:
    """Re-encrypt every value not yet under the first key; audited once when finished.

    ``max_chunks`` stops after that many chunks (a rotation spread over several quiet hours):
    the outcome is then ``finished=False`` and nothing is audited until a run completes.
    """
    crypto.check_configured()
    outcome = Outcome()
    done = 0
    for model, columns in encrypted_models():
        count = outcome.tables.setdefault(model._meta.label_lower, TableCount())
        for rows in _chunks(model, columns, chunk):
            if max_chunks is not None and done >= max_chunks:
                outcome.finished = False
                return outcome
            _rotate_chunk(model, columns, rows, count)
            done += 1
            if progress:
                progress(model._meta.label_lower, len(rows))
    primary = settings.FUPIN_DATA_KEY.split(",")[0]
    with transaction.atomic():
        audit.record(actor="system:datakey", action=ACTION, object_type="core.datakey",
                     object_id=fingerprint(primary), after={
                         "keys": len([k for k in settings.FUPIN_DATA_KEY.split(",")
                                      if k.strip()]),
                         "tables": {label: {"rotated": c.rotated, "current": c.current}
                                    for label, c in outcome.tables.items()}})
    return outcome


@dataclass
class CheckResult:
    tables: dict[str, TableCount]
    unreadable: list[str]
    lookup_mismatches: int

    @property
    def ok(self) -> bool:
        return not self.unreadable and not self.lookup_mismatches


def check(*, chunk: int = CHUNK) -> CheckResult:
    """Read every stored value: how many are under the first key (``current``) and how many
    only under an older one (``rotated`` counts those still to rotate), which cannot be read at
    all (table and row, never the value), and whether every member's lookup hash matches its
    decrypted number (it does not when the lookup key changed without being pinned)."""
    crypto.check_configured()
    tables: dict[str, TableCount] = {}
    unreadable: list[str] = []
    mismatches = 0
    for model, columns in encrypted_models():
        label = model._meta.label_lower
        count = tables.setdefault(label, TableCount())
        hashed = "id_number_hash" in {f.name for f in model._meta.concrete_fields}
        fields = (*columns, "id_number_hash") if hashed else columns
        for rows in _chunks(model, fields, chunk):
            for row in rows:
                for name, token in zip(columns, row[1:len(columns) + 1], strict=True):
                    if not token:
                        count.empty += 1
                        continue
                    if crypto.is_current(token):
                        count.current += 1
                    else:
                        count.rotated += 1
                    try:
                        value = crypto.decrypt(token)
                    except ImproperlyConfigured:
                        unreadable.append(f"{label} #{row[0]} {name}")
                        continue
                    if hashed and crypto.lookup_hash(value) != row[-1]:
                        mismatches += 1
    return CheckResult(tables, unreadable, mismatches)
