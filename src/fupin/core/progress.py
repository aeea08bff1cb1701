"""Progress of long jobs, kept in the cache so the web server sees what the worker does even
while the worker's own transaction has not committed yet."""

from __future__ import annotations

import time
from typing import Any

from django.core.cache import cache

TTL = 24 * 3600


def key(kind: str, ident: Any) -> str:
    return f"fupin:progress:{kind}:{ident}"


class Reporter:
    """A throttled callback ``(phase, done)`` writing at most twice a second."""

    def __init__(self, cache_key: str, totals: dict[str, int] | None = None) -> None:
        self.key = cache_key
        self.totals = totals or {}
        self._last = 0.0

    def __call__(self, phase: str, done: int) -> None:
        now = time.monotonic()
        if now - self._last < 0.5:
            return
        self._last = now
        table = phase.split(":", 1)[-1]
        cache.set(self.key, {"phase": phase, "done": done,
                             "total": self.totals.get(table)}, TTL)


def get(cache_key: str) -> dict | None:
    return cache.get(cache_key)


def clear(cache_key: str) -> None:
    cache.delete(cache_key)
