"""Where a run's input is: a snapshot v1 folder of CSV or Parquet files (English headers)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fupin_engine import snapshot

#: SQL types of the snapshot columns as the engine reads them (DuckDB dialect).
SQL_TYPES = {"text": "VARCHAR", "code12": "VARCHAR", "id_number": "VARCHAR",
             "enum": "VARCHAR", "bool": "INTEGER", "int": "INTEGER", "year": "INTEGER",
             "date": "DATE", "amount": "DECIMAL(14, 2)"}
#: Columns the engine needs (identity numbers and names never enter it).
ENGINE_COLUMNS = {
    "households": [c.name for c in snapshot.SCHEMA["households"]],
    "members": ["household_id", "birth_date", "sex", "relation", "health",
                "disability_grade", "labor", "in_school", "home_schooled",
                "medical_insurance", "employment"],
    "economy": [c.name for c in snapshot.SCHEMA["economy"]],
}


def column_types(table: str) -> dict[str, str]:
    kinds = {c.name: c.kind for c in snapshot.SCHEMA[table]}
    return {name: SQL_TYPES[kinds[name]] for name in ENGINE_COLUMNS[table]}


@dataclass(frozen=True)
class SnapshotSource:
    """A snapshot folder; ``fmt`` is ``csv`` or ``parquet``. Paths may be any URI the
    executor reads (Spark: ``hdfs://``, ``s3a://`` …)."""

    root: str
    fmt: str

    @classmethod
    def at(cls, path: str | Path) -> SnapshotSource:
        text = str(path)
        local = Path(text)
        if "://" not in text:
            if not local.is_dir():
                raise FileNotFoundError(f"{local}: not a snapshot folder")
            if all((local / f"{t}.parquet").exists() for t in snapshot.TABLES):
                return cls(str(local.resolve()), "parquet")
            if all((local / f"{t}.csv").exists() for t in snapshot.TABLES):
                return cls(str(local.resolve()), "csv")
            raise FileNotFoundError(f"{local}: needs households, members and economy as .csv "
                                    "or .parquet files")
        fmt = "parquet" if text.rstrip("/").endswith("parquet") else "csv"
        return cls(text.rstrip("/"), fmt)

    def path(self, table: str) -> str:
        return f"{self.root}/{table}.{self.fmt}"


@dataclass(frozen=True)
class ArrowSource:
    """Input already in memory as Arrow tables (e.g. read from the registry)."""

    tables: dict

    fmt = "arrow"
