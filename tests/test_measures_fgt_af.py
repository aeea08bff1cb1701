"""FGT and Alkire–Foster: published worked examples, hand-computed cases, engines agree."""

from __future__ import annotations

import shutil
from decimal import Decimal

import pytest

from fupin.households.exporter import write_generated
from fupin_engine.executors import get_executor
from fupin_engine.generate import generate
from fupin_engine.measures import MeasureError
from fupin_engine.measures.af import af, af_of, decompose
from fupin_engine.measures.backend import SqlRunner
from fupin_engine.measures.fgt import fgt, fgt_of
from fupin_engine.run import run
from fupin_engine.source import SnapshotSource

V1, V2 = "513431100201", "513431100202"


def _welfare(runner, rows):
    runner.register("welfare", {
        "village_code": [r[0] for r in rows], "size": [r[1] for r in rows],
        "household_net_income": [Decimal(r[2]) for r in rows]})


def test_fgt_equals_the_world_bank_handbook_example():
    # Haughton & Khandker, Handbook on Poverty and Inequality (World Bank 2009), ch. 4,
    # pp. 70 and 72: expenditures 100, 110, 150, 160 in "country C", poverty line 125:
    # P0 = 0.5, P1 = 0.08 (= 0.32/4), P2 = 0.0136 (= 0.0544/4).
    with SqlRunner() as runner:
        _welfare(runner, [(V1, 1, "100"), (V1, 1, "110"), (V1, 1, "150"), (V1, 1, "160")])
        total = fgt_of(runner, 125)[-1]
    assert (total.division, total.people) == ("total", 4)
    assert (total.P0, total.P1, total.P2) == (0.5, 0.08, 0.0136)


def test_fgt_weights_people_and_a_household_at_the_line_is_not_poor():
    # Line 4,000 yuan. 2 people on 6,000 (3,000 each: poor, gap 2,000 for the household);
    # 3 people on 12,000 (exactly 4,000 each: at the line, not poor); 1 person on 3,999.99
    # (poor by one fen); 4 people on 40,000.
    rows = [(V1, 2, "6000"), (V1, 3, "12000"), (V2, 1, "3999.99"), (V2, 4, "40000")]
    with SqlRunner() as runner:
        _welfare(runner, rows)
        by_village = {r.division: r for r in fgt_of(runner, 4000, by="village")}
        by_county = fgt_of(runner, "4000", by="county")
    total = by_village["total"]
    assert total.people == 10
    assert total.P0 == 0.3
    assert pytest.approx(2000.01 / 40000, rel=1e-12) == total.P1
    assert pytest.approx((2000 ** 2 / 2 + 0.01 ** 2) / (4000 ** 2 * 10), rel=1e-12) == total.P2
    assert (by_village[V1].P0, by_village[V1].P1, by_village[V1].P2) == (0.4, 0.1, 0.025)
    assert by_village[V2].P0 == 0.2
    assert pytest.approx(0.01 / 20000, rel=1e-12) == by_village[V2].P1
    assert [r.division for r in by_county] == ["513431", "total"]
    # One fen more for the 3,999.99 household: nobody poor there any more.
    with SqlRunner() as runner:
        _welfare(runner, [(V2, 1, "4000.00")])
        assert fgt_of(runner, 4000)[-1].P0 == 0.0


def test_alkire_foster_equals_the_published_example():
    # Alkire & Foster (2011), "Counting and multidimensional poverty measurement", J. Public
    # Econ. 95: 476–487, §4: achievements y = [[13.1, 14, 4, 1], [15.2, 7, 5, 0],
    # [12.5, 10, 1, 0], [20, 11, 3, 1]], cut-offs z = (13, 12, 3, 1): deprivation counts
    # c = (0, 2, 4, 1); with k = 2, H = 1/2, A = 3/4 and M0 = HA = 3/8 (= 6/16).
    y = [[13.1, 14, 4, 1], [15.2, 7, 5, 0], [12.5, 10, 1, 0], [20, 11, 3, 1]]
    z = (13, 12, 3, 1)
    g = [[int(v < c) for v, c in zip(row, z, strict=True)] for row in y]
    dims = ["income", "education", "medical", "housing"]
    with SqlRunner() as runner:
        runner.register("deprived", {"village_code": [V1] * 4, "size": [1] * 4,
                                     **{f"d_{d}": [row[j] for row in g]
                                        for j, d in enumerate(dims)}})
        rows = af_of(runner, dims, 2)
        union = af_of(runner, dims, 1)[-1]
        intersection = af_of(runner, dims, 4)[-1]
    total = rows[-1]
    assert (total.H, total.A, total.M0) == (0.5, 0.75, 0.375)
    assert (union.H, union.M0) == (0.75, 7 / 16)  # c ≥ 1: persons 2, 3, 4
    assert (intersection.H, intersection.A, intersection.M0) == (0.25, 1.0, 0.25)
    parts = decompose(rows)
    # Censored headcounts (persons 2 and 3 only): income 1/4, education 2/4, medical 1/4,
    # housing 2/4; contributions w_j h_j / (d M0) sum to 1.
    assert parts.by_dimension == pytest.approx(
        {"income": 1 / 6, "education": 1 / 3, "medical": 1 / 6, "housing": 1 / 3})
    assert sum(parts.by_division.values()) == pytest.approx(1.0)


def test_alkire_foster_weights_people_and_rejects_bad_parameters():
    # Two villages; village 1: 3 people deprived in 2 of 2 dimensions, 1 person in none;
    # village 2: 2 people deprived in 1. k = 1: H = 5/6, M0 = (3·2 + 2·1)/(2·6) = 2/3.
    with SqlRunner() as runner:
        runner.register("deprived", {"village_code": [V1, V1, V2], "size": [3, 1, 2],
                                     "d_income": [1, 0, 1], "d_water": [1, 0, 0]})
        rows = {r.division: r for r in af_of(runner, ["income", "water"], 1, by="village")}
        assert rows["total"].H == 5 / 6
        assert rows["total"].M0 == 2 / 3
        assert rows[V1].A == 1.0
        assert rows[V2].A == 0.5
        parts = decompose(list(rows.values()))
        assert parts.by_division == pytest.approx({V1: 0.75, V2: 0.25})
        none = {r.division: r for r in af_of(runner, ["income", "water"], 2, by="village")}
        assert none[V2].A is None
        assert none[V2].M0 == 0
        for bad in ({"k": 3}, {"k": 0}):
            with pytest.raises(MeasureError, match="k: must"):
                af_of(runner, ["income", "water"], bad["k"])
        with pytest.raises(MeasureError, match="unknown wealth"):
            af_of(runner, ["income", "wealth"], 1)
        with pytest.raises(MeasureError, match="sum to"):
            af_of(runner, ["income", "water"], 1, weights={"income": 1.5, "water": 1})


@pytest.fixture(scope="module")
def snapshot_dir(tmp_path_factory):
    snap = generate(county_code="513431000000", villages=[V1, V2, "513431101203"],
                    households=300, years=[2020, 2021], seed=23)
    root = tmp_path_factory.mktemp("measures")
    write_generated(root / "csv", "csv", snap)
    return root / "csv", snap


def test_af_of_a_snapshot_uses_the_engines_own_rule_results(snapshot_dir):
    folder, snap = snapshot_dir
    executor = get_executor("duckdb", SnapshotSource.at(folder))
    try:
        assessed = run("cn-national", executor, 2021).table.to_pylist()
    finally:
        executor.close()
    size: dict[str, int] = {}
    for m in snap.members:
        size[m["household_id"]] = size.get(m["household_id"], 0) + 1
    line = 4500
    dims = ["income", "education", "medical", "housing", "water"]
    rules = ["EDU_DROPOUT", "NO_MEDICAL_INSURANCE", "UNSAFE_HOUSING", "UNSAFE_WATER"]
    people = poor_people = score = 0
    for row in assessed:
        s = size[row["household_id"]]
        c = int(row["per_capita_income"] < line) + sum(int(row[f"r_{r}"]) for r in rules)
        people += s
        if c >= 1:
            poor_people += s
            score += s * c
    total = af(folder, 2021, line, 1, dimensions=dims)[-1]
    assert total.people == people
    assert pytest.approx(poor_people / people, rel=1e-12) == total.H
    assert pytest.approx(score / (5 * people), rel=1e-12) == total.M0
    assert 0 < total.H < 1


def test_fgt_on_spark_equals_duckdb(snapshot_dir):
    if shutil.which("java") is None:
        pytest.fail("Spark needs Java (installed on these machines)")
    folder, _ = snapshot_dir
    duck = fgt(folder, 2021, 6000, by="village")
    spark = fgt(folder, 2021, 6000, by="village", engine="spark")
    assert [(r.division, r.people, r.P0) for r in spark] == [
        (r.division, r.people, r.P0) for r in duck]
    for a, b in zip(spark, duck, strict=True):
        assert pytest.approx(b.P1, rel=1e-12) == a.P1
        assert pytest.approx(b.P2, rel=1e-12) == a.P2
    assert 0 < duck[-1].P0 < 1
