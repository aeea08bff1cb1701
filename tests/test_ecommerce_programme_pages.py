"""The programme screens: the county page, the province page (counties as rows), the national
view, and the lists — each renders for every role, shows the hand-computed figures of
tests/ecommerce_programme_data.py, and shows a user of another county nothing of this one."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fupin.accounts.choices import Role
from fupin.core.models import AuditRecord
from tests import ecommerce_programme_data as data
from tests import factories

ROLE_DIVISIONS = {
    Role.VILLAGE_CADRE: factories.HOME_VILLAGE, Role.TOWNSHIP_REVIEWER: factories.HOME_TOWNSHIP,
    Role.COUNTY_OFFICER: data.HOME, Role.COUNTY_APPROVER: data.HOME,
    Role.PROVINCE_VIEWER: "510000000000", Role.NATIONAL_VIEWER: "000000000000",
    Role.EVALUATOR: data.HOME, Role.AUDITOR: data.HOME, Role.ADMINISTRATOR: "000000000000",
}
LISTS = ["programme-list", "programme-sites", "programme-logistics", "programme-enterprises",
         "programme-pairings", "programme-training", "programme-beneficiaries"]
PAGES = ["programme-county", "programme-province", "programme-nation", *LISTS]


@pytest.fixture
def programme(tree):
    return data.build()


def _login(client, role, division=None):
    user = factories.make_user(role, division or ROLE_DIVISIONS[role])
    client.force_login(user)
    return user


@pytest.mark.parametrize("role", list(Role))
def test_every_page_answers_every_role(client, programme, role):
    _login(client, role)
    for name in PAGES:
        response = client.get(reverse(name), {"year": "2019"}, follow=True)
        assert response.status_code == 200, (name, response.status_code)


def test_county_page_shows_the_hand_computed_figures(client, programme):
    _login(client, Role.COUNTY_OFFICER)
    response = client.get(reverse("programme-county"), {"year": "2019"})
    text = response.content.decode()
    assert response.status_code == 200
    # 2019: two of three administrative villages, both poor villages covered.
    assert 'id="village-share">66.7%' in text
    assert 'id="poor-share">100.0%' in text
    assert "新城镇" in text
    assert "城北镇" in text
    assert "俄尔古取村服务点" in text
    assert "某电商平台" in text
    assert "750,000" in text
    assert "2,400" in text  # training person-times, cumulated to 2019
    assert 'id="coverage-chart"' in text
    assert "coverage-chart-data" in text
    assert "美姑服务点" not in text


def test_county_page_of_another_county_is_not_found(client, programme):
    _login(client, Role.COUNTY_OFFICER, data.OTHER)
    response = client.get(reverse("programme-county"), {"division": data.HOME})
    assert response.status_code == 404
    own = client.get(reverse("programme-county"), {"year": "2019"}).content.decode()
    assert "俄尔古取村服务点" not in own
    assert "某农业合作社" not in own
    assert "美姑服务点" in own


def test_province_page_has_counties_as_rows_and_drills_down(client, programme):
    _login(client, Role.PROVINCE_VIEWER)
    response = client.get(reverse("programme-province"), {"year": "2019"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "昭觉县" in text
    assert "美姑县" in text
    assert f"?division={data.HOME}&amp;year=2019" in text
    drill = client.get(reverse("programme-county"), {"division": data.HOME, "year": "2019"})
    assert 'id="village-share">66.7%' in drill.content.decode()
    # Sorting and the export come from the platform.
    assert client.get(reverse("programme-province"), {"sort": "-poor_share"}).status_code == 200
    export = client.get(reverse("programme-province"), {"export": "xlsx"})
    assert export.status_code == 200
    assert AuditRecord.objects.filter(action="lists.export",
                                      object_id="programme-counties").exists()


def test_a_county_user_sees_the_one_row_of_the_county(client, programme):
    _login(client, Role.COUNTY_OFFICER, data.OTHER)
    text = client.get(reverse("programme-province"), {"year": "2019"}).content.decode()
    assert "美姑县" in text
    assert "昭觉县" not in text


def test_nation_page_marks_partial_lists(client, programme):
    _login(client, Role.NATIONAL_VIEWER)
    response = client.get(reverse("programme-nation"), {"year": "2016"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "四川省" in text
    assert "published-batches" in text
    assert "demonstration-chart" in text


@pytest.mark.parametrize("name", LISTS)
def test_lists_show_only_the_users_region_and_export(client, programme, name):
    _login(client, Role.COUNTY_OFFICER, data.OTHER)
    text = client.get(reverse(name)).content.decode()
    # (An enterprise paired with 美姑县 may be registered in 昭觉县: registration is public.)
    markers = ("俄尔古取村服务点", "某农业合作社", "新城镇",
               *(() if name == "programme-enterprises" else ("昭觉县",)))
    for marker in markers:
        assert marker not in text, marker
    response = client.get(reverse(name), {"export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_bad_year_is_a_validation_error(client, programme):
    _login(client, Role.COUNTY_OFFICER)
    for year in ("abc", "1999", "99999"):
        assert client.get(reverse("programme-county"), {"year": year}).status_code == 400


def test_county_page_queries_do_not_grow_with_rows(client, programme,
                                                  django_assert_max_num_queries):
    _login(client, Role.COUNTY_OFFICER)
    client.get(reverse("programme-county"), {"year": "2019"})
    import datetime as dt
    for n in range(20):
        data.site(factories.HOME_VILLAGE, dt.date(2018, 1, 1 + n))
    with django_assert_max_num_queries(40):
        assert client.get(reverse("programme-county"), {"year": "2019"}).status_code == 200


@pytest.mark.parametrize("name", LISTS)
def test_list_queries_do_not_grow_with_rows(client, programme, name):
    """One page of a list costs the same number of queries with more rows (words and places
    are looked up once per page). Both pages are read with the cache cleared: the row count is
    cached under the data generation, which the added rows replace."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _login(client, Role.COUNTY_OFFICER)
    client.get(reverse(name))
    cache.clear()
    with CaptureQueriesContext(connection) as before:
        client.get(reverse(name))
    data.build_more()
    cache.clear()
    with CaptureQueriesContext(connection) as after:
        client.get(reverse(name))
    assert len(after) == len(before), name
