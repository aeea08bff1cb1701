"""The numbers of the first screens, each inside the region gate.

Every function takes the *user* (whose gate applies: ``access.for_user``) and a *focus*
:class:`~fupin.core.access.Scope` inside the user's subtree (the division the screen is drawn
for: the user's own, or one the user drilled down to). A row is counted only when it passes
both. Each aggregate is one query (grouped in the database) whatever the number of rows.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from typing import Any

from django.db.models import Count, Max, Q
from django.db.models.functions import Substr, TruncMonth
from django.utils import timezone
from django.utils.translation import get_language

from fupin.cases.models import Alert, Case, Measure
from fupin.core import freshness, labels
from fupin.core.access import Scope, for_user, in_scope
from fupin.core.workflow import REGISTRY
from fupin.households.models import Household
from fupin.monitoring import policy
from fupin.monitoring.models import Assessment

CASES = "cases.case"
#: How far ahead "soon" looks on the village's Today screen.
WEEK = 7
MEASURES_ENDING_DAYS = 30
#: How many rows a "first items" panel shows (the full list is one click away).
PANEL_ROWS = 10
NO_CATEGORY = "—"


def _lang() -> str:
    return "zh" if (get_language() or "zh").startswith("zh") else "en"


def word(kind: str, code: str) -> str:
    """``labels.word``; where no vocabulary knows the code yet, the pack's own title (the
    categories and the data checks are the pack's)."""
    found = str(labels.word(kind, code))
    if found != code:
        return found
    if kind == "category":
        return policy.category_titles(lang=_lang()).get(code, code)
    if kind == "data_check":
        return policy.rule_titles(lang=_lang()).get(code, code)
    return found


def _name_places(rows: list, code=lambda r: r.village_code) -> list:
    """Set ``place`` (the village's name) on each row: one query for the whole panel."""
    names = labels.lookup_many("division", {code(r) for r in rows})
    for r in rows:
        r.place = names.get(code(r), code(r))
    return rows


def cached(name: str, user: Any, focus: Scope, compute: Callable[[], Any]) -> Any:
    """``compute()`` — a panel's aggregates — cached until the data changes (ADR 0055,
    :mod:`fupin.core.freshness`), per focus, region gate and language, and for at most a
    minute (overdue and "new" move with the clock)."""
    return freshness.cached(f"dashboard-{name}", [
        focus.prefix, freshness.gate(user), get_language(), freshness.minute()], compute)


def cases(user: Any, focus: Scope):
    return in_scope(for_user(Case, user), focus)


def households(user: Any, focus: Scope):
    return in_scope(for_user(Household, user), focus)


def monitoring_objects(qs):
    """Identified monitoring objects: approved by the county and not yet closed."""
    return qs.filter(closed=False, approved_at__isnull=False)


def notice_states() -> set[str]:
    """States whose next step is to post a public notice (read from the workflow)."""
    wf = REGISTRY[CASES]
    return {t.state for t in wf.transitions if t.action.endswith("post_notice")}


def visit_states() -> set[str]:
    wf = REGISTRY[CASES]
    return {t.state for t in wf.transitions if t.action == "visit"}


# --- county: per child division ------------------------------------------------------------

def by_child(user: Any, focus: Scope, length: int) -> dict:
    """Households and open cases per child division (prefix ``length``): by category, by risk
    type, the identified monitoring objects among them, overdue, eliminated. Three queries."""
    now = timezone.now()
    qs = cases(user, focus).annotate(area=Substr("village_code", 1, length))
    rows = (qs.values("area", "category", "risk_types")
            .annotate(open=Count("id", filter=Q(closed=False)),
                      objects=Count("id", filter=Q(closed=False, approved_at__isnull=False)),
                      overdue=Count("id", filter=Q(closed=False, due_at__lt=now)),
                      eliminated=Count("id", filter=Q(state="eliminated")))
            .order_by())
    areas: dict[str, dict] = {}

    def area(code: str) -> dict:
        return areas.setdefault(code, {"cats": Counter(), "risks": Counter(), "open": 0,
                                       "objects": 0, "overdue": 0, "eliminated": 0,
                                       "households": 0})

    for r in (households(user, focus).annotate(area=Substr("village_id", 1, length))
              .values("area").annotate(n=Count("id")).order_by()):
        area(r["area"])["households"] = r["n"]
    for r in rows:
        a = area(r["area"])
        a["cats"][r["category"] or NO_CATEGORY] += r["open"]
        for risk in filter(None, (r["risk_types"] or "").split(";")):
            a["risks"][risk] += r["open"]
        for key in ("open", "objects", "overdue", "eliminated"):
            a[key] += r[key]
    codes = sorted(areas)
    full = [c.ljust(12, "0") for c in codes]
    names = labels.lookup_many("division", full)
    cats = sorted({c for a in areas.values() for c in a["cats"]} - {NO_CATEGORY})
    if any(a["cats"].get(NO_CATEGORY) for a in areas.values()):
        cats.append(NO_CATEGORY)
    risks = sorted({r for a in areas.values() for r in a["risks"]})

    def cat_word(c: str) -> str:
        return NO_CATEGORY if c == NO_CATEGORY else word("category", c)

    return {
        "codes": full,
        "names": [str(names.get(c, c)) for c in full],
        "cats": [cat_word(c) for c in cats],
        "risks": [str(labels.word("risk_type", r)) for r in risks],
        "rows": [{"code": f, "name": str(names.get(f, f)),
                  "cats": [areas[c]["cats"].get(k, 0) for k in cats],
                  "risks": [areas[c]["risks"].get(k, 0) for k in risks],
                  **{k: areas[c][k] for k in ("households", "open", "objects", "overdue",
                                              "eliminated")}}
                 for c, f in zip(codes, full, strict=True)],
        "category_chart": {"categories": [str(names.get(f, f)) for f in full], "codes": full,
                           "drill": True,
                           "series": [{"name": cat_word(k),
                                       "data": [areas[c]["cats"].get(k, 0) for c in codes]}
                                      for k in cats]},
        "risk_chart": {"categories": [str(names.get(f, f)) for f in full], "codes": full,
                       "drill": True,
                       "series": [{"name": str(labels.word("risk_type", k)),
                                   "data": [areas[c]["risks"].get(k, 0) for c in codes]}
                                  for k in risks]},
    }


def trend(user: Any, focus: Scope) -> dict:
    """Cases opened per month (caseload trend)."""
    rows = (cases(user, focus).annotate(month=TruncMonth("opened_at")).values("month")
            .annotate(n=Count("id")).order_by("month"))
    rows = [r for r in rows if r["month"]]
    return {"months": [r["month"].strftime("%Y-%m") for r in rows],
            "counts": [r["n"] for r in rows]}


def elimination(user: Any, focus: Scope) -> dict:
    """Elimination progress: of the households ever identified, how many are eliminated, and
    how many are in the elimination procedure now."""
    wf = REGISTRY[CASES]
    elim_states = {s for s in wf.states if s.startswith("elim_")}
    found = cases(user, focus).aggregate(
        identified=Count("id", filter=Q(approved_at__isnull=False)),
        eliminated=Count("id", filter=Q(state="eliminated")),
        in_progress=Count("id", filter=Q(state__in=elim_states)))
    found["rate"] = (found["eliminated"] / found["identified"]) if found["identified"] else None
    return found


def new_alerts(user: Any, focus: Scope, *, days: int = WEEK) -> dict:
    """Alerts recorded in the last ``days`` days: the count and the newest rows."""
    since = timezone.now() - dt.timedelta(days=days)
    qs = (Alert.objects.filter(case__in=cases(user, focus), created_at__gte=since)
          .select_related("case", "case__household"))
    rows = list(qs.order_by("-created_at", "-pk")[:PANEL_ROWS])
    return {"count": qs.count(), "rows": _name_places(rows, lambda a: a.case.village_code)}


def overdue(user: Any, focus: Scope) -> dict:
    """Open cases past their step's deadline, oldest deadline first, and per state."""
    qs = cases(user, focus).filter(closed=False, due_at__lt=timezone.now())
    states = (qs.values("state").annotate(n=Count("id")).order_by("-n", "state"))
    return {"count": sum(s["n"] for s in states),
            "by_state": [(labels.word("case_state", s["state"]), s["n"]) for s in states],
            "rows": _name_places(list(qs.select_related("household")
                                      .order_by("due_at", "pk")[:PANEL_ROWS]))}


def data_quality(user: Any, focus: Scope) -> dict:
    """Data-quality findings of the latest run over the focus, per village (the villages with
    most findings first) and per check."""
    visible = in_scope(for_user(Assessment, user), focus)
    run_id = visible.aggregate(latest=Max("run_id"))["latest"]
    if run_id is None:
        return {"run": None, "villages": [], "checks": [], "count": 0}
    found = (visible.filter(run_id=run_id).exclude(data_checks="")
             .values("village_code", "data_checks").annotate(n=Count("id")).order_by())
    per_village: dict[str, Counter] = {}
    checks: Counter = Counter()
    for r in found:
        for code in filter(None, r["data_checks"].split(";")):
            per_village.setdefault(r["village_code"], Counter())[code] += r["n"]
            checks[code] += r["n"]
    households_with = Counter()
    for r in found:
        households_with[r["village_code"]] += r["n"]
    top = sorted(per_village, key=lambda v: (-households_with[v], v))[:PANEL_ROWS * 2]
    names = labels.lookup_many("division", top)
    return {
        "run": run_id, "count": sum(households_with.values()),
        "villages": [{"code": v, "name": names.get(v, v), "households": households_with[v],
                      "checks": [(word("data_check", c), n)
                                 for c, n in per_village[v].most_common(3)]} for v in top],
        "checks": [(word("data_check", c), n) for c, n in checks.most_common()],
    }


# --- village: Today --------------------------------------------------------------------------

def today(user: Any, focus: Scope) -> dict:
    """What the village needs from its cadre today: new alerts to visit, visits due this week,
    measures ending soon, public notices to post. Each row names its case."""
    now = timezone.now()
    week_end = now + dt.timedelta(days=WEEK)
    qs = cases(user, focus).select_related("household")
    mine = cases(user, focus)
    found = {
        "alerts": list(qs.filter(state__in=visit_states(),
                                 opened_at__gte=now - dt.timedelta(days=WEEK))
                       .order_by("-opened_at", "-pk")[:50]),
        "visits": list(qs.filter(state__in=visit_states(), due_at__lt=week_end)
                       .order_by("due_at", "pk")[:50]),
        "measures": list(Measure.objects.filter(
            case__in=mine, case__closed=False, end__gte=timezone.localdate(),
            end__lte=timezone.localdate() + dt.timedelta(days=MEASURES_ENDING_DAYS))
            .select_related("case", "case__household").order_by("end", "pk")[:50]),
        "notices": list(qs.filter(state__in=notice_states()).order_by("due_at", "pk")[:50]),
    }
    for rows in (found["alerts"], found["visits"], found["notices"]):
        for case in rows:
            case.category_word = word("category", case.category) if case.category else ""
    return found


# --- province and nation: counties as rows ----------------------------------------------------

def counties(user: Any, focus: Scope) -> list[dict]:
    """One row per county in the focus: households, open cases, monitoring objects, overdue,
    eliminated, households with data-quality findings (latest run). Four queries."""
    now = timezone.now()
    rows: dict[str, dict] = {}

    def row(code: str) -> dict:
        return rows.setdefault(code, {"households": 0, "open": 0, "objects": 0, "overdue": 0,
                                      "eliminated": 0, "findings": 0})

    for r in (households(user, focus).annotate(c=Substr("village_id", 1, 6)).values("c")
              .annotate(n=Count("id")).order_by()):
        row(r["c"])["households"] = r["n"]
    for r in (cases(user, focus).annotate(c=Substr("village_code", 1, 6)).values("c")
              .annotate(open=Count("id", filter=Q(closed=False)),
                        objects=Count("id", filter=Q(closed=False, approved_at__isnull=False)),
                        overdue=Count("id", filter=Q(closed=False, due_at__lt=now)),
                        eliminated=Count("id", filter=Q(state="eliminated"))).order_by()):
        row(r["c"]).update({k: r[k] for k in ("open", "objects", "overdue", "eliminated")})
    visible = in_scope(for_user(Assessment, user), focus)
    run_id = visible.aggregate(latest=Max("run_id"))["latest"]
    if run_id is not None:
        for r in (visible.filter(run_id=run_id).exclude(data_checks="")
                  .annotate(c=Substr("village_code", 1, 6)).values("c")
                  .annotate(n=Count("id")).order_by()):
            row(r["c"])["findings"] = r["n"]
    full = [c.ljust(12, "0") for c in rows]
    names = labels.lookup_many("division", full)
    out = []
    for code, f in zip(rows, full, strict=True):
        r = rows[code]
        identified = r["objects"] + r["eliminated"]
        out.append({"code": f, "county": str(names.get(f, f)), **r,
                    "rate": round(100 * r["eliminated"] / identified, 1) if identified
                    else None})
    return sorted(out, key=lambda r: r["code"])


def village_comparison(user: Any, focus: Scope) -> list[dict]:
    """Per village of a township: households, monitoring objects, open cases, eliminated,
    overdue. Two queries plus the names."""
    now = timezone.now()
    rows: dict[str, dict] = {}
    for r in households(user, focus).values("village_id").annotate(n=Count("id")).order_by():
        rows.setdefault(r["village_id"], {"households": 0, "open": 0, "objects": 0,
                                          "overdue": 0, "eliminated": 0})["households"] = r["n"]
    for r in (cases(user, focus).values("village_code")
              .annotate(open=Count("id", filter=Q(closed=False)),
                        objects=Count("id", filter=Q(closed=False, approved_at__isnull=False)),
                        overdue=Count("id", filter=Q(closed=False, due_at__lt=now)),
                        eliminated=Count("id", filter=Q(state="eliminated"))).order_by()):
        rows.setdefault(r["village_code"], {"households": 0}).update(
            {k: r[k] for k in ("open", "objects", "overdue", "eliminated")})
    names = labels.lookup_many("division", list(rows))
    return [{"code": c, "name": str(names.get(c, c)), "households": 0, "open": 0,
             "objects": 0, "overdue": 0, "eliminated": 0, **rows[c]} for c in sorted(rows)]
