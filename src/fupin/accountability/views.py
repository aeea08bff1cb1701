"""Screens of accountability: the findings inbox, a finding's page (timeline, evidence,
actions, steps), the rectification dashboard, the actions ledger and the printable notice
and status report. Views are thin: reads through ``access``, writes through ``services``."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from fupin.accountability import access, services, workflows
from fupin.accountability.choices import ACTION_LEVEL, ActionKind, Category, LinkKind, Source
from fupin.accountability.models import AccountabilityAction, Finding, Rectification
from fupin.accountability.tables import (
    ActionFilter,
    ActionTable,
    FindingFilter,
    FindingTable,
    with_overdue,
)
from fupin.core import labels
from fupin.core import workflow as engine
from fupin.core.access import for_user
from fupin.core.errors import ValidationFailed
from fupin.core.lists import ListPage
from fupin.core.views import ScopedView

RECORD_PERMISSIONS = ("accountability.record_evaluation_finding",
                      "accountability.record_audit_finding", "accountability.record_complaint")


class FindingListView(ListPage):
    """Findings inbox of the user's region (per responsible unit with the filter), overdue
    first, then by deadline."""

    permission_required = "accountability.view_finding"
    model = Finding
    table_class = FindingTable
    filterset_class = FindingFilter
    template_name = "accountability/finding_list.html"
    title = gettext_lazy("Findings")
    export_name = "findings"

    def base_queryset(self):
        return with_overdue(Finding.objects.select_related("rectification"))


class ActionListView(ListPage):
    """The accountability actions ledger of the user's region."""

    permission_required = "accountability.view_accountabilityaction"
    model = AccountabilityAction
    table_class = ActionTable
    filterset_class = ActionFilter
    title = gettext_lazy("Accountability actions")
    export_name = "accountability-actions"

    def base_queryset(self):
        return AccountabilityAction.objects.select_related("finding")


def _date(value: str, name: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationFailed(gettext("give a date (YYYY-MM-DD)"), {name: "date"}) from None


class FindingCreateView(ScopedView):
    """Enter a finding of a source the user's role records."""

    permission_required = "accountability.view_finding"

    def has_permission(self) -> bool:
        user = self.request.user
        return super().has_permission() and any(user.has_perm(p) for p in RECORD_PERMISSIONS)

    def context(self, errors=None, data=None):
        user = self.request.user
        return {"sources": [(s, Source(s).label) for s in services.recordable_sources(user)],
                "categories": Category.choices, "severities": services.Severity.choices,
                "link_kinds": LinkKind.choices, "errors": errors or {},
                "data": data or {"division_code": user.division_id,
                                 "found_on": timezone.localdate().isoformat()}}

    def get(self, request):
        return render(request, "accountability/finding_form.html", self.context())

    def post(self, request):
        p = request.POST
        try:
            links = [(k, r) for k, r in zip(p.getlist("link_kind"), p.getlist("link_ref"),
                                            strict=False) if r.strip()]
            data = services.FindingInput(
                source=p.get("source", ""), division_code=p.get("division_code", ""),
                found_on=_date(p.get("found_on", ""), "found_on"),
                responsible_unit=p.get("responsible_unit", ""),
                responsible_person=p.get("responsible_person", ""),
                category=p.get("category", ""), severity=p.get("severity", ""),
                title=p.get("title", ""), description=p.get("description", ""),
                outlet=p.get("outlet", ""), report=p.get("report", ""),
                deadline=_date(p["deadline"], "deadline") if p.get("deadline") else None,
                links=links, complainant_name=p.get("complainant_name", ""),
                complainant_phone=p.get("complainant_phone", ""))
            finding = services.record_finding(actor=request.user, data=data)
        except ValidationFailed as exc:
            errors = exc.errors or {"__all__": str(exc)}
            return render(request, "accountability/finding_form.html",
                          self.context(errors, p), status=400)
        return redirect("finding-detail", pk=finding.pk)


def _timeline(finding: Finding) -> list[dict]:
    """Every step of the rectification and of the actions, with the reports' text, oldest
    first."""
    rect = finding.rectification
    reports = {(r.actor_id, r.at): r.text for r in rect.reports.all()}
    rows = [{"at": s.at, "actor": s.actor.get_username(),
             "what": labels.word("rectification_step", s.action),
             "to": labels.word("rectification_state", s.to_state),
             "text": reports.get((s.actor_id, s.at), s.note)}
            for s in rect.steps.select_related("actor")]
    for action in finding.actions.all():
        rows += [{"at": s.at, "actor": s.actor.get_username(),
                  "what": f"{action.get_kind_display()}: "
                          f"{labels.word('rectification_step', s.action)}",
                  "to": labels.word("action_state", s.to_state), "text": s.note}
                 for s in action.steps.select_related("actor")]
    rows.append({"at": rect.assigned_at, "actor": "", "what": gettext("Recorded and assigned"),
                 "to": labels.word("rectification_state", "assigned"), "text": ""})
    return sorted(rows, key=lambda r: r["at"])


class FindingView(ScopedView):
    """A finding's page: what, where, who is responsible, the deadline, the timeline, evidence,
    links and actions, and the steps the user may take now."""

    permission_required = "accountability.view_finding"

    @staticmethod
    def context(request, finding: Finding, errors=None) -> dict:
        user = request.user
        rect = finding.rectification
        engine.mark_read(user, rect)
        steps = [t for t in workflows.RECTIFICATION.actions_from(rect.state)
                 if workflows.RECTIFICATION.can_act(user, rect, t.level)]
        actions = list(finding.actions.select_related("proposed_by"))
        decidable = {a.pk for a in actions if not a.closed and workflows.ACTIONS.can_act(
            user, a, ACTION_LEVEL[a.kind])}
        return {
            "finding": finding, "rect": rect, "steps": steps, "errors": errors or [],
            "state_word": labels.word("rectification_state", rect.state),
            "overdue": not rect.closed and rect.due_at and rect.due_at < timezone.now(),
            "timeline": _timeline(finding), "evidence": finding.evidence.all(),
            "links": finding.links.all(), "actions": actions, "decidable": decidable,
            "action_kinds": ActionKind.choices,
            "may_propose": user.has_perm("accountability.add_accountabilityaction"),
            "may_add_evidence": user.has_perm("accountability.rectify") or user.has_perm(
                services.VERIFIER_PERMISSION[finding.source]),
            "complainant": services.complainant(finding) if finding.is_complaint else None,
            "complaint_overdue": services.complaint_overdue(finding),
            "may_handle": finding.is_complaint and user.has_perm(
                "accountability.record_complaint") and finding.replied_at is None,
            "may_reveal": finding.is_complaint and user.has_perm(
                "accountability.reveal_complainant"),
            "may_recover": user.has_perm("accountability.record_recovery"),
        }

    def get(self, request, pk: int):
        finding = access.access_finding(request.user, pk)
        return render(request, "accountability/finding.html", self.context(request, finding))


def _back_with(request, finding, exc):
    return render(request, "accountability/finding.html",
                  FindingView.context(request, finding, [str(exc)]), status=400)


def _version(request) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        raise ValidationFailed(gettext("reload the page"), {"version": "number"}) from None


class StepView(ScopedView):
    """Take a rectification step (plan, progress, claim, verify, send back)."""

    permission_required = "accountability.view_rectification"

    def post(self, request, pk: int):
        finding = access.access_finding(request.user, pk)
        try:
            services.take_step(actor=request.user, rectification=finding.rectification,
                               action=request.POST.get("action", ""),
                               version=_version(request), note=request.POST.get("note", ""))
        except ValidationFailed as exc:
            return _back_with(request, finding, exc)
        return redirect("finding-detail", pk=finding.pk)


class ComplaintView(ScopedView):
    """The complaint's clock: acknowledge, extend once with a reason, reply."""

    permission_required = "accountability.view_finding"

    def post(self, request, pk: int):
        finding = access.access_finding(request.user, pk)
        what = request.POST.get("what", "")
        try:
            if what == "acknowledge":
                services.acknowledge_complaint(actor=request.user, finding=finding)
            elif what == "extend":
                services.extend_complaint(actor=request.user, finding=finding,
                                          reason=request.POST.get("reason", ""))
            elif what == "reply":
                services.reply_complaint(actor=request.user, finding=finding,
                                         reply=request.POST.get("reply", ""))
            else:
                raise ValidationFailed(gettext("acknowledge, extend or reply"), {"what": what})
        except ValidationFailed as exc:
            return _back_with(request, finding, exc)
        return redirect("finding-detail", pk=finding.pk)


class RevealView(ScopedView):
    """The complainant in clear (audited), as a small fragment."""

    permission_required = "accountability.reveal_complainant"

    def post(self, request, pk: int):
        finding = access.access_finding(request.user, pk)
        clear = services.reveal_complainant(actor=request.user, finding=finding)
        return render(request, "accountability/_complainant.html", {"clear": clear})


class EvidenceUploadView(ScopedView):
    permission_required = "accountability.view_finding"

    def post(self, request, pk: int):
        finding = access.access_finding(request.user, pk)
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise ValidationFailed(gettext("choose a file"), {"file": "required"})
            services.add_evidence(actor=request.user, finding=finding, name=upload.name,
                                  content=upload.read(services.EVIDENCE_MAX_BYTES + 1))
        except ValidationFailed as exc:
            return _back_with(request, finding, exc)
        return redirect("finding-detail", pk=finding.pk)


class EvidenceView(ScopedView):
    """Download an evidence file: only through the finding's region and permission check."""

    permission_required = "accountability.view_finding"

    def get(self, request, pk: int, evidence: int):
        found = access.access_evidence(request.user, pk, evidence)
        path = services.open_evidence(actor=request.user, evidence=found)
        response = FileResponse(path.open("rb"), as_attachment=True,
                                filename=found.name, content_type="application/octet-stream")
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


class ActionCreateView(ScopedView):
    """Propose an accountability action on the finding."""

    permission_required = "accountability.add_accountabilityaction"

    def post(self, request, pk: int):
        finding = access.access_finding(request.user, pk)
        p = request.POST
        try:
            officials = [{"name": n, "unit": u, "post": t} for n, u, t in zip(
                p.getlist("official_name"), p.getlist("official_unit"),
                p.getlist("official_post"), strict=False)]
            year = p.get("year", "").strip()
            services.propose_action(
                actor=request.user, finding=finding, kind=p.get("kind", ""),
                decision_document=p.get("decision_document", ""),
                decision_date=_date(p.get("decision_date", ""), "decision_date"),
                officials=officials, points=p.get("points") or None,
                year=int(year) if year.isdigit() and len(year) == 4 else None,
                amount=p.get("amount") or None, note=p.get("note", ""))
        except ValidationFailed as exc:
            return _back_with(request, finding, exc)
        return redirect("finding-detail", pk=finding.pk)


class ActionDecideView(ScopedView):
    """Approve or refuse a proposed action at its level."""

    permission_required = "accountability.view_accountabilityaction"

    def post(self, request, pk: int):
        action = access.access_action(request.user, pk)
        try:
            services.decide_action(actor=request.user, action=action,
                                   decision=request.POST.get("decision", ""),
                                   version=_version(request),
                                   note=request.POST.get("note", ""))
        except ValidationFailed as exc:
            return _back_with(request, action.finding, exc)
        return redirect("finding-detail", pk=action.finding_id)


class RecoveryView(ScopedView):
    permission_required = "accountability.record_recovery"

    def post(self, request, pk: int):
        action = access.access_action(request.user, pk)
        try:
            services.record_recovery(actor=request.user, action=action,
                                     recovered=request.POST.get("recovered", ""))
        except ValidationFailed as exc:
            return _back_with(request, action.finding, exc)
        return redirect("finding-detail", pk=action.finding_id)


class NoticeView(ScopedView):
    """The printable rectification notice (整改通知书), A4."""

    permission_required = "accountability.view_finding"

    def get(self, request, pk: int):
        finding = access.access_finding(request.user, pk)
        return render(request, "accountability/notice.html", {
            "finding": finding, "rect": finding.rectification,
            "division": labels.word("division", finding.division_code),
            "today": timezone.localdate()})


def figures(user) -> dict:
    """The dashboard's numbers for the user's region: open, overdue, closed on time and late,
    by source and category, and the trend by month."""
    rects = for_user(Rectification.objects.all(), user, "view")
    now = timezone.now()
    counts = rects.aggregate(
        n_open=Count("pk", filter=Q(closed=False)),
        n_overdue=Count("pk", filter=Q(closed=False, due_at__lt=now)),
        n_on_time=Count("pk", filter=Q(closed=True, on_time=True)),
        n_late=Count("pk", filter=Q(closed=True, on_time=False)))
    counts = {k[2:]: v for k, v in counts.items()}
    by = {}
    for field_name, choices in (("source", Source), ("category", Category)):
        rows = Counter()
        for value, closed, overdue in rects.values_list(
                f"finding__{field_name}", "closed", "due_at"):
            rows[(value, "closed" if closed else "overdue" if overdue and overdue < now
                  else "open")] += 1
        keys = [c for c in choices.values if any(k[0] == c for k in rows)]
        by[field_name] = {"categories": [str(choices(k).label) for k in keys], "series": [
            {"name": str(name), "data": [rows[(k, state)] for k in keys]}
            for state, name in (("open", gettext("Open")), ("overdue", gettext("Overdue")),
                                ("closed", gettext("Closed")))]}
    trend = (for_user(Finding.objects.all(), user, "view")
             .annotate(month=TruncMonth("found_on")).values("month")
             .annotate(n=Count("pk")).order_by("month"))
    months = [(r["month"].strftime("%Y-%m"), r["n"]) for r in trend]
    by["trend"] = {"categories": [m for m, _n in months],
                   "series": [{"name": gettext("Findings"), "data": [n for _m, n in months]}]}
    divisions = (rects.values("division_code")
                 .annotate(open=Count("pk", filter=Q(closed=False)),
                           overdue=Count("pk", filter=Q(closed=False, due_at__lt=now)),
                           closed=Count("pk", filter=Q(closed=True)))
                 .order_by("-overdue", "division_code"))
    names = labels.lookup_many("division", {d["division_code"] for d in divisions})
    rows = [{**d, "name": names.get(d["division_code"], d["division_code"])}
            for d in divisions[:100]]
    return {"counts": counts, "charts": by, "divisions": rows}


class DashboardView(ScopedView):
    """County / province rectification dashboard (ECharts)."""

    permission_required = "accountability.view_rectification"

    def get(self, request):
        data = figures(request.user)
        return render(request, "accountability/dashboard.html", {
            **data, "charts_json": data["charts"]})


class StatusReportView(ScopedView):
    """The printable status report of the region's rectifications (A4)."""

    permission_required = "accountability.view_rectification"

    def get(self, request):
        data = figures(request.user)
        findings = with_overdue(access.findings(request.user)).order_by(
            "-overdue", "rectification__deadline")[:500]
        return render(request, "accountability/status_report.html", {
            **data, "findings": findings, "today": timezone.localdate(),
            "division": labels.word("division", request.user.division_id)})


def chart_payload(charts: dict) -> str:
    return json.dumps(charts, ensure_ascii=False)
