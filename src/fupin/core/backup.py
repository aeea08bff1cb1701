"""Backup and restore of the database, with a check that the restored copy is usable (ADR 0052).

PostgreSQL: ``pg_dump -Fc`` / ``pg_restore`` (the binaries on PATH or under
/usr/lib/postgresql/*/bin). SQLite: the online backup API (``sqlite3.Connection.backup``), a
consistent copy while the product runs. Both write to a temporary file beside the target and
rename it, so a killed backup leaves no half file under the target's name.

A restore refuses a database holding tables unless forced, and then checks: the restored
ledger verifies (chain, batch rows, signed head, the anchors up to the restored head) and
FUPIN_DATA_KEY decrypts a sample of the encrypted personal data. Backup and restore each
append a ledger record. What a backup does NOT hold — FUPIN_DATA_KEY, FUPIN_LEDGER_KEY, the
anchors file, the evidence files — is listed in docs/operations.md.
"""

from __future__ import annotations

import glob
import os
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connection, transaction

from fupin.core import audit, crypto
from fupin.core.models import AuditChainHead, AuditRecord

#: Encrypted personal data (app label, model, field): a sample of each is decrypted after a
#: restore. Named by string so the platform imports no app.
ENCRYPTED_FIELDS = (
    ("households", "member", "id_number_encrypted"),
    ("accountability", "finding", "complainant_name"),
    ("accountability", "finding", "complainant_phone"),
)
#: Values decrypted per field: the first and the last rows by primary key.
SAMPLE = 10
SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"


class BackupError(Exception):
    """A backup or restore that cannot be done (the message says why and what to do)."""


class RestoreCheckFailed(BackupError):
    """The database was restored but is not usable as it stands (wrong key, broken ledger)."""


@dataclass
class RestoreReport:
    records: int = 0
    batch_rows: int = 0
    decrypted: int = 0
    head_seq: int = 0
    notes: list[str] = field(default_factory=list)


def _vendor() -> str:
    return connection.vendor


def pg_binary(name: str) -> str:
    """``pg_dump`` / ``pg_restore``: on PATH, else the newest /usr/lib/postgresql/*/bin."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit()
                        else 0)
    if not candidates:
        raise BackupError(f"{name} not found: install the PostgreSQL client tools "
                          "(postgresql-client) or put them on PATH")
    return candidates[-1]


def _pg_env() -> dict[str, str]:
    db = connection.settings_dict
    env = dict(os.environ)
    env.update(PGHOST=str(db.get("HOST") or "localhost"), PGPORT=str(db.get("PORT") or 5432),
               PGUSER=str(db.get("USER") or ""), PGDATABASE=str(db["NAME"]))
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])  # never on the command line
    return env


def _run(args: list[str]) -> None:
    proc = subprocess.run(args, env=_pg_env(), capture_output=True, text=True,  # noqa: S603
                          check=False)  # our own argv: a PostgreSQL binary and paths
    if proc.returncode != 0:
        raise BackupError(f"{Path(args[0]).name} failed (exit {proc.returncode}): "
                          f"{proc.stderr.strip()[-2000:]}")


def backup(out: Path, *, actor: str = "system:backup") -> int:
    """Write a backup of the whole database to ``out`` (mode 0600); return its size in bytes.

    The ledger record of the backup is written first, so the backup holds it.
    """
    out = Path(out)
    if out.is_dir():
        raise BackupError(f"{out} is a folder: name the backup file, e.g. {out}/fupin.backup")
    out.parent.mkdir(parents=True, exist_ok=True)
    with transaction.atomic():
        audit.record(actor=actor, action="core.backup", object_type="core.database",
                     object_id=str(connection.settings_dict["NAME"])[-64:],
                     after={"file": out.name, "database": _vendor()})
    fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        os.chmod(tmp, 0o600)
        if _vendor() == "postgresql":
            _run([pg_binary("pg_dump"), "-Fc", "--no-owner", "--no-privileges", "-f", str(tmp)])
        elif _vendor() == "sqlite":
            connection.ensure_connection()
            target = sqlite3.connect(tmp)
            try:
                connection.connection.backup(target)
            finally:
                target.close()
        else:
            raise BackupError(f"backup of a {_vendor()} database is not supported")
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return out.stat().st_size


def _kind(path: Path) -> str:
    with path.open("rb") as fh:
        head = fh.read(16)
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PGDUMP_MAGIC):
        return "postgresql"
    raise BackupError(f"{path} is neither a PostgreSQL custom-format dump nor a SQLite "
                      "database: not a fupin backup")


def restore(path: Path, *, force: bool = False, anchors: Path | None = None,
            actor: str = "system:restore") -> RestoreReport:
    """Restore ``path`` into the configured database, check it, and record the restore.

    Raises :class:`BackupError` before touching anything (not a backup, another database
    kind, a non-empty target without ``force``), :class:`RestoreCheckFailed` after restoring
    when the copy does not verify or the data key does not decrypt it.
    """
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path}: no such backup file")
    kind = _kind(path)
    if kind != _vendor():
        raise BackupError(f"{path} is a {kind} backup; this installation's database is "
                          f"{_vendor()}: restore it into a {kind} database")
    tables = connection.introspection.table_names()
    name = connection.settings_dict["NAME"]
    if tables and not force:
        raise BackupError(f"the target database {name} is not empty ({len(tables)} tables): "
                          "restore into a fresh database, or pass --force to replace "
                          "everything in it")
    if kind == "postgresql":
        _restore_postgres(path, wipe=bool(tables))
    else:
        _restore_sqlite(path)
    connection.close()
    report = check_restored(anchors)
    with transaction.atomic():
        audit.record(actor=actor, action="core.restore", object_type="core.database",
                     object_id=str(name)[-64:],
                     after={"file": path.name, "database": kind, "restored_head": report.head_seq,
                            "records": report.records, "decrypted_sample": report.decrypted})
    return report


def _restore_postgres(path: Path, *, wipe: bool) -> None:
    if wipe:
        with connection.cursor() as cur:
            cur.execute("DROP SCHEMA public CASCADE")
            cur.execute("CREATE SCHEMA public")
    connection.close()
    _run([pg_binary("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error",
          "--single-transaction", "-d", str(connection.settings_dict["NAME"]), str(path)])


def _restore_sqlite(path: Path) -> None:
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        connection.ensure_connection()
        source.backup(connection.connection)
    finally:
        source.close()


def _anchors_up_to(head_seq: int, anchors: Path | None, report: RestoreReport) -> Path:
    """A copy of the anchors file holding only the anchors the restored chain can meet.

    Anchors past the restored head were written after the backup: their records are lost
    with the restore, which the report says (each anchor line is signed on its own, so a
    subset still verifies)."""
    kept, later = [], 0
    for a in audit.read_anchors(anchors):
        if a.seq <= head_seq:
            kept.append(a.line)
        else:
            later += 1
    source = audit.anchors_path(anchors)
    lines = source.read_text(encoding="ascii").splitlines() if source.exists() else []
    fd, name = tempfile.mkstemp(prefix="fupin-anchors-", suffix=".log")
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.writelines(lines[n - 1] + "\n" for n in kept)
    if later:
        report.notes.append(
            f"{later} anchors of {source} name records after #{head_seq}, the restored head: "
            "those records were written after this backup and are not in it. Keep the old "
            f"anchors file aside and start a new one (`fupin audit anchor`).")
    return Path(name)


def _check_ledger_key() -> str:
    """A problem with FUPIN_LEDGER_KEY, named before walking the chain ("" when none)."""
    head = AuditChainHead.objects.filter(pk=1).first()
    keyed = AuditRecord.objects.filter(scheme=audit.SCHEME_HMAC).exists()
    key = audit.ledger_key()
    if keyed and key is None:
        return ("FUPIN_LEDGER_KEY is not set: the restored ledger is keyed; set the ledger key "
                "in use when the backup was taken, then run `fupin audit verify`")
    if key is not None and head is not None and head.mac and head.mac != audit.head_mac(
            key, head.seq, head.hash):
        return ("FUPIN_LEDGER_KEY is not the key this ledger was written with (the signed head "
                "does not match): set the ledger key in use when the backup was taken, then "
                "run `fupin audit verify`")
    return ""


def _check_data_key() -> tuple[int, str]:
    """Decrypt a sample of each encrypted field: (values decrypted, "" or the problem)."""
    done = 0
    for app_label, model_name, field_name in ENCRYPTED_FIELDS:
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            continue
        rows = model._default_manager.exclude(**{field_name: ""}).order_by("pk")
        sample = [*rows.values_list("pk", field_name)[:SAMPLE],
                  *reversed(rows.order_by("-pk").values_list("pk", field_name)[:SAMPLE])]
        for pk, token in dict(sample).items():
            try:
                crypto.decrypt(token)
            except ImproperlyConfigured as exc:
                missing = "is not set" in str(exc)
                what = ("FUPIN_DATA_KEY is not set" if missing else
                        "FUPIN_DATA_KEY does not decrypt the restored personal data")
                return done, (f"{what} ({app_label}.{model_name} #{pk}, {field_name}): set "
                              "FUPIN_DATA_KEY to the data key in use when the backup was taken "
                              "(after a rotation, list the new key first and the old one after "
                              "it)")
            done += 1
    return done, ""


def check_restored(anchors: Path | None = None) -> RestoreReport:
    """The restored database is usable: its ledger verifies and the data key decrypts it."""
    report = RestoreReport()
    try:
        head = AuditChainHead.objects.filter(pk=1).first()
        report.head_seq = head.seq if head else 0
        problems = [p for p in (_check_ledger_key(),) if p]
        decrypted, data_problem = _check_data_key()
        report.decrypted = decrypted
        if data_problem:
            problems.append(data_problem)
        if not problems:
            subset = _anchors_up_to(report.head_seq, anchors, report)
            try:
                result = audit.verify(anchors=subset)
            finally:
                subset.unlink(missing_ok=True)
            if not result.ok:
                where = f" at record #{result.broken_seq}" if result.broken_seq else ""
                problems.append(f"the restored ledger does not verify{where}: {result.reason}")
            report.records, report.batch_rows = result.checked, result.batch_rows
    except DatabaseError as exc:
        raise RestoreCheckFailed(
            f"the restored database does not match this version of fupin ({exc}): run "
            "`fupin migrate`, then `fupin audit verify`") from exc
    if problems:
        raise RestoreCheckFailed("restored, but the check failed: " + "; ".join(problems))
    return report
