"""Spark executor (``pip install fupin[spark]``): local mode by default, a cluster with
``FUPIN_SPARK_MASTER`` (or under ``spark-submit``), a Spark Connect server with
``FUPIN_SPARK_REMOTE=sc://host:15002`` (``pip install 'pyspark[connect]'``); the snapshot paths
may be any URI Spark reads. ``fupin monitor --out`` is written by Spark itself (ADR 0054):
the result never passes through the driver."""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import pyarrow as pa
import sqlglot

from fupin_engine.source import ENGINE_COLUMNS, SnapshotSource, column_types
from fupin_engine.sql.compile import OUTPUT_COLUMNS, Plan

#: Settings every session gets (also over Spark Connect, where they are set per session).
SQL_CONF = {"spark.sql.session.timeZone": "UTC", "spark.sql.ansi.enabled": "false",
            "spark.sql.execution.arrow.pyspark.enabled": "true"}


def remote() -> str:
    """The Spark Connect endpoint (``FUPIN_SPARK_REMOTE``), or ``''``."""
    return os.environ.get("FUPIN_SPARK_REMOTE", "").strip()


def spark_session():
    from pyspark.sql import SparkSession

    endpoint = remote()
    if endpoint:
        # The server owns its master, memory and files; only the SQL settings are ours.
        session = SparkSession.builder.remote(endpoint).appName("fupin-monitor").getOrCreate()
        for key, value in SQL_CONF.items():
            session.conf.set(key, value)
        return session
    builder = SparkSession.builder.appName("fupin-monitor")
    master = os.environ.get("FUPIN_SPARK_MASTER", "").strip()
    # Under spark-submit (it starts the JVM and hands the driver PYSPARK_GATEWAY_PORT), its
    # --master and --driver-memory stand unless FUPIN_SPARK_MASTER overrides the master.
    if master or not os.environ.get("PYSPARK_GATEWAY_PORT"):
        builder = builder.master(master or "local[*]")
    for key, value in SQL_CONF.items():
        builder = builder.config(key, value)
    return (builder.config("spark.ui.enabled", "false")
            .config("spark.driver.memory", os.environ.get("FUPIN_SPARK_DRIVER_MEMORY", "4g"))
            # Only RunResult (execute: tests, what-if) brings rows to the driver; a run to
            # a file (write) never does.
            .config("spark.driver.maxResultSize",
                    os.environ.get("FUPIN_SPARK_MAX_RESULT_SIZE", "0"))
            .getOrCreate())


class SparkExecutor:
    name = "spark"
    dialect = "spark"

    def __init__(self, source: SnapshotSource, **_options) -> None:
        self.spark = spark_session()
        for table in ENGINE_COLUMNS:
            types = column_types(table)
            ddl = sqlglot.transpile(
                "CREATE TABLE t (" + ", ".join(f"{c} {t}" for c, t in types.items()) + ")",
                read="duckdb", write="spark")[0]
            schema = ddl[ddl.index("(") + 1: ddl.rindex(")")]
            if source.fmt == "parquet":
                df = self.spark.read.parquet(source.path(table))
                df = df.selectExpr(*[f"CAST({c} AS {t}) AS {c}" for c, t in
                                     _spark_types(schema).items()])
            else:
                df = (self.spark.read.option("header", True).option("encoding", "UTF-8")
                      .csv(source.path(table)))
                df = df.toDF(*[c.lstrip("\ufeff") for c in df.columns])  # a UTF-8 BOM
                df = df.selectExpr(*[f"CAST({c} AS {t}) AS {c}" for c, t in
                                     _spark_types(schema).items()])
            df.createOrReplaceTempView(table)

    def execute(self, plan: Plan) -> pa.Table:
        df = self.spark.sql(plan.sql("spark"))
        return df.toArrow()

    def provinces(self) -> list[str]:
        from fupin_engine.executors import PROVINCES_SQL

        sql = sqlglot.transpile(PROVINCES_SQL, read="duckdb", write="spark")[0]
        return [r[0] for r in self.spark.sql(sql).collect()]

    def close(self) -> None:
        pass  # the session is reused by later runs in this process

    def local(self) -> bool:
        """Spark runs in this process (local mode): its files are this machine's files."""
        if remote():
            return False
        return self.spark.sparkContext.master.startswith("local")

    def result(self, plan: Plan):
        """The documented columns with the output schema, as a Spark DataFrame."""
        df = self.spark.sql(plan.sql("spark"))
        return df.selectExpr(*[f"CAST({c} AS DOUBLE) AS {c}" if c.endswith("per_capita_income")
                               else f"CAST({c} AS STRING) AS {c}" for c in OUTPUT_COLUMNS])

    def write(self, plan: Plan, path: str) -> dict[str, dict[str, int]]:
        """Run the plan and write ``path`` with Spark (``DataFrame.write``: each executor
        writes its part; nothing is collected to the driver); return households per category
        per county, computed over the written files.

        A path on shared storage (``hdfs://…``, ``s3a://…``, ``oss://…``), or any path when
        Spark is not local, becomes a folder of part files (Spark's layout, in household order:
        the plan ends with ORDER BY). A local path in local mode stays one file like DuckDB's:
        Spark writes Parquet parts next to it and DuckDB joins them into ``path``."""
        df = self.result(plan)
        if "://" in path or not self.local():
            writer = df.write.mode("overwrite")
            if path.endswith(".parquet"):
                writer.parquet(path)
                written = self.spark.read.parquet(path)
            else:
                writer.option("header", True).csv(path)
                written = self.spark.read.option("header", True).csv(path)
            rows = (written.selectExpr("substr(village_code, 1, 6) AS county", "category")
                    .groupBy("county", "category").count().collect())
            counts: dict[str, dict[str, int]] = {}
            for county, category, n in sorted((r[0] or "", r[1], r[2]) for r in rows):
                counts.setdefault(county, {})[category] = n
            return counts
        target = Path(path).resolve()
        parts = target.with_name(f".{target.name}.spark-{uuid.uuid4().hex[:8]}")
        try:
            df.write.mode("overwrite").parquet(str(parts))
            from fupin_engine.executors import duckdb_config
            from fupin_engine.executors.duckdb import copy_ordered

            with duckdb_config.connect() as con:
                return copy_ordered(con, f"read_parquet('{_quoted(parts)}/*.parquet')",
                                    str(target))
        finally:
            shutil.rmtree(parts, ignore_errors=True)


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


def _spark_types(schema: str) -> dict[str, str]:
    out = {}
    for part in _split(schema):
        name, typ = part.strip().split(" ", 1)
        out[name] = typ
    return out


def _split(text: str) -> list[str]:
    parts, depth, cur = [], 0, ""
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    if cur.strip():
        parts.append(cur)
    return parts
