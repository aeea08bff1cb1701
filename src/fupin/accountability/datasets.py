"""The findings dataset of the exchange (ADR 0021): import findings from a workbook or CSV
(two passes, all or nothing; the same file twice opens nothing new), export the findings of a
region. Registered from ``AppConfig.ready``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from fupin.accountability import services
from fupin.accountability.choices import MANUAL_SOURCES, Category, Severity
from fupin.accountability.models import Finding
from fupin.core import audit, datasets
from fupin.core.access import Scope, in_scope
from fupin.core.datasets import ImportOutcome
from fupin.core.exchange import Table, open_tables
from fupin.core.exchange_write import Report, write_tables
from fupin.households.messages import message
from fupin_engine import snapshot
from fupin_engine.snapshot import Column

COLUMNS = (
    Column("reference", "问题编号", "text", max_length=60,
           rule="the source's own number of the finding: a second import of it is skipped"),
    Column("source", "来源", "enum",
           choices=tuple((s.value, str(s.label)) for s in MANUAL_SOURCES)),
    Column("found_on", "发现日期", "date"),
    Column("division_code", "责任区划代码", "code12"),
    Column("responsible_unit", "责任单位", "text", max_length=100),
    Column("responsible_person", "责任人", "text", required=False, max_length=50),
    Column("category", "问题类别", "enum", choices=tuple(Category.choices)),
    Column("severity", "严重程度", "enum", choices=tuple(Severity.choices)),
    Column("title", "问题标题", "text", max_length=200),
    Column("description", "问题描述", "text", required=False, max_length=5000),
    Column("outlet", "暗访媒体", "text", required=False, max_length=100),
    Column("deadline", "整改期限", "date", required=False),
)
TABLE = Table("findings", ("findings", "问题线索"), COLUMNS)


class FindingImporter:
    """Pass 1 checks every row (types, then the domain: region, source, dates) into the
    report; pass 2 writes them all in one transaction."""

    def __init__(self, path: Path, *, actor: Any, scope: Scope, progress=None) -> None:
        self.path, self.actor, self.scope = Path(path), actor, scope
        self.rows: list[tuple[str, services.FindingInput]] = []

    def validate(self) -> ImportOutcome:
        report = Report()
        source = open_tables(self.path, [TABLE])["findings"]
        headers, rows = source.read()
        names, issues = snapshot.resolve_headers("findings", headers, COLUMNS)
        for issue in issues:
            report.add(source.display, 0, issue.column, issue.value, issue.severity,
                       issue.code, message(issue.code, issue.params))
        today, count, seen = timezone.localdate(), 0, set()
        for row, values in rows:
            count += 1
            raw = {n: v for n, v in zip(names, values, strict=False) if n}
            clean, bad = {}, False
            for col in COLUMNS:
                value, issue = snapshot.parse_value(col, snapshot.canonical(raw.get(col.name)),
                                                    today=today)
                clean[col.name] = value
                if issue is not None:
                    bad = True
                    report.add(source.display, row, issue.column, issue.value, issue.severity,
                               issue.code, message(issue.code, issue.params))
            if bad:
                continue
            if clean["reference"] in seen:
                report.add(source.display, row, "reference", clean["reference"],
                           snapshot.ERROR, "duplicate", "the same reference twice in the file")
                continue
            seen.add(clean["reference"])
            data = services.FindingInput(**{k: v or "" for k, v in clean.items()
                                            if k not in {"reference", "found_on", "deadline"}},
                                         found_on=clean["found_on"],
                                         deadline=clean["deadline"])
            problems = services.check_finding(self.actor, data)
            if not problems and not self.scope.contains(data.division_code):
                problems = {"division_code": "outside the scope of this import"}
            for column, text in problems.items():
                report.add(source.display, row, column, str(getattr(data, column, "")),
                           snapshot.ERROR, "rule", str(text))
            if not problems:
                self.rows.append((clean["reference"], data))
        return ImportOutcome(report=report, rows={"findings": count})

    def commit(self) -> dict[str, int]:
        return services.import_findings(actor=self.actor, rows=self.rows)

    def close(self) -> None:
        self.rows = []


def _exporter(path: Path, fmt: str, *, actor: Any, scope: Scope, masked: bool,
              progress=None) -> dict[str, int]:
    findings = in_scope(Finding.objects.select_related("rectification")
                        .order_by("division_code", "pk"), scope)

    def rows():
        for f in findings.iterator(chunk_size=2000):
            yield [f.source_key or f"#{f.pk}", f.source, f.found_on, f.division_code,
                   f.responsible_unit, f.responsible_person, f.category, f.severity, f.title,
                   f.description, f.outlet, f.rectification.deadline
                   if hasattr(f, "rectification") else None]

    counts = write_tables(path, fmt, [TABLE], {"findings": rows()}, progress)
    with transaction.atomic():
        audit.record(actor=actor, action="accountability.export",
                     object_type="accountability.finding",
                     object_id="findings", division_code="", after={"rows": dict(counts)})
    return counts


FINDINGS = datasets.Dataset(
    name="findings", label="Findings (accountability)", label_zh="问题线索（问责）",
    tables=(TABLE,), importer=FindingImporter, exporter=_exporter,
    import_permissions=("accountability.view_finding",),
    export_permissions=("accountability.view_finding",),
)


def register() -> None:
    datasets.register(FINDINGS)
