"""Imports and exports started from the screens: services that create jobs, and the tasks
the worker runs (django-tasks, database backend)."""

from __future__ import annotations

import shutil
import uuid
import zipfile
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from fupin.core import audit, progress
from fupin.core.errors import Conflict, ValidationFailed
from fupin.core.exchange import FORMATS
from fupin.households.exporter import export_snapshot
from fupin.households.importer import SnapshotImporter
from fupin.households.models import ExchangeJob

TABLE_FILES = {f"{name}.{ext}" for names in (("households", "农户"), ("members", "家庭成员"),
                                             ("economy", "收支"))
               for name in names for ext in ("csv", "parquet")}
MAX_UNPACKED = 4 * 1024 ** 3  # a zip bomb stops here


def _job_folder() -> Path:
    folder = Path(settings.FUPIN_EXCHANGE_DIR) / uuid.uuid4().hex
    folder.mkdir(parents=True)
    return folder


def _unpack(upload_path: Path, folder: Path) -> Path:
    """Unpack the snapshot tables of a .zip (flat or in one folder); nothing else."""
    target = folder / "snapshot"
    target.mkdir()
    total = 0
    with zipfile.ZipFile(upload_path) as zf:
        for info in zf.infolist():
            name = Path(info.filename).name
            if info.is_dir() or name not in TABLE_FILES:
                continue
            total += info.file_size
            if total > MAX_UNPACKED:
                raise ValidationFailed("the zip file unpacks to more than 4 GB")
            with zf.open(info) as src, (target / name).open("wb") as dst:
                shutil.copyfileobj(src, dst)
    return target


def snapshot_path(job: ExchangeJob) -> Path:
    folder = Path(job.folder)
    return folder / "snapshot" if (folder / "snapshot").exists() else folder / job.filename


def start_import(*, actor, upload) -> ExchangeJob:
    """Save an uploaded workbook (.xlsx) or zip of CSV/Parquet files; queue its validation."""
    name = Path(upload.name).name
    suffix = Path(name).suffix.lower()
    if suffix not in {".xlsx", ".zip"}:
        raise ValidationFailed("upload an .xlsx workbook or a .zip of CSV or Parquet files")
    if upload.size > settings.FUPIN_MAX_UPLOAD_MB * 1024 * 1024:
        raise ValidationFailed(f"the file is larger than {settings.FUPIN_MAX_UPLOAD_MB} MB")
    folder = _job_folder()
    path = folder / name
    with path.open("wb") as fh:
        for chunk in upload.chunks():
            fh.write(chunk)
    if suffix == ".zip":
        try:
            _unpack(path, folder)
        except zipfile.BadZipFile as exc:
            raise ValidationFailed(f"{name} is not a readable zip file") from exc
    with transaction.atomic():
        job = ExchangeJob.objects.create(
            kind=ExchangeJob.Kind.IMPORT, division_code=actor.division_id, created_by=actor,
            filename=name, fmt=suffix.lstrip("."), folder=str(folder))
        audit.record(actor=actor, action="households.upload", object_type="households.job",
                     object_id=str(job.pk), division_code=job.division_code,
                     after={"filename": name, "size": upload.size})
        transaction.on_commit(lambda: validate_import.enqueue(job.pk))
    return job


def commit_import(*, actor, job: ExchangeJob) -> ExchangeJob:
    """Queue the write of a validated import (once: a second request is told it is done)."""
    with transaction.atomic():
        locked = ExchangeJob.objects.select_for_update().get(pk=job.pk)
        if locked.state != ExchangeJob.State.VALIDATED:
            raise Conflict(f"this import is {locked.get_state_display()}: it cannot be "
                           "committed now")
        locked.state = ExchangeJob.State.COMMITTING
        locked.save(update_fields=["state", "updated_at"])
        audit.record(actor=actor, action="households.commit_import",
                     object_type="households.job", object_id=str(job.pk),
                     division_code=job.division_code, after={"filename": job.filename})
        transaction.on_commit(lambda: run_commit.enqueue(job.pk))
    return locked


def start_export(*, actor, fmt: str, masked: bool) -> ExchangeJob:
    if fmt not in FORMATS:
        raise ValidationFailed(f"format must be one of {', '.join(FORMATS)}")
    folder = _job_folder()
    name = f"fupin-{actor.division_id}-{timezone.localdate():%Y%m%d}"
    name += ".xlsx" if fmt == "xlsx" else f"-{fmt}.zip"
    with transaction.atomic():
        job = ExchangeJob.objects.create(
            kind=ExchangeJob.Kind.EXPORT, division_code=actor.division_id, created_by=actor,
            filename=name, fmt=fmt, folder=str(folder), masked=masked,
            state=ExchangeJob.State.EXPORTING)
        transaction.on_commit(lambda: run_export.enqueue(job.pk))
    return job


def _prefix(job: ExchangeJob) -> str:
    return job.created_by.division.prefix


def _finish(job: ExchangeJob, state: str, **fields) -> None:
    for k, v in fields.items():
        setattr(job, k, v)
    job.state = state
    job.finished_at = timezone.now()
    job.save()
    progress.clear(progress.key("job", job.pk))


@task()
def validate_import(job_id: int) -> str:
    job = ExchangeJob.objects.select_related("created_by__division").get(pk=job_id)
    job.state = ExchangeJob.State.VALIDATING
    job.save(update_fields=["state", "updated_at"])
    reporter = progress.Reporter(progress.key("job", job.pk))
    importer = SnapshotImporter(snapshot_path(job), actor=job.created_by,
                                prefix=_prefix(job), progress=reporter)
    try:
        outcome = importer.validate()
    except ValidationFailed as exc:
        _finish(job, ExchangeJob.State.INVALID, message=str(exc), errors=1)
        return job.state
    finally:
        importer.close()
    try:
        outcome.report.write_csv(Path(job.folder) / "report.csv")
    finally:
        outcome.report.close()
    state = ExchangeJob.State.VALIDATED if outcome.ok else ExchangeJob.State.INVALID
    _finish(job, state, rows=outcome.rows, errors=outcome.report.errors,
            warnings=outcome.report.warnings)
    return state


@task()
def run_commit(job_id: int) -> str:
    job = ExchangeJob.objects.select_related("created_by__division").get(pk=job_id)
    reporter = progress.Reporter(progress.key("job", job.pk), job.rows)
    importer = SnapshotImporter(snapshot_path(job), actor=job.created_by,
                                prefix=_prefix(job), progress=reporter)
    try:
        # Validate again: the registry may have changed since the user looked.
        outcome = importer.validate()
        outcome.report.close()
        if not outcome.ok:
            _finish(job, ExchangeJob.State.INVALID, errors=outcome.report.errors,
                    message="the registry changed since validation; validate again")
            return job.state
        counts = importer.commit()
    except Exception as exc:
        _finish(job, ExchangeJob.State.FAILED, message=str(exc))
        raise
    finally:
        importer.close()
    _finish(job, ExchangeJob.State.COMMITTED, counts=counts.as_dict())
    return job.state


@task()
def run_export(job_id: int) -> str:
    job = ExchangeJob.objects.select_related("created_by__division").get(pk=job_id)
    reporter = progress.Reporter(progress.key("job", job.pk))
    folder = Path(job.folder)
    try:
        if job.fmt == "xlsx":
            counts = export_snapshot(folder / job.filename, "xlsx", actor=job.created_by,
                                     prefix=_prefix(job), mask_ids=job.masked,
                                     progress=reporter)
        else:
            data = folder / "snapshot"
            counts = export_snapshot(data, job.fmt, actor=job.created_by, prefix=_prefix(job),
                                     mask_ids=job.masked, progress=reporter)
            with zipfile.ZipFile(folder / job.filename, "w", zipfile.ZIP_DEFLATED) as zf:
                for f in sorted(data.iterdir()):
                    zf.write(f, f.name)
    except Exception as exc:
        _finish(job, ExchangeJob.State.FAILED, message=str(exc))
        raise
    _finish(job, ExchangeJob.State.EXPORTED, counts=counts.__dict__)
    return job.state
