"""Work screens of the case procedure: inbox, case page, notices, self-report, feeds,
dashboard. Every write goes through ``services``."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from pathlib import Path

from django.contrib import messages
from django.db.models import Count
from django.db.models.functions import Substr, TruncMonth
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext, gettext_lazy

from fupin.cases import access, evidence, inputs, services, workflow
from fupin.cases.models import KIND_MAX, Alert, Case, Channel, EliminationKind, Measure, MeasureType
from fupin.core import labels, scope
from fupin.core import workflow as engine
from fupin.core.access import Scope
from fupin.core.errors import Conflict, ValidationFailed
from fupin.core.views import ScopedView
from fupin.households.access import access_household
from fupin.monitoring import policy
from fupin.regions.choices import child_level
from fupin.regions.models import Division


def _measure_word(code: str) -> str:
    found = labels.word("measure", code)
    return found if found != code else str(dict(MeasureType.choices).get(code, code))


def alert_word(alert: Alert) -> str:
    """What an alert says, in words: a run's category, a self-report's kind, or the
    department's own alert type."""
    if alert.channel == Channel.ENGINE:
        return evidence.category_word(alert.kind)
    found = labels.word("alert_kind", alert.kind)
    if found != alert.kind:
        return found
    return str(dict(SELF_REPORT_KINDS).get(alert.kind, alert.kind))


#: What a household may report (the self-report form's choices).
SELF_REPORT_KINDS = [
    ("illness", gettext_lazy("Illness")), ("disaster", gettext_lazy("Natural disaster")),
    ("accident", gettext_lazy("Accident")), ("income_drop", gettext_lazy("Sharp drop in income")),
    ("ecommerce_loss", gettext_lazy("E-commerce loss")), ("other", gettext_lazy("Other")),
]


def _category_title(code: str) -> str:
    """A category in words (the pack's title in the user's language)."""
    lang = "zh" if (get_language() or "zh").startswith("zh") else "en"
    return policy.category_titles(lang=lang).get(code, code)


class CaseView(ScopedView):
    permission_required = "cases.view_case"

    def get(self, request, pk: int, errors=None):
        case = access.access_case(request.user, pk)
        engine.mark_read(request.user, case)
        return render(request, "cases/case.html", self.context(request, case, errors))

    @staticmethod
    def context(request, case: Case, errors=None) -> dict:
        user = request.user
        actions = [t for t in workflow.actions_from(case.state)
                   if services.can_act(user, case, t.level)]
        pack = policy.pack()
        recommended = []
        if pack:
            for code in filter(None, case.risk_types.split(";")):
                recommended += [m for m in pack.measures.get(code, []) if m not in recommended]
        timeline = [(s.at, "step", s) for s in case.steps.select_related("actor")]
        for s in (item for _at, kind, item in timeline if kind == "step"):
            s.step_word = evidence.step_word(s.action)
        alerts = list(case.alerts.all())
        for a in alerts:
            a.word = alert_word(a)
            a.description = (a.details or {}).get("description", "")
            a.amount_text = evidence.yuan(a.amount) if a.amount is not None else ""
        measures = list(case.measures.all())
        for m in measures:
            m.amount_text = evidence.yuan(m.amount) if m.amount is not None else ""
        visits = list(case.visits.select_related("by"))
        for v in visits:
            v.income_text = evidence.yuan(v.per_capita_income) \
                if v.per_capita_income is not None else ""
        timeline += [(a.created_at, "alert", a) for a in alerts]
        timeline.sort(key=lambda x: x[0])
        may_assist = (services.can_act(user, case, "village")
                      or services.can_act(user, case, "county"))
        in_advance = services.in_advance_allowed(case)
        can_assist = may_assist and (case.state in services.MONITORED_STATES or in_advance)
        attachments = list(case.attachments.all())
        for a in attachments:
            a.step_word = workflow.STATES.get(a.step, a.step)
        reports = [a for a in alerts if a.channel in {Channel.SELF_REPORT, Channel.CADRE_VISIT}]
        return {
            "evidence": evidence.for_household(case.household),
            "reports": reports,
            "risk_words": "、".join(evidence.risk_type_words(case.risk_types)),
            "recommended_words": [_measure_word(m) for m in recommended],
            "category_title": _category_title(case.category) if case.category else "",
            "case": case, "state_label": workflow.STATES.get(case.state, case.state),
            "actions": actions, "timeline": timeline, "measures": measures,
            "visits": visits, "errors": errors or [],
            "measure_types": MeasureType.choices, "recommended": recommended,
            "elimination_kinds": EliminationKind.choices, "can_assist": can_assist,
            "today": timezone.localdate(), "in_advance": in_advance and may_assist,
            "derived_category": case.category if case.approved_at else
            workflow.derived_category(case),
            "category_choices": [(c, _category_title(c))
                                 for c in policy.monitoring_categories()],
            "notice_end": workflow.notice_end(case), "notice_days": workflow.notice_days(case),
            "objections": case.objections.all(), "attachments": attachments,
            "can_object": case.state in workflow.NOTICE_STATES and (
                services.can_act(user, case, "village")
                or services.can_act(user, case, "township")),
            "can_answer": services.can_act(user, case, "township"),
            "can_attach": not case.closed and any(
                services.can_act(user, case, lvl) for lvl in workflow.LEVEL_PERMISSION),
        }


class StepView(ScopedView):
    permission_required = "cases.view_case"

    def post(self, request, pk: int):
        case = access.access_case(request.user, pk)
        try:
            version = int(request.POST.get("version", "0"))
            inputs.text(request.POST.get("note"), "note", max_length=inputs.NOTE_MAX)
            services.take_step(
                actor=request.user, case=case, action=request.POST.get("action", ""),
                version=version, note=request.POST.get("note", ""),
                **inputs.step_fields(request.POST))
        except (ValidationFailed, ValueError) as exc:
            criteria = getattr(exc, "errors", {}).get("criteria") if hasattr(exc, "errors") \
                else None
            errors = criteria or [str(exc)]
            case.refresh_from_db()
            return render(request, "cases/case.html",
                          CaseView.context(request, case, errors), status=400)
        except Conflict as exc:
            messages.warning(request, str(exc))
        return redirect("case-detail", pk=case.pk)


class ObjectionView(ScopedView):
    """Record an objection raised during the notice."""

    permission_required = "cases.view_case"

    def post(self, request, pk: int):
        case = access.access_case(request.user, pk)
        p = request.POST
        try:
            services.raise_objection(
                actor=request.user, case=case,
                raised_by=inputs.text(p.get("raised_by"), "raised_by", max_length=50,
                                      required=True),
                content=inputs.text(p.get("content"), "content",
                                    max_length=inputs.DESCRIPTION_MAX, required=True))
        except ValidationFailed as exc:
            return render(request, "cases/case.html",
                          CaseView.context(request, case, [str(exc)]), status=400)
        return redirect("case-detail", pk=case.pk)


class ObjectionAnswerView(ScopedView):
    """The township answers an objection."""

    permission_required = "cases.view_case"

    def post(self, request, pk: int, objection: int):
        case = access.access_case(request.user, pk)
        try:
            services.answer_objection(
                actor=request.user, case=case, objection_id=objection,
                answer=inputs.text(request.POST.get("answer"), "answer",
                                   max_length=inputs.DESCRIPTION_MAX, required=True))
        except ValidationFailed as exc:
            return render(request, "cases/case.html",
                          CaseView.context(request, case, [str(exc)]), status=400)
        except Conflict as exc:
            messages.warning(request, str(exc))
        return redirect("case-detail", pk=case.pk)


class AttachmentUploadView(ScopedView):
    """Attach a document (the signed authorisation, minutes) to the case's current step."""

    permission_required = "cases.view_case"

    def post(self, request, pk: int):
        case = access.access_case(request.user, pk)
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise ValidationFailed("choose a file", {"file": "required"})
            services.attach(actor=request.user, case=case, name=upload.name,
                            content=upload.read(services.ATTACHMENT_MAX_BYTES + 1))
        except ValidationFailed as exc:
            return render(request, "cases/case.html",
                          CaseView.context(request, case, [str(exc)]), status=400)
        return redirect("case-detail", pk=case.pk)


class AttachmentView(ScopedView):
    """Download an attachment: only through the case's region and permission check."""

    permission_required = "cases.view_case"

    def get(self, request, pk: int, attachment: int):
        found, path = services.access_attachment(request.user, pk, attachment)
        response = FileResponse(path.open("rb"), as_attachment=True, filename=found.name,
                                content_type="application/octet-stream")
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


class MeasureView(ScopedView):
    permission_required = "cases.view_case"

    def post(self, request, pk: int):
        case = access.access_case(request.user, pk)
        p = request.POST
        try:
            services.add_measure(
                actor=request.user, case=case, type=p.get("type", ""),
                description=p.get("description", ""), responsible=p.get("responsible", ""),
                start=dt.date.fromisoformat(p.get("start", "")),
                end=dt.date.fromisoformat(p["end"]) if p.get("end") else None,
                amount=inputs.amount(p.get("amount"), "amount"))
        except (ValidationFailed, ValueError) as exc:
            return render(request, "cases/case.html",
                          CaseView.context(request, case, [str(exc)]), status=400)
        return redirect("case-detail", pk=case.pk)


class VisitView(ScopedView):
    permission_required = "cases.view_case"

    def post(self, request, pk: int):
        case = access.access_case(request.user, pk)
        p = request.POST
        try:
            services.add_visit(actor=request.user, case=case,
                               date=dt.date.fromisoformat(p.get("date", "")),
                               situation=inputs.text(p.get("situation"), "situation",
                                                     max_length=inputs.NOTE_MAX, required=True),
                               per_capita_income=inputs.amount(p.get("per_capita_income"),
                                                               "per_capita_income",
                                                               minimum=None))
        except (ValidationFailed, ValueError) as exc:
            return render(request, "cases/case.html",
                          CaseView.context(request, case, [str(exc)]), status=400)
        return redirect("case-detail", pk=case.pk)


class SelfReportView(ScopedView):
    """A short form a cadre fills in on the household's behalf; consent recorded."""

    permission_required = "cases.act_village"

    def get(self, request, household_id: str, error=""):
        household = access_household(request.user, household_id)
        return render(request, "cases/self_report.html", {"household": household,
                                                          "error": error,
                                                          "kinds": SELF_REPORT_KINDS})

    def post(self, request, household_id: str):
        household = access_household(request.user, household_id)
        try:
            p = request.POST
            case = services.self_report(
                actor=request.user, household=household,
                kind=inputs.text(p.get("kind"), "kind", max_length=KIND_MAX, required=True),
                description=inputs.text(p.get("description"), "description",
                                        max_length=inputs.DESCRIPTION_MAX),
                consent=p.get("consent") == "on",
                amount=inputs.amount(p.get("amount"), "amount"),
                channel=p.get("channel", "self_report"))
        except ValidationFailed as exc:
            return render(request, "cases/self_report.html",
                          {"household": household, "error": str(exc),
                           "kinds": SELF_REPORT_KINDS}, status=400)
        return redirect("case-detail", pk=case.pk)


class FeedView(ScopedView):
    """Department screening feeds: a CSV (household_id or id_number, alert_type, date,
    amount)."""

    permission_required = "cases.act_village"

    def get(self, request):
        return render(request, "cases/feed.html", {})

    def post(self, request):
        upload = request.FILES.get("file")
        department = request.POST.get("department", "").strip()
        if upload is None or not department:
            return render(request, "cases/feed.html",
                          {"error": gettext("choose the department and a CSV file")},
                          status=400)
        try:
            department = inputs.text(department, "department",
                                     max_length=inputs.DEPARTMENT_MAX, required=True)
            raw = upload.read(inputs.FEED_MAX_BYTES + 1)  # one byte more tells it is too big
            name = Path(upload.name or "feed.csv").name[:80]
            rows = inputs.check_feed_rows(inputs.decode_feed(raw, name), name)
            result = services.department_feed(
                actor=request.user, department=department, rows=rows,
                scope=Scope.of_user(request.user))
        except ValidationFailed as exc:
            return render(request, "cases/feed.html",
                          {"error": str(exc), "problems": str(exc).split("; ")}, status=400)
        messages.success(request, gettext("%(n)s alerts recorded") % {"n": result["alerts"]})
        return redirect("case-inbox")


class NoticeListView(ScopedView):
    """The public-notice list of a village, printable (A4, Chinese, posting and end dates)."""

    permission_required = "cases.view_case"

    def get(self, request):
        village = request.GET.get("village", "")
        cases = (Case.objects.for_user(request.user)
                 .filter(state__in=workflow.NOTICE_STATES).select_related(
                     "household", "household__village").order_by("village_code", "pk"))
        if village:
            cases = cases.filter(village_code=village)
        cases = list(cases)
        for c in cases:
            c.notice_days, c.notice_end = workflow.notice_days(c), workflow.notice_end(c)
        if request.GET.get("format") == "csv":
            return notices_csv(cases)
        return render(request, "cases/notices.html", {"cases": cases})


def notices_csv(cases: list[Case]) -> HttpResponse:
    """The notice list as CSV (UTF-8 with BOM, opens in Excel): the same dates as the page."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(["户编号", "户主", "村", "事项", "公示开始", "公示结束", "天数"])
    for c in cases:
        writer.writerow([c.household.household_id, c.household.head_name,
                         c.household.village.name, workflow.STATES.get(c.state, c.state),
                         c.notice_start or "", c.notice_end or "", c.notice_days])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="notices.csv"'
    return response


class CaseDashboardView(ScopedView):
    """Caseload by category, state and risk type per township; measures by type; elimination
    rate; overdue counts; trend over months."""

    permission_required = "cases.view_case"

    def get(self, request):
        user = request.user
        cases = Case.objects.for_user(user)
        # Per division one level below the user's (townships for a county officer).
        length = scope.PREFIX_LENGTH[child_level(user.division.level)]
        by_area = (cases.filter(closed=False).annotate(area=Substr("village_code", 1, length))
                   .values("area", "category").annotate(n=Count("id")).order_by("area"))
        table: dict[str, Counter] = {}
        for r in by_area:
            table.setdefault(r["area"], Counter())[r["category"] or "—"] += r["n"]
        names = dict(Division.objects.filter(code__in=[a.ljust(12, "0") for a in table])
                     .values_list("code", "name"))
        states = Counter(dict(cases.values_list("state").annotate(n=Count("id"))
                              .values_list("state", "n")))
        risks = Counter()
        for value in cases.filter(closed=False).exclude(risk_types="").values_list(
                "risk_types", flat=True):
            risks.update(value.split(";"))
        measures = (Measure.objects.filter(case__in=cases).values("type")
                    .annotate(n=Count("id")).order_by("type"))
        approved = cases.exclude(approved_at=None).count()
        eliminated = cases.filter(state="eliminated").count()
        overdue = cases.filter(closed=False, due_at__lt=timezone.now()).count()
        trend = (cases.annotate(month=TruncMonth("opened_at")).values("month")
                 .annotate(n=Count("id")).order_by("month"))
        cats = [*policy.monitoring_categories(), "—"]
        return render(request, "cases/dashboard.html", {
            "rows": [(names.get(a.ljust(12, "0"), a), [table[a].get(c, 0) for c in cats])
                     for a in table],
            "cats": [_category_title(c) for c in cats],
            "states": [(workflow.STATES.get(s, s), n) for s, n in states.items()],
            "risks": [(", ".join(evidence.risk_type_words(code)) or code, n)
                      for code, n in sorted(risks.items())],
            "measures": [{"type": _measure_word(m["type"]), "n": m["n"]} for m in measures],
            "overdue": overdue,
            "elimination_rate": (eliminated / approved) if approved else None,
            "eliminated": eliminated, "approved": approved,
            "trend": {"months": [t["month"].strftime("%Y-%m") for t in trend if t["month"]],
                      "counts": [t["n"] for t in trend if t["month"]]},
        })


class HouseholdTimelineView(ScopedView):
    """The household's cases and their timeline (loaded into the household page)."""

    permission_required = "cases.view_case"

    def get(self, request, household_id: str):
        household = access_household(request.user, household_id)
        cases = list(household.cases.prefetch_related("steps__actor", "alerts", "measures",
                                                      "visits").order_by("-opened_at"))
        for c in cases:
            c.state_label = workflow.STATES.get(c.state, c.state)
            for s in c.steps.all():
                s.step_word = evidence.step_word(s.action)
        return render(request, "cases/_household_timeline.html", {
            "household": household, "cases": cases,
            "can_report": request.user.has_perm("cases.act_village")})
