"""Administrators manage users (list, create, role, division, deactivate, reset password):
through the services, every write audited, inside the administrator's region only."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from fupin.accounts.models import User
from fupin.core import menus
from fupin.core.models import AuditRecord
from tests import factories


@pytest.fixture
def admin(tree, client):
    user = factories.make_user("administrator", "513431000000")
    client.force_login(user)
    return user


def _actions() -> list[str]:
    return list(AuditRecord.objects.order_by("seq").values_list("action", flat=True))


def test_create_bind_change_deactivate_and_reset(client, admin):
    response = client.post(reverse("user-create"), {
        "username": "wang", "full_name": "王五", "role": "village_cadre",
        "division": factories.HOME_VILLAGE, "password": ""})
    assert response.status_code == 302
    user = User.objects.get(username="wang")
    assert (user.role, user.division_id) == ("village_cadre", factories.HOME_VILLAGE)
    assert user.has_usable_password()  # a one-time password was made and shown
    assert "accounts.create_user" in _actions()
    detail = reverse("user-detail", args=[user.pk])
    assert client.post(detail, {"role": "township_reviewer", "division": factories.HOME_TOWNSHIP,
                                "full_name": "王五"}).status_code == 302
    user.refresh_from_db()
    assert (user.role, user.division_id) == ("township_reviewer", factories.HOME_TOWNSHIP)
    assert list(user.groups.values_list("name", flat=True)) == ["township_reviewer"]
    page = client.post(reverse("user-password", args=[user.pk])).content.decode()
    password = re.search(r'id="new-password">([^<]+)<', page).group(1)
    user.refresh_from_db()
    assert user.check_password(password)
    assert client.post(reverse("user-active", args=[user.pk]), {"active": "0"}).status_code == 302
    user.refresh_from_db()
    assert not user.is_active
    assert _actions()[-3:] == ["accounts.update_user", "accounts.reset_password",
                               "accounts.deactivate_user"]
    assert password not in str(list(AuditRecord.objects.values_list("after", flat=True)))
    listing = client.get(reverse("user-list")).content.decode()
    assert "wang" in listing


def test_a_county_admin_manages_only_its_county(client, admin):
    theirs = factories.make_user("village_cadre", factories.OTHER_COUNTY_VILLAGE)
    mine = factories.make_user("village_cadre", factories.HOME_VILLAGE)
    listing = client.get(reverse("user-list")).content.decode()
    assert mine.username in listing
    assert theirs.username not in listing
    before = AuditRecord.objects.count()
    for name in ("user-detail", "user-password", "user-active"):
        assert client.post(reverse(name, args=[theirs.pk]),
                           {"active": "0", "role": "village_cadre",
                            "division": factories.HOME_VILLAGE}).status_code == 404
    # Nor may it create a user in another county, or move its own user there.
    response = client.post(reverse("user-create"), {
        "username": "li", "role": "village_cadre", "division": factories.OTHER_COUNTY_VILLAGE})
    assert response.status_code == 404
    response = client.post(reverse("user-detail", args=[mine.pk]), {
        "role": "village_cadre", "division": factories.OTHER_COUNTY_VILLAGE})
    assert response.status_code == 404
    assert AuditRecord.objects.count() == before
    theirs.refresh_from_db()
    assert theirs.is_active


def test_only_administrators_manage_users(client, tree):
    for role in ("county_officer", "county_approver", "auditor", "village_cadre"):
        client.force_login(factories.make_user(role, "513431000000"
                                               if role != "village_cadre"
                                               else factories.HOME_VILLAGE))
        assert client.get(reverse("user-list")).status_code == 403
        assert client.post(reverse("user-create"), {"username": "x"}).status_code == 403


def test_menus_follow_the_role(tree):
    def names(role, code):
        return [m["url_name"] for m in menus.items_for(factories.make_user(role, code))]

    cadre = names("village_cadre", factories.HOME_VILLAGE)
    # A village cadre follows up the village's exited households that lost all help.
    assert cadre == ["dashboard", "household-list", "inbox", "case-notices",
                     "consolidation-lost"]
    labels = [str(m["label"]) for m in menus.items_for(
        factories.make_user("village_cadre", factories.HOME_VILLAGE))]
    assert labels[0] in {"Today", "今日"}
    officer = names("county_officer", "513431000000")
    assert "monitoring-runs" in officer
    assert "user-list" not in officer
    assert "user-list" in names("administrator", "513431000000")
    assert "inbox" not in names("province_viewer", "510000000000")
    # Evaluators and auditors verify rectifications of their own sources: work in their inbox.
    assert "inbox" in names("evaluator", "513431000000")
    assert "inbox" in names("auditor", "513431000000")


def test_the_user_list_exports_to_excel_in_words(client, admin):
    import io

    from openpyxl import load_workbook

    factories.make_user("village_cadre", factories.HOME_VILLAGE)
    response = client.get(reverse("user-list"), {"export": "xlsx", "role": "village_cadre"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert len(rows) == 2
    assert "village_cadre" not in rows[1]  # the role and the division in words
    assert factories.HOME_VILLAGE not in rows[1]
    assert "俄尔古取村村民委员会" in rows[1]
