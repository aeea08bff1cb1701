"""`fupin backup` / `fupin restore` (ADR 0052): a backup restored into a fresh database gives the
same households and a ledger that verifies; a wrong key is named; a non-empty target is kept."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection, transaction

from fupin.core import audit
from fupin.core.models import AuditRecord
from fupin.households.models import Member
from tests import factories
from tests.conftest import run
from tests.test_exchange_process import sql

pytestmark = pytest.mark.django_db(transaction=True)

TABLES = ("households_household", "households_member", "core_auditbatchrow")


def _source_url() -> str:
    """The test database as a URL, read with the same raw driver as the restored one."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def backup_file(tmp_path):
    factories.make_tree()
    for _ in range(3):
        factories.household()
    with transaction.atomic():
        audit.record_batch(actor="system:test", action="households.import",
                           object_type="core.exchangejob", object_id="1", summary={"new": 4},
                           rows=[audit.BatchRow("households.member", f"H{i}/1", "new",
                                                {"n": i}) for i in range(4)])
    out = tmp_path / "backups" / "fupin.backup"
    call_command("backup", "--out", str(out))
    assert out.stat().st_mode & 0o777 == 0o600
    last = AuditRecord.objects.order_by("-seq").first()
    assert (last.action, last.after["file"]) == ("core.backup", "fupin.backup")
    return out


def test_backup_restores_into_a_fresh_database_identically(backup_file, env, empty_database):
    out = run(["restore", str(backup_file)], env)
    assert "ledger intact" in out.stdout
    members = Member.objects.count()
    assert members >= 3
    assert f"FUPIN_DATA_KEY decrypts the {members} sampled values" in out.stdout
    for table in TABLES:
        source = sql(_source_url(), f"SELECT * FROM {table} ORDER BY id")
        assert source
        assert sql(empty_database, f"SELECT * FROM {table} ORDER BY id") == source, table
    verify = run(["audit", "verify"], env).stdout
    assert "ledger intact" in verify
    assert "batch rows proven: 4 rows under 1 batch records" in verify
    restored = sql(empty_database, "SELECT action FROM core_auditrecord ORDER BY seq")
    assert [a for (a,) in restored[-2:]] == ["core.backup", "core.restore"]


def test_restore_refuses_a_database_that_is_not_empty(backup_file, env, empty_database):
    run(["restore", str(backup_file)], env)
    again = run(["restore", str(backup_file)], env, check=False)
    assert again.returncode == 2
    assert "is not empty" in again.stderr
    assert "--force" in again.stderr
    forced = run(["restore", str(backup_file), "--force"], env)
    assert "ledger intact" in forced.stdout
    # Forced: the database is the backup again (one restore record, not two).
    actions = [a for (a,) in sql(empty_database, "SELECT action FROM core_auditrecord")]
    assert actions.count("core.restore") == 1


def test_wrong_data_key_fails_the_check_naming_the_key(backup_file, env, empty_database):
    env["FUPIN_DATA_KEY"] = Fernet.generate_key().decode()
    out = run(["restore", str(backup_file)], env, check=False)
    assert out.returncode == 1
    assert "FUPIN_DATA_KEY does not decrypt the restored personal data (households.member #" \
        in out.stderr
    # Restored nonetheless (with the right key the operator can use it); not recorded.
    assert sql(empty_database, "SELECT count(*) FROM households_household")[0][0] == 3
    assert sql(empty_database, "SELECT count(*) FROM core_auditrecord WHERE action = "
                               "'core.restore'")[0][0] == 0


def test_wrong_ledger_key_fails_the_check_naming_the_key(backup_file, env):
    env["FUPIN_LEDGER_KEY"] = "another-ledger-key-0123456789abcdefghijkl"
    out = run(["restore", str(backup_file)], env, check=False)
    assert out.returncode == 1
    assert "FUPIN_LEDGER_KEY is not the key this ledger was written with" in out.stderr


def test_tampered_backup_fails_the_check(backup_file, env, empty_database, tmp_path):
    """A batch row altered in the backup: the restore names it."""
    run(["restore", str(backup_file)], env)
    target = tmp_path / "tampered.backup"
    sql(empty_database, "UPDATE core_auditbatchrow SET payload = '{\"n\": 9}' "
                        "WHERE position = 3 RETURNING id")
    run(["backup", "--out", str(target)], env)
    out = run(["restore", str(target), "--force"], env, check=False)
    assert out.returncode == 1
    assert "row 3 of batch record #" in out.stderr
    assert "(households.member H2/1): digest does not match its content" in out.stderr
