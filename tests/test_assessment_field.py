"""Field capture of the assessment: the XLSForm read by a real XLSForm parser (pyxform), the
ODK Central / KoboToolbox export shapes imported back through the exchange (all or nothing,
every problem by file, row and column), and the phone form."""

from __future__ import annotations

import csv
import io
import re
import zipfile

import pytest
from django.urls import reverse
from openpyxl import Workbook
from pyxform.xls2xform import convert

from fupin.assessment import xlsform
from fupin.assessment.choices import Outcome, Role
from fupin.assessment.models import Submission
from fupin.core import datasets
from fupin.core.access import Scope
from fupin.core.models import AuditRecord
from tests.assessment_helpers import People, county_registry, opened


@pytest.fixture
def people(tree):
    county_registry()
    return People()


@pytest.fixture
def assessment(people):
    return opened(people)


# --- the XLSForm -----------------------------------------------------------------------------

def test_the_xlsform_converts_with_pyxform_and_carries_the_sample(assessment):
    result = convert(xlsform=xlsform.workbook(assessment), file_type=".xlsx")
    assert result.warnings == []
    xml = re.sub(r"\s+", " ", result.xform)
    for name in ("household_id", "outcome", "officials_present", "wrongly_exited",
                 "omitted", "approves", "assessment_id"):
        assert f"/{name}" in xml, name
    # Every drawn household (sample and replacements) is a choice, with its status.
    for unit in assessment.units.all():
        assert (f"<name>{unit.household_id}</name><status>{unit.status}</status>"
                f"<stratum>{unit.stratum}</stratum>") in xml.replace("> <", "><")
    # 错退 only of exited, 漏评 only of unregistered households.
    assert "/data/household/status = 'exited'" in xml
    assert "/data/household/stratum = 'unregistered'" in xml
    assert f'id="{xlsform.FORM_ID}"' in xml


# --- ODK / Kobo exports ----------------------------------------------------------------------

KOBO = ["start", "end", "household/household_id", "household/status", "household/stratum",
        "interview/outcome", "interview/officials_present", "interview/wrongly_exited",
        "interview/omitted", "interview/approves", "interview/interviewer", "interview/note",
        "assessment_id", "_id", "_uuid", "_submission_time", "_validation_status", "_index"]


def _answers(unit, outcome="interviewed", **over):
    row = {"household/household_id": unit.household_id, "household/status": unit.status,
           "household/stratum": unit.stratum, "interview/outcome": outcome,
           "interview/officials_present": "no" if outcome == "interviewed" else "",
           "interview/wrongly_exited": "no" if outcome == "interviewed"
           and unit.status == "exited" else "",
           "interview/omitted": "no" if outcome == "interviewed"
           and unit.stratum == "unregistered" else "",
           "interview/approves": "yes" if outcome == "interviewed" else "",
           "interview/interviewer": "调查员乙", "interview/note": "",
           "assessment_id": str(unit.assessment_id), "_id": str(unit.pk),
           "_uuid": f"uuid-{unit.household_id}", "_submission_time": "2026-06-02T09:30:00",
           "_validation_status": "", "_index": "1", "start": "", "end": ""}
    row.update(over)
    return row


def _kobo_xlsx(path, rows):
    wb = Workbook()
    ws = wb.active
    ws.title = "三率一度入户调查 513431 2026"[:31]
    ws.append(KOBO)
    for row in rows:
        ws.append([row.get(h, "") for h in KOBO])
    wb.save(path)
    return path


def _central_zip(path, rows):
    """ODK Central: ``<form_id>.csv`` in a zip, groups joined by ``-``, its own metadata."""
    headers = ["SubmissionDate", *[h.replace("/", "-") for h in KOBO if not h.startswith("_")],
               "meta-instanceID", "KEY", "SubmitterID", "ReviewState"]
    buf = io.StringIO()
    out = csv.writer(buf)
    out.writerow(headers)
    for row in rows:
        flat = {k.replace("/", "-"): v for k, v in row.items()}
        flat.update({"SubmissionDate": row["_submission_time"] + ".000Z",
                     "meta-instanceID": f"uuid:{row['_uuid']}", "KEY": f"uuid:{row['_uuid']}",
                     "SubmitterID": "5", "ReviewState": ""})
        out.writerow([flat.get(h, "") for h in headers])
    folder = path.parent / "central"
    folder.mkdir()
    (folder / f"{xlsform.FORM_ID}.csv").write_text(buf.getvalue(), encoding="utf-8")
    with zipfile.ZipFile(path, "w") as zf:
        zf.write(folder / f"{xlsform.FORM_ID}.csv", f"{xlsform.FORM_ID}.csv")
    return folder


def _run(path, actor, scope="513431"):
    return datasets.get("assessment_submissions").run_import(path, actor=actor,
                                                             scope=Scope(scope))


def test_a_kobo_xlsx_export_is_imported_with_a_refusal_and_its_replacement(people,
                                                                             assessment,
                                                                             tmp_path):
    active = list(assessment.units.filter(active=True).order_by("household_id"))
    refused = active[0]
    replacement = assessment.units.get(village_code=refused.village_code,
                                       stratum=refused.stratum, role=Role.REPLACEMENT,
                                       replacement_order=1)
    rows = [_answers(refused, "refused"), _answers(replacement),
            *[_answers(u) for u in active[1:]]]
    outcome = _run(_kobo_xlsx(tmp_path / "kobo.xlsx", rows), people.evaluator)
    assert outcome.ok, outcome.report.first
    assert outcome.counts == {"submissions": 8, "replaced": 1}
    refused.refresh_from_db()
    replacement.refresh_from_db()
    assert refused.outcome == Outcome.REFUSED
    assert not refused.active
    assert replacement.active
    assert replacement.outcome == Outcome.INTERVIEWED
    assert assessment.units.filter(active=True, outcome=Outcome.PENDING).count() == 0
    sub = Submission.objects.get(unit=replacement)
    assert sub.uuid == f"uuid-{replacement.household_id}"
    assert sub.channel == "odk"
    assert sub.submitted_at.date().isoformat() == "2026-06-02"
    # The same export again adds nothing (instance ids known; the refusal already recorded).
    again = _run(_kobo_xlsx(tmp_path / "again.xlsx", rows[1:]), people.evaluator)
    assert again.ok
    assert again.counts["submissions"] == 0
    assert Submission.objects.count() == 8


def test_an_odk_central_zip_is_imported(people, assessment, tmp_path):
    active = list(assessment.units.filter(active=True))
    folder = _central_zip(tmp_path / "central.zip", [_answers(u) for u in active])
    outcome = _run(folder, people.evaluator)
    assert outcome.ok, outcome.report.first
    assert outcome.counts["submissions"] == len(active)
    assert set(Submission.objects.values_list("uuid", flat=True)) == {
        f"uuid:uuid-{u.household_id}" for u in active}


def test_planted_bad_rows_are_all_reported_and_nothing_is_written(people, assessment,
                                                                  tmp_path):
    active = list(assessment.units.filter(active=True).order_by("household_id"))
    exited = next(u for u in active if u.status == "exited")
    general = next(u for u in active if u.status == "general")
    spare = assessment.units.filter(role=Role.REPLACEMENT).first()
    first, second, third = [u for u in active if u not in (exited, general)][:3]
    # Sheet rows: the header is row 1, so the first data row is row 2.
    rows = [
        _answers(first),                                                  # row 2: good
        _answers(general, **{"interview/wrongly_exited": "yes"}),         # row 3: not exited
        _answers(exited, **{"interview/approves": "maybe"}),              # row 4: not yes/no
        _answers(first, **{"_uuid": "other"}),                            # row 5: twice
        _answers(spare),                                                  # row 6: not in sample
        _answers(second, **{"household/household_id": "NOPE"}),           # row 7: unknown
        _answers(third, **{"interview/approves": ""}),                    # row 8: no approval
    ]
    outcome = _run(_kobo_xlsx(tmp_path / "bad.xlsx", rows), people.evaluator)
    assert not outcome.ok
    problems = {(p[1], p[2]) for p in outcome.report.first if p[4] == "error"}
    assert problems == {(3, "wrongly_exited"), (4, "approves"), (5, "household_id"),
                        (6, "household_id"), (7, "household_id"), (8, "approves")}
    assert all(p[0].startswith("bad.xlsx:") for p in outcome.report.first)
    assert Submission.objects.count() == 0
    assert not AuditRecord.objects.filter(action="assessment.import_submissions").exists()


def test_an_import_touches_only_its_scope(people, assessment, tmp_path):
    active = list(assessment.units.filter(active=True))
    outcome = _run(_kobo_xlsx(tmp_path / "k.xlsx", [_answers(u) for u in active]),
                   people.evaluator, scope="513436")
    assert not outcome.ok
    assert Submission.objects.count() == 0


def test_a_file_without_the_household_column_is_refused(people, assessment, tmp_path):
    wb = Workbook()
    wb.active.append(["interview/outcome", "_uuid"])
    wb.active.append(["interviewed", "x"])
    wb.save(tmp_path / "k.xlsx")
    outcome = _run(tmp_path / "k.xlsx", people.evaluator)
    assert not outcome.ok
    assert any(p[2] == "household_id" and p[1] == 0 for p in outcome.report.first)


# --- the phone form --------------------------------------------------------------------------

PHONE = {"HTTP_USER_AGENT": "Mozilla/5.0 (Linux; Android 13) Mobile"}


def test_the_phone_form_records_one_interview_per_household(client, people, assessment):
    client.force_login(people.evaluator)
    unit = assessment.units.filter(active=True, status="exited").first()
    listing = client.get(reverse("assessment-field", args=[assessment.pk]), **PHONE)
    assert listing.status_code == 200
    assert f'data-household="{unit.household_id}"' in listing.content.decode()
    url = reverse("assessment-field-unit", args=[assessment.pk, unit.pk])
    page = client.get(url).content.decode()
    assert 'name="wrongly_exited"' in page
    assert 'name="omitted"' not in page
    bad = client.post(url, {"outcome": "interviewed", "approves": "yes"})
    assert bad.status_code == 400  # 错退 not answered for an exited household
    ok = client.post(url, {"outcome": "interviewed", "wrongly_exited": "no", "approves": "yes",
                           "officials_present": "yes", "interviewer": "甲"})
    assert ok.status_code == 302
    sub = Submission.objects.get(unit=unit)
    assert sub.officials_present
    assert sub.approves
    assert sub.wrongly_exited is False
    again = client.get(url).content.decode()
    assert 'id="field-problem"' in again
    assert 'id="field-form"' not in again
    assert client.post(url, {"outcome": "interviewed", "wrongly_exited": "no",
                             "approves": "yes"}).status_code == 409


def test_a_refusal_on_the_phone_opens_the_replacement(client, people, assessment):
    client.force_login(people.evaluator)
    unit = assessment.units.filter(active=True).first()
    response = client.post(reverse("assessment-field-unit", args=[assessment.pk, unit.pk]),
                           {"outcome": "absent"})
    nxt = assessment.units.get(replaces=unit)
    assert response["Location"] == reverse("assessment-field-unit",
                                           args=[assessment.pk, nxt.pk])
    assert nxt.replacement_order == 1


def test_the_county_does_not_see_the_sample_during_field_work(client, people, assessment):
    client.force_login(people.officer)
    page = client.get(reverse("assessment-detail", args=[assessment.pk])).content.decode()
    unit = assessment.units.filter(active=True).first()
    assert unit.household_id not in page
    assert 'id="sample-link"' not in page
    assert client.get(reverse("assessment-sample", args=[assessment.pk])).status_code == 404
    assert client.get(reverse("assessment-field", args=[assessment.pk])).status_code == 403


def test_the_list_pages_run_a_fixed_number_of_queries(client, people, assessment,
                                                      django_assert_max_num_queries):
    """The sample (every drawn unit, here 30) and the assessments list page in a fixed number
    of queries, whatever the rows: names of villages and counties one lookup per page."""
    opened(people, year=2025, seed=3)
    client.force_login(people.evaluator)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("assessment-sample", args=[assessment.pk])).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(reverse("assessment-list")).status_code == 200


def test_a_household_sampled_by_two_open_assessments_needs_the_assessment_id(people,
                                                                            assessment,
                                                                            tmp_path):
    other = opened(people, year=2025, seed=assessment.seed)
    unit = assessment.units.filter(active=True).first()
    without = _answers(unit, assessment_id="")
    outcome = _run(_kobo_xlsx(tmp_path / "a.xlsx", [without]), people.evaluator)
    assert [(p[1], p[2]) for p in outcome.report.first if p[4] == "error"] == [
        (2, "household_id")]
    outcome = _run(_kobo_xlsx(tmp_path / "b.xlsx", [_answers(unit)]), people.evaluator)
    assert outcome.ok
    assert Submission.objects.get().unit_id == unit.pk
    assert not Submission.objects.filter(unit__assessment=other).exists()


@pytest.mark.parametrize("fmt", ["csv", "parquet", "xlsx"])
def test_submissions_round_trip_through_an_export(people, assessment, tmp_path, fmt):
    """Export the submissions in each format, forget them, import the export: the same
    answers come back."""
    active = list(assessment.units.filter(active=True))
    rows = [_answers(u, **{"interview/officials_present": "yes" if i % 2 else "no",
                           "interview/approves": "no" if i == 0 else "yes"})
            for i, u in enumerate(active)]
    assert _run(_kobo_xlsx(tmp_path / "in.xlsx", rows), people.evaluator).ok

    def answers():
        return sorted(Submission.objects.values_list(
            "unit__household_id", "wrongly_exited", "omitted", "approves",
            "officials_present", "interviewer", "uuid", "submitted_at"))

    before = answers()
    dataset = datasets.get("assessment_submissions")
    out = tmp_path / ("out.xlsx" if fmt == "xlsx" else "out")
    assert dataset.run_export(out, fmt, actor=people.evaluator, scope=Scope("513431"),
                              masked=True) == {"submissions": len(active)}
    Submission.objects.all().delete()
    assessment.units.update(outcome=Outcome.PENDING)
    outcome = _run(out, people.evaluator)
    assert outcome.ok, outcome.report.first
    assert answers() == before
