"""The rounds screens and API (issue 13): the province opens a round from the form, the
county enters values and evidence and submits, the evaluator verifies, the province reviews
and publishes the round; the systems page shows a bad upload's problems by line; the API
lists and moves the same objects, region-scoped."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fupin.evaluation.models import CountyEvaluation, IndicatorValue, Result, Round
from fupin_engine.evaluation import default_system as engine_default
from tests.evaluation_rounds_helpers import (
    COUNTY,
    OTHER_COUNTY,
    People,
    at_target,
    default_system,
    evaluation_of,
    open_round,
)


@pytest.fixture
def people(tree):
    return People()


def _as(client, user):
    client.force_login(user)
    return client


def test_the_province_opens_a_round_from_the_form(client, people):
    system = default_system()
    page = _as(client, people.province).get(reverse("evaluation-rounds"))
    assert page.status_code == 200
    assert "open-round" in page.content.decode()
    assert "昭觉县" in page.content.decode()
    bad = client.post(reverse("evaluation-rounds"), {
        "year": "2025", "system": system.pk, "submit_by": "2026-05-01",
        "verify_by": "2026-04-01", "counties": [COUNTY]})
    assert bad.status_code == 400
    assert not Round.objects.exists()
    made = client.post(reverse("evaluation-rounds"), {
        "year": "2025", "system": system.pk, "submit_by": "2026-03-31",
        "verify_by": "2026-05-31", "counties": [COUNTY, OTHER_COUNTY], "title": "2025年度评价"})
    round_ = Round.objects.get()
    assert made.status_code == 302
    assert made.url == reverse("evaluation-round",
                                                           args=[round_.pk])
    page = client.get(made.url).content.decode()
    assert "昭觉县" in page
    assert "美姑县" in page
    assert "2025年度评价" in page
    # a county officer does not get the form, and sees only its own county's evaluation
    page = _as(client, people.officer).get(reverse("evaluation-rounds")).content.decode()
    assert "open-round" not in page
    assert "昭觉县" in page
    assert "美姑县" not in page


def test_a_county_from_entry_to_published_on_the_screens(client, people, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    evaluation = evaluation_of(open_round(people, counties=[COUNTY]))
    url = reverse("evaluation-county", args=[evaluation.pk])
    system = engine_default("ecommerce-demo-county")
    _as(client, people.officer)
    page = client.get(url).content.decode()
    assert "submit-value" in page
    assert "verify-value" not in page
    for indicator in system.indicators():
        if indicator.source == "submitted":
            answer = client.post(reverse("evaluation-county-value", args=[evaluation.pk]), {
                "what": "submit", "code": indicator.code, "value": str(at_target(indicator))})
            assert answer.status_code == 302, indicator.code
    bad = client.post(reverse("evaluation-county-value", args=[evaluation.pk]),
                      {"what": "submit", "code": "svc_broadband", "value": "90"})
    assert bad.status_code == 400
    assert "step-error" in bad.content.decode()
    upload = SimpleUploadedFile("纪要.pdf", b"%PDF-1.4 x")
    assert client.post(reverse("evaluation-county-evidence", args=[evaluation.pk]),
                       {"code": "org_leadership", "file": upload}).status_code == 302
    page = client.get(url).content.decode()
    assert "纪要.pdf" in page
    assert "preview-total" in page
    evaluation.refresh_from_db()
    assert client.post(reverse("evaluation-county-step", args=[evaluation.pk]), {
        "action": "submit_evaluation", "version": evaluation.version}).status_code == 302
    # the evaluator verifies the computed values on the page, then the evaluation
    _as(client, people.evaluator)
    page = client.get(url).content.decode()
    assert "verify-value" in page
    assert "submit-value" not in page
    for indicator in system.indicators():
        if indicator.source == "computed":
            answer = client.post(reverse("evaluation-county-value", args=[evaluation.pk]), {
                "what": "verify", "code": indicator.code, "value": str(at_target(indicator)),
                "method": "site", "reason": "实地核查"})
            assert answer.status_code == 302, indicator.code
    evaluation.refresh_from_db()
    client.post(reverse("evaluation-county-step", args=[evaluation.pk]),
                {"action": "verify_evaluation", "version": evaluation.version})
    _as(client, people.province)
    evaluation.refresh_from_db()
    client.post(reverse("evaluation-county-step", args=[evaluation.pk]),
                {"action": "review_evaluation", "version": evaluation.version})
    page = client.get(reverse("evaluation-round", args=[evaluation.round_id])).content
    assert b"publish-round" in page
    answer = client.post(reverse("evaluation-round-publish", args=[evaluation.round_id]))
    assert answer.status_code == 302
    result = Result.objects.get()
    assert (result.grade, result.rank) == ("excellent", 1)
    page = client.get(url).content.decode()
    assert "result-total" in page
    assert str(result.total) in page
    assert reverse("evaluation-scorecard", args=[evaluation.pk]) in page
    assert "纪要.pdf" in json.dumps(result.lines, ensure_ascii=False)


def test_evidence_downloads_only_in_the_region(client, people, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    evaluation = evaluation_of(open_round(people, counties=[COUNTY]))
    _as(client, people.officer).post(
        reverse("evaluation-county-evidence", args=[evaluation.pk]),
        {"code": "org_plan", "file": SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan")})
    evidence = IndicatorValue.objects.get(evaluation=evaluation, code="org_plan").evidence.get()
    answer = _as(client, people.evaluator).get(reverse("evaluation-evidence",
                                                       args=[evidence.pk]))
    assert answer.status_code == 200
    assert b"".join(answer.streaming_content) == b"%PDF-1.4 plan"
    assert _as(client, people.stranger).get(
        reverse("evaluation-evidence", args=[evidence.pk])).status_code == 404


def test_the_systems_page_shows_every_problem_of_a_bad_upload(client, people):
    text = engine_default("ecommerce-demo-county").text.replace(
        "province: null", 'province: "51"').replace("method: boolean", "method: magic", 1)
    _as(client, people.province)
    answer = client.post(reverse("evaluation-systems"), {
        "file": SimpleUploadedFile("sichuan.yaml", text.encode())})
    page = answer.content.decode()
    assert answer.status_code == 400
    assert "system-problems" in page
    assert "modules[0].indicators[0].method" in page
    assert "sichuan.yaml" in page
    good = text.replace("method: magic", "method: boolean").replace(
        'version: "2026.1"', 'version: "2026.2"')
    answer = client.post(reverse("evaluation-systems"), {
        "file": SimpleUploadedFile("sichuan.yaml", good.encode())})
    assert answer.status_code == 302
    page = client.get(answer.url).content.decode()
    assert "svc_centre_area" in page
    assert "2026.2" in page
    # a county sees the systems but gets no upload form
    page = _as(client, people.officer).get(reverse("evaluation-systems")).content.decode()
    assert "2026.2" in page
    assert "publish-system" not in page


def test_the_api_lists_moves_and_scopes(client, people):
    round_ = open_round(people)
    mine, theirs = evaluation_of(round_), evaluation_of(round_, OTHER_COUNTY)
    _as(client, people.officer)
    listed = client.get(reverse("api:list_county_evaluations")).json()["items"]
    assert [e["division_code"] for e in listed] == [COUNTY]
    assert client.get(reverse("api:get_county_evaluation",
                              args=[theirs.pk])).status_code == 404
    answer = client.post(reverse("api:post_value", args=[mine.pk, "svc_centre_area"]),
                         json.dumps({"value": "650", "note": "测绘报告"}),
                         content_type="application/json")
    assert answer.status_code == 200
    assert answer.json()["used"] == "submitted"
    detail = client.get(reverse("api:get_county_evaluation", args=[mine.pk])).json()
    assert detail["score"]["points"]["svc_centre_area"] == "4.00"
    stale = client.post(reverse("api:post_step", args=[mine.pk]),
                        json.dumps({"action": "submit_evaluation", "version": 0}),
                        content_type="application/json")
    assert stale.status_code == 409
    moved = client.post(reverse("api:post_step", args=[mine.pk]),
                        json.dumps({"action": "submit_evaluation", "version": 1}),
                        content_type="application/json")
    assert moved.status_code == 200
    assert moved.json()["state"] == "submitted"
    # a county sees the round it takes part in; a county of another province would not
    assert [r["id"] for r in client.get(reverse("api:list_rounds")).json()["items"]] == [
        round_.pk]
    _as(client, people.province)
    rounds = client.get(reverse("api:list_rounds")).json()["items"]
    assert [r["id"] for r in rounds] == [round_.pk]
    assert rounds[0]["seed"] == round_.seed
    assert client.get(reverse("api:list_systems")).json()["count"] >= 2
    assert CountyEvaluation.objects.get(pk=mine.pk).state == "submitted"



def test_the_round_pages_speak_words_in_chinese(client, people, settings, tmp_path):
    """No code, division code or Latin word on the Chinese pages of a round, from opening to
    the published result (tests/words_check.py, as the acceptance walk checks)."""
    from tests.test_words import _problems

    settings.VAR_DIR = tmp_path
    round_ = open_round(people, counties=[COUNTY])
    evaluation = evaluation_of(round_)
    pages = [reverse("evaluation-rounds"), reverse("evaluation-round", args=[round_.pk]),
             reverse("evaluation-county", args=[evaluation.pk]),
             reverse("evaluation-systems"),
             reverse("evaluation-system", args=[round_.system_id])]
    for user in (people.province, people.officer):
        _as(client, user)
        for url in pages:
            html = client.get(url).content.decode()
            assert _problems(html, {user.username}) == [], (user.username, url)
    from tests.evaluation_rounds_helpers import to_reviewed

    to_reviewed(evaluation, people)
    _as(client, people.province).post(reverse("evaluation-round-publish", args=[round_.pk]))
    for url in pages[1:3]:
        html = client.get(url).content.decode()
        assert "result-total" in html or "round-counties" in html
        logins = {u.username for u in (people.province, people.officer, people.evaluator)}
        assert _problems(html, logins) == [], url
