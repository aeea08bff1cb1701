"""The registry dataset's tables, described by the engine's snapshot schema (snapshot v1):
the one place the registry's table and file names come from."""

from __future__ import annotations

import dataclasses

from fupin.core.exchange import Table
from fupin_engine import snapshot

TABLES: tuple[Table, ...] = tuple(
    Table(name, snapshot.TABLE_NAMES[name], snapshot.SCHEMA[name]) for name in snapshot.TABLES)


def _masked_members() -> Table:
    """Members as a masked export writes them: the masked identity number and the birth
    *year* (ADR 0018: a birth date and the mask would narrow a number to a few hundred)."""
    members = next(t for t in TABLES if t.name == "members")
    columns = tuple(
        dataclasses.replace(c, name="birth_year", label="出生年份", kind="year")
        if c.name == "birth_date" else c
        for c in members.columns)
    return dataclasses.replace(members, columns=columns)


#: The tables of a masked export (not re-importable: it carries no full number or date).
MASKED_TABLES: tuple[Table, ...] = tuple(
    _masked_members() if t.name == "members" else t for t in TABLES)
