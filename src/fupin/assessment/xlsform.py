"""The field questionnaire as an XLSForm (https://xlsform.org), the format ODK Collect, ODK
Central and KoboToolbox read, so field teams use the apps they have, offline.

One form per assessment: the sampled households *and* their replacement lists are the
choices of ``household_id`` (with their status and stratum as extra choice columns, read by
``instance('households')``), so the form asks 错退 only of exited households and 漏评 only
of households outside the register, as the phone form and the importer do. Field names are
the import's column names (``datasets.py``); ODK/Kobo prefix them with the group path
(``interview/approves``, ``interview-approves``), which the importer strips.
"""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook

from fupin.assessment.models import Assessment

YES_NO = (("yes", "是", "Yes"), ("no", "否", "No"))
OUTCOMES = (("interviewed", "已入户访谈", "Interviewed"), ("refused", "拒绝访谈", "Refused"),
            ("absent", "家中无人", "Absent"))
STATUS_ZH = {"poor": "贫困户", "exited": "脱贫户", "general": "一般农户"}

SURVEY_HEADER = ("type", "name", "label::中文 (zh)", "label::English (en)", "required",
                 "relevant", "constraint", "calculation", "appearance")
INTERVIEWED = "${outcome} = 'interviewed'"


def survey_rows(assessment: Assessment) -> list[tuple]:
    lookup = "instance('households')/root/item[name = ${household_id}]/"
    return [
        ("calculate", "assessment_id", "", "", "", "", "", f"'{assessment.pk}'", ""),
        ("begin_group", "household", "受访农户", "Household", "", "", "", "", ""),
        ("select_one households", "household_id", "户编号（抽样名单）",
         "Household ID (sample list)", "yes", "", "", "", "minimal autocomplete"),
        ("calculate", "status", "", "", "", "", "", lookup + "status", ""),
        ("calculate", "stratum", "", "", "", "", "", lookup + "stratum", ""),
        ("end_group", "", "", "", "", "", "", "", ""),
        ("begin_group", "interview", "访谈", "Interview", "", "", "", "", ""),
        ("select_one outcome", "outcome", "访谈结果", "Outcome", "yes", "", "", "", ""),
        ("select_one yesno", "officials_present", "访谈时是否有干部在场",
         "Were officials present at the interview?", "yes", INTERVIEWED, "", "", ""),
        ("select_one yesno", "wrongly_exited",
         "是否错退（收入未稳定超过标准，或“两不愁三保障”未达标）",
         "Wrongly exited (income not stably above the line, or a guarantee fails)?", "yes",
         f"{INTERVIEWED} and ${{status}} = 'exited'", "", "", ""),
        ("select_one yesno", "omitted", "是否漏评（应纳入而未纳入建档立卡）",
         "Omitted (should be registered but is not)?", "yes",
         f"{INTERVIEWED} and ${{stratum}} = 'unregistered'", "", "", ""),
        ("select_one yesno", "approves", "是否认可脱贫成效和帮扶工作",
         "Does the household approve of the results and the assistance?", "yes",
         INTERVIEWED, "", "", ""),
        ("text", "interviewer", "调查员", "Interviewer", "no", "",
         "string-length(.) <= 50", "", ""),
        ("text", "note", "备注", "Note", "no", "", "string-length(.) <= 2000", "",
         "multiline"),
        ("end_group", "", "", "", "", "", "", "", ""),
    ]


def choice_rows(assessment: Assessment) -> list[tuple]:
    rows = [("yesno", n, zh, en, "", "") for n, zh, en in YES_NO]
    rows += [("outcome", n, zh, en, "", "") for n, zh, en in OUTCOMES]
    for unit in assessment.units.order_by("village_code", "stratum", "role",
                                          "replacement_order", "household_id"):
        text = f"{unit.household_id} · {STATUS_ZH.get(unit.status, unit.status)}"
        rows.append(("households", unit.household_id, text, unit.household_id, unit.status,
                     unit.stratum))
    return rows


def workbook(assessment: Assessment) -> bytes:
    """The XLSForm of ``assessment`` as an .xlsx file's bytes."""
    wb = Workbook()
    survey = wb.active
    survey.title = "survey"
    survey.append(SURVEY_HEADER)
    for row in survey_rows(assessment):
        survey.append(row)
    choices = wb.create_sheet("choices")
    choices.append(("list_name", "name", "label::中文 (zh)", "label::English (en)", "status",
                    "stratum"))
    for row in choice_rows(assessment):
        choices.append(row)
    meta = wb.create_sheet("settings")
    meta.append(("form_title", "form_id", "version", "default_language"))
    meta.append((f"三率一度入户调查 {assessment.county_code[:6]} {assessment.year}",
                 form_id(assessment), f"{assessment.pk}.{assessment.version}", "中文 (zh)"))
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()


#: ODK Central names the main CSV of its export ``<form_id>.csv``: the import finds it in the
#: zip under this name (the assessment is the ``assessment_id`` field).
FORM_ID = "fupin_submissions"


def form_id(assessment: Assessment) -> str:
    return FORM_ID
