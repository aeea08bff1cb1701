"""Storing a run's result in bulk (ADR 0053): counts computed in Arrow, the stored rows
staged with ``COPY`` (PostgreSQL) or ``executemany`` (SQLite) and moved into
``monitoring_assessment`` by one ``INSERT … SELECT`` that finds each household's key by its
``household_id`` — no per-household query and no dictionary of the whole registry in Python.

Python touches only the rows that are stored (monitoring objects, fired rules, data checks),
for their evidence (each fired rule's values and its province's thresholds). The caller holds
the transaction: a run killed half-way stores nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from django.db import connection

from fupin.monitoring.models import Assessment

#: Rows converted to Python and written per round.
CHUNK = 20_000
STAGE = "fupin_run_stage"
#: The staged columns, in order (``household_id`` is the registry's own key).
COLUMNS = ("household_id", "village_code", "category", "rules", "risk_types", "data_checks",
           "per_capita_income", "prev_per_capita_income", "evidence")


def counts_by_township(table: pa.Table) -> dict[str, dict[str, int]]:
    """Households per township (9-digit prefix) and category."""
    if table.num_rows == 0:
        return {}
    town = pc.utf8_slice_codeunits(table.column("village_code"), 0, 9)
    grouped = (pa.table({"t": town, "c": table.column("category")})
               .group_by(["t", "c"]).aggregate([([], "count_all")]))
    out: dict[str, dict[str, int]] = {}
    for t, c, n in zip(*(grouped.column(i).to_pylist() for i in range(3)), strict=True):
        out.setdefault(t, {})[c] = n
    return {k: dict(sorted(v.items())) for k, v in sorted(out.items())}


def _blank(column: pa.ChunkedArray) -> pa.ChunkedArray:
    return pc.or_kleene(pc.is_null(column), pc.equal(column, ""))


def stored_rows(table: pa.Table) -> pa.Table:
    """The rows a run stores: all but ``none`` without fired rules or data checks."""
    plain = pc.and_kleene(pc.equal(table.column("category"), "none"),
                          pc.and_kleene(_blank(table.column("rules")),
                                        _blank(table.column("data_checks"))))
    return table.filter(pc.invert(pc.fill_null(plain, False)))


def _rows(table: pa.Table, evidence: Callable[[dict[str, Any]], dict[str, Any]],
          num: Callable[[Any], Any]) -> Iterator[tuple]:
    for batch in table.to_batches(max_chunksize=CHUNK):
        for row in batch.to_pylist():
            yield (row["household_id"], row["village_code"], row["category"],
                   row["rules"] or "", row["risk_types"] or "", row["data_checks"] or "",
                   num(row["per_capita_income"]), num(row["prev_per_capita_income"]),
                   json.dumps(evidence(row)))


def _stage(rows: Iterator[tuple], progress: Callable[[int], None]) -> int:
    """Write ``rows`` into the session's staging table; returns how many."""
    n = 0
    with connection.cursor() as cur:
        cur.execute(f"DROP TABLE IF EXISTS {STAGE}")
        if connection.vendor == "postgresql":
            cur.execute(f"CREATE TEMPORARY TABLE {STAGE} (household_id varchar(32), "
                        "village_code varchar(12), category varchar(20), rules varchar(300), "
                        "risk_types varchar(60), data_checks varchar(200), "
                        "per_capita_income double precision, "
                        "prev_per_capita_income double precision, evidence jsonb) "
                        "ON COMMIT DROP")
            with cur.cursor.copy(f"COPY {STAGE} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    n += 1
                    if n % CHUNK == 0:
                        progress(n)
            return n
        cur.execute(f"CREATE TEMPORARY TABLE {STAGE} (household_id text, village_code text, "
                    "category text, rules text, risk_types text, data_checks text, "
                    "per_capita_income real, prev_per_capita_income real, evidence text)")
        marks = ", ".join(["%s"] * len(COLUMNS))
        chunk: list[tuple] = []
        for row in rows:
            chunk.append(row)
            if len(chunk) >= CHUNK:
                cur.executemany(f"INSERT INTO {STAGE} VALUES ({marks})", chunk)  # noqa: S608
                n += len(chunk)
                chunk = []
                progress(n)
        cur.executemany(f"INSERT INTO {STAGE} VALUES ({marks})", chunk)  # noqa: S608
        return n + len(chunk)


def store(run_id: int, table: pa.Table, *, evidence: Callable[[dict[str, Any]], dict[str, Any]],
          num: Callable[[Any], Any], progress: Callable[[int], None]) -> int:
    """Store the assessments of ``table`` (an engine result) for run ``run_id``; returns how
    many were stored. Inside the caller's transaction."""
    staged = _stage(_rows(stored_rows(table), evidence, num), progress)
    target = Assessment._meta.db_table
    with connection.cursor() as cur:
        cur.execute(
            f"INSERT INTO {target} (run_id, household_id, village_code, category, rules, "  # noqa: S608
            "risk_types, data_checks, per_capita_income, prev_per_capita_income, evidence) "
            "SELECT %s, h.id, s.village_code, s.category, s.rules, s.risk_types, "
            "s.data_checks, s.per_capita_income, s.prev_per_capita_income, s.evidence "
            f"FROM {STAGE} AS s JOIN households_household AS h "
            "ON h.household_id = s.household_id", [run_id])
        written = cur.rowcount
        cur.execute(f"DROP TABLE {STAGE}")
    if written != staged:
        raise RuntimeError(f"run {run_id}: {staged} assessments staged, {written} stored "
                           "(a household of the result is not in the registry)")
    return written
