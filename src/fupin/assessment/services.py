"""Every write of the assessment: one transaction, the actor keyword-only, the region first,
an audit record (ADR 0005). Procedure steps go through the workflow engine
(``assessment.workflows``); statistics are the engine's (``fupin_engine.measures``)."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from fupin.assessment import sample as sampling
from fupin.assessment import workflows
from fupin.assessment.choices import Channel, Outcome, Stratum, is_western
from fupin.assessment.estimates import ORDER
from fupin.assessment.models import Appeal, AppealEvidence, Assessment, SampledUnit, Submission
from fupin.core import audit
from fupin.core import evidence as files
from fupin.core import workflow as engine
from fupin.core.access import check_in_scope
from fupin.core.errors import Conflict, Forbidden, ValidationFailed
from fupin.regions.models import Division
from fupin_engine.measures import MeasureError
from fupin_engine.measures.sampling import draw

CONDUCT = "assessment.conduct_assessment"


def _require(actor: Any, permission: str, message: str) -> None:
    if not actor.has_perm(permission):
        raise Forbidden(message)


# --- opening: the sample from the registry ---------------------------------------------------

@dataclass(frozen=True)
class Design:
    """What the evaluator asks for; sizes left empty come from margin, rate and design
    effect (``fupin_engine.measures.sampling.plan_sizes``)."""

    villages: int | None = None
    households: int | None = None
    margin: float = 0.01
    rate: float = 0.02
    deff: float = 2.0


def _check_design(design: Design) -> dict[str, str]:
    errors = {}
    if design.villages is not None and not 1 <= design.villages <= 200:
        errors["villages"] = gettext("1 to 200 villages")
    if design.households is not None and not 2 <= design.households <= 20000:
        errors["households"] = gettext("2 to 20,000 households")
    if not 0.001 <= design.margin <= 0.2:
        errors["margin"] = gettext("a margin of 0.001 to 0.2")
    if not 0.001 <= design.rate <= 0.5:
        errors["rate"] = gettext("an expected rate of 0.001 to 0.5")
    if not 1 <= design.deff <= 10:
        errors["deff"] = gettext("a design effect of 1 to 10")
    return errors


def open_assessment(*, actor: Any, county_code: str, year: int, seed: int | None = None,
                    design: Design = Design()) -> Assessment:
    """Open the county's assessment of ``year`` and draw its sample from the registry with
    ``seed`` (a fresh random one when not given; it is published with the results)."""
    _require(actor, CONDUCT, gettext("only the third-party evaluator opens an assessment"))
    check_in_scope(actor, county_code, what="county")
    division = Division.objects.filter(code=county_code).first()
    if division is None or division.level != "county":
        raise ValidationFailed(gettext("choose a county"), {"county_code": "county"})
    errors = _check_design(design)
    if not 2000 <= year <= 2100:
        errors["year"] = gettext("a year from 2000 to 2100")
    if seed is not None and not 0 <= seed < 2**63:
        errors["seed"] = gettext("a seed from 0 to 2⁶³−1")
    if errors:
        raise ValidationFailed("; ".join(errors.values()), errors)
    if Assessment.objects.filter(county_code=county_code, year=year).exists():
        raise Conflict(gettext("this county already has an assessment for %(year)d")
                       % {"year": year})
    seed = secrets.randbelow(2**31) if seed is None else seed
    frame = sampling.registry_frame(county_code)
    try:
        drawn = draw(frame, county=county_code[:6], seed=seed, villages=design.villages,
                     households=design.households, margin=design.margin, rate=design.rate,
                     deff=design.deff)
    except MeasureError as exc:
        raise ValidationFailed(str(exc), {"sample": "frame"}) from exc
    now = timezone.now()
    try:
        with transaction.atomic():
            assessment = Assessment.objects.create(
                county_code=county_code, year=year, seed=seed,
                villages_requested=design.villages, households_requested=design.households,
                margin=design.margin, expected_rate=design.rate, deff=design.deff,
                per_stratum=drawn.per_stratum, frame_households=len(frame),
                frame_villages=len({h.village_code for h in frame}),
                population=sum(h.size for h in frame),
                registered_poor=sum(h.size for h in frame if h.status == "poor"),
                frame_digest=sampling.frame_digest(frame), western=is_western(county_code),
                opened_by=actor, state="fieldwork", state_since=now)
            SampledUnit.objects.bulk_create(sampling.units_from(assessment, drawn, frame),
                                            batch_size=2000)
            audit.record(actor=actor, action="assessment.open",
                         object_type="assessment.assessment", object_id=str(assessment.pk),
                         division_code=county_code, after={
                             **audit.snapshot(assessment),
                             "sampled": len(drawn.households),
                             "villages": len(drawn.villages_drawn)})
            engine.notify(workflows.ASSESSMENT, assessment, workflows.COUNTY, now=now)
    except IntegrityError:
        raise Conflict(gettext("this county already has an assessment for %(year)d")
                       % {"year": year}) from None
    return assessment


def take_step(*, actor: Any, assessment: Assessment, action: str, version: int,
              note: str = "") -> Assessment:
    """A step of the assessment: complete field work, estimate, reopen, publish."""
    return engine.take(workflows.ASSESSMENT, actor=actor, obj=assessment, action=action,
                       version=version, note=note)


# --- field results ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Answers:
    """One interview: ``None`` where a question was not asked."""

    wrongly_exited: bool | None = None
    omitted: bool | None = None
    approves: bool | None = None
    officials_present: bool = False
    interviewer: str = ""
    note: str = ""


def check_answers(unit: SampledUnit, answers: Answers) -> dict[str, str]:
    """The questionnaire's rules, by field: 错退 is asked of exited households only, 漏评 of
    households outside the register only, approval of everybody."""
    errors = {}
    if unit.status == "exited" and answers.wrongly_exited is None:
        errors["wrongly_exited"] = gettext("an exited household: say whether it was wrongly "
                                           "exited")
    if unit.status != "exited" and answers.wrongly_exited is not None:
        errors["wrongly_exited"] = gettext("asked of exited households only")
    if unit.stratum == Stratum.UNREGISTERED and answers.omitted is None:
        errors["omitted"] = gettext("a household outside the register: say whether it was "
                                    "omitted")
    if unit.stratum != Stratum.UNREGISTERED and answers.omitted is not None:
        errors["omitted"] = gettext("asked of households outside the register only")
    if answers.approves is None:
        errors["approves"] = gettext("say whether the household approves")
    if len(answers.interviewer) > 50:
        errors["interviewer"] = gettext("at most 50 characters")
    if len(answers.note) > 2000:
        errors["note"] = gettext("at most 2,000 characters")
    return errors


def field_problem(unit: SampledUnit) -> str | None:
    """Why no result can be recorded for ``unit`` now (None: it can)."""
    if unit.assessment.state != "fieldwork":
        return gettext("the assessment is not in field work")
    if not unit.active:
        return gettext("this household is not in the current sample")
    if unit.outcome != Outcome.PENDING:
        return gettext("this household already has a result")
    return None


def _lock(unit: SampledUnit, actor: Any) -> SampledUnit:
    check_in_scope(actor, unit.village_code, what="household")
    _require(actor, CONDUCT, gettext("only the third-party evaluator records field results"))
    locked = (SampledUnit.objects.select_for_update().select_related("assessment")
              .get(pk=unit.pk))
    problem = field_problem(locked)
    if problem:
        raise Conflict(problem)
    return locked


def _create_submission(unit: SampledUnit, answers: Answers, *, actor: Any, channel: str,
                       uuid: str, submitted_at: dt.datetime) -> Submission:
    sub = Submission.objects.create(
        unit=unit, wrongly_exited=answers.wrongly_exited, omitted=answers.omitted,
        approves=answers.approves, officials_present=answers.officials_present,
        interviewer=answers.interviewer.strip(), note=answers.note.strip(), channel=channel,
        uuid=uuid, submitted_at=submitted_at, recorded_by=actor)
    unit.outcome = Outcome.INTERVIEWED
    unit.save(update_fields=["outcome"])
    return sub


def record_interview(*, actor: Any, unit: SampledUnit, answers: Answers,
                     channel: str = Channel.WEB) -> Submission:
    """The one submission of a sampled household (the phone form)."""
    with transaction.atomic():
        locked = _lock(unit, actor)
        errors = check_answers(locked, answers)
        if errors:
            raise ValidationFailed("; ".join(errors.values()), errors)
        sub = _create_submission(locked, answers, actor=actor, channel=channel, uuid="",
                                 submitted_at=timezone.now())
        audit.record(actor=actor, action="assessment.record_interview",
                     object_type="assessment.submission", object_id=str(sub.pk),
                     division_code=locked.village_code, after=audit.snapshot(sub))
    return sub


def record_unavailable(*, actor: Any, unit: SampledUnit, outcome: str) -> SampledUnit | None:
    """The household refused or was absent: it leaves the sample and the next unused
    replacement of its village and stratum takes its place, in the drawn order (the
    engine's ``Sample.replace``). Returns the replacement, or None when the list is used up
    (the household then counts as not asked)."""
    if outcome not in {Outcome.REFUSED, Outcome.ABSENT}:
        raise ValidationFailed(gettext("refused or absent"), {"outcome": outcome})
    with transaction.atomic():
        locked = _lock(unit, actor)
        Assessment.objects.select_for_update().get(pk=locked.assessment_id)
        drawn = sampling.engine_sample(locked.assessment)
        try:
            chosen = drawn.replace(locked.household_id)
        except MeasureError:
            chosen = None
        locked.outcome = outcome
        replacement = None
        if chosen is not None:
            locked.active = False
            replacement = SampledUnit.objects.get(assessment_id=locked.assessment_id,
                                                  household_id=chosen.household_id)
            replacement.active = True
            replacement.replaces = locked
            replacement.save(update_fields=["active", "replaces"])
        locked.save(update_fields=["outcome", "active"])
        audit.record(actor=actor, action="assessment.record_unavailable",
                     object_type="assessment.assessment", object_id=str(locked.assessment_id),
                     division_code=locked.village_code,
                     after={"household": locked.household_id, "outcome": outcome,
                            "replacement": chosen.household_id if chosen else None})
    return replacement


def import_submissions(*, actor: Any, rows: list[tuple[SampledUnit, Answers, str,
                                                        dt.datetime]]) -> dict[str, int]:
    """Write validated ODK/Kobo submissions, all or nothing; a submission already imported
    (same instance id) is skipped, so the same export twice adds nothing. One ledger line."""
    written = skipped = 0
    with transaction.atomic():
        known = set(Submission.objects.filter(uuid__in=[r[2] for r in rows if r[2]])
                    .values_list("uuid", flat=True))
        for unit, answers, uuid, at in rows:
            if uuid and uuid in known:
                skipped += 1
                continue
            locked = _lock(unit, actor)
            _create_submission(locked, answers, actor=actor, channel=Channel.ODK, uuid=uuid,
                               submitted_at=at)
            written += 1
        audit.record(actor=actor, action="assessment.import_submissions",
                     object_type="assessment.submission", object_id="import",
                     division_code=rows[0][0].village_code[:6].ljust(12, "0") if rows else "",
                     after={"written": written, "skipped": skipped})
    return {"submissions": written, "skipped": skipped}


# --- appeals ---------------------------------------------------------------------------------

def file_appeal(*, actor: Any, assessment: Assessment, reason: str,
                unit: SampledUnit | None = None, indicator: str = "") -> Appeal:
    """The county appeals a result (one household's, or an indicator) while the estimates
    are out and the report not yet published; the evaluator is told."""
    check_in_scope(actor, assessment.county_code, what="assessment")
    _require(actor, "assessment.file_appeal", gettext("only the county appeals"))
    errors = {}
    if not reason.strip():
        errors["reason"] = gettext("give the reasons of the appeal")
    elif len(reason) > 5000:
        errors["reason"] = gettext("at most 5,000 characters")
    if unit is not None and unit.assessment_id != assessment.pk:
        errors["unit"] = gettext("this household is not in the assessment's sample")
    if indicator and indicator not in ORDER:
        errors["indicator"] = gettext("choose an indicator")
    if errors:
        raise ValidationFailed("; ".join(errors.values()), errors)
    now = timezone.now()
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if locked.state != "estimated":
            raise Conflict(gettext("an appeal is filed while the estimates are out, before "
                                   "the report is published"))
        appeal = Appeal(assessment=locked, county_code=locked.county_code, unit=unit,
                        indicator=indicator, reason=reason.strip(), filed_by=actor,
                        state="filed", state_since=now)
        appeal.due_at = workflows.APPEAL.due_for(appeal, now)
        appeal.save()
        audit.record(actor=actor, action="assessment.file_appeal",
                     object_type="assessment.appeal", object_id=str(appeal.pk),
                     division_code=appeal.county_code, after=audit.snapshot(appeal))
        engine.notify(workflows.APPEAL, appeal, workflows.COUNTY, now=now)
    return appeal


def decide_appeal(*, actor: Any, appeal: Appeal, decision: str, version: int,
                  note: str = "") -> Appeal:
    """Uphold or reject, with the reasons (the engine checks region, version, order, level)."""
    return engine.take(workflows.APPEAL, actor=actor, obj=appeal, action=decision,
                       version=version, note=note)


# --- appeal evidence (var/, 0600, served only through access.access_evidence) ----------------

EVIDENCE_MAX_BYTES = files.MAX_BYTES
EVIDENCE_FOLDER = "assessment-evidence"


def evidence_dir() -> Path:
    return files.folder(EVIDENCE_FOLDER)


def add_evidence(*, actor: Any, appeal: Appeal, name: str, content: bytes) -> AppealEvidence:
    """Store an evidence file of an open appeal (the county that appeals adds it)."""
    check_in_scope(actor, appeal.county_code, what="appeal")
    _require(actor, "assessment.file_appeal", gettext("only the county adds evidence"))
    if appeal.closed:
        raise Conflict(gettext("the appeal is decided"))
    files.check_size(content)
    with transaction.atomic():
        stored = files.store(EVIDENCE_FOLDER, name, content)
        evidence = AppealEvidence.objects.create(
            appeal=appeal, name=stored.name, stored_as=stored.stored_as, size=stored.size,
            sha256=stored.sha256, uploaded_by=actor)
        audit.record(actor=actor, action="assessment.add_evidence",
                     object_type="assessment.evidence", object_id=str(evidence.pk),
                     division_code=appeal.county_code, after=audit.snapshot(evidence))
    return evidence


def open_evidence(*, actor: Any, evidence: AppealEvidence) -> Path:
    """An evidence file for download; every download is a line on the ledger."""
    check_in_scope(actor, evidence.appeal.county_code, what="appeal")
    with transaction.atomic():
        audit.record(actor=actor, action="assessment.download_evidence",
                     object_type="assessment.appeal", object_id=str(evidence.appeal_id),
                     division_code=evidence.appeal.county_code,
                     after={"evidence": evidence.pk, "name": evidence.name})
    return evidence_dir() / evidence.stored_as
