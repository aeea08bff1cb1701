"""User management for administrators: a list (inside the administrator's region), create,
change role and division, deactivate/reactivate, reset the password. Every write goes through
:mod:`fupin.accounts.services` (audited); a user outside the region is not found (404)."""

from __future__ import annotations

import django_filters
import django_tables2 as tables
from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_lazy

from fupin.accounts import services
from fupin.accounts.choices import Role
from fupin.accounts.models import User
from fupin.core import labels
from fupin.core.errors import ValidationFailed
from fupin.core.lists import ListPage, page_records
from fupin.core.views import ScopedView

MANAGE = "accounts.change_user"


class UserTable(tables.Table):
    username = tables.Column(verbose_name=gettext_lazy("Username"))
    first_name = tables.Column(verbose_name=gettext_lazy("Name"))
    role = tables.Column(verbose_name=gettext_lazy("Role"))
    division = tables.Column(verbose_name=gettext_lazy("Division"), accessor="division_id")
    is_active = tables.BooleanColumn(verbose_name=gettext_lazy("Active"))
    last_login = tables.DateTimeColumn(verbose_name=gettext_lazy("Last login"),
                                       format="Y-m-d H:i")

    class Meta:
        order_by = "username"
        empty_text = gettext_lazy("No users in your region.")
        attrs = {"class": "table table-sm table-dense", "id": "users"}

    def render_username(self, value, record):
        return format_html('<a href="/accounts/users/{}/">{}</a>', record.pk, value)

    def value_username(self, value):
        return value

    def render_role(self, record):
        return record.get_role_display()

    def value_role(self, record):
        return record.get_role_display()

    def render_division(self, value):
        if not hasattr(self, "_names"):
            codes = {r.division_id for r in page_records(self) if r.division_id}
            self._names = labels.lookup_many("division", codes)
        return self._names.get(value, value)

    def value_division(self, value):
        return self.render_division(value) if value else ""


class UserFilter(django_filters.FilterSet):
    username = django_filters.CharFilter(label=gettext_lazy("Username"), lookup_expr="icontains")
    role = django_filters.ChoiceFilter(label=gettext_lazy("Role"), choices=Role.choices)
    is_active = django_filters.BooleanFilter(label=gettext_lazy("Active"))

    class Meta:
        model = User
        fields = ["username", "role", "is_active"]


class UserListView(ListPage):
    """The users of the administrator's region."""

    permission_required = MANAGE
    model = User
    table_class = UserTable
    filterset_class = UserFilter
    template_name = "accounts/users.html"
    title = gettext_lazy("Users")
    export_name = "users"


class UserForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("Username"), max_length=150)
    full_name = forms.CharField(label=gettext_lazy("Name"), max_length=150, required=False)
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=Role.choices)
    division = forms.CharField(
        label=gettext_lazy("Division code"), max_length=12, required=False,
        help_text=gettext_lazy("12 digits; empty: your own division"))
    password = forms.CharField(
        label=gettext_lazy("Initial password"), required=False, widget=forms.PasswordInput,
        help_text=gettext_lazy("empty: a one-time password is made and shown once"))


class UserCreateView(ScopedView):
    permission_required = ("accounts.add_user", MANAGE)

    def get(self, request):
        return render(request, "accounts/user_form.html", {"form": UserForm()})

    def post(self, request):
        form = UserForm(request.POST)
        if not form.is_valid():
            return render(request, "accounts/user_form.html", {"form": form}, status=400)
        data = form.cleaned_data
        password = data["password"] or None
        try:
            user = services.create_user(
                actor=request.user, username=data["username"].strip(), role=data["role"],
                division_code=data["division"].strip() or request.user.division_id,
                password=password, full_name=data["full_name"])
            if password is None:
                shown = services.reset_password(actor=request.user, user=user)
                messages.success(request, gettext("One-time password of %(u)s: %(p)s (shown "
                                                  "once)") % {"u": user.username, "p": shown})
        except ValidationFailed as exc:
            form.add_error(None, str(exc))
            return render(request, "accounts/user_form.html", {"form": form}, status=400)
        return redirect("user-detail", pk=user.pk)


class UserEditForm(forms.Form):
    full_name = forms.CharField(label=gettext_lazy("Name"), max_length=150, required=False)
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=Role.choices)
    division = forms.CharField(label=gettext_lazy("Division code"), max_length=12)


class UserDetailView(ScopedView):
    """One user: change role and division, deactivate, reset the password."""

    permission_required = MANAGE
    model = User

    def get(self, request, pk: int, form=None, status=200):
        user = self.get_object(pk=pk)
        form = form or UserEditForm(initial={"full_name": user.first_name, "role": user.role,
                                             "division": user.division_id})
        return render(request, "accounts/user_detail.html", {
            "managed": user, "form": form,
            "division_name": labels.word("division", user.division_id or "")}, status=status)

    def post(self, request, pk: int):
        user = self.get_object(pk=pk)
        form = UserEditForm(request.POST)
        if not form.is_valid():
            return self.get(request, pk, form, 400)
        data = form.cleaned_data
        try:
            services.update_user(actor=request.user, user=user, role=data["role"],
                                 division_code=data["division"], full_name=data["full_name"])
        except ValidationFailed as exc:
            form.add_error(None, str(exc))
            return self.get(request, pk, form, 400)
        messages.success(request, gettext("Saved."))
        return redirect("user-detail", pk=pk)


class UserActiveView(ScopedView):
    permission_required = MANAGE
    model = User

    def post(self, request, pk: int):
        user = self.get_object(pk=pk)
        active = request.POST.get("active") == "1"
        services.set_active(actor=request.user, user=user, active=active)
        messages.success(request, gettext("The account is active.") if active
                         else gettext("The account is deactivated."))
        return redirect("user-detail", pk=pk)


class UserPasswordView(ScopedView):
    permission_required = MANAGE
    model = User

    def post(self, request, pk: int):
        user = self.get_object(pk=pk)
        password = services.reset_password(actor=request.user, user=user)
        return render(request, "accounts/password_reset.html",
                      {"managed": user, "password": password})
