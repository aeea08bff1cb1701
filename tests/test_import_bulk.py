"""The set-based import (ADR 0051): one batch record per village proves every row written,
`fupin audit verify` names a tampered one, and only new identity numbers are encrypted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from fupin.core import audit
from fupin.core.access import Scope
from fupin.core.models import AuditBatchRow, AuditRecord
from fupin.households.exporter import write_generated
from fupin.households.importer import IMPORT_ACTION, run_import
from fupin.households.models import EconomyYear, Household, Member
from fupin_engine.generate import generate
from tests import factories

VILLAGES = [factories.HOME_VILLAGE, "513431100204", factories.OTHER_TOWNSHIP_VILLAGE]


def _generated(tmp_path: Path, n: int = 30, seed: int = 5) -> Path:
    folder = tmp_path / f"gen{seed}"
    write_generated(folder, "csv", generate(county_code="513431000000", villages=VILLAGES,
                                            households=n, years=[2020, 2021], seed=seed))
    return folder


def _rewrite(path: Path, change) -> None:
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(",")
    rows = [dict(zip(header, line.split(","), strict=True)) for line in lines[1:]]
    change(rows)
    path.write_text("\n".join([",".join(header), *(",".join(r[h] for h in header)
                                                   for r in rows)]) + "\n", encoding="utf-8")


def test_first_import_is_one_batch_record_per_village_holding_every_row(tree, tmp_path):
    folder = _generated(tmp_path)
    before = AuditRecord.objects.count()
    outcome = run_import(folder, actor="test", scope=Scope.nation())
    assert outcome.ok
    batches = list(AuditRecord.objects.filter(seq__gt=before, action=IMPORT_ACTION))
    villages = set(Household.objects.values_list("village_id", flat=True))
    assert {b.division_code for b in batches} == villages
    assert len(batches) == len(villages)
    rows = AuditBatchRow.objects.filter(record__in=[b.seq for b in batches])
    written = Household.objects.count() + Member.objects.count() + EconomyYear.objects.count()
    assert rows.count() == written == sum(b.after["batch"]["rows"] for b in batches)
    # Every row sits under its own village's record.
    for row in rows.filter(object_type="households.household"):
        assert row.payload["division_code"] == row.record.division_code
        assert row.payload["action"] == "households.import_create"
    # Personal data only in stored form: no ciphertext, no keyed hash in the ledger.
    member = rows.filter(object_type="households.member").first()
    assert "id_number_encrypted" not in member.payload["after"]
    assert "id_number_hash" not in member.payload["after"]
    assert outcome.counts.audit_records == len(batches) + AuditRecord.objects.filter(
        seq__gt=before, action="households.import_state").count()
    assert audit.verify().ok


def test_a_tampered_row_of_an_import_batch_is_named_by_audit_verify(tree, tmp_path):
    folder = _generated(tmp_path)
    assert run_import(folder, actor="test", scope=Scope.nation()).ok
    row = (AuditBatchRow.objects.filter(object_type="households.economyyear")
           .order_by("record_id", "position")[3])
    payload = dict(row.payload)
    payload["after"] = {**payload["after"], "wage": "1.00"}
    with connection.cursor() as cur:
        cur.execute("UPDATE core_auditbatchrow SET payload = %s WHERE id = %s",
                    [json.dumps(payload), row.pk])
    result = audit.verify()
    assert not result.ok
    assert result.broken_seq == row.record_id
    with pytest.raises(CommandError) as exc:
        call_command("audit", "verify")
    message = str(exc.value)
    assert f"{row.position:,}" in message
    assert f"households.economyyear {row.object_id}" in message


def test_only_new_numbers_are_encrypted_and_changes_are_batched(tree, tmp_path):
    folder = _generated(tmp_path)
    assert run_import(folder, actor="test", scope=Scope.nation()).ok
    stored = dict(Member.objects.values_list("id_number_hash", "id_number_encrypted"))
    renamed: list[str] = []

    def rename(rows):
        person = next(r for r in rows if r["relation"] != "head")
        person["name"] += "甲"
        renamed.append(person["id_number"])

    _rewrite(folder / "members.csv", rename)
    before = AuditRecord.objects.count()
    outcome = run_import(folder, actor="test", scope=Scope.nation())
    assert outcome.counts.members_changed == 1
    assert outcome.counts.members_new == outcome.counts.households_new == 0
    # Existing members keep their ciphertext (nothing re-encrypted, nothing decrypted).
    assert dict(Member.objects.values_list("id_number_hash", "id_number_encrypted")) == stored
    (batch,) = AuditRecord.objects.filter(seq__gt=before, action=IMPORT_ACTION)
    (row,) = batch.batch_rows.all()
    assert row.change == "changed"
    assert row.payload["action"] == "households.import_update_member"
    assert row.payload["after"]["name"] == row.payload["before"]["name"] + "甲"
    member = Member.objects.get(pk=int(row.object_id))
    assert member.reveal_id_number() == renamed[0]


def test_a_member_moving_between_households_of_the_file_is_moved_not_removed(tree, tmp_path):
    folder = _generated(tmp_path)
    assert run_import(folder, actor="test", scope=Scope.nation()).ok
    moved: dict[str, str] = {}

    def move(rows):
        child = next(r for r in rows if r["relation"] == "child")
        other = next(r["household_id"] for r in rows
                     if r["household_id"] != child["household_id"])
        moved.update(number=child["id_number"], to=other)
        child["household_id"] = other

    _rewrite(folder / "members.csv", move)
    outcome = run_import(folder, actor="test", scope=Scope.nation())
    assert outcome.ok
    assert outcome.counts.members_changed == 1
    assert outcome.counts.members_removed == 0
    assert outcome.counts.members_new == 0
    person = next(m for m in Member.objects.select_related("household")
                  if m.reveal_id_number() == moved["number"])
    assert person.household.household_id == moved["to"]
