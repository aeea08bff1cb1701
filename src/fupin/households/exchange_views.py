"""Imports and exports on the screens: upload, validation report, commit, download."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fupin.core import progress
from fupin.core.errors import Conflict, ValidationFailed
from fupin.core.exchange import FORMATS, REPORT_COLUMNS, Report
from fupin.core.views import ScopedView
from fupin.households import jobs
from fupin.households.exporter import template_workbook
from fupin.households.models import ExchangeJob

REPORT_HEADERS_ZH = ("文件", "行", "列", "值", "级别", "规则", "说明")


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Workbook (.xlsx) or zip of CSV/Parquet files"))


class ExportForm(forms.Form):
    format = forms.ChoiceField(label=gettext_lazy("Format"),
                               choices=[(f, f.upper()) for f in FORMATS], initial="xlsx")


def access_job(user, pk: int) -> ExchangeJob:
    """A job of the user's region (404 otherwise, like every region-owned object)."""
    job = ExchangeJob.objects.for_user(user, "view").filter(pk=pk).first()
    if job is None:
        raise Http404("no such job")
    return job


def exchange_page(request, upload_form=None):
    jobs_qs = (ExchangeJob.objects.for_user(request.user, "view")
               .select_related("created_by")[:20])
    return render(request, "households/exchange.html", {
        "upload_form": upload_form or UploadForm(), "export_form": ExportForm(),
        "jobs": jobs_qs,
        "can_import": request.user.has_perms(["households.add_household",
                                              "households.change_household"]),
    })


class ExchangeView(ScopedView):
    """The imports-and-exports screen: upload, export, template, recent jobs."""

    permission_required = "households.view_exchangejob"

    def get(self, request):
        return exchange_page(request)


class ImportView(ScopedView):
    permission_required = ("households.add_household", "households.change_household")

    def post(self, request):
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return exchange_page(request, form)
        try:
            job = jobs.start_import(actor=request.user, upload=form.cleaned_data["file"])
        except ValidationFailed as exc:
            form.add_error("file", str(exc))
            return exchange_page(request, form)
        return redirect("exchange-job", pk=job.pk)


class ExportView(ScopedView):
    permission_required = "households.view_exchangejob"

    def post(self, request):
        form = ExportForm(request.POST)
        if not form.is_valid():
            return redirect("exchange")
        masked = not request.user.has_perm("households.reveal_idnumber")
        job = jobs.start_export(actor=request.user, fmt=form.cleaned_data["format"],
                                masked=masked)
        return redirect("exchange-job", pk=job.pk)


class JobView(ScopedView):
    """A job's page; htmx polls the status fragment while the job runs."""

    permission_required = "households.view_exchangejob"

    def get(self, request, pk: int):
        job = access_job(request.user, pk)
        issues = []
        report = Path(job.folder) / "report.csv"
        if report.exists():
            with report.open(encoding="utf-8-sig") as fh:
                reader = csv.DictReader(fh)
                issues = [row for _, row in zip(range(500), reader, strict=False)]
        context = {"job": job, "issues": issues,
                   "progress": progress.get(progress.key("job", job.pk)),
                   "can_commit": request.user.has_perms(["households.add_household",
                                                         "households.change_household"])}
        template = ("households/_job_status.html" if request.headers.get("HX-Request")
                    else "households/job.html")
        return render(request, template, context)


class CommitView(ScopedView):
    permission_required = ("households.add_household", "households.change_household")

    def post(self, request, pk: int):
        job = access_job(request.user, pk)
        try:
            jobs.commit_import(actor=request.user, job=job)
        except Conflict as exc:
            messages.warning(request, str(exc))
        return redirect("exchange-job", pk=job.pk)


class ReportDownloadView(ScopedView):
    """The validation report as CSV or XLSX (Chinese headers in XLSX)."""

    permission_required = "households.view_exchangejob"

    def get(self, request, pk: int, fmt: str):
        job = access_job(request.user, pk)
        path = Path(job.folder) / "report.csv"
        if fmt not in {"csv", "xlsx"} or not path.exists():
            raise Http404("no such report")
        if fmt == "csv":
            return FileResponse(path.open("rb"), as_attachment=True,
                                filename=f"report-{job.pk}.csv")
        report = Report()
        with path.open(encoding="utf-8-sig") as fh:
            reader = csv.reader(fh)
            next(reader, None)
            for row in reader:
                report.add(*row[:1], int(row[1]), *row[2:7])
        out = Path(job.folder) / "report.xlsx"
        headers = REPORT_HEADERS_ZH if request.LANGUAGE_CODE.startswith("zh") else REPORT_COLUMNS
        report.write_xlsx(out, headers)
        report.close()
        return FileResponse(out.open("rb"), as_attachment=True, filename=f"report-{job.pk}.xlsx")


class ExportDownloadView(ScopedView):
    permission_required = "households.view_exchangejob"

    def get(self, request, pk: int):
        job = access_job(request.user, pk)
        path = Path(job.folder) / job.filename
        if job.kind != ExchangeJob.Kind.EXPORT or job.state != ExchangeJob.State.EXPORTED:
            raise Http404(_("the export is not ready"))
        return FileResponse(path.open("rb"), as_attachment=True, filename=job.filename)


class TemplateView(ScopedView):
    """The blank XLSX template: three sheets, Chinese headers, drop-down lists."""

    permission_required = "households.view_exchangejob"

    def get(self, request):
        tmp = Path(tempfile.mkdtemp(prefix="fupin-template-")) / "fupin-template.xlsx"
        template_workbook(tmp)
        return FileResponse(tmp.open("rb"), as_attachment=True,
                            filename="fupin-snapshot-template.xlsx")
