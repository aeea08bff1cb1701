"""Cached reads with explicit invalidation: a value is cached under the *data generation* it
was computed from, so a write makes every older entry unreachable at once (ADR 0055).

The generation is a token in the cache, replaced by a fresh random one on every ORM save or
delete of a model (``post_save``/``post_delete``; sessions and lockouts excepted) — at once,
and again when the writer's transaction commits, so a reader that computed from the data
before the commit cannot leave its value under the token that follows it. Every audited write
saves the ledger head (``AuditChainHead``) through the ORM, so bulk and set-based writes (an
import batch, ``cases sync``) replace it too, with no signal of their own. A random token
rather than a counter: two writers never leave it where it was; an evicted token reads as a new
one. Entries also expire after :data:`TIMEOUT` seconds, which bounds a write that sends no
signal and writes no audit record (raw SQL). Values that depend on the clock (overdue, "in the
last 7 days") put :func:`minute` into their key: they are at most a minute old.
"""

from __future__ import annotations

import hashlib
import json
import time
import uuid
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save

VERSION_KEY = "fupin:data-version"
TIMEOUT = 600
#: Apps whose rows say nothing about the data shown (a login writes a session row).
QUIET_APPS = frozenset({"sessions", "axes", "admin", "contenttypes"})


def bump() -> str:
    """A new data version: every cached value computed before is unreachable."""
    token = uuid.uuid4().hex
    cache.set(VERSION_KEY, token, None)
    return token


def _changed(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    if sender._meta.app_label in QUIET_APPS:
        return
    bump()
    connection = connections[using]
    if connection.in_atomic_block and not any(
            entry[1] is bump for entry in connection.run_on_commit):
        transaction.on_commit(bump, using=using)


def connect() -> None:
    """Bump on every save and delete (called once, from ``CoreConfig.ready``)."""
    post_save.connect(_changed, dispatch_uid="fupin.freshness.save")
    post_delete.connect(_changed, dispatch_uid="fupin.freshness.delete")


def generation() -> str:
    """The data generation: the current version token (one cache read, no query)."""
    token = cache.get(VERSION_KEY)
    if token is None:
        token = uuid.uuid4().hex
        if not cache.add(VERSION_KEY, token, None):
            token = cache.get(VERSION_KEY) or token
    return token


def minute() -> int:
    return int(time.time() // 60)


def _key(namespace: str, parts: Any) -> str:
    digest = hashlib.sha256(json.dumps([generation(), parts], default=str).encode())
    return f"fupin:{namespace}:{digest.hexdigest()}"


def cached(namespace: str, parts: Any, compute: Callable[[], Any]) -> Any:
    """``compute()``, or its value cached under ``parts`` and the current generation."""
    key = _key(namespace, parts)
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, TIMEOUT)
    return found


def count(queryset: QuerySet) -> int:
    """``queryset.count()`` cached under the count's own SQL and parameters (which hold the
    user's region gate, the filters and any clock value) and the generation."""
    query = queryset.order_by().query
    try:
        sql, params = query.sql_with_params()
    except EmptyResultSet:
        return 0
    return cached("count", [queryset.db, sql, [str(p) for p in params]], queryset.count)


def gate(user: Any) -> list:
    """What the region gate of ``user`` depends on: the division and the permissions."""
    return [user.division_id, sorted(user.get_all_permissions())]
