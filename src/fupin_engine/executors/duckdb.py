"""DuckDB executor: the default, in process; reads the snapshot files directly, within the
memory limit and spill folder of :mod:`fupin_engine.executors.duckdb_config` (ADR 0054)."""

from __future__ import annotations

import pyarrow as pa
import sqlglot

from fupin_engine.executors import duckdb_config
from fupin_engine.source import ENGINE_COLUMNS, ArrowSource, SnapshotSource, column_types
from fupin_engine.sql.compile import OUTPUT_COLUMNS, Plan


class DuckDBExecutor:
    name = "duckdb"
    dialect = "duckdb"

    def __init__(self, source: SnapshotSource | ArrowSource, *, threads: int | None = None,
                 memory_limit: str | None = None, temp_dir: str | None = None) -> None:
        """``threads``, ``memory_limit`` (a size or a fraction of RAM) and ``temp_dir`` (where
        it spills) override ``FUPIN_DUCKDB_THREADS``, ``…_MEMORY_LIMIT``, ``…_TEMP_DIR``."""
        self.source = source
        # Rows keep their order where no ORDER BY is given: the integrity and measures code
        # reads through this connection too. ``write`` lifts it for its ordered COPY.
        self.connection = duckdb_config.connect(memory=memory_limit, temp_dir=temp_dir,
                                                threads=threads, keep_order=True)
        self.con = self.connection.con
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
        """Close the connection and remove its spill folder."""
        self.connection.close()

    def write(self, plan: Plan, path: str) -> dict[str, dict[str, int]]:
        """Run the plan straight into ``path`` (.parquet or .csv) inside DuckDB, without
        bringing the rows into Python; return households per category per county."""
        # The order is the explicit ORDER BY; nothing else needs keeping.
        self.con.execute("SET preserve_insertion_order = false")
        query = output_query(plan)
        if query is None:
            return copy_ordered(self.con, f"({plan.sql('duckdb')}) AS q", path)
        return copy_ordered(self.con, None, path, query=query)


def output_query(plan: Plan) -> str | None:
    """The plan's query selecting only the documented columns, keeping its one ORDER BY at
    the top (a SELECT over the plan as a subquery would sort every household twice); None
    when the plan's last step is not one SELECT (a plan over provinces' branches)."""
    query = sqlglot.parse_one(plan.sql("duckdb"), read="duckdb")
    if not isinstance(query, sqlglot.exp.Select):
        return None
    named = {e.alias_or_name: e for e in query.expressions}
    if not set(OUTPUT_COLUMNS) <= set(named):
        return None
    query.set("expressions", [named[c] for c in OUTPUT_COLUMNS])
    return query.sql(dialect="duckdb")


def copy_ordered(con, relation: str | None, path: str, *,
                 query: str | None = None) -> dict[str, dict[str, int]]:
    """``COPY`` the documented columns of ``relation`` (a FROM item) in household order, or
    ``query`` as it is, to ``path`` (.parquet or .csv) — DuckDB writes the file itself,
    streaming from its sort (spilled beyond the memory limit) — and return households per
    category per county, counted over the written file."""
    if query is None:
        query = (f"SELECT {', '.join(OUTPUT_COLUMNS)} FROM {relation} "
                 "ORDER BY household_id")
    target = path.replace("'", "''")
    fmt = "PARQUET" if path.endswith(".parquet") else "CSV, HEADER true"
    con.execute(f"COPY ({query}) TO '{target}' (FORMAT {fmt})")
    reader = (f"read_parquet('{target}')" if path.endswith(".parquet")
              else f"read_csv('{target}', header = true, all_varchar = true)")
    rows = con.execute(
        f"SELECT substr(village_code, 1, 6), category, count(*) FROM {reader} "
        "GROUP BY ALL ORDER BY ALL").fetchall()
    counts: dict[str, dict[str, int]] = {}
    for county, category, n in rows:
        counts.setdefault(county or "", {})[category] = n
    return counts
