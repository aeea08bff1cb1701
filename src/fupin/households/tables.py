"""The registry dataset's tables, described by the engine's snapshot schema (snapshot v1):
the one place the registry's table and file names come from."""

from __future__ import annotations

from fupin.core.exchange import Table
from fupin_engine import snapshot

TABLES: tuple[Table, ...] = tuple(
    Table(name, snapshot.TABLE_NAMES[name], snapshot.SCHEMA[name]) for name in snapshot.TABLES)
