"""Spark executor (``pip install fupin[spark]``): local mode by default, a cluster with
``FUPIN_SPARK_MASTER``; the snapshot paths may be any URI Spark reads."""

from __future__ import annotations

import os

import pyarrow as pa
import sqlglot

from fupin_engine.source import ENGINE_COLUMNS, SnapshotSource, column_types
from fupin_engine.sql.compile import Plan


def spark_session():
    from pyspark.sql import SparkSession

    master = os.environ.get("FUPIN_SPARK_MASTER", "local[*]")
    return (SparkSession.builder.master(master).appName("fupin-monitor")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.ansi.enabled", "false")
            .config("spark.sql.execution.arrow.pyspark.enabled", "true")
            .config("spark.driver.memory", os.environ.get("FUPIN_SPARK_DRIVER_MEMORY", "4g"))
            # Results come back to the driver as Arrow (one row per household).
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
