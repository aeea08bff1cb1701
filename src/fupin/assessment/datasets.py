"""The field submissions dataset of the exchange (ADR 0021): interviews exported from ODK
Central or KoboToolbox (CSV in a zip, or XLSX) imported back into the assessment.

The shape is theirs, not ours: headers carry the group path (Kobo ``interview/approves``,
ODK Central ``interview-approves``), metadata columns start with ``_`` (Kobo ``_uuid``,
``_submission_time``, ``_id``…) or are Central's (``KEY``, ``SubmissionDate``,
``meta-instanceID``…), yes/no are choice names (``yes``/``no``; ``1``/``0``, ``true``/
``false`` and the Chinese labels are accepted too). Two passes as every dataset: pass 1
checks every row — the household is in the current sample of an assessment in field work in
the import's scope, the answers follow the questionnaire's rules, no household twice — and a
refusal or absence takes the next replacement into the sample there and then, so a row for
the replacement later in the same file is valid; pass 2 writes it all in one transaction, or
nothing. An instance id already imported is skipped (the same export twice adds nothing).
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext

from fupin.assessment import sample as sampling
from fupin.assessment import services
from fupin.assessment.choices import Outcome
from fupin.assessment.models import SampledUnit, Submission
from fupin.assessment.xlsform import FORM_ID
from fupin.core import audit, datasets
from fupin.core.access import Scope
from fupin.core.datasets import ImportOutcome
from fupin.core.errors import ValidationFailed
from fupin.core.exchange import Table, TableSource, inspect_archive, open_tables
from fupin.core.exchange_write import Report, write_tables
from fupin_engine import snapshot
from fupin_engine.measures import MeasureError
from fupin_engine.snapshot import Column

COLUMNS = (
    Column("household_id", "户编号", "text", max_length=32,
           pattern=snapshot.HOUSEHOLD_ID_PATTERN),
    Column("outcome", "访谈结果", "enum",
           choices=(("interviewed", "已入户访谈"), ("refused", "拒绝访谈"),
                    ("absent", "家中无人"))),
    Column("officials_present", "干部在场", "bool", required=False),
    Column("wrongly_exited", "是否错退", "bool", required=False),
    Column("omitted", "是否漏评", "bool", required=False),
    Column("approves", "是否认可", "bool", required=False),
    Column("interviewer", "调查员", "text", required=False, max_length=50),
    Column("note", "备注", "text", required=False, max_length=2000),
    Column("assessment_id", "评估编号", "int", required=False, minimum=1),
    Column("uuid", "实例编号", "text", required=False, max_length=64),
    Column("submitted_at", "提交时间", "text", required=False, max_length=40),
)
TABLE = Table("submissions", (FORM_ID, "submissions", "入户调查"), COLUMNS)
NAMES = {c.name for c in COLUMNS}

#: Export metadata that names the instance and the submission time, by tool.
UUID_HEADERS = {"_uuid", "instanceid", "meta/instanceid", "meta-instanceid", "key"}
TIME_HEADERS = {"_submission_time", "submissiondate"}
#: Other columns the tools add, and the form's own calculations: read past, never errors.
IGNORED = {"status", "stratum", "start", "end", "today", "deviceid", "submitterid",
           "submittername", "attachmentspresent", "attachmentsexpected", "reviewstate",
           "edits", "formversion", "__version__"}
YES = {"yes", "1", "true", "是"}
NO = {"no", "0", "false", "否"}


def column_name(header: Any) -> str | None:
    """Our column for an ODK/Kobo header (None: a column to read past)."""
    text = snapshot.canonical(header)
    low = text.lower()
    if low in UUID_HEADERS:
        return "uuid"
    if low in TIME_HEADERS:
        return "submitted_at"
    for col in COLUMNS:
        if text == col.label or low == col.name:
            return col.name
    leaf = low.rsplit("/", 1)[-1]
    if leaf not in NAMES and "-" in leaf:
        leaf = leaf.rsplit("-", 1)[-1]
    if leaf in NAMES:
        return leaf
    return None


def _bool(text: str) -> bool | None:
    low = text.strip().lower()
    return True if low in YES else False if low in NO else None


def _source(path: Path) -> TableSource:
    """The submissions table: by name (a zip's ``fupin_submissions.csv``, a workbook's sheet),
    else the first sheet of a workbook (KoboToolbox names it after the form's title)."""
    try:
        return open_tables(path, [TABLE])["submissions"]
    except ValidationFailed:
        if not (path.is_file() and path.suffix.lower() == ".xlsx"):
            raise
    from openpyxl import load_workbook

    inspect_archive(path, path.name)
    wb = load_workbook(path, read_only=True)
    sheet = wb.sheetnames[0]
    wb.close()
    return TableSource("submissions", path, f"{path.name}:{sheet}", "xlsx", sheet)


class SubmissionImporter:
    def __init__(self, path: Path, *, actor: Any, scope: Scope, progress=None) -> None:
        self.path, self.actor, self.scope = Path(path), actor, scope
        self.ops: list[tuple[str, SampledUnit, Any]] = []

    def _error(self, report: Report, display: str, row: int, column: str, value: str,
               code: str, text: str) -> None:
        report.add(display, row, column, value, snapshot.ERROR, code, text)

    def validate(self) -> ImportOutcome:
        report = Report()
        source = _source(self.path)
        headers, rows = source.read()
        names = [column_name(h) for h in headers]
        for header, name in zip(headers, names, strict=True):
            text = snapshot.canonical(header)
            if name is None and not text.startswith("_") and \
                    text.lower().rsplit("/", 1)[-1].rsplit("-", 1)[-1] not in IGNORED:
                report.add(source.display, 0, text, text, snapshot.WARNING, "unknown_column",
                           gettext("column %(column)s is not read") % {"column": text})
        for needed in ("household_id", "outcome"):
            if needed not in names:
                self._error(report, source.display, 0, needed, "", "missing_column",
                            gettext("the column %(column)s is missing") % {"column": needed})
        if report.errors:
            return ImportOutcome(report=report, rows={"submissions": 0})
        units = self._units()
        samples: dict[int, Any] = {}
        seen: set[str] = set()
        count = 0
        for row, values in rows:
            count += 1
            raw = {n: snapshot.canonical(v) for n, v in zip(names, values, strict=False) if n}
            self._row(report, source.display, row, raw, units, samples, seen)
        return ImportOutcome(report=report, rows={"submissions": count})

    def _units(self) -> dict[str, list[SampledUnit]]:
        """Every unit of the assessments in field work inside the scope, by household."""
        qs = (SampledUnit.objects.select_related("assessment")
              .filter(assessment__state="fieldwork")
              .filter(self.scope.q("village_code")))
        found: dict[str, list[SampledUnit]] = {}
        for unit in qs:
            found.setdefault(unit.household_id, []).append(unit)
        return found

    def _row(self, report, display, row, raw, units, samples, seen) -> None:
        problems: list[tuple[str, str, str, str]] = []
        clean: dict[str, Any] = {}
        for col in COLUMNS:
            text = raw.get(col.name, "")
            if col.kind == "bool":
                value = _bool(text) if text else None
                if text and value is None:
                    problems.append((col.name, text, "type", gettext("yes or no (是/否)")))
                clean[col.name] = value
                continue
            value, issue = snapshot.parse_value(col, text, today=timezone.localdate())
            if issue is not None:
                problems.append((col.name, text, issue.code, gettext("not a valid value")))
            clean[col.name] = value
        hid = clean.get("household_id") or ""
        candidates = units.get(hid, [])
        wanted = clean.get("assessment_id")
        if wanted is not None:
            candidates = [u for u in candidates if u.assessment_id == wanted]
        unit = candidates[0] if len(candidates) == 1 else None
        if hid and hid not in units:
            problems.append(("household_id", hid, "rule", gettext(
                "not in the sample of an assessment in field work in this import's region")))
        elif hid and not candidates:
            problems.append(("assessment_id", raw.get("assessment_id", ""), "rule",
                             gettext("this household is not in that assessment's sample")))
        elif hid and unit is None:
            problems.append(("household_id", hid, "rule", gettext(
                "sampled by two assessments in field work: give assessment_id")))
        submitted = timezone.now()
        if clean.get("submitted_at"):
            parsed = parse_datetime(clean["submitted_at"].replace(" ", "T"))
            if parsed is None:
                problems.append(("submitted_at", clean["submitted_at"], "type",
                                 gettext("a date and time (ISO 8601)")))
            else:
                submitted = parsed if parsed.tzinfo else timezone.make_aware(parsed)
        if not problems and unit is not None:
            problems += self._check(unit, clean, samples, seen, submitted)
        for column, value, code, text in problems:
            self._error(report, display, row, column, value, code, text)

    def _check(self, unit, clean, samples, seen, submitted) -> list[tuple[str, str, str, str]]:
        hid = unit.household_id
        if clean.get("uuid") and Submission.objects.filter(uuid=clean["uuid"]).exists():
            return []  # imported before: skipped at commit, not an error
        if hid in seen:
            return [("household_id", hid, "duplicate", gettext("the same household twice"))]
        seen.add(hid)
        drawn = samples.get(unit.assessment_id)
        if drawn is None:
            drawn = samples[unit.assessment_id] = sampling.engine_sample(unit.assessment)
        active = {h.household_id for h in drawn.households}
        if hid not in active or unit.outcome != Outcome.PENDING:
            return [("household_id", hid, "rule", gettext(
                "not in the current sample, or already has a result (a replacement is "
                "taken only after the household it replaces refused or was absent)"))]
        if clean["outcome"] == Outcome.INTERVIEWED:
            answers = services.Answers(
                wrongly_exited=clean["wrongly_exited"], omitted=clean["omitted"],
                approves=clean["approves"],
                officials_present=bool(clean["officials_present"]),
                interviewer=clean["interviewer"] or "", note=clean["note"] or "")
            errors = services.check_answers(unit, answers)
            if errors:
                return [(c, str(clean.get(c) if clean.get(c) is not None else ""), "rule",
                         str(t)) for c, t in errors.items()]
            self.ops.append(("interview", unit, (answers, clean.get("uuid") or "",
                                                 submitted)))
            return []
        # The next replacement is now in the (simulated) sample; none left: not asked.
        with contextlib.suppress(MeasureError):
            drawn.replace(hid)
        self.ops.append(("unavailable", unit, clean["outcome"]))
        return []

    def commit(self) -> dict[str, int]:
        written = {"submissions": 0, "replaced": 0}
        with transaction.atomic():
            batch = []
            for kind, unit, payload in self.ops:
                if kind == "interview":
                    batch.append((SampledUnit.objects.get(pk=unit.pk), *payload))
                    continue
                if batch:
                    written["submissions"] += services.import_submissions(
                        actor=self.actor, rows=batch)["submissions"]
                    batch = []
                services.record_unavailable(actor=self.actor,
                                            unit=SampledUnit.objects.get(pk=unit.pk),
                                            outcome=payload)
                written["replaced"] += 1
            if batch:
                written["submissions"] += services.import_submissions(
                    actor=self.actor, rows=batch)["submissions"]
        return written

    def close(self) -> None:
        self.ops = []


def _exporter(path: Path, fmt: str, *, actor: Any, scope: Scope, masked: bool,
              progress=None) -> dict[str, int]:
    """The recorded submissions of the scope in the import's shape (round trip)."""
    subs = (Submission.objects.select_related("unit").filter(scope.q("unit__village_code"))
            .order_by("unit__village_code", "pk"))

    def rows():
        for s in subs.iterator(chunk_size=2000):
            yield [s.unit.household_id, s.unit.outcome, s.officials_present,
                   s.wrongly_exited, s.omitted, s.approves, s.interviewer, s.note,
                   s.unit.assessment_id, s.uuid, s.submitted_at.isoformat()]

    counts = write_tables(path, fmt, [TABLE], {"submissions": rows()}, progress)
    with transaction.atomic():
        audit.record(actor=actor, action="assessment.export_submissions",
                     object_type="assessment.submission", object_id="export",
                     division_code="", after={"rows": dict(counts)})
    return counts


SUBMISSIONS = datasets.Dataset(
    name="assessment_submissions", label="Assessment field submissions (ODK/Kobo)",
    label_zh="第三方评估入户调查（ODK/Kobo 导出）", tables=(TABLE,),
    importer=SubmissionImporter, exporter=_exporter,
    import_permissions=("assessment.conduct_assessment",),
    export_permissions=("assessment.conduct_assessment",),
)


def register() -> None:
    datasets.register(SUBMISSIONS)

