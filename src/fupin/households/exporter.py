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

from fupin.core import audit, crypto, scope
from fupin.core.errors import ValidationFailed
from fupin.core.exchange import (
    FORMATS,
    CsvTableWriter,
    ParquetTableWriter,
    TableWriter,
    XlsxWorkbookWriter,
)
from fupin.households.choices import ECONOMY_AMOUNTS
from fupin.households.models import EconomyYear, Household, Member
from fupin_engine import snapshot

Progress = Callable[[str, int], None]
CHUNK = 2000


@dataclass
class ExportCounts:
    households: int = 0
    members: int = 0
    economy: int = 0


def _households(prefix: str) -> Iterator[list[Any]]:
    cols = snapshot.SCHEMA["households"]
    qs = (Household.objects.filter(scope.prefix_q("village_id", prefix))
          .order_by("household_id")
          .values_list("household_id", "village_id", *[c.name for c in cols[2:]]))
    yield from qs.iterator(chunk_size=CHUNK)


def _members(prefix: str, mask: bool) -> Iterator[list[Any]]:
    names = [c.name for c in snapshot.SCHEMA["members"][2:]]
    qs = (Member.objects.filter(scope.prefix_q("household__village_id", prefix))
          .order_by("household__household_id", "id")
          .values_list("household__household_id", "id_number_encrypted", "id_number_masked",
                       *names))
    for hid, token, masked, *rest in qs.iterator(chunk_size=CHUNK):
        yield [hid, masked if mask else crypto.decrypt(token), *rest]


def _economy(prefix: str) -> Iterator[list[Any]]:
    qs = (EconomyYear.objects.filter(scope.prefix_q("household__village_id", prefix))
          .order_by("household__household_id", "year")
          .values_list("household__household_id", "year", *ECONOMY_AMOUNTS))
    yield from qs.iterator(chunk_size=CHUNK)


def write_snapshot(path: Path, fmt: str, tables: dict[str, Iterator[list[Any]]],
                   progress: Progress | None = None) -> dict[str, int]:
    """Write rows (clean values in schema order) of each table; return row counts."""
    if fmt not in FORMATS:
        raise ValidationFailed(f"format must be one of {', '.join(FORMATS)}")
    path = Path(path)
    workbook = None
    if fmt == "xlsx":
        if path.suffix.lower() != ".xlsx":
            raise ValidationFailed(f"{path}: an XLSX export is one file ending in .xlsx")
        path.parent.mkdir(parents=True, exist_ok=True)
        workbook = XlsxWorkbookWriter(path)
    else:
        path.mkdir(parents=True, exist_ok=True)
    counts = {}
    for table, rows in tables.items():
        columns = snapshot.SCHEMA[table]
        writer: TableWriter
        if workbook is not None:
            writer = workbook.sheet(table, columns)
        elif fmt == "csv":
            writer = CsvTableWriter(path / f"{table}.csv", columns)
        else:
            writer = ParquetTableWriter(path / f"{table}.parquet", columns)
        n = 0
        for row in rows:
            writer.write([_cell(fmt, c, v) for c, v in zip(columns, row, strict=True)])
            n += 1
            if progress and n % 10000 == 0:
                progress(f"export:{table}", n)
        writer.close()
        counts[table] = n
    if workbook is not None:
        workbook.close()
    return counts


def _cell(fmt: str, col: snapshot.Column, value: Any) -> Any:
    """A clean value as the format stores it ("" for empty)."""
    if value is None or value == "":
        return ""
    if fmt == "csv":
        return snapshot.format_value(col, value)
    if col.kind == "bool":
        return ("是" if value else "否") if fmt == "xlsx" else int(bool(value))
    if col.kind == "enum" and fmt == "xlsx":
        return snapshot.format_value(col, value, labels=True)
    if col.kind == "amount":
        return float(value) if fmt == "xlsx" else value
    return value


def export_snapshot(path: Path, fmt: str, *, actor: Any, prefix: str = "",
                    mask_ids: bool = False, progress: Progress | None = None) -> ExportCounts:
    """Export the registry under ``prefix`` (a division's code prefix; "" = everything)."""
    with transaction.atomic():  # one consistent view of the registry
        counts = write_snapshot(path, fmt, {
            "households": _households(prefix),
            "members": _members(prefix, mask_ids),
            "economy": _economy(prefix),
        }, progress)
        audit.record(actor=actor, action="households.export", object_type="households.snapshot",
                     object_id=prefix or "all", division_code=prefix,
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

    return write_snapshot(path, fmt, {t: rows(t, getattr(snap, t)) for t in snapshot.TABLES})


def template_workbook(path: Path) -> None:
    """A blank XLSX template: the three sheets with headers and drop-down lists."""
    write_snapshot(path, "xlsx", {t: iter(()) for t in snapshot.TABLES})

