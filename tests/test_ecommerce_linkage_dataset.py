"""The benefit-linkage dataset: import → export → import is identical in CSV, Parquet and XLSX,
the amounts reach the households' economy, and a file with planted bad rows is refused whole
with every problem reported by row and column."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fupin.core.exchange import open_tables
from fupin.core.exchange_write import write_tables
from fupin.core.models import AuditRecord
from fupin.ecommerce.datasets_linkages import LINKAGE_DATASET, LINKAGES, YEARS
from fupin.ecommerce.models import Linkage, LinkageYear
from fupin.households.models import EconomyYear
from tests import factories
from tests.ecommerce_linkage_helpers import COUNTY, credit_code, enterprise

D = Decimal


def _write(path, fmt, linkages, years):
    write_tables(path, fmt, [LINKAGES, YEARS],
                 {"linkages": iter(linkages), "linkage_years": iter(years)})
    return path


def _read(path):
    out = {}
    for name, source in open_tables(path, [LINKAGES, YEARS]).items():
        headers, rows = source.read()
        out[name] = (list(headers), [list(v) for _, v in rows])
    return out


def _path(tmp_path, name, fmt):
    return tmp_path / (f"{name}.xlsx" if fmt == "xlsx" else name)


@pytest.mark.parametrize("fmt", ["csv", "parquet", "xlsx"])
def test_round_trip_is_identical_and_moves_the_economy(tree, tmp_path, fmt):
    a = factories.household(household_id="HA", economy=[{"year": 2021, "wage": 9000}])
    b = factories.household(household_id="HB")
    e1, e2 = enterprise(), enterprise()
    linkages = [["LK-1", a.household_id, e1.credit_code, "shares", dt.date(2020, 3, 1), None],
                ["LK-2", b.household_id, e2.credit_code, "land_hiring", dt.date(2019, 1, 1),
                 dt.date(2021, 6, 30)]]
    years = [["LK-1", 2021, D("0.00"), D("0.00"), D("1500.00"), D("0.00")],
             ["LK-2", 2020, D("0.00"), D("8000.00"), D("0.00"), D("1200.00")],
             ["LK-2", 2021, D("0.00"), D("4000.00"), D("0.00"), D("600.00")]]
    source = _write(_path(tmp_path, "in", fmt), fmt, linkages, years)
    outcome = LINKAGE_DATASET.run_import(source, actor="test", scope=COUNTY)
    assert outcome.ok, outcome.report.first
    assert outcome.counts == {"linkages": 2, "linkage_years_changed": 3}
    assert EconomyYear.objects.get(household=a, year=2021).property == D(1500)
    assert EconomyYear.objects.get(household=b, year=2020).wage == D(8000)
    exported = _path(tmp_path, "out", fmt)
    LINKAGE_DATASET.run_export(exported, fmt, actor="test", scope=COUNTY, masked=False)
    assert _read(exported) == _read(source)
    records = AuditRecord.objects.count()
    again = LINKAGE_DATASET.run_import(exported, actor="test", scope=COUNTY)
    assert again.counts == {"linkages": 2, "linkage_years_changed": 0}
    assert AuditRecord.objects.count() == records
    second = _path(tmp_path, "out2", fmt)
    LINKAGE_DATASET.run_export(second, fmt, actor="test", scope=COUNTY, masked=False)
    assert _read(second) == _read(exported)


def test_planted_bad_rows_are_refused_whole(tree, tmp_path):
    mine = factories.household(household_id="HM", economy=[{"year": 2021, "wage": 9000}])
    theirs = factories.household(factories.OTHER_COUNTY_VILLAGE, household_id="HT")
    ent = enterprise()
    start = dt.date(2021, 1, 1)
    linkages = [
        ["OK-1", mine.household_id, ent.credit_code, "shares", start, None],       # row 2
        ["BAD-1", "NOBODY", ent.credit_code, "shares", start, None],               # 3
        ["BAD-2", theirs.household_id, ent.credit_code, "shares", start, None],    # 4
        ["BAD-3", mine.household_id, ent.credit_code, "shares", start,
         dt.date(2020, 12, 31)],                                                  # 5
        ["BAD-4", mine.household_id, "913100000000000000", "shares", start, None],  # 6
        ["BAD-5", mine.household_id, credit_code(99999), "shares", start, None],   # 7
        ["OK-1", mine.household_id, ent.credit_code, "employment", start, None],   # 8
    ]
    years = [
        ["OK-1", 2021, D(0), D(0), D(100), D(0)],                                  # 2
        ["OK-1", 2021, D(0), D(0), D(200), D(0)],                                  # 3
        ["OK-1", 2020, D(0), D(0), D(1), D(0)],                                    # 4
        ["NOPE", 2021, D(0), D(0), D(1), D(0)],                                    # 5
    ]
    path = _write(tmp_path / "bad", "csv", linkages, years)
    # A negative amount cannot be written by the exchange's writer: plant it in the text.
    text = (path / "linkage_years.csv").read_text(encoding="utf-8")
    (path / "linkage_years.csv").write_text(text + "OK-1,2019,0,-5,0,0\n", encoding="utf-8")
    outcome = LINKAGE_DATASET.run_import(path, actor="test", scope=COUNTY)
    assert not outcome.ok
    assert outcome.counts is None
    found = {(p[0].split(":")[0].split("/")[-1], p[1], p[5]) for p in outcome.report.first}
    expected = {
        ("linkages.csv", 3, "unknown_household"), ("linkages.csv", 4, "outside_region"),
        ("linkages.csv", 5, "end_before_start"), ("linkages.csv", 6, "credit_code"),
        ("linkages.csv", 7, "unknown_enterprise"), ("linkages.csv", 8, "duplicate"),
        ("linkage_years.csv", 3, "duplicate"), ("linkage_years.csv", 4, "outside_period"),
        ("linkage_years.csv", 5, "unknown_linkage"), ("linkage_years.csv", 6, "negative"),
    }
    assert expected <= found, sorted(found - expected)
    assert not Linkage.objects.exists()
    assert not LinkageYear.objects.exists()
    assert EconomyYear.objects.get(household=mine, year=2021).property == 0
