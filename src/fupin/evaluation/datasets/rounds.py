"""Exchange datasets of the rounds area: the counties' submissions and the evaluators'
verifications of a round's values (ADR 0021, ADR 0045), from CSV (UTF-8/GB18030), XLSX or
Parquet, with a template workbook; exported in the same shapes.

Pass 1 checks every row and reports each problem by file, row and column and rule: types (the
exchange's), then the round's rules — the county evaluation of (round, county) exists in the
importer's region, it is in the state the table needs (submissions while opened, verifications
while submitted), the importer's role enters that table, the indicator is in the round's
system, the value is a number of the indicator's kind (a share 0–1, yes/no 0 or 1), a
verification names its method and gives the reason when it differs from the submitted value,
no (round, county, indicator) twice. Pass 2 writes every row through ``evaluation.services``
in one transaction, or nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from fupin.core import audit, datasets
from fupin.core.access import Scope, in_scope
from fupin.core.datasets import ImportOutcome
from fupin.core.errors import ValidationFailed
from fupin.core.exchange import Table, open_tables
from fupin.core.exchange_write import Report, write_tables
from fupin.evaluation import services, workflows
from fupin.evaluation.choices import VerifyMethod
from fupin.evaluation.models import CountyEvaluation, IndicatorValue
from fupin.households.messages import message
from fupin_engine import snapshot
from fupin_engine.snapshot import Column

METHOD_ZH = {"document": "资料核查", "random": "随机抽查", "phone": "电话核查", "site": "实地核查"}
VALUE_RULE = "a number ≥ 0; a share 0–1 for %, 1 or 0 for yes/no"
KEY_COLUMNS = (
    Column("round", "评价轮次编号", "int", minimum=1, maximum=2**31 - 1),
    Column("county", "县代码", "code12"),
    Column("indicator", "指标代码", "text", max_length=60, pattern=r"[a-z][a-z0-9_]*"),
)
SUBMISSION_COLUMNS = (
    *KEY_COLUMNS,
    Column("value", "填报值", "text", max_length=30, rule=VALUE_RULE),
    Column("note", "说明", "text", required=False, max_length=2000),
)
VERIFICATION_COLUMNS = (
    *KEY_COLUMNS,
    Column("verified", "核定值", "text", max_length=30, rule=VALUE_RULE),
    Column("method", "核查方式", "enum",
           choices=tuple((m.value, METHOD_ZH[m.value]) for m in VerifyMethod)),
    Column("reason", "理由", "text", required=False, max_length=2000,
           rule="required when the verified value differs from the submitted one"),
)
SUBMISSIONS = Table("submissions", ("submissions", "县级填报"), SUBMISSION_COLUMNS)
VERIFICATIONS = Table("verifications", ("verifications", "第三方核查"), VERIFICATION_COLUMNS)
#: Per table: the state the evaluation must be in, and the permission of whoever enters it.
NEEDS = {"submissions": ("opened", workflows.SUBMIT),
         "verifications": ("submitted", workflows.VERIFY)}


class RoundValuesImporter:
    """Submissions and verifications of round values (see the module docstring)."""

    def __init__(self, path: Path, *, actor: Any, scope: Scope, progress=None) -> None:
        self.path, self.actor, self.scope = Path(path), actor, scope
        self.rows: dict[str, list[dict]] = {"submissions": [], "verifications": []}

    def _rows(self, source, columns, table, report):
        headers, rows = source.read()
        names, issues = snapshot.resolve_headers(table, headers, columns)
        for issue in issues:
            report.add(source.display, 0, issue.column, issue.value, issue.severity,
                       issue.code, message(issue.code, issue.params))
        today = timezone.localdate()
        for row, values in rows:
            raw = {n: v for n, v in zip(names, values, strict=False) if n}
            clean, bad = {}, False
            for col in columns:
                value, issue = snapshot.parse_value(col, snapshot.canonical(raw.get(col.name)),
                                                    today=today)
                clean[col.name] = value
                if issue is not None:
                    bad = True
                    report.add(source.display, row, issue.column, issue.value, issue.severity,
                               issue.code, message(issue.code, issue.params))
            yield row, clean, bad

    def validate(self) -> ImportOutcome:
        report = Report()
        sources = open_tables(self.path, [SUBMISSIONS, VERIFICATIONS])
        counts = {"submissions": 0, "verifications": 0}
        for table, columns in (("submissions", SUBMISSION_COLUMNS),
                               ("verifications", VERIFICATION_COLUMNS)):
            if table in sources:
                parsed = list(self._rows(sources[table], columns, table, report))
                counts[table] = len(parsed)
                self._check(table, sources[table], parsed, report)
        if not any(counts.values()):
            report.add(self.path.name, 0, "", "", snapshot.ERROR, "no_data_rows",
                       message("no_data_rows", {}))
        return ImportOutcome(report=report, rows=counts)

    def _check(self, table: str, src, parsed, report) -> None:
        state, permission = NEEDS[table]
        pairs = {(c["round"], c["county"]) for _, c, bad in parsed if not bad}
        evaluations = {(e.round_id, e.division_code): e for e in in_scope(
            CountyEvaluation.objects.filter(round_id__in={r for r, _ in pairs},
                                            division_code__in={c for _, c in pairs})
            .select_related("round__system"), self.scope)}
        submitted = {(v.evaluation_id, v.code): v.submitted for v in IndicatorValue.objects
                     .filter(evaluation__in=list(evaluations.values()))}
        may = self.actor.has_perm(permission)
        seen: dict[tuple, int] = {}
        for row, c, bad in parsed:
            def problem(column, value, text, code="rule", row=row):
                report.add(src.display, row, column, str(value), snapshot.ERROR, code, text)
            if bad:
                continue
            key = (c["round"], c["county"], c["indicator"])
            if key in seen:
                problem("indicator", c["indicator"], gettext(
                    "the same round, county and indicator are already at row %(row)s")
                    % {"row": seen[key]}, "duplicate")
                continue
            seen[key] = row
            if not may:
                problem("", "", gettext("your role does not enter this table"), "role")
                continue
            evaluation = evaluations.get((c["round"], c["county"]))
            if evaluation is None:
                problem("county", c["county"], gettext(
                    "this county is not in the round, or not in your region"), "not_in_round")
                continue
            if evaluation.state != state:
                problem("round", c["round"], gettext(
                    "the county's evaluation is %(state)s: this table is not possible now")
                    % {"state": workflows.describe_state(evaluation.state)}, "state")
                continue
            try:
                indicator = evaluation.round.system.system().indicator(c["indicator"])
            except (KeyError, ValueError, LookupError):
                problem("indicator", c["indicator"], gettext(
                    "no such indicator in the round's system"), "unknown_indicator")
                continue
            field = "value" if table == "submissions" else "verified"
            try:
                value = services.parse_value(c[field], indicator, field)
            except ValidationFailed as exc:
                problem(field, c[field], str(exc), "value_" + next(iter(exc.errors.values())))
                continue
            if table == "verifications" and not (c.get("reason") or "").strip() and \
                    value != submitted.get((evaluation.pk, c["indicator"])):
                problem("reason", "", gettext("give the reason: the verified value differs "
                                              "from the submitted one"), "reason_required")
                continue
            self.rows[table].append({**c, "evaluation": evaluation, "value": value})

    def commit(self) -> dict[str, int]:
        with transaction.atomic():
            for c in self.rows["submissions"]:
                services.submit_value(actor=self.actor, evaluation=c["evaluation"],
                                      code=c["indicator"], value=c["value"],
                                      note=c.get("note") or "")
            for c in self.rows["verifications"]:
                services.verify_value(actor=self.actor, evaluation=c["evaluation"],
                                      code=c["indicator"], value=c["value"],
                                      method=c["method"], reason=c.get("reason") or "")
            for table in ("submissions", "verifications"):
                if self.rows[table]:
                    audit.record(actor=self.actor, action=f"evaluation.import_{table}",
                                 object_type="evaluation.round",
                                 object_id=str(self.rows[table][0]["round"]),
                                 division_code=self.scope.prefix.ljust(12, "0"),
                                 after={"rows": len(self.rows[table])})
        return {t: len(rows) for t, rows in self.rows.items()}

    def close(self) -> None:
        self.rows = {"submissions": [], "verifications": []}


def _s(value) -> str:
    return "" if value is None else format(value, "f")


def _exporter(path: Path, fmt: str, *, actor: Any, scope: Scope, masked: bool,
              progress=None) -> dict[str, int]:
    values = in_scope(IndicatorValue.objects.select_related("evaluation")
                      .order_by("evaluation__round_id", "evaluation__division_code", "code"),
                      scope)

    def submissions():
        for v in values.filter(submitted__isnull=False).iterator(chunk_size=2000):
            yield [v.evaluation.round_id, v.evaluation.division_code, v.code,
                   _s(v.submitted), v.submitted_note]

    def verifications():
        for v in values.filter(verified__isnull=False).iterator(chunk_size=2000):
            yield [v.evaluation.round_id, v.evaluation.division_code, v.code,
                   _s(v.verified), v.verify_method, v.verify_reason]

    counts = write_tables(path, fmt, [SUBMISSIONS, VERIFICATIONS],
                          {"submissions": submissions(), "verifications": verifications()},
                          progress)
    with transaction.atomic():
        audit.record(actor=actor, action="evaluation.export_values",
                     object_type="evaluation.round", object_id="values",
                     division_code=scope.prefix.ljust(12, "0") if scope.prefix else "",
                     after={"rows": dict(counts)})
    return counts


ROUND_VALUES = datasets.Dataset(
    name="evaluation_values",
    label="County evaluation: submissions and verifications of a round's values",
    label_zh="示范县绩效评价：县级填报与第三方核查",
    tables=(SUBMISSIONS, VERIFICATIONS), importer=RoundValuesImporter, exporter=_exporter,
    import_permissions=("evaluation.view_countyevaluation",),
    export_permissions=("evaluation.view_countyevaluation",),
)


def register() -> None:
    """Register this area's datasets with the exchange."""
    datasets.register(ROUND_VALUES)
