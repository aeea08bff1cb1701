"""The platform's list pages, menus and words (fupin.core.lists, menus, labels)."""

from __future__ import annotations

import io

import pytest
from django.db import transaction
from django.urls import reverse
from openpyxl import load_workbook

from fupin.core import audit, labels, menus
from fupin.core.models import AuditRecord
from tests import factories

COUNTY = "513431000000"
VILLAGE = factories.HOME_VILLAGE


@pytest.fixture
def records(db, tree):
    with transaction.atomic():
        for i in range(120):
            audit.record(actor="test", action=f"cases.step{i % 3}", object_type="case",
                         object_id=str(i), division_code=VILLAGE)
        audit.record(actor="test", action="x.elsewhere", object_type="case", object_id="x",
                     division_code=factories.OTHER_COUNTY_VILLAGE)
    return AuditRecord.objects.count()


def test_menu_follows_the_role(tree):
    cadre = factories.make_user("village_cadre", VILLAGE)
    officer = factories.make_user("county_officer", COUNTY)
    cadre_menu = {m["url_name"] for m in menus.items_for(cadre)}
    officer_menu = {m["url_name"] for m in menus.items_for(officer)}
    assert "audit-list" in officer_menu
    assert "audit-list" not in cadre_menu
    assert "household-list" in cadre_menu
    assert menus.items_for(factories.make_user(None, None)) == []


def test_word_translates_known_codes_and_keeps_unknown_ones(tree):
    village = tree[VILLAGE]
    assert labels.word("division", village.code) == village.name
    assert labels.word("division", "999999999999") == "999999999999"
    assert labels.word("no-such-kind", "abc") == "abc"
    assert labels.word("division", None) == ""
    assert labels.check() == []


def test_audit_list_pages_sorts_filters_and_stays_in_region(client, records, tree):
    client.force_login(factories.make_user("county_officer", COUNTY))
    url = reverse("audit-list")
    first = client.get(url).content.decode()
    assert first.count('class="audit-seq"') == 50
    assert "x.elsewhere" not in first
    filtered = client.get(url, {"action": "cases.step1"}).content.decode()
    assert "cases.step2" not in filtered
    oldest = client.get(url, {"sort": "seq"}).content.decode()
    assert oldest.index('class="audit-seq">1<') < oldest.index('class="audit-seq">2<')
    assert client.get(url, {"page": "999"}).status_code == 200


def test_audit_list_exports_every_filtered_row_to_excel(client, records, tree):
    user = factories.make_user("county_officer", COUNTY)
    client.force_login(user)
    response = client.get(reverse("audit-list"), {"action": "cases.step1", "export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "No." or rows[0][0] == "序号"
    assert len(rows) - 1 == 40
    assert all(r[3] == labels.word("audit_action", "cases.step1") for r in rows[1:])
    export = AuditRecord.objects.filter(action="lists.export").get()
    assert export.actor_name == user.username
    assert export.after["rows"] == 40
