"""Benefit linkages keep the household's economy in step (ADR 0042): recording or changing a
linkage year moves the economy row by the difference, every other writer of the economy is
refused below the linkage parts, and the monitoring explanation says when linkage income lifted
a household above the line."""

from __future__ import annotations

import csv
from decimal import Decimal

import pytest
from django.urls import reverse

from fupin.core.access import Scope
from fupin.core.errors import NotFound, ValidationFailed
from fupin.core.models import AuditRecord
from fupin.ecommerce.models import LinkageYear
from fupin.ecommerce.services.linkages import record_linkage_years
from fupin.households import services as household_services
from fupin.households.exporter import export_snapshot
from fupin.households.importer import run_import
from fupin.households.models import EconomyYear
from fupin.monitoring import services as monitoring
from fupin.monitoring.models import Assessment
from tests import factories
from tests.ecommerce_linkage_helpers import COUNTY, enterprise, linkage

D = Decimal


def _economy(household, year):
    return EconomyYear.objects.get(household=household, year=year)


def test_linkage_years_move_the_economy_by_the_difference(tree):
    household = factories.household(economy=[{"year": 2021, "wage": 20000, "property": 100}])
    other = factories.household()  # no economy row for 2021 yet
    ent = enterprise()
    a, b = linkage(household, ent), linkage(other, ent, form="employment")
    changed = record_linkage_years(actor="test", scope=COUNTY, rows=[
        {"linkage": a, "year": 2021, "dividends": "1200", "rent": "300",
         "purchase_value": "500"},
        {"linkage": b.code, "year": 2021, "wages": "9000"},
    ])
    assert changed == 2
    e = _economy(household, 2021)
    assert (e.wage, e.operating, e.property) == (D(20000), D(500), D(1600))
    assert _economy(other, 2021).wage == D(9000)  # created
    # A change moves the economy by the difference, not by the new amount.
    record_linkage_years(actor="test", scope=COUNTY, rows=[
        {"linkage": a, "year": 2021, "dividends": "200", "rent": "300", "purchase_value": 0}])
    e = _economy(household, 2021)
    assert (e.wage, e.operating, e.property) == (D(20000), D(0), D(600))
    # The same amounts again change nothing and write no audit record.
    records = AuditRecord.objects.count()
    assert record_linkage_years(actor="test", scope=COUNTY, rows=[
        {"linkage": a, "year": 2021, "dividends": "200", "rent": "300"}]) == 0
    assert AuditRecord.objects.count() == records
    actions = set(AuditRecord.objects.values_list("action", flat=True))
    assert {"ecommerce.record_linkage", "ecommerce.record_linkage_year",
            "households.adjust_economy"} <= actions


def test_a_bad_row_refuses_the_whole_batch(tree):
    household = factories.household(economy=[{"year": 2021, "wage": 20000}])
    lk = linkage(household, enterprise(), started_on="2021-01-01", ended_on="2021-12-31")
    good = {"linkage": lk, "year": 2021, "dividends": 100}
    for bad, error in [({"linkage": lk, "year": 2022, "dividends": 1}, ValidationFailed),
                       ({"linkage": lk, "year": 2021, "dividends": 5}, ValidationFailed),
                       ({"linkage": "NOPE", "year": 2021}, NotFound)]:
        with pytest.raises(error):
            record_linkage_years(actor="test", scope=COUNTY, rows=[good, bad])
        assert not LinkageYear.objects.exists()
        assert _economy(household, 2021).property == 0
    with pytest.raises(ValidationFailed):
        record_linkage_years(actor="test", scope=COUNTY,
                             rows=[{"linkage": lk, "year": 2021, "wages": "-5"}])


def test_another_county_is_refused_as_not_found(tree):
    there = factories.household(factories.OTHER_COUNTY_VILLAGE)
    with pytest.raises(NotFound):
        linkage(there, enterprise())
    here = factories.household()
    lk = linkage(here, enterprise())
    with pytest.raises(NotFound):
        record_linkage_years(actor="test", scope=Scope("513436"),
                             rows=[{"linkage": lk, "year": 2021, "wages": 1}])
    with pytest.raises(ValidationFailed):
        linkage(here, enterprise(), started_on="2021-05-01", ended_on="2021-04-30")


def test_the_economy_form_is_refused_below_the_linkage_part(tree):
    household = factories.household(economy=[{"year": 2021, "wage": 20000}])
    lk = linkage(household, enterprise())
    record_linkage_years(actor="test", scope=COUNTY,
                         rows=[{"linkage": lk, "year": 2021, "dividends": 3000}])
    with pytest.raises(ValidationFailed, match="linkage"):
        household_services.record_economy_year(actor="test", household=household, year=2021,
                                               wage=20000, property=2999)
    household_services.record_economy_year(actor="test", household=household, year=2021,
                                           wage=20000, property=3000)
    assert _economy(household, 2021).property == D(3000)


def _rewrite_property(folder, household_id, value):
    path = folder / "economy.csv"
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    col = rows[0].index("property")
    for row in rows[1:]:
        if row[0] == household_id:
            row[col] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)


def test_a_registry_import_below_the_linkage_part_is_refused_whole(tree, tmp_path):
    household = factories.household(economy=[{"year": 2021, "wage": 20000}])
    lk = linkage(household, enterprise())
    record_linkage_years(actor="test", scope=COUNTY,
                         rows=[{"linkage": lk, "year": 2021, "rent": 2500}])
    folder = tmp_path / "snap"
    export_snapshot(folder, "csv", actor="test", scope=Scope.nation())
    _rewrite_property(folder, household.household_id, "1000")
    outcome = run_import(folder, actor="test", scope=Scope.nation())
    assert not outcome.ok
    assert not outcome.committed
    problems = [p for p in outcome.report.first if p[5] == "below_recorded_part"]
    assert [(p[1], p[3]) for p in problems] == [(2, "1000.00")]  # row 2, the property cell
    assert _economy(household, 2021).property == D(2500)
    # At or above the part, the survey's figure replaces the row (the part stays inside it).
    _rewrite_property(folder, household.household_id, "2600")
    assert run_import(folder, actor="test", scope=Scope.nation()).ok
    assert _economy(household, 2021).property == D(2600)


def test_dividends_lift_a_household_above_the_line_and_the_run_says_so(client, tree):
    # Two members, 8,000 yuan: 4,000 per person, below the 2021 monitoring line of 6,000.
    household = factories.household(economy=[{"year": 2021, "wage": 8000}])
    first = monitoring.run_monitoring(actor="test", year=2021, scope=COUNTY).run
    assert "INCOME_BELOW_LINE" in Assessment.objects.get(run=first, household=household).rules
    lk = linkage(household, enterprise("阿布合作社"), form="shares")
    record_linkage_years(actor="test", scope=COUNTY,
                         rows=[{"linkage": lk, "year": 2021, "dividends": 5000}])
    second = monitoring.run_monitoring(actor="test", year=2021, scope=COUNTY)
    assert second.created  # the economy changed, so the run's input did
    assert not Assessment.objects.filter(run=second.run, household=household,
                                         rules__contains="INCOME_BELOW_LINE").exists()
    client.force_login(factories.make_user("county_officer", "513431000000"))
    html = client.get(reverse("monitoring-household-assessment",
                              args=[household.household_id]), HTTP_ACCEPT_LANGUAGE="en"
                      ).content.decode()
    lift = html.split('id="income-lift"', 1)[1].split("</div>", 1)[0]
    assert 'data-lifted="1"' in lift
    for words in ("阿布合作社", "4,000", "6,500", "6,000"):  # who; without, with; the line
        assert words in lift


def test_list_and_household_section_queries_are_pinned(client, tree,
                                                       django_assert_max_num_queries):
    ent = enterprise("乃托合作社")
    households = [factories.household(economy=[{"year": 2021, "wage": 9000}]) for _ in range(6)]
    rows = []
    for h in households:
        for form in ("shares", "employment"):
            rows.append({"linkage": linkage(h, ent, form=form), "year": 2021, "wages": 100,
                         "dividends": 50})
    record_linkage_years(actor="test", scope=COUNTY, rows=rows)
    client.force_login(factories.make_user("county_officer", "513431000000"))
    with django_assert_max_num_queries(12):
        page = client.get(reverse("linkage-list"), {"year": "2021", "form": "shares"})
    assert page.content.decode().count("乃托合作社") == 6
    with django_assert_max_num_queries(12):
        section = client.get(reverse("ecommerce-household-linkages",
                                     args=[households[0].household_id]),
                             HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert section.count("乃托合作社") == 2
    economy = section.split('id="linkage-economy"', 1)[1]
    plain = economy.replace(",", "")
    assert "200 / 9200" in plain  # wages: 200 of the 9,200 wage income
    assert "100 / 100" in plain  # dividends: all of the property income
    page = client.get(reverse("household-detail", args=[households[0].household_id])).content
    assert reverse("ecommerce-household-linkages",
                   args=[households[0].household_id]).encode() in page
