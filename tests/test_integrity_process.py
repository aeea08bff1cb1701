"""Process anomalies over given tables: fast and bunched eliminations, copied income
records, incomes over the line in the exit year only, villages emptied before assessment."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from fupin_engine.integrity.process import (
    Elimination,
    duplicate_income_records,
    elimination_bursts,
    exit_year_jumps,
    fast_eliminations,
    vanishing_monitoring_objects,
)

D = dt.date
ASSESSMENT = D(2021, 11, 1)


def _steady(county: str, n: int, rng: random.Random) -> list[Elimination]:
    out = []
    for i in range(n):
        done = D(2021, 1, 1) + dt.timedelta(days=rng.randrange(365))
        out.append(Elimination(f"{county}-{i}", f"{county}100200", done - dt.timedelta(200),
                               done))
    return out


def test_fast_eliminations_are_listed_per_village():
    rows = [Elimination("a", "513431100200", D(2021, 1, 1), D(2021, 1, 20)),
            Elimination("b", "513431100200", D(2021, 1, 1), D(2021, 9, 1)),
            Elimination("c", "513431100201", D(2021, 3, 1), D(2021, 3, 2))]
    signals = fast_eliminations(rows, min_days=90)
    assert [(s.division, s.households, s.detail["days"]) for s in signals] == [
        ("513431100200", ["a"], [19]), ("513431100201", ["c"], [1])]


def test_a_burst_before_the_assessment_is_flagged_and_a_steady_pace_is_not():
    rng = random.Random(1)
    rows = _steady("513431", 300, rng) + _steady("513432", 300, rng)
    for i in range(60):  # 60 more in the month before the assessment
        day = ASSESSMENT - dt.timedelta(days=1 + i % 28)
        rows.append(Elimination(f"burst-{i}", "513432100200", day - dt.timedelta(200), day))
    signals = elimination_bursts(rows, assessments=[ASSESSMENT], window_days=30,
                                 period=(D(2021, 1, 1), D(2021, 12, 31)))
    assert [(s.division, s.flagged) for s in signals] == [("513431", False),
                                                          ("513432", True)]
    assert set(signals[1].households) >= {f"burst-{i}" for i in range(60)}
    assert signals[0].detail["expected"] == pytest.approx(300 * 30 / 365)


def _economy(hid, village, wage, year=2021):
    return {"household_id": hid, "village_code": village, "year": year, "wage": wage,
            "operating": 1200.5, "ecommerce_revenue": 0, "ecommerce_cost": 0, "property": 30,
            "transfer": 800, "production_cost": 100}


def test_identical_income_records_form_one_cluster_across_villages():
    rows = [_economy(f"h{i}", "513431100200", 20000 + i) for i in range(50)]
    rows += [_economy("copy1", "513431100201", 23456.78), _economy("copy2", "513431100202",
                                                                   23456.78),
             _economy("copy3", "513431100200", 23456.78),
             {**_economy("zero1", "513431100200", 0), "operating": 0, "property": 0,
              "transfer": 0, "production_cost": 0},
             {**_economy("zero2", "513431100200", 0), "operating": 0, "property": 0,
              "transfer": 0, "production_cost": 0},
             _economy("other-year", "513431100200", 23456.78, year=2020)]
    [cluster] = duplicate_income_records(rows)
    assert cluster.households == ["copy1", "copy2", "copy3"]
    assert cluster.division == "513431100"  # the township holding the three villages
    assert cluster.detail["amounts"]["wage"] == 23456.78


def test_incomes_over_the_line_only_in_the_exit_year():
    line = 4000.0
    rng = random.Random(2)
    incomes, exits, villages = {}, {}, {}
    for county in ("513431", "513432"):
        for i in range(200):
            hid = f"{county}-{i}"
            villages[hid] = f"{county}100200"
            base = rng.uniform(2500, 9000)
            incomes[hid] = {y: base * 1.05 ** (y - 2017) for y in range(2017, 2022)}
            exits[hid] = 2019
    for i in range(40):  # 513432: 40 exits carried over the line in 2019 alone
        hid = f"513432-{i}"
        incomes[hid] = {2017: 3000, 2018: 3100, 2019: 4100, 2020: 3200, 2021: 3300}
    signals = exit_year_jumps(incomes, exits, villages, line=line)
    assert [(s.division, s.flagged) for s in signals] == [("513431", False),
                                                          ("513432", True)]
    assert set(signals[1].households) >= {f"513432-{i}" for i in range(40)}


def test_a_village_emptied_before_the_assessment():
    counts = [("513431100200", D(2021, 6, 1), 12), ("513431100200", D(2021, 10, 1), 0),
              ("513431100201", D(2021, 6, 1), 12), ("513431100201", D(2021, 10, 1), 9),
              ("513431100202", D(2021, 6, 1), 0), ("513431100202", D(2021, 10, 1), 0)]
    [signal] = vanishing_monitoring_objects(counts, assessments=[ASSESSMENT], lead_days=60)
    assert signal.division == "513431100200"
    assert signal.detail == {"assessment": "2021-11-01", "zero_on": "2021-10-01",
                             "before": 12}
