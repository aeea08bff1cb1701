"""DuckDB executor: the default, in process; reads the snapshot files directly."""

from __future__ import annotations

import duckdb
import pyarrow as pa

from fupin_engine.source import ENGINE_COLUMNS, ArrowSource, SnapshotSource, column_types
from fupin_engine.sql.compile import OUTPUT_COLUMNS, Plan


class DuckDBExecutor:
    name = "duckdb"
    dialect = "duckdb"

    def __init__(self, source: SnapshotSource | ArrowSource, *, threads: int | None = None,
                 memory_limit: str | None = None) -> None:
        self.source = source
        self.con = duckdb.connect()
        if threads:
            self.con.execute(f"SET threads = {int(threads)}")
        if memory_limit:
            self.con.execute("SET memory_limit = ?", [memory_limit])
        for table in ENGINE_COLUMNS:
            if isinstance(source, ArrowSource):
                self.con.register(f"{table}_arrow", source.tables[table])
                types = column_types(table)
                cols = ", ".join(f"CAST({c} AS {t}) AS {c}" for c, t in types.items())
                self.con.execute(f"CREATE VIEW {table} AS SELECT {cols} FROM {table}_arrow")
            else:
                self.con.execute(f"CREATE VIEW {table} AS {self._reader(table)}")

    def _reader(self, table: str) -> str:
        types = column_types(table)
        path = self.source.path(table).replace("'", "''")
        if self.source.fmt == "parquet":
            cols = ", ".join(f"CAST({c} AS {t}) AS {c}" for c, t in types.items())
            return f"SELECT {cols} FROM read_parquet('{path}')"
        spec = ", ".join(f"'{c}': '{t}'" for c, t in types.items())
        cols = ", ".join(types)
        return (f"SELECT {cols} FROM read_csv('{path}', header = true, "
                f"types = {{{spec}}}, all_varchar = false)")

    def execute(self, plan: Plan) -> pa.Table:
        return self.con.sql(plan.sql("duckdb")).to_arrow_table()

    def provinces(self) -> list[str]:
        from fupin_engine.executors import PROVINCES_SQL

        return [r[0] for r in self.con.execute(PROVINCES_SQL).fetchall()]

    def close(self) -> None:
        self.con.close()

    def write(self, plan: Plan, path: str) -> dict[str, dict[str, int]]:
        """Run the plan straight into ``path`` (.parquet or .csv) inside DuckDB, without
        bringing the rows into Python; return households per category per county."""
        cols = ", ".join(OUTPUT_COLUMNS)
        target = path.replace("'", "''")
        fmt = "PARQUET" if path.endswith(".parquet") else "CSV, HEADER true"
        self.con.execute(f"COPY (SELECT {cols} FROM ({plan.sql('duckdb')}) AS q) "
                         f"TO '{target}' (FORMAT {fmt})")
        reader = (f"read_parquet('{target}')" if path.endswith(".parquet")
                  else f"read_csv('{target}', header = true, all_varchar = true)")
        rows = self.con.execute(
            f"SELECT substr(village_code, 1, 6), category, count(*) FROM {reader} "
            "GROUP BY ALL ORDER BY ALL").fetchall()
        counts: dict[str, dict[str, int]] = {}
        for county, category, n in rows:
            counts.setdefault(county or "", {})[category] = n
        return counts
