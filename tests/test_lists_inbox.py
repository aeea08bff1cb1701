"""The inbox per level at scale: paging, sorting and filters in the database, a pinned query
count for 5,000 cases, the Excel export read back, batch steps per village, notices paged and
dismissed one by one and all at once."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from fupin.cases.models import Case
from fupin.core.models import AuditRecord
from fupin.core.workflow_models import Notification
from fupin.households.models import Household
from tests import factories
from tests.cases_helpers import Actors, alert, line_pack  # noqa: F401
from tests.inbox_data import bulk_cases, villages

COUNTY = "513431000000"
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


@pytest.fixture
def actors(tree, line_pack):  # noqa: F811
    return Actors()


def _rows(html: str) -> int:
    return html.count('data-workflow="cases.case"')


def test_a_county_inbox_of_5000_cases_pages_in_a_pinned_number_of_queries(
        actors, client, django_assert_max_num_queries):
    bulk_cases(5000)
    client.force_login(actors.approver)
    client.get(reverse("inbox"))  # warm the session and permission caches
    # Session, user, permissions (2), division; the filter's places and their names; the
    # count, the page, the page's cases, their unread notices; the unread count; the header.
    with django_assert_max_num_queries(14):
        response = client.get(reverse("inbox"), **ZH)
    html = response.content.decode()
    assert response.status_code == 200
    assert _rows(html) == 50
    assert "共 5000 行" in html or "5,000" in html
    # Overdue first: the first row is red and the earliest due date of all.
    first_due = Case.objects.order_by("due_at").values_list("due_at", flat=True).first()
    assert timezone.localtime(first_due).strftime("%Y-%m-%d") in html.split("</tr>")[1]
    assert 'table-danger' in html.split("</tr>")[1]


def test_the_inbox_filters_and_sorts_in_the_database(actors, client):
    bulk_cases(300)
    village = villages()[3]
    client.force_login(actors.approver)
    url = reverse("inbox")
    html = client.get(url, {"village": village}).content.decode()
    assert _rows(html) == Case.objects.filter(village_code=village).count() == 15
    township = "513431101000"
    in_township = Case.objects.filter(village_code__startswith=township[:9]).count()
    assert f"共 {in_township} 行" in client.get(url, {"township": township}, **ZH
                                             ).content.decode()
    overdue = Case.objects.filter(due_at__lt=timezone.now()).count()
    assert f"共 {overdue} 行" in client.get(url, {"overdue": "on"}, **ZH).content.decode()
    html = client.get(url, {"step": "elim_township_approved"}, **ZH).content.decode()
    assert "共 150 行" in html
    # Descending due date: the latest-due case first.
    latest = Case.objects.order_by("-due_at").values_list("due_at", flat=True).first()
    html = client.get(url, {"sort": "-due"}).content.decode()
    assert timezone.localtime(latest).strftime("%Y-%m-%d") in html.split("</tr>")[1]
    assert client.get(url, {"village": "not-a-village"}).status_code == 400


def test_a_county_officer_gets_no_village_steps_and_a_cadre_only_their_village(
        actors, client):
    bulk_cases(40, ("alerted", "compared"))
    officer = factories.make_user("county_officer", COUNTY)
    client.force_login(officer)
    assert _rows(client.get(reverse("inbox")).content.decode()) == 0
    client.force_login(actors.cadre)  # bound to the home village, not one of the 20 others
    assert _rows(client.get(reverse("inbox")).content.decode()) == 0
    case = alert(actors)
    html = client.get(reverse("inbox")).content.decode()
    assert _rows(html) == 1
    assert case.household.household_id in html


def test_the_inbox_exports_the_filtered_rows_with_chinese_headers(actors, client):
    bulk_cases(200)
    village = villages()[0]
    client.force_login(actors.approver)
    response = client.get(reverse("inbox"), {"village": village, "export": "xlsx"}, **ZH)
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content), read_only=True).active
                .iter_rows(values_only=True))
    assert rows[0] == ("事项", "乡镇", "所在地", "待办环节", "办理期限", "剩余天数")
    cases = Case.objects.filter(village_code=village).select_related("household")
    assert len(rows) - 1 == cases.count() == 10
    assert {r[0].split()[1] for r in rows[1:]} == {str(c.pk) for c in cases}
    assert {r[2] for r in rows[1:]} == {cases[0].household.village.name}
    assert AuditRecord.objects.filter(action="lists.export", object_id="my-work").count() == 1


def test_a_batch_step_goes_through_the_engine_and_names_what_failed(actors, client):
    ids = bulk_cases(3, ("reviewed",))
    cases = list(Case.objects.filter(pk__in=ids).order_by("pk"))
    village = cases[0].village_code
    Case.objects.filter(pk__in=ids).update(village_code=village)
    Household.objects.filter(cases__pk__in=ids).update(village_id=village)
    cadre = factories.make_user("village_cadre", village)
    client.force_login(cadre)
    html = client.get(reverse("inbox"), {"village": village}).content.decode()
    assert 'id="inbox-batch"' in html
    assert 'name="action" value="post_notice"' in html
    # Choosing the village through the filters (htmx) brings the batch form with the rows.
    partial = client.get(reverse("inbox"), {"village": village},
                         HTTP_HX_REQUEST="true").content.decode()
    assert 'id="inbox-batch"' in partial
    assert "<html" not in partial
    assert 'id="inbox-batch"' not in client.get(reverse("inbox")).content.decode()
    keys = [f"cases.case:{c.pk}:{c.version}" for c in cases]
    keys[1] = f"cases.case:{cases[1].pk}:{cases[1].version + 5}"  # stale: someone acted first
    response = client.post(reverse("inbox-batch"), {
        "action": "post_notice", "village": village, "item": keys}, follow=True, **ZH)
    html = response.content.decode()
    assert "已办理 2 个事项" in html
    assert f"{cases[1].pk}" in html
    assert "未办理" in html
    states = dict(Case.objects.filter(pk__in=ids).values_list("pk", "state"))
    assert states == {cases[0].pk: "notice", cases[1].pk: "reviewed", cases[2].pk: "notice"}
    assert AuditRecord.objects.filter(action="cases.post_notice").count() == 2
    # A step that needs its own input is never taken in a batch.
    response = client.post(reverse("inbox-batch"), {
        "action": "visit_reject", "village": village, "item": [keys[1]]}, follow=True)
    assert Case.objects.get(pk=cases[1].pk).state == "reviewed"


def test_notices_are_paged_apart_from_the_work_and_dismissed_one_or_all(actors, client):
    for _ in range(60):
        alert(actors, factories.household())
    client.force_login(actors.cadre)
    html = client.get(reverse("inbox"), **ZH).content.decode()
    assert "60 条未读通知" in html
    assert 'data-kind=' not in html  # the notices do not repeat the work
    page = client.get(reverse("notifications")).content.decode()
    assert page.count('data-kind="step"') == 50
    assert "待办理" in client.get(reverse("notifications"), **ZH).content.decode()
    first = Notification.objects.filter(user=actors.cadre).first()
    client.post(reverse("notification-read", args=[first.pk]), {"next": "notifications"})
    assert Notification.objects.filter(user=actors.cadre, read_at=None).count() == 59
    other = factories.make_user("village_cadre", factories.HOME_VILLAGE)
    client.force_login(other)
    assert client.post(reverse("notification-read", args=[
        Notification.objects.filter(user=actors.cadre, read_at=None).first().pk])
    ).status_code == 404
    client.force_login(actors.cadre)
    client.post(reverse("notifications-read-all"))
    assert Notification.objects.filter(user=actors.cadre, read_at=None).count() == 0
    assert "共 60 行" in client.get(reverse("inbox"), **ZH).content.decode()  # work stays


def test_the_api_shares_the_inbox_filters(actors, client):
    bulk_cases(100)
    village = villages()[5]
    client.force_login(actors.approver)
    body = client.get("/api/inbox", {"village": village}).json()
    assert {i["id"] for i in body} == set(
        Case.objects.filter(village_code=village).values_list("pk", flat=True))
    overdue = client.get("/api/inbox", {"overdue": "true", "sort": "-due"}).json()
    assert len(overdue) == Case.objects.filter(due_at__lt=timezone.now()).count()
    assert all(i["days_left"] <= 0 for i in overdue)  # due earlier today: 0 days, overdue
    assert overdue[0]["days_left"] >= overdue[-1]["days_left"]
    assert client.get("/api/inbox", {"sort": "nonsense"}).status_code == 400
    assert client.get("/api/inbox", {"village": "12ab"}).status_code == 400
