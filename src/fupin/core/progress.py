"""Progress of long jobs, kept in the cache so the web server sees what the worker does even
while the worker's own transaction has not committed yet.

A phase is ``"<step>"`` or ``"<step>:<table>"`` (``validate:households``, ``store``); screens
show it in words with :func:`describe` (steps here, tables named by the caller's dataset).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from django.core.cache import cache
from django.utils.translation import gettext_lazy

TTL = 24 * 3600

#: The steps jobs report, in words (the exchange's and the monitoring run's).
STEPS = {
    "validate": gettext_lazy("Checking rows"),
    "write": gettext_lazy("Writing"),
    "export": gettext_lazy("Exporting"),
    "prepare": gettext_lazy("Preparing the policy"),
    "read": gettext_lazy("Reading the registry"),
    "assess": gettext_lazy("Assessing households"),
    "store": gettext_lazy("Storing the results"),
    "follow_up": gettext_lazy("Opening cases for the new monitoring objects"),
}


def key(kind: str, ident: Any) -> str:
    return f"fupin:progress:{kind}:{ident}"


class Reporter:
    """A callback ``(phase, done)`` writing at most twice a second within a phase; a new
    phase is always written (a short phase is not lost behind the throttle)."""

    def __init__(self, cache_key: str, totals: dict[str, int] | None = None) -> None:
        self.key = cache_key
        self.totals = totals or {}
        self._last = 0.0
        self._phase: str | None = None

    def __call__(self, phase: str, done: int = 0) -> None:
        now = time.monotonic()
        if phase == self._phase and now - self._last < 0.5:
            return
        self._last = now
        self._phase = phase
        table = phase.split(":", 1)[-1]
        cache.set(self.key, {"phase": phase, "done": done,
                             "total": self.totals.get(table)}, TTL)


def get(cache_key: str) -> dict | None:
    return cache.get(cache_key)


def clear(cache_key: str) -> None:
    cache.delete(cache_key)


def describe(state: Mapping[str, Any] | None,
             tables: Mapping[str, str] | None = None) -> str:
    """``state`` (from :func:`get`) in words: "校验数据行 · 家庭成员 · 5000 / 12000"."""
    if not state:
        return ""
    step, _sep, table = str(state.get("phase", "")).partition(":")
    parts = [str(STEPS.get(step, step))]
    if table:
        parts.append(str((tables or {}).get(table, table)))
    done, total = state.get("done"), state.get("total")
    if done:
        parts.append(f"{done:,} / {total:,}" if total else f"{done:,}")
    return " · ".join(parts)
