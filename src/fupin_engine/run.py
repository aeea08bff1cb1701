"""run(policy, snapshot, year, executor) → RunResult: the engine's one entry point."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from fupin_engine.executors import Executor
from fupin_engine.policy.loader import load_pack, resolve_by_province, resolve_parameters
from fupin_engine.policy.schema import Pack
from fupin_engine.sql.compile import OUTPUT_COLUMNS, Plan, compile_pack, compile_provinces

OUTPUT_SCHEMA = pa.schema([(c, pa.float64() if c.endswith("per_capita_income") else pa.string())
                           for c in OUTPUT_COLUMNS])


@dataclass
class RunResult:
    """The assessments (one row per household) and what produced them."""

    table: pa.Table
    plan: Plan
    engine: str
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def pack(self) -> Pack:
        return self.plan.pack

    def counts(self) -> dict[str, dict[str, int]]:
        """Households per category per county (6-digit code), computed in Arrow."""
        county = pc.utf8_slice_codeunits(pc.fill_null(self.table.column("village_code"), ""),
                                         0, 6)
        grouped = (pa.table({"county": county, "category": self.table.column("category")})
                   .group_by(["county", "category"]).aggregate([("category", "count")]))
        out: dict[str, dict[str, int]] = {}
        for row in grouped.to_pylist():
            out.setdefault(row["county"], {})[row["category"]] = row["category_count"]
        return dict(sorted(out.items()))

    def output(self) -> pa.Table:
        """The documented columns with one schema whatever the engine."""
        return self.table.select(list(OUTPUT_COLUMNS)).cast(OUTPUT_SCHEMA)

    def write(self, path: str | Path) -> None:
        path = Path(path)
        out = self.output()
        if path.suffix == ".parquet":
            pq.write_table(out, path)
        elif path.suffix == ".csv":
            pacsv.write_csv(out, path)
        else:
            raise ValueError(f"{path}: the output ends in .csv or .parquet")


def prepare(policy: str | Path | Pack, year: int, province: str | None = None,
            overrides: dict[str, float] | None = None, *,
            provinces: Sequence[str] | None = None) -> Plan:
    """The plan for ``year``: one province's parameters (``province``; the national values
    without one) for every household, or, with ``provinces`` (the 2-digit provinces of the
    households to assess), each household with its own province's parameters (ADR 0049).
    ``overrides`` apply to every province."""
    pack = policy if isinstance(policy, Pack) else load_pack(policy)
    if provinces:
        if province:
            raise ValueError("give a province or the provinces, not both")
        return compile_provinces(pack, resolve_by_province(pack, year, provinces, overrides),
                                 year)
    params = resolve_parameters(pack, year, province, overrides)
    plan = compile_pack(pack, params, year)
    plan.province = (province or "")[:2] or None
    return plan


def prepare_present(policy: str | Path | Pack, year: int, present: Sequence[str], *,
                    province: str | None = None,
                    overrides: dict[str, float] | None = None) -> Plan:
    """The plan over households of the provinces ``present``, each with its own province's
    parameters: one province present is that province's plan; none, the national values;
    ``province`` given, that province's parameters for every household (explicit choice)."""
    if province:
        return prepare(policy, year, province, overrides)
    present = sorted({str(p)[:2] for p in present if p})
    if len(present) <= 1:
        return prepare(policy, year, present[0] if present else None, overrides)
    return prepare(policy, year, overrides=overrides, provinces=present)


def _plan(policy, year, province, overrides, provinces) -> Plan:
    if provinces is None:
        return prepare(policy, year, province, overrides)
    return prepare_present(policy, year, provinces, province=province, overrides=overrides)


def provinces_present(executor: Executor) -> list[str]:
    """The 2-digit provinces of the households the executor reads (one query)."""
    return sorted(p for p in executor.provinces() if p)


def check_covered(plan: Plan, executor: Executor) -> None:
    """A plan over several provinces assesses only the households of its provinces
    (:func:`fupin_engine.sql.compile.compile_provinces`): refuse, naming the province, when
    the executor reads households of another one rather than leave them out silently."""
    if not plan.provinces:
        return
    for found in provinces_present(executor):
        if found not in plan.provinces:
            raise ValueError(f"households of province {found} are read but the plan has no "
                             f"parameters for that province (planned: "
                             f"{', '.join(sorted(plan.provinces))})")


def run_plan(plan: Plan, executor: Executor) -> RunResult:
    """Execute a plan already prepared (its parameters, one province's or each province's);
    refused when a household read is of a province the plan does not cover."""
    check_covered(plan, executor)
    start = time.perf_counter()
    table = executor.execute(plan)
    return RunResult(table, plan, executor.name, {"compile": 0.0,
                                                  "execute": time.perf_counter() - start})


def run(policy: str | Path | Pack, executor: Executor, year: int, *,
        province: str | None = None, overrides: dict[str, float] | None = None,
        provinces: Sequence[str] | None = None) -> RunResult:
    """Run the pack over the executor's data. ``provinces`` (the provinces present, e.g.
    :func:`provinces_present`): each household with its own province's parameters."""
    start = time.perf_counter()
    plan = _plan(policy, year, province, overrides, provinces)
    compiled = time.perf_counter()
    check_covered(plan, executor)
    table = executor.execute(plan)
    done = time.perf_counter()
    return RunResult(table, plan, executor.name,
                     {"compile": compiled - start, "execute": done - compiled})


@dataclass
class FileRunResult:
    """A run written straight to a file: counts per county and category, timings."""

    counts: dict[str, dict[str, int]]
    plan: Plan
    engine: str
    timings: dict[str, float]

    @property
    def households(self) -> int:
        return sum(sum(c.values()) for c in self.counts.values())


def run_to_file(policy: str | Path | Pack, executor: Executor, year: int, path: str | Path, *,
                province: str | None = None,
                overrides: dict[str, float] | None = None,
                provinces: Sequence[str] | None = None) -> FileRunResult:
    """Run and write the documented columns to ``path`` (.csv or .parquet). Executors that
    can write where the data are do (DuckDB with ``COPY``, Spark with ``DataFrame.write``:
    ``path`` may then be a URI such as ``hdfs://…/result.parquet``); others return Arrow,
    written here."""
    text = str(path)
    if not text.endswith((".csv", ".parquet")):
        raise ValueError(f"{text}: the output ends in .csv or .parquet")
    start = time.perf_counter()
    plan = _plan(policy, year, province, overrides, provinces)
    compiled = time.perf_counter()
    writer = getattr(executor, "write", None)
    if writer is not None:
        counts = writer(plan, text)
    else:
        if "://" in text:
            raise ValueError(f"{text}: the {executor.name} engine writes local files only")
        result = RunResult(executor.execute(plan), plan, executor.name)
        result.write(text)
        counts = result.counts()
    done = time.perf_counter()
    return FileRunResult(counts, plan, executor.name,
                         {"compile": compiled - start, "execute": done - compiled})


def plan_key(plan: Plan, input_hash: str) -> str:
    """Same input and same policy (name, version, parameters of every province, year) → same
    key."""
    payload = {"pack": plan.pack.name, "version": plan.pack.version, "year": plan.year,
               "params": plan.params, "input": input_hash,
               "sql": hashlib.sha256(plan.sql().encode()).hexdigest()}
    if plan.provinces:
        payload["provinces"] = plan.provinces
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()
