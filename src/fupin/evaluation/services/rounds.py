"""Services of the rounds area: indicator systems, opening a round, the three values of each
indicator (computed, submitted, verified), evidence files and the workflow steps.

Every write is one transaction with a keyword-only ``actor`` that writes its audit record;
scoring, grading and publishing are in :mod:`fupin.evaluation.services.rounds_results`
(docs/evaluation.md, ADR 0045).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext

from fupin.accountability import services as accountability
from fupin.core import audit, labels
from fupin.core import evidence as files
from fupin.core import workflow as engine
from fupin.core.access import Scope, check_in_scope
from fupin.core.errors import Forbidden, NotFound, ValidationFailed
from fupin.evaluation import workflows
from fupin.evaluation.choices import ValueUsed, VerifyMethod
from fupin.evaluation.models import (
    CountyEvaluation,
    IndicatorSystem,
    IndicatorValue,
    Round,
    ValueEvidence,
)
from fupin.regions.models import Division
from fupin_engine.evaluation import (
    SystemError_,
    default_codes,
    default_system,
    parse_system,
    submitted_differs,
)

SYSTEM = "system:evaluation"
VALUE_PLACES = Decimal("0.0001")
EVIDENCE_MAX_BYTES = files.MAX_BYTES
EVIDENCE_FOLDER = "evaluation-evidence"
#: Evidence file types (by name) and the first bytes a file of that type starts with.
EVIDENCE_TYPES = {
    ".pdf": (b"%PDF",), ".png": (b"\x89PNG",), ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",), ".xlsx": (b"PK\x03\x04",), ".docx": (b"PK\x03\x04",),
    ".csv": (), ".txt": (),
}


class SystemRejected(ValidationFailed):
    """An uploaded indicator system breaks the format's rules: every problem with its path,
    line and rule (``problems``: the engine's ``Problem`` rows)."""

    def __init__(self, message: str, problems: list[Any]) -> None:
        super().__init__(message, {"text": message})
        self.problems = problems


def _audit(actor: Any, action: str, obj: Any, division_code: str,
           before: dict | None = None, after: dict | None = None) -> None:
    audit.record(actor=actor, action=action, object_type=f"evaluation.{obj._meta.model_name}",
                 object_id=str(obj.pk), division_code=division_code, before=before,
                 after=after if after is not None else audit.snapshot(obj))


# --- indicator systems -----------------------------------------------------------------------

def _system_row(system: Any, **extra: Any) -> IndicatorSystem:
    return IndicatorSystem(
        code=system.code, version=system.version, province_code=system.province or "",
        name_zh=system.name.zh[:200], name_en=system.name.en[:200], text=system.text,
        digest=system.digest, published_at=timezone.now(), **extra)


def ensure_default_systems() -> list[IndicatorSystem]:
    """The shipped default systems of the engine, loaded into the table on first use
    (idempotent: a version already there is left as it is)."""
    rows = []
    for code in default_codes():
        system = default_system(code)
        row = IndicatorSystem.objects.filter(code=system.code, version=system.version,
                                             province_code="").first()
        if row is None:
            with transaction.atomic():
                row = _system_row(system, is_default=True, source_name=f"{code}.yaml")
                row.save()
                _audit(SYSTEM, "evaluation.load_system", row, "")
        rows.append(row)
    return rows


def _province_of(actor: Any) -> str:
    scope = Scope.of_user(actor)
    if scope is None or len(scope.prefix) != 2:
        raise Forbidden(gettext("only a user bound to a province may do this"))
    return scope.prefix


def publish_system(*, actor: Any, text: str, source_name: str) -> IndicatorSystem:
    """Publish a province's version of an indicator system from its YAML: validated by the
    engine (every problem with path, line and rule), naming the actor's province, under a
    version not yet published (the text of a published version never changes)."""
    if not actor.has_perm("evaluation.publish_system"):
        raise Forbidden(gettext("your role may not publish indicator systems"))
    province = _province_of(actor)
    source = Path(source_name or "system.yaml").name
    try:
        system = parse_system(text, source=source)
    except SystemError_ as exc:
        raise SystemRejected(str(exc), list(exc.problems)) from exc
    if system.province != province:
        raise ValidationFailed(
            gettext('a province\'s version names its province: set province: "%(p)s" in '
                    "the file") % {"p": province}, {"text": "province"})
    existing = IndicatorSystem.objects.filter(code=system.code, version=system.version,
                                              province_code=province).first()
    if existing is not None:
        if existing.digest == system.digest:
            return existing
        raise ValidationFailed(
            gettext("version %(v)s of %(c)s is already published and never changes: give "
                    "the changed system a new version") % {"v": system.version,
                                                           "c": system.code},
            {"text": "version"})
    with transaction.atomic():
        row = _system_row(system, source_name=source[:200], published_by=actor)
        row.save()
        _audit(actor, "evaluation.publish_system", row, province.ljust(12, "0"))
    return row


def systems_for(province_code: str) -> list[IndicatorSystem]:
    """The versions a province may open a round on: the national defaults and its own."""
    ensure_default_systems()
    return list(IndicatorSystem.objects.filter(province_code__in=["", province_code[:2]]))


# --- value providers -------------------------------------------------------------------------

def accountability_values(county_codes: list[str], year: int) -> dict[str, dict[str, Decimal]]:
    """A value provider: the county's overdue rectifications now (``overdue_rectifications``),
    from accountability's ``evaluation_adjustments``."""
    return {c: {"overdue_rectifications": Decimal(
        accountability.evaluation_adjustments(c, year).overdue_rectifications)}
        for c in county_codes}


def providers() -> list[tuple[str, Any]]:
    """The configured value providers (``FUPIN_EVALUATION_VALUE_PROVIDERS``)."""
    return [(path, import_string(path))
            for path in getattr(settings, "FUPIN_EVALUATION_VALUE_PROVIDERS", [])]


def provided_values(county_codes: list[str], year: int) -> dict[str, dict[str, tuple]]:
    """``{county: {key: (value, provider path)}}`` from every provider, in order (a later
    provider does not overwrite a key an earlier one gave)."""
    out: dict[str, dict[str, tuple]] = {c: {} for c in county_codes}
    for path, provider in providers():
        for county, values in provider(list(county_codes), year).items():
            for key, value in values.items():
                if value is not None:
                    out.setdefault(county, {}).setdefault(key, (Decimal(value), path))
    return out


# --- flags and the value used ----------------------------------------------------------------

def is_flagged(indicator: Any, submitted: Decimal | None, computed: Decimal | None) -> bool:
    """The submitted value differs from the computed one by more than the indicator's
    relative tolerance of the computed value (the engine's one rule, ``submitted_differs``;
    nothing to compare, or no tolerance, no flag)."""
    return submitted_differs(indicator, submitted, computed)


def value_used(value: IndicatorValue) -> str:
    """Precedence: verified, else computed, else submitted, else missing."""
    if value.verified is not None:
        return ValueUsed.VERIFIED
    if value.computed is not None:
        return ValueUsed.COMPUTED
    if value.submitted is not None:
        return ValueUsed.SUBMITTED
    return ValueUsed.MISSING


def _refresh(value: IndicatorValue, system: Any) -> None:
    value.flagged = is_flagged(system.indicator(value.code), value.submitted, value.computed)
    value.used = value_used(value)


# --- rounds ----------------------------------------------------------------------------------

def round_seed(round_: Round) -> int:
    """The published seed of a round's rank stability: derived from the round, so anybody
    can replay it."""
    key = f"{round_.pk}:{round_.division_code}:{round_.year}".encode()
    return int(hashlib.sha256(key).hexdigest()[:12], 16)


def _counties(province: str, codes: Iterable[str]) -> list[str]:
    wanted = sorted({str(c).strip().ljust(12, "0")[:12] for c in codes if str(c).strip()})
    if not wanted:
        raise ValidationFailed(gettext("choose at least one county"), {"counties": "required"})
    found = set(Division.objects.filter(code__in=wanted, level="county")
                .values_list("code", flat=True))
    bad = [c for c in wanted if c not in found or not c.startswith(province)]
    if bad:
        raise ValidationFailed(gettext("not counties of the province: %(codes)s")
                               % {"codes": ", ".join(bad)}, {"counties": "not_in_province"})
    return wanted


def open_round(*, actor: Any, province_code: str, year: int, system: IndicatorSystem,
               counties: Iterable[str], submit_by: dt.date, verify_by: dt.date,
               title: str = "") -> Round:
    """Open a round of the province for ``year`` on one system version: one county
    evaluation per county (opened, due by ``submit_by``), one value row per indicator, the
    computed values filled in, the counties told."""
    if not actor.has_perm("evaluation.open_round"):
        raise Forbidden(gettext("your role may not open evaluation rounds"))
    province = str(province_code)[:2]
    division = province.ljust(12, "0")
    check_in_scope(actor, division, what="province")
    if system.province_code not in ("", province):
        raise ValidationFailed(gettext("this indicator system belongs to another province"),
                               {"system": "province"})
    if not 2000 <= int(year) <= 2100:
        raise ValidationFailed(gettext("the year is 2000 to 2100"), {"year": "range"})
    if verify_by < submit_by:
        raise ValidationFailed(gettext("verification is due after the submissions"),
                               {"verify_by": "before_submit_by"})
    codes = _counties(province, counties)
    now = timezone.now()
    parsed = system.system()
    with transaction.atomic():
        # A county is evaluated once a year on a system (a second round, or a double click,
        # would give it two results and mix two rankings; the fund-performance evaluation of
        # the same year is another system): checked under a lock on the province's rounds.
        list(Round.objects.select_for_update().filter(division_code=division, year=int(year))
             .values_list("pk", flat=True))
        taken = sorted(set(CountyEvaluation.objects.filter(
            round__year=int(year), round__system__code=system.code, division_code__in=codes)
            .values_list("division_code", flat=True)))
        if taken:
            raise ValidationFailed(
                gettext("already evaluated in %(year)s: %(codes)s")
                % {"year": year, "codes": "、".join(
                    labels.lookup_many("division", taken).get(c, c) for c in taken)},
                {"counties": "already_in_round"})
        round_ = Round.objects.create(
            division_code=division, year=int(year), system=system, submit_by=submit_by,
            verify_by=verify_by, opened_by=actor, opened_at=now,
            title=(title or gettext("%(year)s county evaluation") % {"year": year})[:200])
        round_.seed = round_seed(round_)
        round_.save(update_fields=["seed", "updated_at"])
        due = workflows.end_of_day(submit_by)
        CountyEvaluation.objects.bulk_create([CountyEvaluation(
            round=round_, division_code=c, state="opened", state_since=now, due_at=due)
            for c in codes])
        evaluations = list(round_.evaluations.all())
        IndicatorValue.objects.bulk_create([
            IndicatorValue(evaluation=e, code=i.code)
            for e in evaluations for i in parsed.indicators()])
        _compute(evaluations, round_)
        _audit(actor, "evaluation.open_round", round_, division,
               after={**audit.snapshot(round_), "counties": codes})
        for evaluation in evaluations:
            engine.notify(workflows.EVALUATION, evaluation, workflows.COUNTY, now=now)
    return round_


def _compute(evaluations: list[CountyEvaluation], round_: Round) -> int:
    """Fill the computed values of ``evaluations`` from the providers (one call each for
    all the counties), refresh flags and the value used. Returns the rows changed."""
    system = round_.system.system()
    # A submitted indicator with a key gets the computed figure too: what its submission is
    # checked against (the engine's ``computed_values``).
    keyed = {i.code: i.computed_key for i in system.indicators() if i.computed_key}
    found = provided_values([e.division_code for e in evaluations], round_.year)
    rows = list(IndicatorValue.objects.filter(evaluation__in=evaluations)
                .select_related("evaluation"))
    for row in rows:
        value, path = found.get(row.evaluation.division_code, {}).get(
            keyed.get(row.code), (None, ""))
        row.computed = None if value is None else value.quantize(VALUE_PLACES)
        row.computed_note = path[:300] if value is not None else ""
        _refresh(row, system)
    IndicatorValue.objects.bulk_update(rows, ["computed", "computed_note", "flagged", "used"])
    CountyEvaluation.objects.filter(pk__in=[e.pk for e in evaluations]).update(
        computed_at=timezone.now())
    return len(rows)


def _open_for_change(evaluation: CountyEvaluation) -> None:
    if CountyEvaluation.objects.filter(pk=evaluation.pk, closed=True).exists():
        raise ValidationFailed(gettext("a published evaluation never changes"),
                               {"state": "published"})


#: States in which the computed figures may still be refreshed: once the evaluator has
#: verified, what the evaluator and the province saw is what gets scored.
RECOMPUTE_STATES = ("opened", "submitted")


def compute_values(*, actor: Any, evaluation: CountyEvaluation) -> CountyEvaluation:
    """Recompute the computed values of one county evaluation (flags follow): whoever takes
    its steps (county, evaluator, province); refused once published."""
    check_in_scope(actor, evaluation.division_code, what="county evaluation")
    if not (actor.has_perm("evaluation.act_county") or actor.has_perm("evaluation.act_province")):
        raise Forbidden(gettext("your role may not recompute an evaluation"))
    with transaction.atomic():
        current = CountyEvaluation.objects.select_for_update().filter(pk=evaluation.pk).first()
        if current is None:
            raise NotFound("no such county evaluation")
        if current.state not in RECOMPUTE_STATES:
            raise ValidationFailed(
                gettext("the computed values are fixed once the evaluator has verified them"),
                {"state": current.state})
        before = {v.code: str(v.computed) for v in evaluation.values.all()}
        _compute([evaluation], evaluation.round)
        after = {v.code: str(v.computed) for v in evaluation.values.all()}
        _audit(actor, "evaluation.compute_values", evaluation, evaluation.division_code,
               before={"computed": before}, after={"computed": after})
    evaluation.refresh_from_db()
    return evaluation


# --- submitted and verified values -----------------------------------------------------------

def parse_value(raw: Any, indicator: Any, field: str = "value") -> Decimal:
    """A value for ``indicator`` from user input: a number, not negative, a share 0–1 for
    "%", 0 or 1 for yes/no."""
    if raw is None or str(raw).strip() == "":
        raise ValidationFailed(gettext("enter a value"), {field: "required"})
    try:
        value = Decimal(str(raw).strip().replace(",", ""))
    except InvalidOperation:
        raise ValidationFailed(gettext("not a number: %(v)s") % {"v": raw},
                               {field: "number"}) from None
    if not value.is_finite() or value < 0 or value >= Decimal("1e14"):
        raise ValidationFailed(gettext("a value is a number from 0"), {field: "range"})
    if indicator.unit == "%" and value > 1:
        raise ValidationFailed(gettext("a share is 0 to 1 (0.85 means 85 per cent)"),
                               {field: "share"})
    if indicator.unit == "yes/no" and value not in (0, 1):
        raise ValidationFailed(gettext("yes is 1, no is 0"), {field: "boolean"})
    if value != value.quantize(VALUE_PLACES):
        raise ValidationFailed(gettext("at most 4 decimal places"), {field: "places"})
    return value.quantize(VALUE_PLACES)


def _value_row(evaluation: CountyEvaluation, code: str) -> tuple[IndicatorValue, Any]:
    system = evaluation.round.system.system()
    row = (IndicatorValue.objects.select_for_update()
           .filter(evaluation=evaluation, code=code).first())
    if row is None:
        raise ValidationFailed(gettext("no indicator %(code)s in this round's system")
                               % {"code": code}, {"code": "unknown"})
    return row, system


def _in_state(evaluation: CountyEvaluation, state: str) -> None:
    current = CountyEvaluation.objects.values_list("state", flat=True).get(pk=evaluation.pk)
    if current != state:
        raise ValidationFailed(
            gettext("not possible while the evaluation is %(state)s")
            % {"state": workflows.describe_state(current)}, {"state": current})


def submit_value(*, actor: Any, evaluation: CountyEvaluation, code: str, value: Any,
                 note: str = "") -> IndicatorValue:
    """The county's value of one indicator (while the evaluation is opened); the flag
    against the computed value is set at once."""
    check_in_scope(actor, evaluation.division_code, what="county evaluation")
    if not actor.has_perm(workflows.SUBMIT):
        raise Forbidden(gettext("only the county may submit its values"))
    with transaction.atomic():
        _in_state(evaluation, "opened")
        row, system = _value_row(evaluation, code)
        before = audit.snapshot(row)
        row.submitted = parse_value(value, system.indicator(code))
        row.submitted_note = str(note or "").strip()[:2000]
        row.submitted_by, row.submitted_at = actor, timezone.now()
        _refresh(row, system)
        row.save()
        _audit(actor, "evaluation.submit_value", row, evaluation.division_code, before=before)
    return row


def verify_value(*, actor: Any, evaluation: CountyEvaluation, code: str, value: Any,
                 method: str, reason: str = "") -> IndicatorValue:
    """The evaluator's value of one indicator (while submitted), with the method; a value
    that differs from the submitted one needs the reason."""
    check_in_scope(actor, evaluation.division_code, what="county evaluation")
    if not actor.has_perm(workflows.VERIFY):
        raise Forbidden(gettext("only an evaluator may verify a county's values"))
    if method not in VerifyMethod.values:
        raise ValidationFailed(gettext("choose how the value was checked"),
                               {"method": "choice"})
    reason = str(reason or "").strip()
    with transaction.atomic():
        _in_state(evaluation, "submitted")
        row, system = _value_row(evaluation, code)
        verified = parse_value(value, system.indicator(code))
        if verified != row.submitted and not reason:
            raise ValidationFailed(gettext("give the reason: the verified value differs from "
                                           "the submitted one"), {"reason": "required"})
        before = audit.snapshot(row)
        row.verified, row.verify_method, row.verify_reason = verified, method, reason[:2000]
        row.verified_by, row.verified_at = actor, timezone.now()
        _refresh(row, system)
        row.save()
        _audit(actor, "evaluation.verify_value", row, evaluation.division_code, before=before)
    return row


# --- evidence --------------------------------------------------------------------------------

def evidence_dir() -> Path:
    return files.folder(EVIDENCE_FOLDER)


def check_evidence(name: str, content: bytes) -> str:
    """The file's clean name, or ``ValidationFailed``: 1 byte to 10 MB, a known type whose
    content starts like that type."""
    clean = files.clean_name(name)
    files.check_size(content)
    suffix = Path(clean).suffix.lower()
    if suffix not in EVIDENCE_TYPES:
        raise ValidationFailed(gettext("evidence is PDF, PNG, JPEG, XLSX, DOCX, CSV or text"),
                               {"file": "type"})
    magic = EVIDENCE_TYPES[suffix]
    if magic and not any(content.startswith(m) for m in magic):
        raise ValidationFailed(gettext("the file is not the %(type)s its name says")
                               % {"type": suffix[1:].upper()}, {"file": "content"})
    return clean


def add_value_evidence(*, actor: Any, evaluation: CountyEvaluation, code: str, name: str,
                       content: bytes) -> ValueEvidence:
    """Store an evidence file of the county's value of ``code`` (while opened)."""
    check_in_scope(actor, evaluation.division_code, what="county evaluation")
    if not actor.has_perm(workflows.SUBMIT):
        raise Forbidden(gettext("only the county may add evidence to its values"))
    clean = check_evidence(name, content)
    with transaction.atomic():
        _in_state(evaluation, "opened")
        row, _system = _value_row(evaluation, code)
        stored = files.store(EVIDENCE_FOLDER, clean, content)
        evidence = ValueEvidence.objects.create(
            value=row, name=stored.name, stored_as=stored.stored_as, size=stored.size,
            sha256=stored.sha256, uploaded_by=actor)
        _audit(actor, "evaluation.add_evidence", evidence, evaluation.division_code)
    return evidence


def open_value_evidence(*, actor: Any, evidence: ValueEvidence) -> Path:
    """An evidence file for download; every download is a line on the ledger."""
    division = evidence.value.evaluation.division_code
    check_in_scope(actor, division, what="county evaluation")
    if not actor.has_perm("evaluation.view_countyevaluation"):
        raise Forbidden(gettext("your role may not see county evaluations"))
    with transaction.atomic():
        audit.record(actor=actor, action="evaluation.download_evidence",
                     object_type="evaluation.valueevidence", object_id=str(evidence.pk),
                     division_code=division,
                     after={"evidence": evidence.pk, "name": evidence.name})
    return evidence_dir() / evidence.stored_as


# --- workflow steps --------------------------------------------------------------------------

def take_step(*, actor: Any, evaluation: CountyEvaluation, action: str, version: int,
              note: str = "") -> CountyEvaluation:
    """One step of a county evaluation (submit, verify, send back, review). Publishing is
    :func:`~fupin.evaluation.services.rounds_results.grade_county` (it writes the result);
    submitting refreshes every flag against the computed values."""
    if action == "publish_evaluation":
        raise ValidationFailed(gettext("publish through the result, not as a plain step"),
                               {"action": action})
    with transaction.atomic():
        moved = engine.take(workflows.EVALUATION, actor=actor, obj=evaluation, action=action,
                            version=version, note=note)
        if action == "submit_evaluation":
            system = moved.round.system.system()
            rows = list(moved.values.all())
            for row in rows:
                _refresh(row, system)
            IndicatorValue.objects.bulk_update(rows, ["flagged", "used"])
    return moved
