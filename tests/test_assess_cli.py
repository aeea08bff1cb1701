"""``fupin measures`` and ``fupin assess`` end to end on a generated snapshot: the CSV contracts
of issue 15 (exact columns), the default line from the pack, errors that name row and column."""

from __future__ import annotations

import csv

import pytest
from django.core.management import CommandError, call_command

from fupin.households.exporter import write_generated
from fupin_engine.generate import generate
from fupin_engine.measures.fgt import fgt
from fupin_engine.policy.loader import load_pack, resolve_parameters

VILLAGES = [f"513431{t}{v}" for t in ("100", "101") for v in ("201", "202", "203", "204")]


@pytest.fixture(scope="module")
def snap(tmp_path_factory):
    data = generate(county_code="513431000000", villages=VILLAGES, households=480,
                    years=[2020, 2021], seed=41)
    root = tmp_path_factory.mktemp("assess")
    write_generated(root / "snap", "csv", data)
    return root


def _read(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def test_measures_fgt_and_af_write_the_contract_columns(snap):
    out = snap / "fgt.csv"
    call_command("measures", "fgt", "--snapshot", str(snap / "snap"), "--year", "2021",
                 "--by", "township", "--out", str(out))
    rows = _read(out)
    assert rows[0] == ["division", "people", "P0", "P1", "P2"]
    assert [r[0] for r in rows[1:]] == ["513431100", "513431101", "total"]
    line = resolve_parameters(load_pack("cn-national"), 2021)["poverty_line"]
    total = fgt(snap / "snap", 2021, line)[-1]
    assert rows[-1][:4] == ["total", str(total.people), repr(total.P0), repr(total.P1)]
    assert float(rows[-1][4]) == pytest.approx(total.P2, rel=1e-12)  # a sum of doubles
    call_command("measures", "fgt", "--snapshot", str(snap / "snap"), "--year", "2021",
                 "--line", "1", "--out", str(out))
    assert _read(out)[-1][2:] == ["0.0", "0.0", "0.0"]

    af_out = snap / "af.csv"
    call_command("measures", "af", "--snapshot", str(snap / "snap"), "--year", "2021",
                 "--k", "1", "--dimensions", "income,housing", "--by", "village",
                 "--out", str(af_out))
    rows = _read(af_out)
    assert rows[0] == ["division", "people", "H", "A", "M0"]
    assert len(rows) == 1 + len(VILLAGES) + 1
    with pytest.raises(CommandError, match="unknown wealth"):
        call_command("measures", "af", "--snapshot", str(snap / "snap"), "--year", "2021",
                     "--k", "1", "--dimensions", "income,wealth", "--out", str(af_out))


def test_assess_sample_then_estimate(snap):
    sample = snap / "sample.csv"
    args = ["assess", "sample", "--snapshot", str(snap / "snap"), "--county", "513431",
            "--villages", "4", "--households", "120", "--seed", "2021"]
    call_command(*args, "--out", str(sample))
    call_command(*args, "--out", str(snap / "again.csv"))
    rows = _read(sample)
    assert rows[0] == ["village_code", "household_id", "stratum", "weight"]
    assert rows == _read(snap / "again.csv")
    assert {r[2] for r in rows[1:]} == {"registered", "unregistered"}
    assert len({r[0] for r in rows[1:]}) == 4
    assert all(float(r[3]) >= 1 for r in rows[1:])

    status = {r[0]: r[2] for r in _read(snap / "snap" / "households.csv")[1:]}
    results = snap / "results.csv"
    with open(results, "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["household_id", "wrongly_exited", "omitted", "approves"])
        for i, (_, hid, stratum, _) in enumerate(rows[1:]):
            out.writerow([hid, int(i % 17 == 0) if status[hid] == "exited" else "",
                          int(i % 23 == 0) if stratum == "unregistered" else "",
                          int(i % 9 != 0)])
    est = snap / "estimates.csv"
    call_command("assess", "estimate", "--snapshot", str(snap / "snap"), "--sample",
                 str(sample), "--results", str(results), "--out", str(est))
    got = _read(est)
    assert got[0] == ["indicator", "estimate", "ci_low", "ci_high", "sampled"]
    assert [r[0] for r in got[1:]] == ["wrong_exit_rate", "omission_rate", "approval_rate"]
    for _, value, low, high, sampled in got[1:]:
        assert float(low) <= float(value) <= float(high)
        assert int(sampled) > 0

    bad = snap / "bad.csv"
    first = rows[1][1]
    bad.write_text(f"household_id,wrongly_exited,omitted,approves\n{first},,,yes\n",
                   encoding="utf-8")
    with pytest.raises(CommandError, match=r"bad.csv, row 2, column approves: 'yes'"):
        call_command("assess", "estimate", "--snapshot", str(snap / "snap"), "--sample",
                     str(sample), "--results", str(bad), "--out", str(est))
    with pytest.raises(CommandError, match=r"--county.*51"):
        call_command("assess", "sample", "--snapshot", str(snap / "snap"), "--county", "51",
                     "--seed", "1", "--out", str(sample))
