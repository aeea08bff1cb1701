"""Checking a snapshot folder before the engine reads it: the import's column rules, set-based.

``fupin monitor --snapshot`` reads files the import never saw. An empty ``water_*``,
``in_school`` or ``medical_insurance`` cell would be NULL in the engine, and a comparison with
NULL is false: the guarantee rule would silently pass (the national pack: a missing value is
an import error, never a silent pass). So every column the engine reads is checked against its
rule in :data:`fupin_engine.snapshot.SCHEMA` — the same rules and issue codes as the import's
:func:`fupin_engine.snapshot.parse_value` (required, type, allowed values, ranges, amounts ≥ 0
and below the maximum, no future dates) — and a bad file is refused naming the file, the row
(1 = the first data row, 0 = the header, as the import counts) and the column.

The check is SQL in DuckDB over the files (a parallel scan; no Python per row): first a count,
and only when something is wrong a second pass numbering rows to name the first problems.
Checks spanning rows (duplicates, one head per household) remain the import's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlglot import exp

from fupin_engine import snapshot
from fupin_engine.executors import duckdb_config
from fupin_engine.source import ENGINE_COLUMNS, SQL_TYPES, SnapshotSource

#: How many problems a refusal names at most.
LIMIT = 20


@dataclass(frozen=True)
class SnapshotProblem:
    """One bad cell: file, row (1 = first data row; 0 = header), column and the issue code
    and parameters of :class:`fupin_engine.snapshot.Issue` (the import's messages)."""

    file: str
    row: int
    column: str
    value: str
    code: str
    params: dict[str, Any] = field(default_factory=dict, compare=False)

    def __str__(self) -> str:
        detail = ", ".join(f"{k} {v}" for k, v in self.params.items() if k != "label")
        shown = f" {self.value!r}" if self.value else ""
        return (f"{self.file}, row {self.row}, column {self.column}:{shown} {self.code}"
                + (f" ({detail})" if detail else ""))


class SnapshotInvalid(ValueError):
    """A snapshot the engine refuses; ``problems`` name file, row and column; ``total``
    counts the bad rows (and missing columns)."""

    def __init__(self, problems: list[SnapshotProblem], total: int) -> None:
        self.problems = problems
        self.total = total
        super().__init__(f"the snapshot is refused: {total} row(s) or header(s) break the "
                         "snapshot v1 rules; first: "
                         + "; ".join(str(p) for p in problems))


def _lit(value: str) -> str:
    return exp.Literal.string(value).sql(dialect="duckdb")


def _violations(col: snapshot.Column, today: dt.date) -> list[tuple[str, str, dict[str, Any]]]:
    """(condition on the cell, issue code, params); the first that holds is reported.

    Cheap on purpose (this runs over every row before every run): an empty CSV cell is NULL
    to DuckDB, and typed values are compared after one ``TRY_CAST`` to the engine's type.
    """
    c = col.name
    out: list[tuple[str, str, dict[str, Any]]] = []
    if col.required:
        out.append((f"{c} IS NULL", "required", {"label": col.label}))
    kind = col.kind
    sql_type = SQL_TYPES[kind]
    typed = f"TRY_CAST({c} AS {sql_type})"
    if sql_type != "VARCHAR":
        expected = {"bool": "0/1", "int": "a whole number", "year": "a year",
                    "date": "YYYY-MM-DD", "amount": "an amount in yuan"}[kind]
        out.append((f"{c} IS NOT NULL AND {typed} IS NULL",
                    "date" if kind == "date" else "type", {"expected": expected}))
    if kind == "bool":
        out.append((f"{typed} NOT IN (0, 1)", "type", {"expected": "0/1"}))
    elif kind == "enum":
        out.append((f"CAST({c} AS VARCHAR) NOT IN "
                    f"({', '.join(_lit(code) for code in col.choice_codes())})",
                    "enum", {"allowed": " | ".join(col.choice_codes())}))
    elif kind == "year":
        out.append((f"({typed} < 1900 OR {typed} > 2200)", "type", {"expected": "a year"}))
        out.append((f"{typed} > {today.year}", "future_year", {"year": today.year}))
    elif kind == "date":
        out.append((f"{typed} > DATE {_lit(today.isoformat())}", "future_date", {}))
    elif kind == "amount":
        out.append((f"{typed} < 0", "negative", {}))
        out.append((f"{typed} >= {snapshot.MAX_AMOUNT:f}", "too_large",
                    {"max": f"{snapshot.MAX_AMOUNT:,.0f}"}))
    elif kind == "code12":
        out.append((f"NOT regexp_full_match(CAST({c} AS VARCHAR), '[0-9]{{12}}')", "type",
                    {"expected": "12 digits"}))
    elif kind == "text" and col.pattern:
        pattern = col.pattern.removeprefix("^").removesuffix("$")
        out.append((f"NOT regexp_full_match(CAST({c} AS VARCHAR), {_lit(pattern)})",
                    "pattern", {"pattern": col.pattern}))
    if kind == "int" and (col.minimum is not None or col.maximum is not None):
        low = f"{typed} < {col.minimum}" if col.minimum is not None else "FALSE"
        high = f"{typed} > {col.maximum}" if col.maximum is not None else "FALSE"
        out.append((f"({low} OR {high})", "range", {"min": col.minimum, "max": col.maximum}))
    return out


def _rules(table: str, today: dt.date
           ) -> list[tuple[str, str, str, dict[str, Any]]]:
    """(column, condition, code, params) for every column the engine reads."""
    rules = []
    for name in ENGINE_COLUMNS[table]:
        col = snapshot.COLUMNS[table][name]
        rules += [(name, cond, code, params) for cond, code, params in
                  _violations(col, today)
                  # A member's or economy row's household id is a join key: a row whose id
                  # matches no household is never read, so only the households' ids are
                  # matched against the pattern (the costliest check).
                  if not (code == "pattern" and table != "households")]
    if table == "households":  # the row rule the engine depends on (parse_row)
        rules.append(("exit_year", "CAST(status AS VARCHAR) = 'exited' AND exit_year IS NULL",
                      "required_when_exited", {}))
    return rules


def _reader(source: SnapshotSource, table: str) -> str:
    path = _lit(source.path(table))
    if source.fmt == "parquet":
        return f"read_parquet({path})"
    return f"read_csv({path}, header = true, all_varchar = true)"


def check_snapshot(source: SnapshotSource, *, today: dt.date | None = None,
                   limit: int = LIMIT) -> None:
    """Raise :class:`SnapshotInvalid` naming file, row and column of the first ``limit``
    problems, when a column the engine reads breaks its snapshot v1 rule."""
    today = today or dt.datetime.now(dt.UTC).date()
    problems: list[SnapshotProblem] = []
    total = 0
    # Every piece of SQL below comes from the schema and sqlglot-quoted literals (the path
    # too), never from file contents.
    # fupin's memory limit and spill folder (ADR 0054); rows numbered in file order.
    conn = duckdb_config.connect(keep_order=True)
    con = conn.con
    con.execute("SET enable_progress_bar = false")
    try:
        for table in snapshot.TABLES:
            file = source.path(table).rsplit("/", 1)[-1]
            reader = _reader(source, table)
            describe = f"DESCRIBE SELECT * FROM {reader}"  # noqa: S608
            headers = {r[0] for r in con.execute(describe).fetchall()}
            missing = [c for c in ENGINE_COLUMNS[table] if c not in headers]
            for name in missing:
                col = snapshot.COLUMNS[table][name]
                problems.append(SnapshotProblem(file, 0, name, "", "missing_column",
                                                {"table": table, "label": col.label,
                                                 "column": name}))
            total += len(missing)
            if missing:
                continue
            rules = _rules(table, today)
            any_bad = " OR ".join(f"({cond})" for _, cond, _, _ in rules)
            count = f"SELECT COUNT(*) FROM {reader} WHERE {any_bad}"  # noqa: S608
            bad = con.execute(count).fetchone()[0]
            if not bad:
                continue
            codes = ", ".join(f"CASE WHEN {cond} THEN {i} END" for i, (_, cond, _, _)
                              in enumerate(rules))
            values = ", ".join(f"CAST({c} AS VARCHAR)" for c in ENGINE_COLUMNS[table])
            rows = con.execute(
                f"SELECT _row, [{codes}], [{values}] FROM (SELECT row_number() OVER () AS _row,"  # noqa: S608
                f" * FROM {reader}) WHERE {any_bad} ORDER BY _row LIMIT {int(limit)}"
            ).fetchall()
            index = {c: i for i, c in enumerate(ENGINE_COLUMNS[table])}
            for row, hits, cells in rows:
                seen: set[str] = set()
                for hit in hits:
                    if hit is None:
                        continue
                    column, _, code, params = rules[hit]
                    if column in seen:
                        continue
                    seen.add(column)
                    problems.append(SnapshotProblem(file, int(row), column,
                                                    (cells[index[column]] or "")[:40], code,
                                                    params))
            total += bad
    finally:
        conn.close()
    if problems:
        raise SnapshotInvalid(problems[:limit], total)
