"""The exchange screens, for every dataset: upload, job status, commit, retry, validation
report, export download, blank template. The dataset is named by the ``dataset`` form field
or query parameter (the registry when absent)."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy

from fupin.core import datasets, exchange_jobs, jobs, progress
from fupin.core.errors import Conflict, ValidationFailed
from fupin.core.exchange import FORMATS, unguard
from fupin.core.models import ExchangeJob
from fupin.core.views import ScopedView

VIEW_JOBS = "core.view_exchangejob"


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Workbook (.xlsx) or zip of CSV/Parquet files"))


class ExportForm(forms.Form):
    format = forms.ChoiceField(label=gettext_lazy("Format"),
                               choices=[(f, f.upper()) for f in FORMATS], initial="xlsx")


def _dataset(request) -> datasets.Dataset:
    """The dataset a request names (404 for an unknown one)."""
    name = request.POST.get("dataset") or request.GET.get("dataset") or datasets.DEFAULT
    return datasets.get(name)


class JobScopedView(ScopedView):
    """A view of one exchange job: 404 when missing or in another region."""

    model = ExchangeJob
    permission_required = VIEW_JOBS


def exchange_page(request, upload_form=None, dataset=None):
    dataset = dataset or _dataset(request)
    language = getattr(request, "LANGUAGE_CODE", "zh-hans")
    jobs_qs = list(ExchangeJob.objects.for_user(request.user, "view")
                   .select_related("created_by")[:20])
    names = {d.name: d.display(language) for d in datasets.all_datasets()}
    for j in jobs_qs:
        j.dataset_label = names.get(j.dataset, j.dataset)
    return render(request, "core/exchange.html", {
        "upload_form": upload_form or UploadForm(), "export_form": ExportForm(),
        "jobs": jobs_qs, "dataset": dataset, "dataset_label": dataset.display(language),
        "datasets": [(d.name, d.display(language)) for d in datasets.all_datasets()],
        "can_import": request.user.has_perms(dataset.import_permissions),
    })


class ExchangeView(ScopedView):
    """The imports-and-exports screen: upload, export, template, recent jobs."""

    permission_required = VIEW_JOBS

    def get(self, request):
        return exchange_page(request)


class ImportView(ScopedView):
    permission_required = VIEW_JOBS

    def has_permission(self) -> bool:
        return super().has_permission() and self.request.user.has_perms(
            _dataset(self.request).import_permissions)

    def post(self, request):
        dataset = _dataset(request)
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return exchange_page(request, form, dataset)
        try:
            job = exchange_jobs.start_import(actor=request.user, upload=form.cleaned_data["file"],
                                             dataset=dataset.name)
        except ValidationFailed as exc:
            form.add_error("file", str(exc))
            return exchange_page(request, form, dataset)
        return redirect("exchange-job", pk=job.pk)


class ExportView(ScopedView):
    permission_required = VIEW_JOBS

    def has_permission(self) -> bool:
        return super().has_permission() and self.request.user.has_perms(
            _dataset(self.request).export_permissions)

    def post(self, request):
        dataset = _dataset(request)
        form = ExportForm(request.POST)
        if not form.is_valid():
            return redirect("exchange")
        # Clear identity numbers only for roles that may reveal them (checked again in the
        # service, and at download time).
        job = exchange_jobs.start_export(actor=request.user, fmt=form.cleaned_data["format"],
                                         masked=False, dataset=dataset.name)
        return redirect("exchange-job", pk=job.pk)


def _issues(job: ExchangeJob, limit: int = 500) -> list[dict]:
    path = exchange_jobs.report_path(job, "csv")
    if job.running or job.purged_at is not None or not path.exists():
        return []
    severities = {"error": gettext("error"), "warning": gettext("warning")}
    with path.open(encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        rows = [{k: unguard(v) for k, v in row.items()}
                for _, row in zip(range(limit), reader, strict=False)]
    for row in rows:
        row["severity_words"] = severities.get(row.get("severity", ""), row.get("severity"))
    return rows


def table_labels(dataset: datasets.Dataset, language: str) -> dict[str, str]:
    """Table names in words (the Chinese sheet name, or the English name)."""
    return {t.name: (t.sheet if language.startswith("zh") else t.name)
            for t in dataset.tables}


class JobView(JobScopedView):
    """A job's page. While the job runs, htmx polls this view for the status fragment
    (``core/_job_status.html``), which holds everything that changes — state, progress in
    words, the reason of a failure with a retry, the report's problems — so the end is drawn
    without a reload; the fragment stops polling at any end, or after ``jobs.POLL_LIMIT``."""

    def get(self, request, pk: int):
        job = self.get_object(pk=pk)
        dataset = datasets.get(job.dataset)
        language = getattr(request, "LANGUAGE_CODE", "zh-hans")
        permissions = (dataset.import_permissions if job.kind == ExchangeJob.Kind.IMPORT
                       else dataset.export_permissions)
        readable = exchange_jobs.may_read_report(request.user, job)
        labels = table_labels(dataset, language)
        state = progress.get(progress.key("job", job.pk)) if job.running else None
        context = {"job": job, "issues": _issues(job) if readable else [],
                   "can_read_report": readable,
                   "dataset_label": dataset.display(language),
                   "progress": state,
                   "progress_words": progress.describe(state, labels),
                   "rows_read": [(labels.get(t, t), n) for t, n in (job.rows or {}).items()],
                   "poll": jobs.poll(request, reverse("exchange-job", args=[job.pk]),
                                     running=job.running),
                   "can_commit": request.user.has_perms(dataset.import_permissions),
                   "can_retry": request.user.has_perms(permissions)}
        template = ("core/_job_status.html" if request.headers.get("HX-Request")
                    else "core/job.html")
        return render(request, template, context)


class CommitView(JobScopedView):
    """Queue the write of a validated import (the service checks the dataset's import
    permissions: 403 without them)."""

    def post(self, request, pk: int):
        job = self.get_object(pk=pk)
        try:
            exchange_jobs.commit_import(actor=request.user, job=job)
        except Conflict as exc:
            messages.warning(request, str(exc))
        return redirect("exchange-job", pk=job.pk)


class RetryView(JobScopedView):
    """Queue a failed job again."""

    def post(self, request, pk: int):
        job = self.get_object(pk=pk)
        try:
            exchange_jobs.retry(actor=request.user, job=job)
        except Conflict as exc:
            messages.warning(request, str(exc))
        return redirect("exchange-job", pk=job.pk)


class ReportDownloadView(JobScopedView):
    """The validation report as CSV or XLSX, both built by the worker with the job."""

    def get(self, request, pk: int, fmt: str):
        job = self.get_object(pk=pk)
        path = exchange_jobs.report(actor=request.user, job=job, fmt=fmt)
        return FileResponse(path.open("rb"), as_attachment=True,
                            filename=f"report-{job.pk}.{fmt}")


class ExportDownloadView(JobScopedView):
    def get(self, request, pk: int):
        job = self.get_object(pk=pk)
        try:
            path = exchange_jobs.download(actor=request.user, job=job)
        except ValidationFailed as exc:
            raise Http404(str(exc)) from exc
        return FileResponse(path.open("rb"), as_attachment=True, filename=job.filename)


class TemplateView(ScopedView):
    """A dataset's blank XLSX template: a sheet per table, Chinese headers, drop-down lists."""

    permission_required = VIEW_JOBS

    def get(self, request):
        dataset = _dataset(request)
        tmp = Path(tempfile.mkdtemp(prefix="fupin-template-")) / "template.xlsx"
        dataset.template(tmp)
        name = ("fupin-snapshot-template.xlsx" if dataset.name == datasets.DEFAULT
                else f"fupin-{dataset.name}-template.xlsx")
        return FileResponse(tmp.open("rb"), as_attachment=True, filename=name)
