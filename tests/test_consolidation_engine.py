"""The consolidation engine's yearly rows (ADR 0050): per-capita income, size, status and exit
year as of each year are the monitoring run's own — compared with the run on a generated
county for every year — and the guarantees are the run's verdict."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from fupin.households.exporter import write_generated
from fupin.monitoring import policy
from fupin_engine import consolidation
from fupin_engine.executors.duckdb import DuckDBExecutor
from fupin_engine.generate import generate
from fupin_engine.run import prepare
from fupin_engine.source import SnapshotSource

VILLAGES = ["513431100200", "513431100204", "513431101201"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    snap = generate(county_code="513431000000", villages=VILLAGES, households=300,
                    years=[2019, 2020, 2021], seed=18)
    root = tmp_path_factory.mktemp("consolidation")
    write_generated(root, "parquet", snap)
    return root


@pytest.mark.parametrize("year", [2020, 2021])
def test_yearly_rows_agree_with_the_run(folder, year):
    executor = DuckDBExecutor(SnapshotSource.at(folder))
    try:
        run = executor.execute(prepare(policy.pack(), year, "51"))
        guarantees = [f"r_{r}" for r in policy.guarantee_rules()]
        flags = run.select(["household_id"]).append_column(
            "guarantees_ok", _all_zero(run, guarantees))
        rows = consolidation.yearly_rows(executor.con, year, flags)
    finally:
        executor.close()
    ours = {r["household_id"]: r for r in rows.to_pylist()}
    theirs = {r["household_id"]: r for r in run.to_pylist()}
    assert ours.keys() == theirs.keys()
    for hid, r in theirs.items():
        mine = ours[hid]
        assert mine["status"] == r["status"], hid
        assert mine["per_capita_income"] == pytest.approx(r["per_capita_income"]), hid
        fired = set(filter(None, (r["rules"] or "").split(";")))
        if mine["size"]:
            assert mine["guarantees_ok"] is not bool(fired & set(policy.guarantee_rules()))
        else:
            assert mine["guarantees_ok"] is None
    exited = [r for r in ours.values() if r["status"] == "exited"]
    assert exited
    assert all(r["exit_year"] <= year for r in exited)
    assert all(r["exit_year"] is None for r in ours.values() if r["status"] != "exited")


def _all_zero(run, columns):
    out = pc.equal(run[columns[0]], 0)
    for c in columns[1:]:
        out = pc.and_(out, pc.equal(run[c], 0))
    return out


def test_spans_become_years_with_the_amount_booked_once():
    spans = pa.table({"household_id": ["A", "B"], "first_year": [2019, 2021],
                      "last_year": pa.array([None, 2021], pa.int64()),
                      "amount": pa.array([500, 70], pa.decimal128(14, 2))})
    rows = consolidation.spans_to_years(spans, last_year=2021, amount=True).to_pylist()
    assert [(r["household_id"], r["year"], int(r["amount"])) for r in rows] == [
        ("A", 2019, 500), ("A", 2020, 0), ("A", 2021, 0), ("B", 2021, 70)]
