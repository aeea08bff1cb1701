"""Fund performance (issue 13 item 5, ADR 0047): the negative list's rule, the named writes
with their audit records and region checks, and the figures the funds module scores from
(``fund_values``): execution-rate boundaries, the two-year window, planted negative-list
rows, and a fixed number of queries whatever the number of counties."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fupin.core.errors import NotFound, ValidationFailed
from fupin.core.models import AuditRecord
from fupin.evaluation.models import Allocation, Expenditure
from fupin.evaluation.services import funds as services
from fupin.evaluation.services.funds import county_figures, fund_values, negative_rule
from fupin.regions.models import Division
from tests import factories

COUNTY = "513431000000"
OTHER = "513436000000"


# --- the negative list -----------------------------------------------------------------------

@pytest.mark.parametrize(("category", "description", "payee", "rule", "hit"), [
    ("training", "电商培训讲师费", "县职业学校", "", ""),
    ("buildings", "", "某建筑公司", "category:buildings", None),
    ("trading_platform", "", "某软件公司", "category:trading_platform", None),
    ("land", "", "", "category:land", None),
    ("traffic", "", "", "category:traffic", None),
    ("staff_running", "", "", "category:staff_running", None),
    ("service_centre", "中心办公楼装修", "某装饰公司", "keyword:buildings", "办公楼"),
    ("logistics", "仓储用地征地补偿", "某村委会", "keyword:land", "征地"),
    ("brand_quality", "网店推广", "某平台购买流量服务", "keyword:traffic", "流量"),
    ("training", "培训中心人员工资", "", "keyword:staff_running", "工资"),
    ("supply_chain", "县级电商平台开发", "", "keyword:trading_platform", "平台开发"),
    # The category rule wins over a keyword of another item.
    ("land", "办公楼", "", "category:land", None),
])
def test_negative_rule(category, description, payee, rule, hit):
    found, note = negative_rule(category, description, payee)
    assert found == rule
    if hit is not None:
        assert note == hit
    if rule:
        assert note
    else:
        assert note == ""


# --- writes ----------------------------------------------------------------------------------

@pytest.fixture
def officer(tree):
    return factories.make_user("county_officer", COUNTY)


def _allocation(actor, county=COUNTY, **over):
    data = {"year": 2019, "end_year": 2020, "level": "central",
            "amount": Decimal("20000000.00"), "programme": "电子商务进农村综合示范",
            "document_no": f"财建〔2019〕{county[4:6]}号", "allocated_on": dt.date(2019, 5, 1),
            "disbursed": Decimal("20000000.00")}
    data.update(over)
    return services.record_allocation(actor=actor, county_code=county, **data)


def _project(actor, county=COUNTY, code="P1", year=2019, allocation=None, **over):
    data = {"name": "县级公共服务中心", "category": "service_centre",
            "budget": Decimal("3000000.00"), "implementing_unit": "县商务局",
            "state": "in_progress"}
    data.update(over)
    return services.add_project(actor=actor, county_code=county, year=year, code=code,
                                allocation=allocation, **data)


_vouchers = iter(range(1, 1_000_000))


def _spend(actor, project, amount, on=dt.date(2019, 6, 1), category="service_centre",
           description="设备采购", payee="某设备公司"):
    return services.add_expenditure(actor=actor, project=project, spent_on=on,
                                    category=category, amount=Decimal(amount), payee=payee,
                                    voucher_no=f"V{next(_vouchers):06d}",
                                    description=description)


def test_writes_are_audited_and_a_negative_list_expenditure_is_flagged(officer):
    before = AuditRecord.objects.count()
    allocation = _allocation(officer)
    project = _project(officer, allocation=allocation)
    ok = _spend(officer, project, "1000.00")
    flagged = _spend(officer, project, "5000.00", description="服务中心办公楼装修")
    assert ok.negative_list == ""
    assert (flagged.negative_list, flagged.negative_rule_note) == ("keyword:buildings", "办公楼")
    services.record_recovery(actor=officer, allocation=allocation, amount=Decimal("5000.00"),
                             recovered_on=dt.date(2021, 3, 1), document="县财〔2021〕3号")
    records = list(AuditRecord.objects.order_by("seq")[before:])
    assert [r.action for r in records] == [
        "evaluation.record_allocation", "evaluation.add_project", "evaluation.add_expenditure",
        "evaluation.add_expenditure", "evaluation.record_recovery"]
    assert {r.division_code for r in records} == {COUNTY}
    assert records[3].after["negative_list"] == "keyword:buildings"
    allocation.refresh_from_db()
    assert allocation.recovered == Decimal("5000.00")


def test_recording_the_same_document_again_corrects_it(officer):
    first = _allocation(officer)
    again = _allocation(officer, disbursed=Decimal("12000000.00"))
    assert again.pk == first.pk
    assert Allocation.objects.get().disbursed == Decimal("12000000.00")
    record = AuditRecord.objects.filter(action="evaluation.record_allocation").latest("seq")
    assert record.before["disbursed"] == "20000000.00"


def test_another_countys_officer_finds_nothing(officer):
    other = factories.make_user("county_officer", OTHER)
    with pytest.raises(NotFound):
        _allocation(other, county=COUNTY)
    project = _project(officer)
    before = AuditRecord.objects.count()
    with pytest.raises(NotFound):
        _spend(other, project, "10.00")
    assert AuditRecord.objects.count() == before
    assert not Expenditure.objects.exists()


@pytest.mark.parametrize(("change", "field"), [
    ({"end_year": 2018}, "end_year"),
    ({"disbursed": Decimal("20000000.01")}, "disbursed"),
    ({"amount": Decimal("-1.00"), "disbursed": Decimal(0)}, "amount"),
    ({"level": "township"}, "level"),
])
def test_a_bad_allocation_is_refused_naming_its_field(officer, change, field):
    with pytest.raises(ValidationFailed) as exc:
        _allocation(officer, **change)
    assert field in exc.value.errors
    assert not Allocation.objects.exists()


def test_allocation_of_a_township_is_refused(officer):
    with pytest.raises(ValidationFailed) as exc:
        services.record_allocation(actor="system:test", county_code="513431100000", year=2019,
                                   level="central", amount=Decimal(1), programme="x",
                                   document_no="d", allocated_on=dt.date(2019, 1, 1))
    assert "county_code" in exc.value.errors


def test_expenditure_rules(officer):
    project = _project(officer, year=2020)
    with pytest.raises(ValidationFailed) as exc:
        _spend(officer, project, "10.00", on=dt.date(2019, 12, 31))
    assert "spent_on" in exc.value.errors
    _spend(officer, project, "10.00", on=dt.date(2020, 1, 1))  # the project's first day
    done = Expenditure.objects.get()
    with pytest.raises(ValidationFailed) as exc:
        services.add_expenditure(actor=officer, project=project, spent_on=dt.date(2020, 2, 1),
                                 category="training", amount=Decimal(1), payee="x",
                                 voucher_no=done.voucher_no)
    assert "voucher_no" in exc.value.errors
    with pytest.raises(ValidationFailed):
        _spend(officer, project, "-0.01", on=dt.date(2020, 3, 1))
    with pytest.raises(ValidationFailed):
        _project(officer, code="P1")  # the code again in the county


def test_recovery_cannot_exceed_the_allocation(officer):
    allocation = _allocation(officer, amount=Decimal("100.00"), disbursed=Decimal("100.00"))
    services.record_recovery(actor=officer, allocation=allocation, amount=Decimal("100.00"),
                             recovered_on=dt.date(2021, 1, 1), document="d1")
    with pytest.raises(ValidationFailed):
        services.record_recovery(actor=officer, allocation=allocation, amount=Decimal("0.01"),
                                 recovered_on=dt.date(2021, 1, 2), document="d2")
    with pytest.raises(ValidationFailed):
        services.record_recovery(actor=officer, allocation=allocation, amount=Decimal(0),
                                 recovered_on=dt.date(2021, 1, 2), document="d3")


# --- fund_values: the funds module's contract -------------------------------------------------

def _grant(officer, amount="1000.00", county=COUNTY, year=2019, end_year=2020, doc="G"):
    return _allocation(officer, county=county, amount=Decimal(amount),
                       disbursed=Decimal(amount), year=year, end_year=end_year,
                       document_no=doc)


@pytest.mark.parametrize(("spent", "rate", "raw"), [
    ([], "0.0000", "0.0000"),
    (["999.99"], "1.0000", "1.0000"),  # 0.99999 rounds half up to 1.0000
    (["500.00", "500.00"], "1.0000", "1.0000"),
    (["333.33"], "0.3333", "0.3333"),
    (["1000.00", "0.01"], "1.0000", "1.0000"),
    (["1500.00"], "1.0000", "1.5000"),  # spent > allocated: the score's rate is capped
])
def test_execution_rate_boundaries(officer, spent, rate, raw):
    _grant(officer)
    project = _project(officer)
    for amount in spent:
        _spend(officer, project, amount)
    values = fund_values([COUNTY], 2020)[COUNTY]
    assert values["fund_execution_rate"] == Decimal(rate)
    assert str(values["fund_execution_rate"]) == rate
    assert county_figures([COUNTY], 2020)[COUNTY]["execution_rate"] == Decimal(raw)
    assert values["negative_list_expenditures"] == 0
    assert values["negative_list_amount"] == Decimal("0.00")


def test_nothing_allocated_has_no_execution_rate(officer):
    project = _project(officer)
    _spend(officer, project, "100.00", category="land")
    values = fund_values([COUNTY, OTHER], 2019)
    assert "fund_execution_rate" not in values[COUNTY]
    assert values[COUNTY]["negative_list_expenditures"] == 1
    assert values[COUNTY]["negative_list_amount"] == Decimal("100.00")
    assert values[OTHER] == {"negative_list_expenditures": Decimal(0),
                             "negative_list_amount": Decimal(0)}


def test_the_two_year_grant_counts_its_whole_period(officer):
    _grant(officer, amount="2000.00", year=2019, end_year=2020)
    project = _project(officer, year=2018)
    _spend(officer, project, "100.00", on=dt.date(2018, 12, 31))  # before the grant
    _spend(officer, project, "600.00", on=dt.date(2019, 1, 1))
    _spend(officer, project, "1000.00", on=dt.date(2020, 12, 31))
    _spend(officer, project, "400.00", on=dt.date(2021, 1, 1))  # after the grant
    assert fund_values([COUNTY], 2019)[COUNTY]["fund_execution_rate"] == Decimal("0.3000")
    assert fund_values([COUNTY], 2020)[COUNTY]["fund_execution_rate"] == Decimal("0.8000")
    # 2021: no open allocation, nothing to execute.
    assert "fund_execution_rate" not in fund_values([COUNTY], 2021)[COUNTY]
    figures = county_figures([COUNTY], 2020)[COUNTY]
    assert figures["window_start"] == 2019
    assert figures["spent"] == Decimal("1600.00")
    assert figures["unspent"] == Decimal("400.00")
    assert figures["by_level"]["central"] == Decimal("2000.00")


def test_a_closed_allocations_projects_do_not_execute_the_next_window(officer):
    grant = _grant(officer, amount="2000.00", year=2019, end_year=2020, doc="C")
    top_up = _allocation(officer, level="county", amount=Decimal("1000.00"),
                         disbursed=Decimal("1000.00"), year=2020, end_year=2021,
                         document_no="X")
    old = _project(officer, code="OLD", year=2019, allocation=grant)
    new = _project(officer, code="NEW", year=2020, allocation=top_up)
    loose = _project(officer, code="LOOSE", year=2020)
    _spend(officer, old, "1500.00", on=dt.date(2020, 5, 1))
    _spend(officer, new, "300.00", on=dt.date(2020, 6, 1))
    _spend(officer, new, "200.00", on=dt.date(2021, 6, 1))
    _spend(officer, loose, "100.00", on=dt.date(2021, 7, 1), category="traffic")
    # 2020: both open; everything from 2019 on counts.
    assert county_figures([COUNTY], 2020)[COUNTY]["spent"] == Decimal("1800.00")
    # 2021: only the top-up is open (window 2020–2021); the grant's project is another
    # period's money, the unlinked project counts.
    f = county_figures([COUNTY], 2021)[COUNTY]
    assert (f["allocated"], f["window_start"]) == (Decimal("1000.00"), 2020)
    assert f["spent"] == Decimal("600.00")
    assert f["execution_rate"] == Decimal("0.6000")
    assert (f["negative_count"], f["negative_amount"]) == (1, Decimal("100.00"))


def test_levels_add_up_and_each_has_its_own_line(officer):
    _grant(officer, amount="2000.00", doc="C")
    _allocation(officer, level="provincial", amount=Decimal("500.00"),
                disbursed=Decimal("250.00"), year=2020, end_year=2020, document_no="P")
    _allocation(officer, level="county", amount=Decimal("500.00"), disbursed=Decimal(0),
                year=2021, end_year=2021, document_no="X")  # not open in 2020
    f = county_figures([COUNTY], 2020)[COUNTY]
    assert f["allocated"] == Decimal("2500.00")
    assert f["by_level"] == {"central": Decimal("2000.00"), "provincial": Decimal("500.00"),
                             "county": Decimal("0.00")}
    assert f["disbursed"] == Decimal("2250.00")
    assert f["disbursement_rate"] == Decimal("0.9000")


def test_planted_negative_list_rows_reach_the_values(officer):
    _grant(officer, amount="10000.00")
    project = _project(officer)
    _spend(officer, project, "1000.00")
    _spend(officer, project, "200.00", category="traffic")
    _spend(officer, project, "300.50", description="人员工资")
    _spend(officer, project, "49.50", payee="征地补偿款专户")
    values = fund_values([COUNTY], 2020)[COUNTY]
    assert values["negative_list_expenditures"] == Decimal(3)
    assert values["negative_list_amount"] == Decimal("550.00")
    assert values["fund_execution_rate"] == Decimal("0.1550")  # flagged money was spent too


def test_fund_values_are_set_based(officer, django_assert_max_num_queries):
    counties = [f"5134{n:02d}000000" for n in range(40, 80)]
    Division.objects.bulk_create([Division(code=c, name=f"县{c[4:6]}", level="county",
                                           parent_id="513400000000") for c in counties])
    for code in counties[:20]:
        _allocation("system:test", county=code, amount=Decimal("100.00"),
                    disbursed=Decimal("100.00"), document_no=f"D{code}")
        project = _project("system:test", county=code)
        _spend("system:test", project, "10.00", category="land")
    with django_assert_max_num_queries(2):
        values = fund_values([*counties, COUNTY], 2020)
    assert len(values) == 41
    assert values[counties[0]]["fund_execution_rate"] == Decimal("0.1000")
    assert values[counties[0]]["negative_list_expenditures"] == 1
    assert "fund_execution_rate" not in values[counties[-1]]
