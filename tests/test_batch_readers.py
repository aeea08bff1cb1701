"""Readers of the ledger see the rows of batch records (ADR 0052): an import writes ONE record
per village with its rows in the batch-row table, and who recorded a row, whether the registry
changed in a scope and a household's history must count those rows like per-row records."""

from __future__ import annotations

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fupin.core.access import Scope
from fupin.core.models import AuditBatchRow, AuditRecord
from fupin.households import services
from fupin.households.importer import run_import
from fupin.households.models import EconomyYear, Household
from fupin.monitoring.integrity import recording_cadres
from fupin.monitoring.services import input_state
from tests import factories
from tests.test_import_bulk import _generated, _rewrite

YEAR = 2021


def _bump_wage(folder, household_id: str, year: int) -> None:
    def change(rows):
        for r in rows:
            if r["household_id"] == household_id and r["year"] == str(year):
                r["wage"] = str(Decimal(r["wage"]) + 1000)
    _rewrite(folder / "economy.csv", change)


def test_recording_cadre_is_the_last_writer_of_the_row_imported_or_typed(tree, tmp_path):
    importer = factories.make_user("county_officer", "513431000000")
    typist = factories.make_user("village_cadre", factories.HOME_VILLAGE)
    folder = _generated(tmp_path)
    assert run_import(folder, actor=importer, scope=Scope.nation()).ok
    scope = Scope.nation()
    found = recording_cadres(scope, YEAR)
    with_year = set(EconomyYear.objects.filter(year=YEAR)
                    .values_list("household__household_id", flat=True))
    assert with_year
    assert set(found) == with_year
    assert set(found.values()) == {importer.get_username()}

    # A form after the import: that row's recorder is the typist (the later write).
    econ = (EconomyYear.objects.filter(year=YEAR, household__village_id=factories.HOME_VILLAGE)
            .select_related("household").order_by("pk").first())
    services.record_economy_year(actor=typist, household=econ.household, year=YEAR,
                                 wage=econ.wage + 1)
    found = recording_cadres(scope, YEAR)
    assert found[econ.household.household_id] == typist.get_username()
    assert {v for k, v in found.items() if k != econ.household.household_id} == {
        importer.get_username()}

    # A re-import changing the row after the form: the importer again (batch after per-row).
    _bump_wage(folder, econ.household.household_id, YEAR)
    outcome = run_import(folder, actor=importer, scope=Scope.nation())
    assert outcome.ok
    assert recording_cadres(scope, YEAR)[econ.household.household_id] == importer.get_username()


def test_recording_cadres_are_two_queries_per_chunk_whatever_the_batches(tree, tmp_path):
    importer = factories.make_user("county_officer", "513431000000")
    folder = _generated(tmp_path)
    assert run_import(folder, actor=importer, scope=Scope.nation()).ok
    with CaptureQueriesContext(connection) as once:
        recording_cadres(Scope.nation(), YEAR)
    for hid in Household.objects.values_list("household_id", flat=True)[:5]:
        _bump_wage(folder, hid, YEAR)
    assert run_import(folder, actor="another", scope=Scope.nation()).ok
    with CaptureQueriesContext(connection) as again:
        found = recording_cadres(Scope.nation(), YEAR)
    assert "another" in found.values()
    assert len(again) == len(once)


def test_input_state_moves_with_a_batch_import_in_scope_only(tree, tmp_path):
    home = Scope.of_code(factories.HOME_VILLAGE)
    other = Scope.of_code(factories.OTHER_TOWNSHIP_VILLAGE)
    folder = _generated(tmp_path)
    assert run_import(folder, actor="test", scope=Scope.nation()).ok
    before_home, before_other = input_state(home), input_state(other)
    assert not before_home.endswith(":empty")
    last = AuditRecord.objects.filter(division_code=factories.HOME_VILLAGE).latest("seq")
    assert AuditBatchRow.objects.filter(record=last).exists()
    assert before_home == f"{home.prefix}:{last.seq}:{last.hash}"

    # Only a household of the home village changes: one batch record there, none elsewhere.
    hid = (Household.objects.filter(village_id=factories.HOME_VILLAGE, economy__year=YEAR)
           .values_list("household_id", flat=True).first())
    _bump_wage(folder, hid, YEAR)
    assert run_import(folder, actor="test", scope=Scope.nation()).ok
    batch = AuditRecord.objects.latest("seq")
    while not AuditBatchRow.objects.filter(record=batch).exists():
        batch = AuditRecord.objects.filter(seq__lt=batch.seq).latest("seq")
    assert batch.division_code == factories.HOME_VILLAGE
    assert input_state(home) == f"{home.prefix}:{batch.seq}:{batch.hash}" != before_home
    assert input_state(other) == before_other


def _history(client, user, household: Household):
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("household-detail", args=[household.household_id]))
    assert response.status_code == 200
    return response.context["history"], len(queries)


def test_household_history_shows_the_import_rows_about_it(client, tree, tmp_path):
    importer = factories.make_user("county_officer", "513431000000")
    viewer = factories.make_user("county_officer", "513431000000",
                                 perms=["core.view_auditrecord"])
    folder = _generated(tmp_path)
    assert run_import(folder, actor=importer, scope=Scope.nation()).ok
    household = (Household.objects.filter(village_id=factories.HOME_VILLAGE,
                                          economy__year=YEAR).order_by("pk").first())
    history, first_queries = _history(client, viewer, household)
    objects = {("households.household", str(household.pk))}
    objects |= {("households.member", str(pk))
                for pk in household.members.values_list("pk", flat=True)}
    objects |= {("households.economyyear", str(pk))
                for pk in household.economy.values_list("pk", flat=True)}
    assert {(h["object_type"], h["object_id"]) for h in history} == objects
    batch = AuditRecord.objects.get(seq=history[0]["seq"])
    assert batch.division_code == household.village_id
    assert all(h["seq"] == batch.seq and h["actor_name"] == importer.get_username()
               and h["created_at"] == batch.created_at for h in history)
    assert {h["action"] for h in history} >= {"households.import_create",
                                              "households.import_add_member",
                                              "households.import_economy"}
    # No line about another household.
    others = set(AuditBatchRow.objects.filter(record=batch, object_type="households.household")
                 .exclude(object_id=str(household.pk)).values_list("object_id", flat=True))
    assert others
    assert not others & {h["object_id"] for h in history}

    # A form and a re-import later: newest first, the page's queries do not grow.
    econ = household.economy.get(year=YEAR)
    services.record_economy_year(actor=viewer, household=household, year=YEAR,
                                 wage=econ.wage + 1)
    _bump_wage(folder, household.household_id, YEAR)
    assert run_import(folder, actor=importer, scope=Scope.nation()).ok
    history, queries = _history(client, viewer, household)
    assert [h["seq"] for h in history] == sorted((h["seq"] for h in history), reverse=True)
    assert history[0]["action"] == "households.import_update_economy"
    assert history[0]["object_id"] == str(econ.pk)
    assert history[1]["action"] == "households.record_economy"
    assert history[1]["actor_name"] == viewer.get_username()
    assert queries == first_queries
    html = client.get(reverse("household-detail", args=[household.household_id])).content
    assert f"<td>{history[0]['seq']}</td>".encode() in html


def test_the_ledger_filtered_by_an_object_finds_the_batch_records_holding_it(client, tree,
                                                                             tmp_path):
    folder = _generated(tmp_path)
    assert run_import(folder, actor="test", scope=Scope.nation()).ok
    household = (Household.objects.filter(village_id=factories.HOME_VILLAGE)
                 .order_by("pk").first())
    member = household.members.order_by("pk").first()
    holding = set(AuditBatchRow.objects.filter(object_type="households.member",
                                               object_id=str(member.pk))
                  .values_list("record_id", flat=True))
    assert holding
    elsewhere = set(AuditRecord.objects.filter(batch_rows__isnull=False)
                    .exclude(seq__in=holding).values_list("seq", flat=True))
    assert elsewhere
    client.force_login(factories.make_user("county_officer", "513431000000"))
    html = client.get(reverse("audit-list"), {"object_type": "households.member",
                                              "object_id": str(member.pk)}).content.decode()
    for seq in holding:
        assert f'href="{reverse("audit-batch-rows", args=[seq])}"' in html
    for seq in elsewhere:
        assert f'href="{reverse("audit-batch-rows", args=[seq])}"' not in html
    # Type and number name ONE row together: the number of a row of another type is not it.
    other_type = client.get(reverse("audit-list"), {
        "object_type": "cases.case", "object_id": str(member.pk)}).content.decode()
    assert all(f'href="{reverse("audit-batch-rows", args=[seq])}"' not in other_type
               for seq in holding | elsewhere)
