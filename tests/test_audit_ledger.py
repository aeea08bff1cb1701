"""The ledger proves itself: any altered, inserted or deleted row breaks verification."""

import itertools

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from fupin.core import audit
from fupin.core.models import AuditRecord
from tests import factories


@pytest.fixture
def ledger(tree):
    for _ in range(3):
        factories.household()
    assert AuditRecord.objects.count() >= 9
    return list(AuditRecord.objects.order_by("seq"))


def test_intact_chain_verifies(ledger):
    result = audit.verify()
    assert result.ok
    assert result.checked == len(ledger)
    call_command("audit", "verify")


def test_every_record_links_to_the_previous_hash(ledger):
    assert ledger[0].prev_hash == audit.GENESIS
    for prev, rec in itertools.pairwise(ledger):
        assert rec.prev_hash == prev.hash
        assert rec.seq == prev.seq + 1


@pytest.mark.parametrize(("column", "value"), [
    ("actor_name", "'somebody else'"),
    ("action", "'households.update'"),
    ("after", "'{\"status\": \"general\"}'"),
    ("division_code", "'513436100201'"),
    ("created_at", "created_at"),  # same value rewritten: the chain still holds
])
def test_altering_a_row_is_named(ledger, column, value):
    target = ledger[4]
    with connection.cursor() as cur:
        cur.execute(f"UPDATE core_auditrecord SET {column} = {value} WHERE id = %s",
                    [target.pk])
    result = audit.verify()
    if column == "created_at":
        assert result.ok
        return
    assert not result.ok
    assert result.broken_seq == target.seq
    assert f"#{target.seq}" in result.reason
    assert "altered" in result.reason
    with pytest.raises(CommandError) as exc:
        call_command("audit", "verify")
    assert f"#{target.seq}" in str(exc.value)


def test_deleting_a_middle_row_is_named(ledger):
    with connection.cursor() as cur:
        cur.execute("DELETE FROM core_auditrecord WHERE id = %s", [ledger[2].pk])
    result = audit.verify()
    assert not result.ok
    assert f"#{ledger[2].seq} is missing" in result.reason


def test_deleting_the_last_row_is_named(ledger):
    with connection.cursor() as cur:
        cur.execute("DELETE FROM core_auditrecord WHERE id = %s", [ledger[-1].pk])
    result = audit.verify()
    assert not result.ok
    assert f"#{ledger[-1].seq}" in result.reason


def test_rewriting_a_row_with_a_fresh_hash_breaks_the_next_link(ledger):
    target = ledger[3]
    target.actor_name = "forger"
    target.hash = audit.compute_hash(target)
    with connection.cursor() as cur:
        cur.execute("UPDATE core_auditrecord SET actor_name = %s, hash = %s WHERE id = %s",
                    [target.actor_name, target.hash, target.pk])
    result = audit.verify()
    assert not result.ok
    assert result.broken_seq == target.seq + 1


@pytest.mark.django_db(transaction=True)
def test_record_refuses_to_run_outside_a_transaction():
    with pytest.raises(RuntimeError, match="inside the service's transaction"):
        audit.record(actor="test", action="x", object_type="t", object_id="1")
    assert AuditRecord.objects.count() == 0
