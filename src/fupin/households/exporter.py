"""Exporting the registry as snapshot v1 (CSV or Parquet folder, or one XLSX workbook).

Rows stream from the database in key order (households by household_id, members in their
registration order, economy by year), so export → import → export gives identical files.
Identity numbers leave the database in clear only here, and every export is audited.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from fupin.core import audit, crypto
from fupin.core.access import Scope
from fupin.core.exchange_write import write_tables
from fupin.households.choices import ECONOMY_AMOUNTS
from fupin.households.models import EconomyYear, Household, Member
from fupin.households.tables import MASKED_TABLES, TABLES
from fupin_engine import idcard, snapshot

Progress = Callable[[str, int], None]
CHUNK = 2000


@dataclass
class ExportCounts:
    households: int = 0
    members: int = 0
    economy: int = 0


def _households(scope: Scope) -> Iterator[list[Any]]:
    cols = snapshot.SCHEMA["households"]
    qs = (Household.objects.filter(scope.q("village_id"))
          .order_by("household_id")
          .values_list("household_id", "village_id", *[c.name for c in cols[2:]]))
    yield from qs.iterator(chunk_size=CHUNK)


def _members(scope: Scope, mask: bool) -> Iterator[list[Any]]:
    names = [c.name for c in snapshot.SCHEMA["members"][2:]]
    birth = names.index("birth_date")
    qs = (Member.objects.filter(scope.q("household__village_id"))
          .order_by("household__household_id", "id")
          .values_list("household__household_id", "id_number_encrypted", "id_number_masked",
                       *names))
    for hid, token, masked, *rest in qs.iterator(chunk_size=CHUNK):
        if not mask:
            yield [hid, crypto.decrypt(token), *rest]
            continue
        # What a viewer without the reveal permission sees (ADR 0018), as on every screen.
        rest[birth] = idcard.visible_birth(rest[birth]) if rest[birth] else None
        yield [hid, idcard.masked_id(masked), *rest]


def _economy(scope: Scope) -> Iterator[list[Any]]:
    qs = (EconomyYear.objects.filter(scope.q("household__village_id"))
          .order_by("household__household_id", "year")
          .values_list("household__household_id", "year", *ECONOMY_AMOUNTS))
    yield from qs.iterator(chunk_size=CHUNK)


def write_snapshot(path: Path, fmt: str, tables: dict[str, Iterator[list[Any]]],
                   progress: Progress | None = None, *, masked: bool = False) -> dict[str, int]:
    """Write rows (clean values in schema order) of each registry table; return row counts."""
    return write_tables(path, fmt, MASKED_TABLES if masked else TABLES, tables, progress)


def export_snapshot(path: Path, fmt: str, *, actor: Any, scope: Scope, mask_ids: bool = False,
                    progress: Progress | None = None) -> ExportCounts:
    """Export the registry inside ``scope`` (``Scope.nation()`` for the whole country)."""
    if not isinstance(scope, Scope):
        raise TypeError("scope must be a fupin.core.access.Scope (Scope.nation() for all)")
    with transaction.atomic():  # one consistent view of the registry
        counts = write_snapshot(path, fmt, {
            "households": _households(scope),
            "members": _members(scope, mask_ids),
            "economy": _economy(scope),
        }, progress, masked=mask_ids)
        audit.record(actor=actor, action="households.export", object_type="households.snapshot",
                     object_id=scope.prefix or "all",
                     division_code=scope.prefix.ljust(12, "0"),
                     after={"format": fmt, "masked": mask_ids, **counts})
    return ExportCounts(counts["households"], counts["members"], counts["economy"])


def write_generated(path: Path, fmt: str, snap) -> dict[str, int]:
    """Write a generated snapshot (``fupin_engine.generate.Snapshot``) in any format."""
    def rows(table: str, items: list[dict]) -> Iterator[list[Any]]:
        for item in items:
            out = []
            for col in snapshot.SCHEMA[table]:
                v = item.get(col.name)
                if col.kind == "date" and isinstance(v, str):
                    v = dt.date.fromisoformat(v)
                if col.kind == "bool" and v is not None:
                    v = bool(v)
                out.append(v)
            yield out

    return write_snapshot(path, fmt, {t.name: rows(t.name, getattr(snap, t.name)) for t in TABLES})


def template_workbook(path: Path) -> None:
    """A blank XLSX template: the registry's sheets with headers and drop-down lists."""
    write_snapshot(path, "xlsx", {})
