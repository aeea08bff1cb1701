"""Cached reads with explicit invalidation: a value is cached under the *data generation* it
was computed from, so a write makes every older entry unreachable at once (ADR 0055).

The generation has two parts, read on every cached lookup:

- the audit ledger's head (``AuditChainHead``: seq and hash): every audited write advances
  it in the writer's own transaction — set-based and bulk writes included (an import batch,
  ``cases sync``) — so a reader that sees the new head also sees the data it committed;
- a *data version* in the cache, replaced by a fresh random token on every ORM save or
  delete of a model (``post_save``/``post_delete``, sessions and lockouts excepted) — the net
  for writes that are not audited (fixtures, the admin shell). A token rather than a counter:
  two writers never leave the version where it was.

A restored database (its head back in the past) is a different hash, and a missing version
(evicted, or a new cache) is a new token: both read as "changed". Entries also expire after
:data:`TIMEOUT` seconds, which bounds any write the two parts could miss (raw SQL without an
audit record). Values that depend on the clock (overdue, "in the last 7 days") put
:func:`minute` into their key: they are at most a minute old.
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


def _changed(sender, **kwargs) -> None:
    if sender._meta.app_label not in QUIET_APPS:
        bump()


def connect() -> None:
    """Bump on every save and delete (called once, from ``CoreConfig.ready``)."""
    post_save.connect(_changed, dispatch_uid="fupin.freshness.save")
    post_delete.connect(_changed, dispatch_uid="fupin.freshness.delete")


def version() -> str:
    token = cache.get(VERSION_KEY)
    if token is None:
        token = uuid.uuid4().hex
        if not cache.add(VERSION_KEY, token, None):
            token = cache.get(VERSION_KEY) or token
    return token


def generation() -> str:
    """The data generation: the ledger head and the data version."""
    from fupin.core.models import AuditChainHead

    head = AuditChainHead.objects.filter(pk=1).values_list("seq", "hash").first()
    return f"{head[0]}:{head[1]}:{version()}" if head else f"empty:{version()}"


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
