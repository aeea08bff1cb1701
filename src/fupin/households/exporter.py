"""Exporting the registry as snapshot v1 (CSV or Parquet folder, or one XLSX workbook).

Rows stream from the database in key order (households by household_id, members in their
registration order, economy by year), so export → import → export gives identical files.
Identity numbers leave the database in clear only here, and every export is audited.

An export is written under a hidden name next to its target (``.NAME.partial-PID``) and moved
into place only once complete and audited (ADR 0053): killed half-way, no half export is ever
seen under the target's name, and the next export next to it removes what a dead process left.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from fupin.core import audit, crypto, faults
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
    faults.pause_point("export:members")  # households written, members to come
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


PARTIAL = ".partial-"


def _staging(path: Path) -> Path:
    """The hidden name an export to ``path`` is written under (an XLSX keeps its suffix)."""
    suffix = path.suffix if path.suffix.lower() == ".xlsx" else ""
    return path.with_name(f".{path.name}{PARTIAL}{os.getpid()}{suffix}")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def remove_abandoned(path: Path) -> list[Path]:
    """Remove what exports to ``path`` by processes no longer alive left behind (killed
    half-way); returns what was removed."""
    removed = []
    if not path.parent.is_dir():
        return removed
    for found in path.parent.glob(f".{path.name}{PARTIAL}*"):
        pid = found.name.removeprefix(f".{path.name}{PARTIAL}").removesuffix(".xlsx")
        if pid.isdigit() and not _alive(int(pid)):
            _remove(found)
            removed.append(found)
    return removed


def _publish(staging: Path, path: Path) -> None:
    """Move a finished export into place: one rename (files of an existing folder are
    replaced one by one)."""
    if staging.is_dir() and path.is_dir():
        for f in sorted(staging.iterdir()):
            os.replace(f, path / f.name)
        staging.rmdir()
    else:
        os.replace(staging, path)


def export_snapshot(path: Path, fmt: str, *, actor: Any, scope: Scope, mask_ids: bool = False,
                    progress: Progress | None = None) -> ExportCounts:
    """Export the registry inside ``scope`` (``Scope.nation()`` for the whole country)."""
    if not isinstance(scope, Scope):
        raise TypeError("scope must be a fupin.core.access.Scope (Scope.nation() for all)")
    path = Path(path)
    remove_abandoned(path)
    staging = _staging(path)
    try:
        with transaction.atomic():  # one consistent view of the registry
            counts = write_snapshot(staging, fmt, {
                "households": _households(scope),
                "members": _members(scope, mask_ids),
                "economy": _economy(scope),
            }, progress, masked=mask_ids)
            audit.record(actor=actor, action="households.export",
                         object_type="households.snapshot", object_id=scope.prefix or "all",
                         division_code=scope.prefix.ljust(12, "0"),
                         after={"format": fmt, "masked": mask_ids, **counts})
        # Audited first: a process killed between the two leaves a record and no files,
        # never files that no record speaks of.
        _publish(staging, path)
    finally:
        if staging.exists():
            _remove(staging)
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
