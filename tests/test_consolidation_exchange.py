"""The help register on the exchange (issue 18 item 4, docs/formats/help-register.md): import,
export and re-import give the same records in CSV, Parquet and XLSX; GB18030 is read; planted
bad rows are refused whole, each named by file, row, column and rule; a household outside the
importer's region answers like one that does not exist."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation

from fupin.consolidation.datasets import TABLES
from fupin.consolidation.models import HelpRecord
from fupin.core import datasets
from fupin.core.access import Scope
from fupin.core.models import AuditRecord
from fupin.households.models import Household
from tests import factories

COUNTY = Scope("513431")
DATASET = "help-register"
COLUMNS = [c.name for c in TABLES[0].columns]


@pytest.fixture
def officer(tree):
    factories.household(factories.HOME_VILLAGE, household_id="HA")
    factories.household(factories.OTHER_TOWNSHIP_VILLAGE, household_id="HB")
    factories.household(factories.OTHER_COUNTY_VILLAGE, household_id="HX")
    return factories.make_user("county_officer", "513431000000")


def good() -> list[dict]:
    return [
        {"household_id": "HA", "year": 2020, "type": "industry", "amount": "1200.50",
         "source": "县农业农村局", "description": "产业奖补"},
        {"household_id": "HA", "year": 2021, "type": "就业帮扶", "amount": "",
         "source": "县人社局", "description": "公益性岗位"},
        {"household_id": "HB", "year": 2021, "type": "finance", "amount": "50000",
         "source": "", "description": "小额信贷"},
    ]


def write_csv(folder: Path, rows: list[dict], encoding: str = "utf-8-sig") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "help.csv").open("w", encoding=encoding, newline="") as fh:
        out = csv.writer(fh)
        out.writerow(COLUMNS)
        for row in rows:
            out.writerow([row.get(c, "") for c in COLUMNS])
    return folder


def run(path, user):
    return datasets.get(DATASET).run_import(path, actor=user, scope=COUNTY)


def state() -> list[tuple]:
    return sorted(HelpRecord.objects.values_list(
        "household__household_id", "village_code", "year", "type", "amount", "source",
        "description"))


@pytest.mark.parametrize("fmt", ["csv", "parquet", "xlsx"])
def test_import_export_import_is_identical(officer, tmp_path, fmt):
    outcome = run(write_csv(tmp_path / "in", good()), officer)
    assert outcome.ok, list(outcome.report.rows())
    assert outcome.counts == {"help_new": 3, "help_changed": 0, "help_unchanged": 0}
    first = state()
    assert first[1][3:5] == ("employment", Decimal("0.00"))  # the Chinese word, empty = 0
    out = tmp_path / ("out.xlsx" if fmt == "xlsx" else "out")
    assert datasets.get(DATASET).run_export(out, fmt, actor=officer, scope=COUNTY,
                                            masked=True) == {"help": 3}
    before = AuditRecord.objects.count()
    again = run(out, officer)
    assert again.ok, list(again.report.rows())
    assert again.counts == {"help_new": 0, "help_changed": 0, "help_unchanged": 3}
    assert AuditRecord.objects.count() == before  # the same file twice writes nothing
    HelpRecord.objects.all().delete()
    assert run(out, officer).ok
    assert state() == first


def test_gb18030_and_a_changed_amount(officer, tmp_path):
    assert run(write_csv(tmp_path / "gbk", good(), encoding="gb18030"), officer).ok
    rows = good()
    rows[2]["amount"] = "30000"
    outcome = run(write_csv(tmp_path / "b", rows), officer)
    assert outcome.counts == {"help_new": 0, "help_changed": 1, "help_unchanged": 2}
    assert HelpRecord.objects.get(household__household_id="HB").amount == Decimal("30000.00")


def test_planted_bad_rows_refuse_the_whole_file(officer, tmp_path):
    rows = good()
    expected = set()

    def plant(column: str, rule: str, **change):
        rows.append({**good()[0], "source": f"planted{len(rows)}", **change})
        expected.add((len(rows) + 1, column, rule))

    plant("household_id", "unknown_household", household_id="NOPE")
    plant("household_id", "unknown_household", household_id="HX")  # another county
    plant("village_code", "other_village", village_code=factories.OTHER_TOWNSHIP_VILLAGE)
    plant("amount", "negative", amount="-5")
    plant("type", "enum", type="gift")
    plant("year", "future_year", year="2099")
    plant("year", "required", year="")
    rows.append(dict(good()[0]))
    expected.add((len(rows) + 1, "type", "duplicate"))
    with translation.override("en"):
        outcome = run(write_csv(tmp_path / "bad", rows), officer)
    assert not outcome.ok
    assert not outcome.committed
    found = {(int(r[1]), r[2], r[5]) for r in outcome.report.rows() if r[4] == "error"}
    assert found == expected
    assert all(r[0] == "help.csv" for r in outcome.report.rows())
    assert HelpRecord.objects.count() == 0


def test_every_record_written_is_audited_with_what_changed(officer, tmp_path):
    assert run(write_csv(tmp_path / "a", good()), officer).ok
    written = {str(pk): a for pk, a in HelpRecord.objects.values_list("pk", "amount")}
    audits = AuditRecord.objects.filter(action="consolidation.import_help")
    assert {a.object_id for a in audits} == set(written)
    assert all(a.before is None and Decimal(a.after["amount"]) == written[a.object_id]
               for a in audits)
    rows = good()
    rows[2]["amount"] = "30000"
    assert run(write_csv(tmp_path / "b", rows), officer).ok
    (changed,) = AuditRecord.objects.filter(action="consolidation.import_help").exclude(
        pk__in=[a.pk for a in audits])
    hb = HelpRecord.objects.get(household__household_id="HB")
    assert changed.object_id == str(hb.pk)
    assert (changed.before["amount"], changed.after["amount"]) == ("50000.00", "30000.00")


def test_a_household_that_moved_updates_its_records(officer, tmp_path):
    from fupin.consolidation import services

    hx = Household.objects.get(household_id="HX")  # recorded in the other county ...
    services.record_help(actor="test", household=hx, year=2020, type="industry",
                         amount=Decimal("100"), source="县农业农村局")
    Household.objects.filter(pk=hx.pk).update(village_id=factories.HOME_VILLAGE)  # ... moved
    rows = [{**good()[0], "household_id": "HX", "amount": "1300"}]
    outcome = run(write_csv(tmp_path / "b", rows), officer)
    assert outcome.ok, list(outcome.report.rows())
    assert outcome.counts == {"help_new": 0, "help_changed": 1, "help_unchanged": 0}
    assert state() == [("HX", factories.HOME_VILLAGE, 2020, "industry", Decimal("1300.00"),
                        "县农业农村局", "产业奖补")]


def test_only_the_county_imports_the_register(officer):
    dataset = datasets.get(DATASET)
    cadre = factories.make_user("village_cadre", factories.HOME_VILLAGE)
    assert officer.has_perms(dataset.import_permissions)
    assert not cadre.has_perms(dataset.import_permissions)
    assert cadre.has_perm("consolidation.manage_help")  # single rows on the village's screens
    for role in ("township_reviewer", "county_approver", "province_viewer"):
        user = factories.make_user(role, {"township_reviewer": factories.HOME_TOWNSHIP,
                                          "county_approver": "513431000000"}.get(
                                              role, "510000000000"))
        assert not user.has_perms(dataset.import_permissions), role


def test_a_row_recorded_as_a_case_measure_is_refused(officer, tmp_path):
    import datetime as dt

    from fupin.cases import services as cases
    from tests import cases_helpers

    household = Household.objects.get(household_id="HA")
    actors = cases_helpers.Actors()
    with cases_helpers.frozen(dt.datetime(2020, 2, 1, 2, 0, tzinfo=dt.UTC)) as traveller:
        case = cases_helpers.to_monitored(actors, traveller,
                                          cases_helpers.alert(actors, household))
        cases.add_measure(actor=actors.cadre, case=case, type="industry", description="产业",
                          responsible="王", start=dt.date(2020, 3, 1),
                          end=dt.date(2020, 12, 1))
    with translation.override("en"):
        outcome = run(write_csv(tmp_path / "a", good()), officer)
    assert not outcome.ok
    assert [(int(r[1]), r[2], r[5]) for r in outcome.report.rows()] == \
        [(2, "type", "case_measure")]
