"""Exchange jobs: the services that start, commit, retry and download imports and exports of
any dataset (``fupin.core.datasets``), and the tasks the worker runs (django-tasks).

Every job ends: any exception in a task fails the job with a reason in its user's language and
the job can be retried (a commit is one transaction, so a retry starts clean and re-running it
with the same file changes nothing). Files live in one folder per job (0700, files 0600) and
are removed after ``FUPIN_EXCHANGE_RETENTION_DAYS``.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import uuid
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from fupin.core import audit, datasets, progress
from fupin.core.access import Scope
from fupin.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from fupin.core.exchange import FORMATS, inspect_archive
from fupin.core.exchange_write import REPORT_COLUMNS
from fupin.core.models import ExchangeJob

log = logging.getLogger(__name__)
REPORT_HEADERS_ZH = ("文件", "行", "列", "值", "级别", "规则", "说明")
RUNNING_IN_WORKER = (ExchangeJob.State.VALIDATING, ExchangeJob.State.COMMITTING,
                     ExchangeJob.State.EXPORTING)


# --- Files --------------------------------------------------------------------------------------


def _root() -> Path:
    root = Path(settings.FUPIN_EXCHANGE_DIR)
    root.mkdir(parents=True, exist_ok=True)
    root.chmod(0o700)
    return root


def _job_folder() -> Path:
    folder = _root() / uuid.uuid4().hex
    folder.mkdir(mode=0o700)
    return folder


def _lock_down(folder: Path) -> None:
    """Folders 0700, files 0600: uploads and exports hold identity numbers."""
    for dirpath, _dirnames, filenames in os.walk(folder):
        os.chmod(dirpath, 0o700)
        for name in filenames:
            os.chmod(os.path.join(dirpath, name), 0o600)


def purge_expired(now: dt.datetime | None = None) -> int:
    """Remove the files of jobs older than the retention period (not running ones); the job
    rows stay, marked purged. Returns how many jobs were purged."""
    now = now or timezone.now()
    days = int(getattr(settings, "FUPIN_EXCHANGE_RETENTION_DAYS", 7))
    expired = (ExchangeJob.objects.filter(purged_at__isnull=True,
                                          created_at__lt=now - dt.timedelta(days=days))
               .exclude(state__in=ExchangeJob.RUNNING))
    n = 0
    for job in expired:
        shutil.rmtree(job.folder, ignore_errors=True)
        ExchangeJob.objects.filter(pk=job.pk).update(purged_at=now)
        n += 1
    return n


def _unpack(upload_path: Path, folder: Path, dataset: datasets.Dataset) -> Path:
    """Unpack the dataset's table files of a .zip (flat or in one folder); nothing else, and
    only after the archive's directory passed the size and ratio limits."""
    inspect_archive(upload_path)
    wanted = dataset.file_names()
    target = folder / "snapshot"
    target.mkdir(mode=0o700)
    with zipfile.ZipFile(upload_path) as zf:
        for info in zf.infolist():
            name = Path(info.filename).name
            if info.is_dir() or name not in wanted:
                continue
            with zf.open(info) as src, (target / name).open("wb") as dst:
                shutil.copyfileobj(src, dst)
    return target


def source_path(job: ExchangeJob) -> Path:
    folder = Path(job.folder)
    return folder / "snapshot" if (folder / "snapshot").exists() else folder / job.filename


def report_path(job: ExchangeJob, fmt: str) -> Path:
    return Path(job.folder) / f"report.{fmt}"


# --- Services -----------------------------------------------------------------------------------


def _require(actor: Any, permissions: tuple[str, ...]) -> None:
    if not actor.has_perms(permissions):
        raise Forbidden(_("your role may not do this"))


def start_import(*, actor, upload, dataset: str = datasets.DEFAULT) -> ExchangeJob:
    """Save an uploaded workbook (.xlsx) or zip of CSV/Parquet files; queue its validation.

    Archives are inspected before anything is unpacked: a zip bomb (or a workbook that is
    one) is refused here, within the request."""
    ds = datasets.get(dataset)
    _require(actor, ds.import_permissions)
    name = Path(upload.name).name
    suffix = Path(name).suffix.lower()
    if suffix not in {".xlsx", ".zip"}:
        raise ValidationFailed(_("upload an .xlsx workbook or a .zip of CSV or Parquet files"))
    if upload.size > settings.FUPIN_MAX_UPLOAD_MB * 1024 * 1024:
        raise ValidationFailed(_("the file is larger than %(mb)s MB")
                               % {"mb": settings.FUPIN_MAX_UPLOAD_MB})
    purge_expired()
    folder = _job_folder()
    path = folder / name
    try:
        with path.open("wb") as fh:
            for chunk in upload.chunks():
                fh.write(chunk)
        if suffix == ".zip":
            _unpack(path, folder, ds)
        elif zipfile.is_zipfile(path):  # not a zip at all: the job fails, saying so
            inspect_archive(path, name)
    except ValidationFailed:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    _lock_down(folder)
    with transaction.atomic():
        job = ExchangeJob.objects.create(
            dataset=ds.name, kind=ExchangeJob.Kind.IMPORT, division_code=actor.division_id,
            created_by=actor, filename=name, fmt=suffix.lstrip("."), folder=str(folder),
            language=translation.get_language() or settings.LANGUAGE_CODE)
        audit.record(actor=actor, action="exchange.upload", object_type="core.exchangejob",
                     object_id=str(job.pk), division_code=job.division_code,
                     after={"dataset": ds.name, "filename": name, "size": upload.size})
        transaction.on_commit(lambda: validate_import.enqueue(job.pk))
    return job


def commit_import(*, actor, job: ExchangeJob) -> ExchangeJob:
    """Queue the write of a validated import (once: a second request is told it is done)."""
    _require(actor, datasets.get(job.dataset).import_permissions)
    with transaction.atomic():
        locked = ExchangeJob.objects.select_for_update().get(pk=job.pk)
        if locked.state != ExchangeJob.State.VALIDATED:
            raise Conflict(_("this import is %(state)s: it cannot be committed now")
                           % {"state": locked.get_state_display()})
        locked.state = ExchangeJob.State.COMMITTING
        locked.stage = ExchangeJob.Stage.COMMIT
        locked.save(update_fields=["state", "stage", "updated_at"])
        audit.record(actor=actor, action="exchange.commit_import",
                     object_type="core.exchangejob", object_id=str(job.pk),
                     division_code=job.division_code,
                     after={"dataset": job.dataset, "filename": job.filename})
        transaction.on_commit(lambda: run_commit.enqueue(job.pk))
    return locked


def start_export(*, actor, fmt: str, masked: bool = True,
                 dataset: str = datasets.DEFAULT) -> ExchangeJob:
    """Queue an export of the actor's region. Identity numbers go out in clear only when asked
    for *and* the actor may reveal them."""
    ds = datasets.get(dataset)
    _require(actor, ds.export_permissions)
    if fmt not in FORMATS:
        raise ValidationFailed(_("format must be one of %(formats)s")
                               % {"formats": ", ".join(FORMATS)})
    if ds.reveal_permission and not actor.has_perm(ds.reveal_permission):
        masked = True
    purge_expired()
    folder = _job_folder()
    name = f"fupin-{ds.name}-{actor.division_id}-{timezone.localdate():%Y%m%d}"
    name += ".xlsx" if fmt == "xlsx" else f"-{fmt}.zip"
    with transaction.atomic():
        job = ExchangeJob.objects.create(
            dataset=ds.name, kind=ExchangeJob.Kind.EXPORT, division_code=actor.division_id,
            created_by=actor, filename=name, fmt=fmt, folder=str(folder), masked=masked,
            state=ExchangeJob.State.EXPORTING, stage=ExchangeJob.Stage.EXPORT,
            language=translation.get_language() or settings.LANGUAGE_CODE)
        transaction.on_commit(lambda: run_export.enqueue(job.pk))
    return job


def retry(*, actor, job: ExchangeJob) -> ExchangeJob:
    """Queue a failed job again from the stage that failed (idempotent: a commit is one
    transaction and writes only what differs, so a retry never writes anything twice)."""
    ds = datasets.get(job.dataset)
    _require(actor, ds.import_permissions if job.kind == ExchangeJob.Kind.IMPORT
             else ds.export_permissions)
    with transaction.atomic():
        locked = ExchangeJob.objects.select_for_update().get(pk=job.pk)
        if not locked.retryable:
            raise Conflict(_("this job is %(state)s: only a failed job can be retried")
                           % {"state": locked.get_state_display()})
        locked.state = {ExchangeJob.Stage.VALIDATE: ExchangeJob.State.QUEUED,
                        ExchangeJob.Stage.COMMIT: ExchangeJob.State.COMMITTING,
                        ExchangeJob.Stage.EXPORT: ExchangeJob.State.EXPORTING}[locked.stage]
        locked.message = ""
        locked.finished_at = None
        locked.save(update_fields=["state", "message", "finished_at", "updated_at"])
        audit.record(actor=actor, action="exchange.retry", object_type="core.exchangejob",
                     object_id=str(job.pk), division_code=job.division_code,
                     after={"dataset": job.dataset, "stage": locked.stage})
        chosen = {ExchangeJob.Stage.VALIDATE: validate_import,
                  ExchangeJob.Stage.COMMIT: run_commit,
                  ExchangeJob.Stage.EXPORT: run_export}[locked.stage]
        transaction.on_commit(lambda: chosen.enqueue(job.pk))
    return locked


def download(*, actor, job: ExchangeJob) -> Path:
    """The export's file for ``actor``: an export with clear identity numbers needs the
    reveal permission *now*, whoever made it; every download is audited with the job id."""
    if job.kind != ExchangeJob.Kind.EXPORT or job.state != ExchangeJob.State.EXPORTED \
            or job.purged_at is not None:
        raise ValidationFailed(_("the export is not ready"))
    ds = datasets.get(job.dataset)
    _require(actor, ds.export_permissions)
    if not job.masked and ds.reveal_permission and not actor.has_perm(ds.reveal_permission):
        raise Forbidden(_("this export holds identity numbers in clear: your role may not "
                          "reveal them"))
    path = Path(job.folder) / job.filename
    with transaction.atomic():
        audit.record(actor=actor, action="exchange.download", object_type="core.exchangejob",
                     object_id=str(job.pk), division_code=job.division_code,
                     after={"dataset": job.dataset, "filename": job.filename,
                            "masked": job.masked})
    return path


def may_read_report(actor, job: ExchangeJob) -> bool:
    """A validation report repeats the uploaded file's rows (birth dates, masked numbers), so
    only a user who may import the dataset — and reveal its personal data, where it has
    any — reads it; others see the job's counts."""
    ds = datasets.get(job.dataset)
    if not actor.has_perms(ds.import_permissions):
        return False
    return not ds.reveal_permission or actor.has_perm(ds.reveal_permission)


def report(*, actor, job: ExchangeJob, fmt: str) -> Path:
    """The validation report file for ``actor`` (403 for those who may not read it); each
    download is audited with the job id."""
    if not may_read_report(actor, job):
        raise Forbidden(_("the report repeats the file's personal data: your role may not read "
                          "it"))
    path = report_path(job, fmt) if fmt in {"csv", "xlsx"} else None
    if path is None or job.purged_at is not None or not path.exists():
        raise NotFound(_("no such report"))
    with transaction.atomic():
        audit.record(actor=actor, action="exchange.download_report",
                     object_type="core.exchangejob", object_id=str(job.pk),
                     division_code=job.division_code, after={"format": fmt})
    return path


def recover_stale_exchange_jobs(now: dt.datetime, *, stale: Iterable[Any] | None = None) -> int:
    """Fail the jobs a dead worker was running: they become retryable instead of "committing"
    forever (nothing was written: a commit is one transaction).

    Called when a worker starts. With ``stale`` (the task results whose worker has no
    heartbeat, ``fupin.core.jobs.StaleTask``: ``task_path`` and ``args``) only those jobs are
    failed, which is right with several workers; without it, every job a worker was running
    before ``now``. Signature of a ``FUPIN_JOB_RECOVERERS`` entry; idempotent."""
    jobs = ExchangeJob.objects.filter(state__in=RUNNING_IN_WORKER, updated_at__lt=now)
    if stale is not None:
        ids = [int(t.args[0]) for t in stale if t.task_path in TASK_PATHS and t.args]
        jobs = jobs.filter(pk__in=ids)
    n = 0
    for job in jobs:
        with translation.override(job.language or settings.LANGUAGE_CODE):
            reason = _("the worker stopped while this job was running; nothing was written. "
                       "Retry it.")
        n += ExchangeJob.objects.filter(pk=job.pk, state=job.state).update(
            state=ExchangeJob.State.FAILED, message=reason, finished_at=now)
    return n


# --- Tasks --------------------------------------------------------------------------------------


def _finish(job: ExchangeJob, state: str, **fields) -> None:
    for k, v in fields.items():
        setattr(job, k, v)
    job.state = state
    job.finished_at = timezone.now()
    job.save()
    _lock_down(Path(job.folder))
    progress.clear(progress.key("job", job.pk))


def _fail(job: ExchangeJob, exc: BaseException) -> str:
    """Any exception ends the job as failed, with a reason its user can read."""
    if isinstance(exc, ValidationFailed):
        reason = str(exc)
    else:
        log.exception("exchange job %s failed", job.pk)
        reason = _("the job failed: %(error)s. Retry it; if it fails again, send this message "
                   "to your administrator.") % {"error": f"{type(exc).__name__}: {exc}"}
    _finish(job, ExchangeJob.State.FAILED, message=reason[:2000])
    return job.state


def _load(job_id: int) -> ExchangeJob:
    return ExchangeJob.objects.select_related("created_by__division").get(pk=job_id)


def _write_report(job: ExchangeJob, report) -> None:
    """The report files, built here in the worker (a million rows take minutes): the web
    server only serves them."""
    report.write_csv(report_path(job, "csv"))
    language = job.language or settings.LANGUAGE_CODE
    zh = language.startswith("zh")
    report.write_xlsx(report_path(job, "xlsx"), REPORT_HEADERS_ZH if zh else REPORT_COLUMNS,
                      {"error": _("error"), "warning": _("warning")} if zh else None)


def _begin(job: ExchangeJob, state: str, stage: str) -> None:
    job.state = state
    job.stage = stage
    job.attempts += 1
    job.save(update_fields=["state", "stage", "attempts", "updated_at"])


def _expected(job: ExchangeJob, *states: str) -> bool:
    """A task runs only on a job in the state that queued it: a task queued twice (a retry
    racing a late worker) or one for a job recovered as failed does nothing."""
    if job.state in states:
        return True
    log.warning("exchange job %s is %s: task skipped", job.pk, job.state)
    return False


@task()
def validate_import(job_id: int) -> str:
    job = _load(job_id)
    if not _expected(job, ExchangeJob.State.QUEUED):
        return job.state
    with translation.override(job.language or settings.LANGUAGE_CODE):
        try:
            _begin(job, ExchangeJob.State.VALIDATING, ExchangeJob.Stage.VALIDATE)
            ds = datasets.get(job.dataset)
            reporter = progress.Reporter(progress.key("job", job.pk))
            importer = ds.importer(source_path(job), actor=job.created_by,
                                   scope=Scope.of_code(job.division_code), progress=reporter)
            try:
                outcome = importer.validate()
            finally:
                importer.close()
            try:
                _write_report(job, outcome.report)
            finally:
                outcome.report.close()
        except Exception as exc:
            return _fail(job, exc)
        state = ExchangeJob.State.VALIDATED if outcome.ok else ExchangeJob.State.INVALID
        _finish(job, state, rows=outcome.rows, errors=outcome.report.errors,
                warnings=outcome.report.warnings, message="")
        return state


@task()
def run_commit(job_id: int) -> str:
    job = _load(job_id)
    if not _expected(job, ExchangeJob.State.COMMITTING):
        return job.state
    with translation.override(job.language or settings.LANGUAGE_CODE):
        try:
            _begin(job, ExchangeJob.State.COMMITTING, ExchangeJob.Stage.COMMIT)
            ds = datasets.get(job.dataset)
            reporter = progress.Reporter(progress.key("job", job.pk), job.rows)
            importer = ds.importer(source_path(job), actor=job.created_by,
                                   scope=Scope.of_code(job.division_code), progress=reporter)
            try:
                # Validate again: the registry may have changed since the user looked.
                outcome = importer.validate()
                if not outcome.ok:
                    _write_report(job, outcome.report)
                    outcome.report.close()
                    _finish(job, ExchangeJob.State.INVALID, errors=outcome.report.errors,
                            message=_("the registry changed since validation; validate again"))
                    return job.state
                outcome.report.close()
                counts = dict(importer.commit())
            finally:
                importer.close()
        except Exception as exc:
            return _fail(job, exc)
        _finish(job, ExchangeJob.State.COMMITTED, counts=counts, message="")
        return job.state


@task()
def run_export(job_id: int) -> str:
    job = _load(job_id)
    if not _expected(job, ExchangeJob.State.EXPORTING):
        return job.state
    with translation.override(job.language or settings.LANGUAGE_CODE):
        folder = Path(job.folder)
        try:
            _begin(job, ExchangeJob.State.EXPORTING, ExchangeJob.Stage.EXPORT)
            ds = datasets.get(job.dataset)
            reporter = progress.Reporter(progress.key("job", job.pk))
            scope = Scope.of_code(job.division_code)
            data = folder / "snapshot"
            shutil.rmtree(data, ignore_errors=True)  # a retry starts clean
            if job.fmt == "xlsx":
                counts = ds.run_export(folder / job.filename, "xlsx", actor=job.created_by,
                                       scope=scope, masked=job.masked, progress=reporter)
            else:
                counts = ds.run_export(data, job.fmt, actor=job.created_by, scope=scope,
                                       masked=job.masked, progress=reporter)
                with zipfile.ZipFile(folder / job.filename, "w", zipfile.ZIP_DEFLATED) as zf:
                    for f in sorted(data.iterdir()):
                        zf.write(f, f.name)
                shutil.rmtree(data, ignore_errors=True)
        except Exception as exc:
            return _fail(job, exc)
        _finish(job, ExchangeJob.State.EXPORTED, counts=dict(counts), message="")
        return job.state


#: The tasks above, as django-tasks names them (``StaleTask.task_path``).
TASK_PATHS = frozenset(t.module_path for t in (validate_import, run_commit, run_export))
