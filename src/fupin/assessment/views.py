"""Screens of the assessment: the list, opening one (the sample drawn), its page (design,
progress, estimates with intervals and verdicts, appeals), the sample, the XLSForm, the
phone form, the county report and the appeal pages. Views are thin: reads through
``access``, writes through ``services``."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from fupin.assessment import access, estimates, services, workflows, xlsform
from fupin.assessment.choices import Outcome, Stratum
from fupin.assessment.models import Appeal, Assessment, SampledUnit
from fupin.assessment.tables import (
    AppealFilter,
    AppealTable,
    AssessmentFilter,
    AssessmentTable,
    SampleFilter,
    SampleTable,
)
from fupin.core import labels
from fupin.core import workflow as engine
from fupin.core.access import Scope
from fupin.core.errors import NotFound, ValidationFailed
from fupin.core.lists import ListPage
from fupin.core.views import ScopedView
from fupin.regions.models import Division

CONDUCT = "assessment.conduct_assessment"


class AssessmentListView(ListPage):
    permission_required = "assessment.view_assessment"
    model = Assessment
    table_class = AssessmentTable
    filterset_class = AssessmentFilter
    template_name = "assessment/list.html"
    title = gettext_lazy("Assessments")
    export_name = "assessments"


def _counties(user):
    scope = Scope.of_user(user)
    if scope is None:
        return []
    return list(Division.objects.filter(scope.q("code"), level="county").order_by("code")
                .values_list("code", "name"))


def _number(text: str, name: str, kind=int):
    text = (text or "").strip()
    if not text:
        return None
    try:
        return kind(text)
    except ValueError:
        raise ValidationFailed(gettext("give a number"), {name: "number"}) from None


class AssessmentCreateView(ScopedView):
    """Open a county's assessment: the design, then the sample is drawn from the registry."""

    permission_required = CONDUCT

    def context(self, errors=None, data=None):
        return {"counties": _counties(self.request.user), "errors": errors or {},
                "data": data or {"year": timezone.localdate().year, "margin": "0.01",
                                 "rate": "0.02", "deff": "2"}}

    def get(self, request):
        return render(request, "assessment/open.html", self.context())

    def post(self, request):
        p = request.POST
        try:
            year = _number(p.get("year", ""), "year")
            if year is None:
                raise ValidationFailed(gettext("give the year"), {"year": "required"})
            design = services.Design(
                villages=_number(p.get("villages", ""), "villages"),
                households=_number(p.get("households", ""), "households"),
                margin=_number(p.get("margin", ""), "margin", float) or 0.01,
                rate=_number(p.get("rate", ""), "rate", float) or 0.02,
                deff=_number(p.get("deff", ""), "deff", float) or 2.0)
            assessment = services.open_assessment(
                actor=request.user, county_code=p.get("county_code", ""), year=year,
                seed=_number(p.get("seed", ""), "seed"), design=design)
        except ValidationFailed as exc:
            errors = exc.errors or {"__all__": str(exc)}
            if not isinstance(errors, dict):
                errors = {"__all__": str(exc)}
            return render(request, "assessment/open.html", self.context(errors, p), status=400)
        return redirect("assessment-detail", pk=assessment.pk)


def _progress(assessment: Assessment) -> dict:
    counts = assessment.units.filter(active=True).aggregate(
        total=Count("pk"), interviewed=Count("pk", filter=Q(outcome=Outcome.INTERVIEWED)),
        pending=Count("pk", filter=Q(outcome=Outcome.PENDING)),
        officials=Count("pk", filter=Q(submission__officials_present=True)))
    counts["percent"] = round(100 * (counts["total"] - counts["pending"]) / counts["total"]) \
        if counts["total"] else 0
    return counts


def _estimate_rows(assessment: Assessment) -> list[dict]:
    return [{"indicator": e.indicator, "word": labels.word("assessment_indicator", e.indicator),
             "estimate": e.estimate, "low": e.ci_low, "high": e.ci_high, "sampled": e.sampled,
             "side": e.threshold[0], "threshold": e.threshold[1], "verdict": e.verdict,
             "verdict_word": labels.word("assessment_verdict", e.verdict)}
            for e in estimates.stored(assessment)]


class AssessmentView(ScopedView):
    permission_required = "assessment.view_assessment"

    @staticmethod
    def context(request, assessment: Assessment, errors=None) -> dict:
        user = request.user
        engine.mark_read(user, assessment)
        wf = workflows.ASSESSMENT
        steps = [t for t in wf.actions_from(assessment.state)
                 if wf.can_act(user, assessment, t.level)]
        return {
            "assessment": assessment, "errors": errors or [], "steps": steps,
            "county": labels.word("division", assessment.county_code),
            "state_word": labels.word("assessment_state", assessment.state),
            "design": estimates.design(assessment), "response": estimates.response(assessment),
            "progress": _progress(assessment), "estimates": _estimate_rows(assessment),
            "may_conduct": user.has_perm(CONDUCT),
            "may_see_sample": access.may_see_sample(user, assessment),
            "may_appeal": user.has_perm("assessment.file_appeal")
            and assessment.state == "estimated",
            "appeals": assessment.appeals.select_related("unit").order_by("-pk"),
            "indicators": [(k, labels.word("assessment_indicator", k))
                           for k in estimates.ORDER],
            "western": assessment.western,
        }

    def get(self, request, pk: int):
        assessment = access.access_assessment(request.user, pk)
        return render(request, "assessment/detail.html",
                      self.context(request, assessment))


def _version(request) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        raise ValidationFailed(gettext("reload the page"), {"version": "number"}) from None


class AssessmentStepView(ScopedView):
    permission_required = "assessment.view_assessment"

    def post(self, request, pk: int):
        assessment = access.access_assessment(request.user, pk)
        try:
            services.take_step(actor=request.user, assessment=assessment,
                               action=request.POST.get("action", ""),
                               version=_version(request), note=request.POST.get("note", ""))
        except ValidationFailed as exc:
            return render(request, "assessment/detail.html", AssessmentView.context(
                request, assessment, [str(exc)]), status=400)
        return redirect("assessment-detail", pk=assessment.pk)


class SampleListView(ListPage):
    """The drawn units of one assessment (sample and replacement lists), with export."""

    permission_required = "assessment.view_assessment"
    model = SampledUnit
    table_class = SampleTable
    filterset_class = SampleFilter
    template_name = "assessment/sample.html"
    title = gettext_lazy("Sample")
    export_name = "assessment-sample"

    def base_queryset(self):
        assessment = access.access_assessment(self.request.user, self.kwargs["pk"])
        if not access.may_see_sample(self.request.user, assessment):
            raise NotFound("no such sample")
        self.assessment = assessment
        return SampledUnit.objects.filter(assessment=assessment)

    def get_context_data(self, **kwargs):
        return super().get_context_data(assessment=self.assessment, **kwargs)


class XLSFormView(ScopedView):
    """The questionnaire as an XLSForm for ODK Collect / KoboToolbox."""

    permission_required = CONDUCT

    def get(self, request, pk: int):
        assessment = access.access_assessment(request.user, pk)
        response = HttpResponse(
            xlsform.workbook(assessment),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = (f'attachment; filename="xlsform-'
                                           f'{assessment.county_code[:6]}-{assessment.year}.xlsx"')
        return response


# --- the phone form --------------------------------------------------------------------------

class FieldListView(ScopedView):
    """The phone form's first screen: the households still to visit, found by ID."""

    permission_required = CONDUCT

    def get(self, request, pk: int):
        assessment = access.access_assessment(request.user, pk)
        units = assessment.units.filter(active=True, outcome=Outcome.PENDING)
        q = request.GET.get("q", "").strip()[:32]
        if q:
            units = units.filter(household_id__icontains=q)
        names = labels.lookup_many("division", set(units.values_list("village_code",
                                                                     flat=True)))
        rows = [(u, names.get(u.village_code, u.village_code)) for u in units[:100]]
        return render(request, "assessment/field_list.html", {
            "assessment": assessment, "rows": rows, "q": q, "progress": _progress(assessment),
            "county": labels.word("division", assessment.county_code)})


def _yes_no(value: str, name: str) -> bool | None:
    if value in ("", None):
        return None
    if value in ("yes", "no"):
        return value == "yes"
    raise ValidationFailed(gettext("yes or no"), {name: "choice"})


class FieldFormView(ScopedView):
    """One household's interview on a phone: big controls, one submission per household;
    a refusal or absence brings the next replacement."""

    permission_required = CONDUCT

    def _unit(self, request, pk, unit):
        return access.access_unit(request.user, pk, unit)

    def render_form(self, request, unit, errors=None, data=None, status=200):
        return render(request, "assessment/field_form.html", {
            "assessment": unit.assessment, "unit": unit, "errors": errors or {},
            "data": data or {}, "problem": services.field_problem(unit),
            "ask_wrong": unit.status == "exited",
            "ask_omitted": unit.stratum == Stratum.UNREGISTERED,
            "village": labels.word("division", unit.village_code),
            "status_word": labels.word("household_status", unit.status)}, status=status)

    def get(self, request, pk: int, unit: int):
        return self.render_form(request, self._unit(request, pk, unit))

    def post(self, request, pk: int, unit: int):
        found = self._unit(request, pk, unit)
        p = request.POST
        try:
            outcome = p.get("outcome", "")
            if outcome in (Outcome.REFUSED, Outcome.ABSENT):
                replacement = services.record_unavailable(actor=request.user, unit=found,
                                                          outcome=outcome)
                if replacement is not None:
                    return redirect("assessment-field-unit", pk=pk, unit=replacement.pk)
                return redirect("assessment-field", pk=pk)
            if outcome != Outcome.INTERVIEWED:
                raise ValidationFailed(gettext("choose the outcome"), {"outcome": "required"})
            answers = services.Answers(
                wrongly_exited=_yes_no(p.get("wrongly_exited", ""), "wrongly_exited"),
                omitted=_yes_no(p.get("omitted", ""), "omitted"),
                approves=_yes_no(p.get("approves", ""), "approves"),
                officials_present=p.get("officials_present") == "yes",
                interviewer=p.get("interviewer", "")[:200], note=p.get("note", "")[:5000])
            services.record_interview(actor=request.user, unit=found, answers=answers)
        except ValidationFailed as exc:
            errors = exc.errors if isinstance(exc.errors, dict) else {"__all__": str(exc)}
            return self.render_form(request, found, errors or {"__all__": str(exc)}, p,
                                    status=400)
        return redirect("assessment-field", pk=pk)


# --- the county report -----------------------------------------------------------------------

def county_report(assessment: Assessment):
    """The ``CountyReport`` of an estimated assessment (``fupin.assessment.report``)."""
    try:
        from fupin.assessment import report
    except ImportError:
        raise NotFound("the county report is not available") from None
    name = labels.word("division", assessment.county_code)
    return report, report.CountyReport(**estimates.report_fields(assessment, name))


class ReportView(ScopedView):
    """The county report: the screen, ``?format=xlsx`` or ``?format=pdf`` (A4, Chinese)."""

    permission_required = "assessment.view_assessment"

    def get(self, request, pk: int):
        assessment = access.access_assessment(request.user, pk)
        if assessment.state not in access.SAMPLE_OPEN_STATES:
            raise NotFound("the report exists once the rates are estimated")
        module, data = county_report(assessment)
        fmt = request.GET.get("format", "")
        filename = f"assessment-{assessment.county_code[:6]}-{assessment.year}"
        if fmt == "xlsx":
            return module.xlsx_response(data, f"{filename}.xlsx")
        if fmt == "pdf":
            return module.pdf_response(data, f"{filename}.pdf")
        if fmt:
            raise Http404("unknown format")
        return render(request, "assessment/county_report.html",
                      {"assessment": assessment, "report": data})


# --- appeals ---------------------------------------------------------------------------------

class AppealListView(ListPage):
    permission_required = "assessment.view_appeal"
    model = Appeal
    table_class = AppealTable
    filterset_class = AppealFilter
    title = gettext_lazy("Assessment appeals")
    export_name = "assessment-appeals"

    def base_queryset(self):
        return Appeal.objects.select_related("assessment", "unit")


class AppealCreateView(ScopedView):
    permission_required = "assessment.file_appeal"

    def post(self, request, pk: int):
        assessment = access.access_assessment(request.user, pk)
        p = request.POST
        unit = None
        hid = p.get("household_id", "").strip()
        try:
            if hid:
                unit = assessment.units.filter(household_id=hid[:32]).first()
                if unit is None:
                    raise ValidationFailed(gettext("this household is not in the sample"),
                                           {"household_id": "sample"})
            appeal = services.file_appeal(actor=request.user, assessment=assessment,
                                          unit=unit, indicator=p.get("indicator", "")[:32],
                                          reason=p.get("reason", ""))
            upload = request.FILES.get("file")
            if upload is not None:
                services.add_evidence(actor=request.user, appeal=appeal, name=upload.name,
                                      content=upload.read(services.EVIDENCE_MAX_BYTES + 1))
        except ValidationFailed as exc:
            return render(request, "assessment/detail.html", AssessmentView.context(
                request, assessment, [str(exc)]), status=400)
        return redirect("appeal-detail", pk=appeal.pk)


class AppealView(ScopedView):
    permission_required = "assessment.view_appeal"

    @staticmethod
    def context(request, appeal: Appeal, errors=None) -> dict:
        user = request.user
        engine.mark_read(user, appeal)
        wf = workflows.APPEAL
        return {
            "appeal": appeal, "errors": errors or [],
            "steps": [t for t in wf.actions_from(appeal.state)
                      if wf.can_act(user, appeal, t.level)
                      and user.has_perm("assessment.decide_appeal")],
            "state_word": labels.word("appeal_state", appeal.state),
            "county": labels.word("division", appeal.county_code),
            "indicator_word": labels.word("assessment_indicator", appeal.indicator)
            if appeal.indicator else "",
            "evidence": appeal.evidence.all(),
            "may_add_evidence": user.has_perm("assessment.file_appeal") and not appeal.closed,
            "history": appeal.steps.select_related("actor").order_by("at"),
        }

    def get(self, request, pk: int):
        appeal = access.access_appeal(request.user, pk)
        return render(request, "assessment/appeal.html", self.context(request, appeal))


def _appeal_back(request, appeal, exc):
    return render(request, "assessment/appeal.html",
                  AppealView.context(request, appeal, [str(exc)]), status=400)


class AppealDecideView(ScopedView):
    permission_required = "assessment.view_appeal"

    def post(self, request, pk: int):
        appeal = access.access_appeal(request.user, pk)
        try:
            services.decide_appeal(actor=request.user, appeal=appeal,
                                   decision=request.POST.get("decision", ""),
                                   version=_version(request), note=request.POST.get("note", ""))
        except ValidationFailed as exc:
            return _appeal_back(request, appeal, exc)
        return redirect("appeal-detail", pk=appeal.pk)


class AppealEvidenceUploadView(ScopedView):
    permission_required = "assessment.view_appeal"

    def post(self, request, pk: int):
        appeal = access.access_appeal(request.user, pk)
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise ValidationFailed(gettext("choose a file"), {"file": "required"})
            services.add_evidence(actor=request.user, appeal=appeal, name=upload.name,
                                  content=upload.read(services.EVIDENCE_MAX_BYTES + 1))
        except ValidationFailed as exc:
            return _appeal_back(request, appeal, exc)
        return redirect("appeal-detail", pk=appeal.pk)


class AppealEvidenceView(ScopedView):
    permission_required = "assessment.view_appeal"

    def get(self, request, pk: int, evidence: int):
        found = access.access_evidence(request.user, pk, evidence)
        path = services.open_evidence(actor=request.user, evidence=found)
        response = FileResponse(path.open("rb"), as_attachment=True, filename=found.name,
                                content_type="application/octet-stream")
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response
