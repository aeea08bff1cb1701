"""Demonstration-county evaluation rounds for the demo (``fupin demo``, phase 8), made through
the round's own services and reproducible from a seed.

The demo county's prefecture stands in for the province's demonstration counties (fupin ships
no roster of them per county): up to :data:`COUNTIES` county-level divisions of it, the demo
county first. On the shipped default system (``ensure_default_systems``):

- **2020**: every county submits its values (with an evidence file), the evaluator verifies
  them (flagged values first; one random check that finds less than was submitted), the
  province reviews, and the round is published — one county scores 较差 and gets its finding.
- **2021**: the same counties; the demo county's submission differs from the computed value
  on one indicator (flagged, verified on site); most counties are published (the county that
  was 较差 again loses its status), and one county is left at each earlier step (opened,
  submitted, verified, reviewed) so the county, the evaluator and the province each have
  work in their inboxes.
- **2022**: a round just opened (every county's submission due in a month).
- Fund performance 2021 (when that system ships): the demo county has submitted its values,
  waiting on the demo evaluator.

Computed values come from fupin's own data through the round's providers (the demo county's
e-commerce programme of phase 7); values a county submits are drawn around each indicator's
target with a quality per county and year. Other counties' officers and evaluators are demo
users without a password (``officer_513432`` …), so their steps are made by the right role.
Once: nothing happens when the demo's 2020 round exists.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from fupin.accounts.services import create_user
from fupin.evaluation import services
from fupin.evaluation.models import CountyEvaluation, IndicatorSystem, Round
from fupin.regions.models import Division

#: How many counties of the demo county's prefecture join the rounds.
COUNTIES = 8
PROVINCE_USER, OFFICER, EVALUATOR = "province", "officer", "evaluator"
SYSTEM = "ecommerce-demo-county"
FUND_SYSTEM = "fund-performance"
#: Where each county of the 2021 round stops, in the order of :func:`_counties` after the
#: demo county and the weak county (both published): the rest are published.
EARLIER_STEPS = ("reviewed", "verified", "submitted", "opened")
STEPS = ("submitted", "verified", "reviewed", "published")
WHOLE = {"次", "个", "人次", "户", "项", "笔", "天", "m²", "元"}
EVIDENCE = b"%PDF-1.4\n% fupin demo evidence\n"


def _user(username: str, role: str, division: str):
    """A demo user of ``role`` at ``division``: the named demo login when it is there, else a
    user without a password made for the demo."""
    model = get_user_model()
    found = model.objects.filter(username=username).first()
    if found is None:
        found = create_user(actor="system:demo", username=username, role=role,
                            division_code=division, password=None)
    return found


def _counties(county: str, limit: int) -> list[str]:
    """The demo county and the other counties of its prefecture, up to ``limit``."""
    prefecture = county[:4].ljust(12, "0")
    others = list(Division.objects.filter(parent_id=prefecture, level="county")
                  .exclude(code=county).order_by("code")
                  .values_list("code", flat=True)[: max(limit - 1, 0)])
    return [county, *others]


def _people(codes: list[str], county: str, logins: dict[str, str]) -> dict[str, tuple]:
    """(officer, evaluator) per county: the demo logins at the demo county."""
    out = {}
    for code in codes:
        if code == county:
            out[code] = (_user(logins["officer"], "county_officer", code),
                         _user(logins["evaluator"], "evaluator", code))
        else:
            out[code] = (_user(f"officer_{code[:6]}", "county_officer", code),
                         _user(f"evaluator_{code[:6]}", "evaluator", code))
    return out


def _whole(unit: str) -> bool:
    return unit in WHOLE


def draw(indicator, quality: float, rng: random.Random) -> Decimal:
    """A believable value of ``indicator`` for a county of ``quality`` (1 ≈ at target, below
    it weaker); shares stay within 0–1, counts are whole."""
    method, unit = indicator.method, indicator.unit
    if method == "boolean":
        return Decimal(1 if rng.random() < min(quality, 1) * 0.95 else 0)
    if method == "deduction":
        events = 0 if rng.random() < min(quality, 1) else rng.randint(1, 2)
        return Decimal(events)
    if method == "count":
        per = indicator.per_event or Decimal(1)
        most = int(indicator.points / per) if per else 1
        return Decimal(max(0, round(most * quality * rng.uniform(0.6, 1.1))))
    target = indicator.target or Decimal(1)
    factor = Decimal(str(round(quality * rng.uniform(0.92, 1.15), 4)))
    # Fewer is better (days): a weak county takes longer.
    value = target * factor if indicator.higher_is_better \
        else target / max(factor, Decimal("0.2"))
    if unit == "%":
        value = min(max(value, Decimal(0)), Decimal(1))
        return value.quantize(Decimal("0.001"))
    if _whole(unit):
        return value.quantize(Decimal(1))
    return value.quantize(Decimal("0.01"))


def _submit(evaluation, system, quality, rng, officer, *, differ: str | None = None) -> None:
    """The county enters every indicator with one evidence file, and submits: a value fupin
    computed is entered as computed (``differ``: 20% more, which flags it); where fupin has
    no data of the county (nothing computed, or a computed 0) the county's own figure."""
    computed = dict(evaluation.values.values_list("code", "computed"))
    first = True
    for indicator in system.indicators():
        value = computed.get(indicator.code)
        if indicator.code == differ and value:
            value = (value * Decimal("1.2")).quantize(Decimal("0.001"))
        elif not value:
            value = draw(indicator, quality, rng)
        services.submit_value(actor=officer, evaluation=evaluation, code=indicator.code,
                              value=value, note="")
        if first and indicator.evidence:
            services.add_value_evidence(
                actor=officer, evaluation=evaluation, code=indicator.code,
                name=f"{indicator.evidence[0][:40]}.pdf", content=EVIDENCE)
            first = False
    _step(officer, evaluation, "submit_evaluation")


def _step(actor, evaluation, action: str, note: str = ""):
    evaluation = CountyEvaluation.objects.get(pk=evaluation.pk)
    return services.take_step(actor=actor, evaluation=evaluation, action=action,
                              version=evaluation.version, note=note)


def _verify(evaluation, system, rng, evaluator) -> None:
    """Flagged values first: on site, the county's figure stands where fupin has no data of
    the county (computed 0) and fupin's where it has; one random check of another value
    finds 10% less than was submitted; then the evaluation is verified."""
    rows = list(evaluation.values.order_by("-flagged", "pk"))
    for row in rows:
        if not row.flagged:
            continue
        if row.computed:
            services.verify_value(actor=evaluator, evaluation=evaluation, code=row.code,
                                  value=row.computed, method="site",
                                  reason="实地核查，台账与系统数据不符，以系统数据为准")
        else:
            services.verify_value(actor=evaluator, evaluation=evaluation, code=row.code,
                                  value=row.submitted, method="site",
                                  reason="实地核查属实；系统中尚无该县数据")
    checked = [r for r in rows if not r.flagged and r.submitted and r.verified is None
               and system.indicator(r.code).source == "submitted"
               and system.indicator(r.code).method in ("ratio", "linear")]
    if checked:
        row = rng.choice(checked)
        less = row.submitted * Decimal("0.9")
        less = less.quantize(Decimal(1)) if _whole(system.indicator(row.code).unit) \
            else less.quantize(Decimal("0.001"))
        services.verify_value(actor=evaluator, evaluation=evaluation, code=row.code,
                              value=less, method="random",
                              reason="随机抽查台账，部分数据无佐证，核减")
    _step(evaluator, evaluation, "verify_evaluation")


def _take_to(evaluation, state: str, *, system, quality, rng, officer, evaluator, province,
             differ=None) -> None:
    """Take one county evaluation from opened to ``state`` (not publishing)."""
    if state == "opened":
        return
    _submit(evaluation, system, quality, rng, officer, differ=differ)
    if state == "submitted":
        return
    _verify(evaluation, system, rng, evaluator)
    if state == "verified":
        return
    _step(province, evaluation, "review_evaluation", note="材料齐全，同意")


def _round(province, year: int, system_row, codes, *, submit_by, verify_by, title: str):
    return services.open_round(actor=province, province_code=province.division_id[:2],
                               year=year, system=system_row, counties=codes,
                               submit_by=submit_by, verify_by=verify_by, title=title)


def load(county_code: str, *, seed: int, limit: int = COUNTIES,
         logins: dict[str, str] | None = None) -> dict[str, int]:
    """The demo's evaluation rounds for ``county_code`` and its prefecture (see the module
    docstring). ``logins``: the login names of the province, the demo county's officer and
    its evaluator (default: the demo's own). Returns what it made: rounds, published
    results, open evaluations."""
    logins = {"province": PROVINCE_USER, "officer": OFFICER, "evaluator": EVALUATOR,
              **(logins or {})}
    if Round.objects.filter(title__startswith="2020 年示范县绩效评价（演示）").exists():
        return {"rounds": 0, "published": 0, "open": 0}
    services.ensure_default_systems()
    system_row = (IndicatorSystem.objects.filter(code=SYSTEM, province_code="")
                  .order_by("-published_at").first())
    province = _user(logins["province"], "province_viewer", county_code[:2].ljust(12, "0"))
    codes = _counties(county_code, limit)
    people = _people(codes, county_code, logins)
    rng = random.Random(seed)  # noqa: S311 (demo data, reproducible by seed)
    system = system_row.system()
    weak = codes[-1] if len(codes) > 1 else None
    quality = {c: 0.55 if c == weak else round(rng.uniform(0.8, 1.05), 3) for c in codes}
    quality[county_code] = 0.86
    made = {"rounds": 0, "published": 0, "open": 0}

    def run(year: int, plan: dict[str, str], differ: dict[str, str]) -> Round:
        rnd = _round(province, year, system_row, codes,
                     submit_by=dt.date(year + 1, 3, 31), verify_by=dt.date(year + 1, 5, 31),
                     title=f"{year} 年示范县绩效评价（演示）")
        made["rounds"] += 1
        later = []
        for evaluation in rnd.evaluations.order_by("division_code"):
            code = evaluation.division_code
            officer, evaluator = people[code]
            target = plan.get(code, "published")
            # A county left at "reviewed" is reviewed after the batch publishing.
            step = {"published": "reviewed", "reviewed": "verified"}.get(target, target)
            _take_to(evaluation, step, system=system, quality=quality[code], rng=rng,
                     officer=officer, evaluator=evaluator, province=province,
                     differ=differ.get(code))
            if target == "reviewed":
                later.append(evaluation)
        published = services.publish_round(actor=province, round=rnd)
        made["published"] += len(published)
        for evaluation in later:
            _step(province, evaluation, "review_evaluation", note="材料齐全，待发布")
        return rnd

    run(2020, {}, {})
    # A better year for the demo county; the weak county stays weak (its status is lost).
    quality = {c: min(q + 0.06, 1.05) if c != weak else q for c, q in quality.items()}
    rest = [c for c in codes if c not in (county_code, weak)]
    plan = dict(zip(rest, EARLIER_STEPS, strict=False))
    computed = [i.code for i in system.indicators() if i.source == "computed"]
    run(2021, plan, {county_code: computed[0]} if computed else {})
    today = timezone.localdate()
    opened = _round(province, 2022, system_row, codes,
                    submit_by=today + dt.timedelta(days=30),
                    verify_by=today + dt.timedelta(days=60),
                    title="2022 年示范县绩效评价（演示）")
    made["rounds"] += 1
    fund = (IndicatorSystem.objects.filter(code=FUND_SYSTEM, province_code="")
            .order_by("-published_at").first())
    if fund is not None:
        rnd = _round(province, 2021, fund, [county_code], submit_by=today + dt.timedelta(days=20),
                     verify_by=today + dt.timedelta(days=45),
                     title="2021 年资金绩效评价（演示）")
        made["rounds"] += 1
        officer, _evaluator = people[county_code]
        _submit(rnd.evaluations.get(), fund.system(), quality[county_code], rng, officer)
    made["open"] = CountyEvaluation.objects.filter(
        round__title__endswith="（演示）").exclude(state="published").count()
    del opened
    return made
