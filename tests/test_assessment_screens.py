"""Every assessment screen and endpoint with real objects and bad input answers below 500
(the platform-wide walk in ``test_no_server_errors.py`` reaches these URLs only with ids that
name nothing), and the pages show what each role may see."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fupin.assessment import services
from tests.assessment_helpers import People, county_registry, estimated, opened
from tests.test_no_server_errors import BAD_FORMS, BAD_QUERIES

EXTRA_FORMS = [
    {"county_code": "513431000000", "year": "2026", "seed": "-1", "margin": "nan"},
    {"county_code": "513431000000", "year": "2026", "villages": "1e9", "deff": "inf"},
    {"outcome": "interviewed", "approves": "maybe", "wrongly_exited": "x" * 300},
    {"outcome": "refused"}, {"decision": "uphold", "version": "1", "note": ""},
    {"household_id": "x" * 300, "indicator": "zzz", "reason": "x"},
]


@pytest.fixture
def world(tree, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    county_registry()
    people = People()
    done = estimated(people)
    fresh = opened(people, year=2027)
    appeal = services.file_appeal(actor=people.approver, assessment=done, reason="申诉")
    evidence = services.add_evidence(actor=people.approver, appeal=appeal, name="a.pdf",
                                     content=b"%PDF-1")
    unit = fresh.units.filter(active=True).first()
    urls = [reverse("assessment-list"), reverse("assessment-new"), reverse("appeal-list"),
            reverse("appeal-detail", args=[appeal.pk]),
            reverse("appeal-decide", args=[appeal.pk]),
            reverse("appeal-evidence-upload", args=[appeal.pk]),
            reverse("appeal-evidence", args=[appeal.pk, evidence.pk])]
    for a in (done, fresh):
        urls += [reverse(name, args=[a.pk]) for name in (
            "assessment-detail", "assessment-step", "assessment-sample", "assessment-xlsform",
            "assessment-field", "assessment-report", "appeal-new")]
    urls.append(reverse("assessment-field-unit", args=[fresh.pk, unit.pk]))
    api = [f"/api/assessment/assessments/{a.pk}{tail}" for a in (done, fresh)
           for tail in ("", "/sample", "/steps", "/estimates")] + ["/api/assessment/assessments"]
    return people, urls, api


def test_assessment_urls_with_bad_input_answer_below_500(client, world):
    people, urls, api = world
    client.raise_request_exception = False
    failures = []
    # Bad queries as the evaluator (who may see everything); bad forms as the evaluator and
    # the county (the two who write); the others read.
    for user in (people.evaluator, people.approver, people.province):
        client.force_login(user)
        writer = user in (people.evaluator, people.approver)
        for url in urls:
            for query in ["", *BAD_QUERIES] if user is people.evaluator else [""]:
                response = client.get(f"{url}?{query}" if query else url)
                if response.status_code >= 500:
                    failures.append(f"GET {url}?{query} → {response.status_code}")
            for form in [*BAD_FORMS, *EXTRA_FORMS] if writer else []:
                response = client.post(url, data=form)
                if response.status_code >= 500:
                    failures.append(f"POST {url} {form} → {response.status_code}")
        for url in api:
            for body in ("{", "[]", '{"version": "abc", "action": 5}', '{"year": 1e400}',
                         '{"county_code": "513431000000", "year": 2030, "seed": -5}',
                         '{"action": "estimate", "version": 99}'):
                response = client.post(url, data=body, content_type="application/json")
                if response.status_code >= 500:
                    failures.append(f"POST {url} {body} → {response.status_code}")
        client.logout()
    assert not failures, "\n".join(failures[:40])


def test_the_county_sees_estimates_and_may_appeal_the_province_only_reads(client, world):
    people, _urls, _api = world
    from fupin.assessment.models import Assessment

    done = Assessment.objects.get(year=2026)
    url = reverse("assessment-detail", args=[done.pk])
    client.force_login(people.approver)
    page = client.get(url).content.decode()
    assert 'id="estimates"' in page
    assert 'id="appeal-form"' in page
    assert 'id="sample-link"' in page  # the sample is open once estimated
    client.force_login(people.province)
    page = client.get(url).content.decode()
    assert 'id="estimates"' in page
    assert 'id="appeal-form"' not in page
    assert 'id="steps"' not in page
