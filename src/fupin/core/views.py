"""Base views (login, permission and region scope applied once) and the audit-trail screens."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.shortcuts import redirect, render
from django.views import View

from fupin.core import access, audit, inbox, scope
from fupin.core import workflow as engine
from fupin.core.models import AuditRecord


class ScopedView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """Anonymous → login page; logged in without the permission → 403.

    A view declares what it shows (``model`` or ``queryset``, and the ``action``); it reads
    region-owned rows only through :meth:`get_queryset` and :meth:`get_object`, which apply
    the region gate themselves, so a view cannot forget it.
    """

    raise_exception = False
    model = None
    queryset = None
    action = "view"

    def has_permission(self) -> bool:
        # A user bound to no division may do nothing (deny by default).
        return super().has_permission() and self.request.user.division_id is not None

    def base_queryset(self):
        if self.queryset is not None:
            return self.queryset.all()
        if self.model is None:
            raise TypeError(f"{type(self).__name__} declares neither model nor queryset")
        return self.model._default_manager.all()

    def get_queryset(self, action: str | None = None):
        """The declared rows inside the user's region (none without the permission)."""
        return access.for_user(self.base_queryset(), self.request.user, action or self.action)

    def get_object(self, action: str | None = None, **lookup):
        """One declared row: 403 without the permission, 404 if missing or in another region."""
        return access.get_for_user(self.base_queryset(), self.request.user,
                                   action or self.action, **lookup)


def home(request):
    if not request.user.is_authenticated:
        return redirect("login")
    return redirect("dashboard")


class AuditVerifyView(ScopedView):
    """Prove the ledger: walk the whole chain and say where it breaks, if it does."""

    permission_required = "core.verify_auditrecord"

    def post(self, request):
        result = audit.verify()
        broken = None
        if not result.ok and result.broken_id is not None:
            broken = AuditRecord.objects.filter(pk=result.broken_id).first()
        # Name the broken record only to a user whose region holds it.
        visible = broken is not None and scope.in_scope(request.user, broken.division_code)
        if broken is None and not result.ok:
            visible = scope.user_prefix(request.user) == ""
        in_region = AuditRecord.objects.for_user(request.user).count()
        # The chain's length is a national figure: only a national user is told it.
        national = scope.user_prefix(request.user) == ""
        return render(request, "core/_verify_result.html", {
            "result": result, "reason_visible": visible, "in_region": in_region,
            "national": national})


class InboxView(ScopedView):
    """My work: one inbox over every workflow — what waits on my level in my region, overdue
    first, with days left (escalated items from the level below marked) — and my unread
    notices."""

    permission_required = "core.view_notification"

    def get(self, request):
        page = inbox.page(request.user, request.GET.get("page"))
        notes = engine.unread(request.user)[:20]
        return render(request, "core/inbox.html", {"page": page, "notes": notes})


class NotificationReadView(ScopedView):
    """Dismiss one of my notices (it stops showing in the inbox)."""

    permission_required = "core.view_notification"

    def post(self, request, pk: int):
        engine.dismiss(request.user, pk)
        return redirect("case-inbox")
