"""Screens of the rounds area: the rounds of the province (and the form that opens one), a
round's counties, the county evaluation work page (values side by side, evidence, the steps,
the preview score), and the indicator systems (versions, upload, one system as a table).
Thin: reads through ``evaluation.access``, writes through ``evaluation.services``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Count, Q
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from fupin.core import labels
from fupin.core import workflow as engine
from fupin.core.access import Scope
from fupin.core.errors import ValidationFailed
from fupin.core.views import ScopedView
from fupin.evaluation import access, services, workflows
from fupin.evaluation.choices import VerifyMethod
from fupin.evaluation.models import CountyEvaluation, IndicatorSystem
from fupin.regions.models import CountyProfile, Division

UPLOAD_MAX_BYTES = 1024 * 1024


def _date(value: str, name: str) -> dt.date:
    try:
        return dt.date.fromisoformat((value or "").strip())
    except ValueError:
        raise ValidationFailed(gettext("give a date (YYYY-MM-DD)"), {name: "date"}) from None


def _int(value: str, name: str) -> int:
    try:
        return int((value or "").strip())
    except ValueError:
        raise ValidationFailed(gettext("give a whole number"), {name: "number"}) from None


def _zh() -> bool:
    """Whether the page is Chinese: names and explanations in one language, and codes only
    on English pages (a Chinese page shows words; codes stay in attributes)."""
    return (translation.get_language() or "").startswith("zh")


def _province(user) -> str | None:
    scope = Scope.of_user(user)
    return scope.prefix if scope is not None and len(scope.prefix) == 2 else None


# --- rounds ----------------------------------------------------------------------------------

class RoundListView(ScopedView):
    """The rounds the user sees with their counties' progress; a county-level user sees its
    own county evaluations. A province user may open a round here."""

    permission_required = "evaluation.view_countyevaluation"

    def context(self, errors=None, data=None) -> dict:
        user = self.request.user
        rounds = list(access.rounds_for(user).annotate(
            counties=Count("evaluations"),
            published=Count("evaluations", filter=Q(evaluations__state="published")))
            .order_by("-year", "-pk")[:200])
        mine = list(access.evaluations_for(user).select_related("result")
                    .order_by("-round__year", "division_code")[:200])
        province = _province(user)
        form = None
        if province and user.has_perm("evaluation.open_round"):
            counties = list(Division.objects.filter(level="county", code__startswith=province)
                            .order_by("code").values_list("code", "name"))
            demo = set(CountyProfile.objects.filter(
                county__code__startswith=province, ecommerce_demo_year__isnull=False)
                .values_list("county_id", flat=True))
            chosen = set((data or {}).get("counties") or demo)
            year = timezone.localdate().year
            form = {"systems": services.systems_for(province), "province": province,
                    "counties": [(c, n, c in chosen, c in demo) for c, n in counties],
                    "data": data or {"year": year - 1,
                                     "submit_by": dt.date(year, 3, 31).isoformat(),
                                     "verify_by": dt.date(year, 5, 31).isoformat()}}
        return {"rounds": rounds, "mine": mine, "form": form, "errors": errors or {}, "zh": _zh(),
                "error": (errors or {}).get("__all__", "")}

    def get(self, request):
        return render(request, "evaluation/rounds/list.html", self.context())

    def post(self, request):
        p = request.POST
        data = {k: p.get(k, "") for k in ("year", "system", "submit_by", "verify_by", "title")}
        data["counties"] = p.getlist("counties")
        try:
            system = IndicatorSystem.objects.filter(pk=_int(p.get("system"), "system")).first()
            if system is None:
                raise ValidationFailed(gettext("choose an indicator system"),
                                       {"system": "required"})
            round_ = services.open_round(
                actor=request.user, province_code=_province(request.user) or "",
                year=_int(p.get("year"), "year"), system=system,
                counties=data["counties"], submit_by=_date(p.get("submit_by"), "submit_by"),
                verify_by=_date(p.get("verify_by"), "verify_by"), title=p.get("title", ""))
        except ValidationFailed as exc:
            errors = {"__all__": str(exc), **exc.errors}
            return render(request, "evaluation/rounds/list.html",
                          self.context(errors, data), status=400)
        return redirect("evaluation-round", pk=round_.pk)


class RoundView(ScopedView):
    """A round: its counties as rows (state, due date, flagged values, result), and the
    batch publishing of the reviewed ones."""

    permission_required = "evaluation.view_round"

    def context(self, round_, errors=None) -> dict:
        user = self.request.user
        rows = list(access.evaluations_for(user).filter(round=round_)
                    .select_related("result")
                    .annotate(flags=Count("values", filter=Q(values__flagged=True)))
                    .order_by("division_code"))
        reviewed = sum(1 for e in rows if e.state == "reviewed")
        return {"round": round_, "rows": rows, "errors": errors or [], "zh": _zh(),
                "now": timezone.now(), "reviewed": reviewed,
                "may_publish": reviewed and user.has_perm(workflows.PUBLISH)
                and workflows.EVALUATION.can_act(user, round_, workflows.PROVINCE)}

    def get(self, request, pk: int):
        round_ = access.access_round(request.user, pk)
        return render(request, "evaluation/rounds/round.html", self.context(round_))


class RoundPublishView(ScopedView):
    """Publish every reviewed county evaluation of the round at once."""

    permission_required = "evaluation.publish_evaluation"

    def post(self, request, pk: int):
        round_ = access.access_round(request.user, pk)
        try:
            services.publish_round(actor=request.user, round=round_)
        except ValidationFailed as exc:
            return render(request, "evaluation/rounds/round.html",
                          RoundView(request=request).context(round_, [str(exc)]), status=400)
        return redirect("evaluation-round", pk=round_.pk)


# --- the county evaluation -------------------------------------------------------------------

def _modules(system, evaluation: CountyEvaluation, score) -> list[dict]:
    """The system's modules (and the bonus and deduction groups) with each indicator's
    values, evidence and points; flagged rows first within a module for the evaluator."""
    rows = {v.code: v for v in evaluation.values.prefetch_related("evidence")}
    lines = getattr(score, "lines", {}) if score is not None else {}
    groups = [(m.code, m.name, m.points, m.indicators) for m in system.modules]
    if system.bonus:
        groups.append(("bonus", None, system.bonus_cap, system.bonus))
    if system.deductions:
        groups.append(("deductions", None, system.deduction_cap, system.deductions))
    out = []
    for code, name, points, indicators in groups:
        items = [{"indicator": i, "value": rows.get(i.code),
                  "line": lines.get(i.code)} for i in indicators]
        if evaluation.state == "submitted":
            items.sort(key=lambda r: not (r["value"] and r["value"].flagged))
        module_points = getattr(score, "modules", {}).get(code) if score else None
        out.append({"code": code, "name": name, "max": points, "points": module_points,
                    "items": items})
    return out


class CountyEvaluationView(ScopedView):
    """A county's evaluation: indicator rows by module with computed, submitted and verified
    values, flags and evidence; the county enters and submits, the evaluator verifies row by
    row, the province reviews and publishes; the preview score is shown throughout."""

    permission_required = "evaluation.view_countyevaluation"

    def context(self, evaluation: CountyEvaluation, errors=None) -> dict:
        user = self.request.user
        engine.mark_read(user, evaluation)
        system = evaluation.round.system.system()
        preview = services.preview(evaluation)
        wf = workflows.EVALUATION
        steps = [t for t in wf.actions_from(evaluation.state)
                 if wf.can_act(user, evaluation, t.level)]
        result = getattr(evaluation, "result", None)
        return {
            "evaluation": evaluation, "round": evaluation.round, "system": system,
            "modules": _modules(system, evaluation, preview.score), "preview": preview,
            "result": result, "steps": steps, "errors": errors or [], "zh": _zh(),
            "county_name": labels.word("division", evaluation.division_code),
            "state_word": labels.word("evaluation_state", evaluation.state),
            "overdue": not evaluation.closed and evaluation.due_at
            and evaluation.due_at < timezone.now(),
            "may_submit": evaluation.state == "opened" and user.has_perm(workflows.SUBMIT)
            and wf.can_act(user, evaluation, workflows.COUNTY),
            "may_verify": evaluation.state == "submitted" and user.has_perm(workflows.VERIFY)
            and wf.can_act(user, evaluation, workflows.COUNTY),
            "methods": VerifyMethod.choices,
            "timeline": evaluation.steps.select_related("actor").order_by("at", "pk"),
        }

    def get(self, request, pk: int):
        evaluation = access.access_evaluation(request.user, pk)
        return render(request, "evaluation/rounds/county.html", self.context(evaluation))


def _back(request, evaluation, exc):
    evaluation = access.access_evaluation(request.user, evaluation.pk)
    return render(request, "evaluation/rounds/county.html",
                  CountyEvaluationView(request=request).context(evaluation, [str(exc)]),
                  status=400)


class CountyValueView(ScopedView):
    """Enter (county) or verify (evaluator) one indicator's value."""

    permission_required = "evaluation.view_countyevaluation"

    def post(self, request, pk: int):
        evaluation = access.access_evaluation(request.user, pk)
        p = request.POST
        try:
            if p.get("what") == "verify":
                services.verify_value(actor=request.user, evaluation=evaluation,
                                      code=p.get("code", ""), value=p.get("value"),
                                      method=p.get("method", ""), reason=p.get("reason", ""))
            else:
                services.submit_value(actor=request.user, evaluation=evaluation,
                                      code=p.get("code", ""), value=p.get("value"),
                                      note=p.get("note", ""))
        except ValidationFailed as exc:
            return _back(request, evaluation, exc)
        url = reverse("evaluation-county", kwargs={"pk": evaluation.pk})
        return redirect(f"{url}#v-{p.get('code', '')}")


class CountyEvidenceUploadView(ScopedView):
    """Add an evidence file to one of the county's values."""

    permission_required = "evaluation.submit_evaluation"

    def post(self, request, pk: int):
        evaluation = access.access_evaluation(request.user, pk)
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise ValidationFailed(gettext("choose a file"), {"file": "required"})
            services.add_value_evidence(
                actor=request.user, evaluation=evaluation, code=request.POST.get("code", ""),
                name=upload.name, content=upload.read(services.EVIDENCE_MAX_BYTES + 1))
        except ValidationFailed as exc:
            return _back(request, evaluation, exc)
        return redirect("evaluation-county", pk=evaluation.pk)


class ValueEvidenceView(ScopedView):
    """Download an evidence file (region-checked, audited)."""

    permission_required = "evaluation.view_countyevaluation"

    def get(self, request, pk: int):
        found = access.access_value_evidence(request.user, pk)
        path = services.open_value_evidence(actor=request.user, evidence=found)
        response = FileResponse(path.open("rb"), as_attachment=True, filename=found.name,
                                content_type="application/octet-stream")
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


class CountyStepView(ScopedView):
    """Take a step of the county evaluation; publishing writes the result."""

    permission_required = "evaluation.view_countyevaluation"

    def post(self, request, pk: int):
        evaluation = access.access_evaluation(request.user, pk)
        action = request.POST.get("action", "")
        try:
            version = _int(request.POST.get("version"), "version")
            if action == "publish_evaluation":
                services.grade_county(actor=request.user, evaluation=evaluation,
                                      version=version)
            else:
                services.take_step(actor=request.user, evaluation=evaluation, action=action,
                                   version=version, note=request.POST.get("note", ""))
        except ValidationFailed as exc:
            return _back(request, evaluation, exc)
        return redirect("evaluation-county", pk=evaluation.pk)


class CountyComputeView(ScopedView):
    """Recompute the values fupin computes (before publishing)."""

    permission_required = "evaluation.view_countyevaluation"

    def post(self, request, pk: int):
        evaluation = access.access_evaluation(request.user, pk)
        try:
            services.compute_values(actor=request.user, evaluation=evaluation)
        except ValidationFailed as exc:
            return _back(request, evaluation, exc)
        return redirect("evaluation-county", pk=evaluation.pk)


# --- indicator systems -----------------------------------------------------------------------

class SystemListView(ScopedView):
    """The published versions (national defaults and the province's), and the upload of a
    province's version with every problem shown."""

    permission_required = "evaluation.view_indicatorsystem"

    def context(self, problems=None, message="") -> dict:
        user = self.request.user
        services.ensure_default_systems()
        province = _province(user)
        systems = access.systems_for(user).order_by("code", "province_code", "-published_at")
        return {"systems": list(systems[:200]), "problems": problems or [], "zh": _zh(),
                "message": message,
                "may_publish": bool(province) and user.has_perm("evaluation.publish_system")}

    def get(self, request):
        return render(request, "evaluation/rounds/systems.html", self.context())

    def post(self, request):
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise ValidationFailed(gettext("choose a YAML file"), {"file": "required"})
            raw = upload.read(UPLOAD_MAX_BYTES + 1)
            if len(raw) > UPLOAD_MAX_BYTES:
                raise ValidationFailed(gettext("an indicator system is at most 1 MB"),
                                       {"file": "size"})
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise ValidationFailed(gettext("the file is not UTF-8 text"),
                                       {"file": "encoding"}) from None
            row = services.publish_system(actor=request.user, text=text,
                                          source_name=upload.name)
        except services.SystemRejected as exc:
            return render(request, "evaluation/rounds/systems.html",
                          self.context(exc.problems, gettext("The file was not published.")),
                          status=400)
        except ValidationFailed as exc:
            return render(request, "evaluation/rounds/systems.html",
                          self.context([], str(exc)), status=400)
        return redirect("evaluation-system", pk=row.pk)


class SystemView(ScopedView):
    """One indicator system as a table of modules and indicators."""

    permission_required = "evaluation.view_indicatorsystem"

    def get(self, request, pk: int):
        row = access.access_system(request.user, pk)
        system = row.system()
        groups = [(m.name, m.points, m.indicators) for m in system.modules]
        return render(request, "evaluation/rounds/system.html", {
            "row": row, "system": system, "groups": groups, "zh": _zh(),
            "total": sum((m.points for m in system.modules), Decimal(0))})
