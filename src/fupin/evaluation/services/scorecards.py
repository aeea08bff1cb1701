"""Services of the scorecards area: what a county's evaluation says, read for people.

A **scorecard** (:func:`scorecard`) is one county's evaluation in a year: module scores, each
indicator with its value, where the value came from (verified, computed, submitted or
missing), its evidence files, points of max, the submitted-vs-computed flag, and the change
against the same county's published result of the previous year. A published evaluation is
read from its :class:`~fupin.evaluation.models.Result`, frozen at publishing: what was
published is what is shown, whatever systems or values changed since. A reviewed one, not
yet published, is previewed from its values through the round's system and says so. The
screen, the XLSX and the PDF all draw the same :class:`Scorecard`.

The **province table** (:func:`province_rows`) has one row per published county of a
province and year (total, grade, rank, how far the rank moves when the weights move, module
scores, consequence); the **national view** (:func:`national_rows`) one row per province
(counties evaluated, mean and median total, counties per grade).

Reads only, over rows the caller got through ``evaluation.access`` (the region gate); the one
write is :func:`record_download`, the ledger line of an export or a print.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import get_language, gettext

from fupin.core import audit, labels
from fupin.core.access import Scope
from fupin.evaluation.choices import Grade
from fupin.evaluation.models import CountyEvaluation, Result
from fupin.evaluation.services import rounds_results
from fupin.regions import services as regions
from fupin.regions.models import Division

CENT = Decimal("0.01")
#: Grades best first (the engine's codes).
GRADES = [g.value for g in Grade]
#: Units whose values are shares 0–1 shown in per cent (docs/formats/indicator-system.md).
PERCENT_UNITS = {"%"}
#: Units whose value 1 is "yes" and 0 "no".
BOOLEAN_UNITS = {"yes/no"}


def dec(value) -> Decimal | None:
    """A stored string decimal (or number) as a ``Decimal``; None or "" as None."""
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def q2(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(CENT, rounding=ROUND_HALF_UP)


def change(now: Decimal | None, before: Decimal | None) -> Decimal | None:
    """``now − before`` to the cent; None when either is unknown."""
    if now is None or before is None:
        return None
    return q2(now - before)


def _name(item: dict) -> str:
    """An item's name in the user's language (Chinese first)."""
    lang = (get_language() or "zh-hans").lower()
    zh, en = item.get("name_zh") or "", item.get("name_en") or ""
    return (en or zh) if lang.startswith("en") else (zh or en)


def value_text(value: Decimal | None, unit: str) -> str:
    """A value as people read it: a share in per cent, yes/no as words, a count with its
    unit; "—" when missing."""
    if value is None:
        return "—"
    if unit in PERCENT_UNITS:
        return f"{labels.number(q2(value * 100))}%"
    if unit in BOOLEAN_UNITS:
        return gettext("Yes") if value >= 1 else gettext("No")
    shown = value.normalize() if value == value.to_integral_value() else q2(value)
    text = labels.number(shown.quantize(Decimal(1)) if shown == shown.to_integral_value()
                         else shown)
    return f"{text} {unit}".strip()


def signed(value: Decimal | None) -> str:
    """A change with its sign (+1.50, −2.00, ±0.00); "—" when there is nothing to compare."""
    if value is None:
        return "—"
    if value > 0:
        return f"+{value}"
    if value < 0:
        return f"−{-value}"
    return "±0.00"


# --- one county -------------------------------------------------------------------------------

@dataclass(frozen=True)
class IndicatorRow:
    """One indicator on a scorecard."""

    code: str
    module: str | None
    module_name: str
    kind: str
    name: str
    unit: str
    method: str
    value: Decimal | None
    source: str  # verified | computed | submitted | missing
    evidence: tuple[str, ...]
    points: Decimal
    max: Decimal
    flagged: bool
    computed: Decimal | None
    submitted: Decimal | None
    verified: Decimal | None
    verify_method: str
    previous: Decimal | None = None  # points last year
    change: Decimal | None = None  # points now − points last year

    @property
    def value_text(self) -> str:
        return value_text(self.value, self.unit)

    @property
    def computed_text(self) -> str:
        return value_text(self.computed, self.unit)

    @property
    def submitted_text(self) -> str:
        return value_text(self.submitted, self.unit)

    @property
    def verified_text(self) -> str:
        return value_text(self.verified, self.unit)

    @property
    def source_word(self) -> str:
        return labels.word("value_used", self.source)

    @property
    def evidence_text(self) -> str:
        return "、".join(self.evidence)

    @property
    def change_text(self) -> str:
        return signed(self.change)

    @property
    def points_text(self) -> str:
        sign = "−" if self.kind == "deduction" and self.points else ""
        return f"{sign}{self.points}"


@dataclass(frozen=True)
class ModuleRow:
    """One module's score on a scorecard."""

    code: str
    name: str
    points: Decimal
    max: Decimal
    previous: Decimal | None = None
    change: Decimal | None = None

    @property
    def change_text(self) -> str:
        return signed(self.change)


@dataclass
class Scorecard:
    """A county's evaluation in one year, as the screen, the XLSX and the PDF show it."""

    evaluation: CountyEvaluation
    result: Result | None
    county_code: str
    county_name: str
    province_code: str
    year: int
    published: bool
    system_code: str
    system_version: str
    system_digest: str
    system_name: str
    total: Decimal
    base_score: Decimal
    bonus: Decimal
    deduction: Decimal
    extra_deduction: Decimal
    grade: str
    grade_cap: str
    modules: list[ModuleRow]
    lines: list[IndicatorRow]
    rank: int | None = None
    counties: int = 0
    stability: dict = field(default_factory=dict)
    consequence: str = ""
    consequence_note: str = ""
    finding_id: int | None = None
    published_at: object = None
    previous_year: int | None = None
    previous_total: Decimal | None = None
    previous_grade: str = ""

    @property
    def total_change(self) -> Decimal | None:
        return change(self.total, self.previous_total)

    @property
    def total_change_text(self) -> str:
        return signed(self.total_change)

    @property
    def grade_word(self) -> str:
        return labels.word("evaluation_grade", self.grade)

    @property
    def consequence_word(self) -> str:
        return labels.word("evaluation_consequence", self.consequence) if self.consequence else ""

    @property
    def title(self) -> str:
        return gettext("Scorecard of %(county)s, %(year)s") % {
            "county": self.county_name, "year": self.year}

    @property
    def system_text(self) -> str:
        return gettext("%(name)s, version %(version)s") % {
            "name": self.system_name, "version": self.system_version}

    @property
    def rank_text(self) -> str:
        """"rank 3 of 12 (between 2 and 6 when the weights move ±10%)" — so nobody
        over-reads a one-point gap."""
        return rank_text(self.rank, self.counties, self.stability)

    @property
    def flagged_count(self) -> int:
        return sum(1 for line in self.lines if line.flagged)

    def module_lines(self) -> list[tuple[str, list[IndicatorRow]]]:
        """Indicators grouped under their module's name (bonus and deductions last)."""
        groups: dict[str, list[IndicatorRow]] = {}
        for line in self.lines:
            groups.setdefault(line.module_name, []).append(line)
        return list(groups.items())

    def summary_pairs(self) -> list[tuple[str, object]]:
        """The head of the scorecard as label–value pairs (screen, XLSX, PDF)."""
        pairs: list[tuple[str, object]] = [
            (gettext("County"), self.county_name),
            (gettext("Year"), self.year),
            (gettext("Indicator system"), self.system_text),
            (gettext("Publication"), gettext("Published") if self.published
             else gettext("Reviewed, not yet published (preview)")),
            (gettext("Total score"), self.total),
            (gettext("Grade"), self.grade_word),
        ]
        if self.grade_cap:
            pairs.append((gettext("Grade capped at"),
                          labels.word("evaluation_grade", self.grade_cap)))
        pairs += [
            (gettext("Base score"), self.base_score),
            (gettext("Bonus points"), self.bonus),
            (gettext("Deducted points"), self.deduction),
            (gettext("Deducted by accountability"), self.extra_deduction),
        ]
        if self.rank is not None:
            pairs.append((gettext("Rank"), self.rank_text))
        if self.previous_total is not None:
            pairs.append((gettext("Change against %(year)s") % {"year": self.previous_year},
                          f"{self.total_change_text}（{self.previous_total}，"
                          f"{labels.word('evaluation_grade', self.previous_grade)}）"))
        if self.consequence:
            pairs.append((gettext("Consequence"), self.consequence_word))
        if self.consequence_note:
            pairs.append((gettext("Consequence note"), self.consequence_note))
        if self.published_at:
            pairs.append((gettext("Published at"), self.published_at))
        pairs.append((gettext("System digest"), self.system_digest[:16]))
        return pairs


def rank_text(rank: int | None, counties: int, stability: dict | None) -> str:
    """A rank with its stability in words."""
    if rank is None:
        return "—"
    text = gettext("rank %(rank)s of %(n)s") % {"rank": rank, "n": counties}
    s = stability or {}
    if s.get("low") is not None and s.get("high") is not None:
        text += gettext(" (between %(low)s and %(high)s when the weights move ±10%%)") % {
            "low": s["low"], "high": s["high"]}
    return text


def moves_text(stability: dict | None) -> str:
    """"moves ±k (low–high)" for a table cell."""
    s = stability or {}
    if s.get("max_move") is None:
        return "—"
    return gettext("moves ±%(k)s (%(low)s–%(high)s)") % {
        "k": s["max_move"], "low": s.get("low", "?"), "high": s.get("high", "?")}


def _previous_result(evaluation: CountyEvaluation) -> Result | None:
    """The same county's published result of the previous year (any round), if any."""
    return (Result.objects.filter(evaluation__division_code=evaluation.division_code,
                                  evaluation__round__year=evaluation.round.year - 1,
                                  evaluation__state="published")
            .order_by("-published_at", "-pk").first())


def _system_name(system) -> str:
    lang = (get_language() or "zh-hans").lower()
    if system is None:
        return ""
    return (system.name_en or system.name_zh) if lang.startswith("en") \
        else (system.name_zh or system.name_en)


def _rows(modules: list[dict], lines: list[dict], previous: Result | None):
    before_lines = {ln["code"]: dec(ln.get("points")) for ln in (previous.lines if previous
                                                                 else [])}
    before_modules = {m["code"]: dec(m.get("points")) for m in (previous.modules if previous
                                                                else [])}
    names = {m["code"]: _name(m) for m in modules}
    module_rows = []
    for m in modules:
        points, before = dec(m.get("points")) or Decimal(0), before_modules.get(m["code"])
        module_rows.append(ModuleRow(code=m["code"], name=names[m["code"]], points=points,
                                     max=dec(m.get("max")) or Decimal(0), previous=before,
                                     change=change(points, before)))
    kind_names = {"bonus": gettext("Bonus items"), "deduction": gettext("Deduction items")}
    rows = []
    for ln in lines:
        points, before = dec(ln.get("points")) or Decimal(0), before_lines.get(ln["code"])
        kind = ln.get("kind") or "base"
        module = ln.get("module")
        rows.append(IndicatorRow(
            code=ln["code"], module=module,
            module_name=names.get(module) or kind_names.get(kind, ""), kind=kind,
            name=_name(ln), unit=ln.get("unit") or "", method=ln.get("method") or "",
            value=dec(ln.get("value")), source=ln.get("source") or "missing",
            evidence=tuple(ln.get("evidence") or ()), points=points,
            max=dec(ln.get("max")) or Decimal(0), flagged=bool(ln.get("flagged")),
            computed=dec(ln.get("computed")), submitted=dec(ln.get("submitted")),
            verified=dec(ln.get("verified")), verify_method=ln.get("verify_method") or "",
            previous=before, change=change(points, before)))
    return module_rows, rows


def scorecard(obj: Result | CountyEvaluation) -> Scorecard:
    """The scorecard of a published result, or of a county evaluation (its result when
    published, else a preview of its current values)."""
    if isinstance(obj, Result):
        result, evaluation = obj, obj.evaluation
    else:
        evaluation = obj
        result = Result.objects.filter(evaluation=evaluation).first()
    rnd = evaluation.round
    previous = _previous_result(evaluation)
    common = {
        "evaluation": evaluation, "county_code": evaluation.division_code,
        "county_name": labels.word("division", evaluation.division_code),
        "province_code": rnd.division_code, "year": rnd.year,
        "system_name": _system_name(rnd.system),
        "previous_year": rnd.year - 1 if previous else None,
        "previous_total": previous.total if previous else None,
        "previous_grade": previous.grade if previous else "",
    }
    if result is not None:
        modules, lines = _rows(result.modules, result.lines, previous)
        return Scorecard(
            result=result, published=True, system_code=result.system_code,
            system_version=result.system_version, system_digest=result.system_digest,
            total=result.total, base_score=result.base_score, bonus=result.bonus,
            deduction=result.deduction, extra_deduction=result.extra_deduction,
            grade=result.grade, grade_cap=result.grade_cap, modules=modules, lines=lines,
            rank=result.rank,
            counties=(result.stability or {}).get("of")
            or Result.objects.filter(evaluation__round=rnd).count(),
            stability=result.stability or {}, consequence=result.consequence,
            consequence_note=result.consequence_note, finding_id=result.finding_id,
            published_at=result.published_at, **common)
    preview = preview_result(evaluation)
    modules, lines = _rows(preview["modules"], preview["lines"], previous)
    system = rnd.system
    return Scorecard(
        result=None, published=False, system_code=system.code,
        system_version=system.version, system_digest=system.digest,
        total=preview["total"], base_score=preview["base_score"], bonus=preview["bonus"],
        deduction=preview["deduction"], extra_deduction=preview["extra_deduction"],
        grade=preview["grade"], grade_cap=preview["grade_cap"] or "", modules=modules,
        lines=lines, **common)


def preview_result(evaluation: CountyEvaluation) -> dict:
    """What the evaluation would publish now, in the shapes of
    :class:`~fupin.evaluation.models.Result` (total, base_score, bonus, deduction,
    extra_deduction, grade, grade_cap, modules, lines), from the round's own scoring
    (``rounds_results.preview``: the value each indicator uses and accountability's
    adjustments). Nothing is stored."""
    p = rounds_results.preview(evaluation)
    system = evaluation.round.system.system()
    score = p.score
    rows = {r.code: r for r in evaluation.values.prefetch_related("evidence")}
    modules = [{"code": m.code, "name_zh": m.name.zh, "name_en": m.name.en,
                "points": score.modules.get(m.code, Decimal(0)), "max": m.points}
               for m in system.modules]
    lines = []
    for indicator in system.indicators():
        line, row = score.lines[indicator.code], rows.get(indicator.code)
        lines.append({
            "code": indicator.code, "module": indicator.module or "",
            "kind": indicator.kind, "name_zh": indicator.name.zh,
            "name_en": indicator.name.en, "unit": indicator.unit,
            "method": indicator.method, "value": p.values.get(indicator.code),
            "source": p.used.get(indicator.code, "missing"), "points": line.points,
            "max": indicator.points,
            "evidence": [e.name for e in row.evidence.all()] if row else [],
            "flagged": bool(row and row.flagged),
            "computed": row.computed if row else None,
            "submitted": row.submitted if row else None,
            "verified": row.verified if row else None,
            "verify_method": row.verify_method if row else ""})
    return {"total": score.total, "base_score": score.base_score, "bonus": score.bonus,
            "deduction": score.deduction, "extra_deduction": score.extra_deduction,
            "grade": score.grade, "grade_cap": p.adjustments.grade_cap or "",
            "modules": modules, "lines": lines}


# --- the province table and the national view ------------------------------------------------

def focus_division(user, code: str = "") -> Division:
    """The division a table is drawn for: the user's own, or ``code`` when it lies inside
    the user's region (``NotFound`` outside it, exactly like a division that does not
    exist)."""
    return regions.focus_division(user, code)


def in_focus(results, division: Division):
    """The results of counties inside ``division``."""
    return results.filter(Scope.of_code(division.code).q("evaluation__division_code"))


def _results_of_year(results, year: int):
    return (results.filter(evaluation__round__year=year, evaluation__state="published")
            .select_related("evaluation", "evaluation__round"))


def province_rows(results, year: int) -> list[dict]:
    """One row per published county of ``year`` among ``results`` (already inside the
    user's region): county, total, grade, rank, rank stability, module scores, consequence.
    Ordered by rank, then county."""
    found = list(_results_of_year(results, year))
    names = labels.lookup_many("division", [r.evaluation.division_code for r in found])
    rows = []
    for r in found:
        code = r.evaluation.division_code
        modules = {m["code"]: dec(m.get("points")) for m in r.modules}
        rows.append({
            "pk": r.evaluation_id, "code": code, "county": names.get(code, code),
            "total": r.total, "grade": r.grade,
            "grade_word": labels.word("evaluation_grade", r.grade),
            "rank": r.rank, "moves": moves_text(r.stability),
            "max_move": (r.stability or {}).get("max_move"),
            "modules": modules, "consequence": r.consequence,
            "consequence_word": labels.word("evaluation_consequence", r.consequence),
            "flagged": sum(1 for ln in r.lines if ln.get("flagged")),
            "system_version": r.system_version, "round": r.evaluation.round_id,
        })
    rows.sort(key=lambda row: (row["rank"] is None, row["rank"] or 0, row["code"]))
    return rows


def module_columns(results, year: int) -> list[tuple[str, str]]:
    """The modules of the year's published results, in the order of their systems
    (code, name); the table shows one column each."""
    seen: dict[str, str] = {}
    for modules in _results_of_year(results, year).values_list("modules", flat=True):
        for m in modules:
            seen.setdefault(m["code"], _name(m))
    return list(seen.items())


def national_rows(results, year: int) -> list[dict]:
    """One row per province among ``results`` (inside the user's region): counties
    evaluated, mean and median total, counties per grade."""
    by_province: dict[str, list[tuple[Decimal, str]]] = defaultdict(list)
    for code, total, grade in _results_of_year(results, year).values_list(
            "evaluation__division_code", "total", "grade"):
        by_province[code[:2].ljust(12, "0")].append((total, grade))
    names = labels.lookup_many("division", list(by_province))
    rows = []
    for code, found in sorted(by_province.items()):
        totals = [t for t, _ in found]
        grades = Counter(g for _, g in found)
        rows.append({
            "code": code, "province": names.get(code, code), "counties": len(found),
            "mean": q2(sum(totals, Decimal(0)) / len(totals)),
            "median": q2(Decimal(statistics.median(totals))),
            **{g: grades.get(g, 0) for g in GRADES},
        })
    return rows


def record_download(*, actor, form: str, evaluation: CountyEvaluation,
                    detail: dict | None = None) -> None:
    """The ledger line of a scorecard taken as a file (``form`` "xlsx" or "pdf"): who took
    which county's scorecard of which year."""
    if form not in ("xlsx", "pdf"):
        raise ValueError(f"a scorecard is taken as xlsx or pdf, not {form!r}")
    with transaction.atomic():
        if form == "pdf":
            audit.record(actor=actor, action="evaluation.print_scorecard",
                         object_type="evaluation.countyevaluation", object_id=evaluation.pk,
                         division_code=evaluation.division_code, after=detail or {})
        else:
            audit.record(actor=actor, action="evaluation.export_scorecard",
                         object_type="evaluation.countyevaluation", object_id=evaluation.pk,
                         division_code=evaluation.division_code, after=detail or {})
