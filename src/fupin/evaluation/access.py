"""Getting evaluation objects for a user, through the one region gate
(``fupin.core.access``): 403 without the permission, 404 when missing or elsewhere.
One block per area (rounds, funds); views and the API get objects only from here."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from fupin.core.access import Scope, for_user, get_for_user
from fupin.core.errors import Forbidden, NotFound
from fupin.evaluation.models import (
    CountyEvaluation,
    IndicatorSystem,
    Result,
    Round,
    ValueEvidence,
)

# --- rounds: systems, rounds, county evaluations, values, evidence, results


def rounds_for(user: Any):
    """Rounds the user sees: the province's own (and every province's for the nation), and
    the rounds in which a county of the user's region is evaluated (a county sees its round,
    and on it only its own rows)."""
    if not user.has_perm("evaluation.view_round"):
        return Round.objects.none()
    own = for_user(Round.objects.all(), user).values("pk")
    taking_part = for_user(CountyEvaluation.objects.all(), user).values("round_id")
    return (Round.objects.filter(Q(pk__in=own) | Q(pk__in=taking_part))
            .select_related("system"))


def access_round(user: Any, pk: int) -> Any:
    """One round the user sees (:func:`rounds_for`): 403 without the permission, 404 when
    missing or not the user's."""
    if Scope.of_user(user) is None or not user.has_perm("evaluation.view_round"):
        raise Forbidden("your role may not do this")
    found = rounds_for(user).filter(pk=pk).first()
    if found is None:
        raise NotFound("no such round")
    return found


def evaluations_for(user: Any):
    """County evaluations the user may see."""
    return for_user(CountyEvaluation.objects.select_related("round", "round__system"), user)


def access_evaluation(user: Any, pk: int, *, action: str = "view") -> Any:
    """One county evaluation of the user's region."""
    return get_for_user(CountyEvaluation.objects.select_related("round", "round__system"),
                        user, action, pk=pk)


def access_value_evidence(user: Any, pk: int) -> Any:
    """One evidence file of a value, of the user's region."""
    return get_for_user(ValueEvidence.objects.select_related("value__evaluation"), user,
                        "view", pk=pk)


def systems_for(user: Any):
    """Indicator system versions the user sees: the national defaults and the versions of
    the user's province (every province's for a national user); none without the
    permission."""
    scope = Scope.of_user(user)
    if scope is None or not user.has_perm("evaluation.view_indicatorsystem"):
        return IndicatorSystem.objects.none()
    systems = IndicatorSystem.objects.all()
    if scope.prefix:
        systems = systems.filter(province_code__in=["", scope.prefix[:2]])
    return systems


def access_system(user: Any, pk: int) -> Any:
    """An indicator system: public to every user who may see the programme (403 without the
    permission, 404 when missing)."""
    if not (user.is_authenticated and user.has_perm("evaluation.view_indicatorsystem")):
        raise Forbidden("your role may not do this")
    found = IndicatorSystem.objects.filter(pk=pk).first()
    if found is None:
        raise NotFound("no such indicator system")
    return found


# --- scorecards: a county's scorecard, the published results behind the tables

#: States whose scorecard a county sees (its own, once published).
SCORECARD_STATES = ("published",)
#: States whose scorecard evaluators and the province see too (a preview before publishing).
SCORECARD_PREVIEW_STATES = ("reviewed", "published")
#: Any one of these lets a user see a reviewed evaluation's preview scorecard.
SCORECARD_PREVIEW_PERMISSIONS = ("evaluation.verify_evaluation", "evaluation.review_evaluation")


def access_scorecard(user: Any, pk: Any) -> Any:
    """The county evaluation whose scorecard ``user`` may read: 403 without the permission,
    404 when missing, in another region, or not yet at a state the user may see (a county
    its own once published; evaluators and the province a reviewed one too)."""
    evaluation = get_for_user(
        CountyEvaluation.objects.select_related("round", "round__system"), user, "view",
        pk=pk)
    if evaluation.state in SCORECARD_STATES:
        return evaluation
    preview = any(user.has_perm(p) for p in SCORECARD_PREVIEW_PERMISSIONS)
    if preview and evaluation.state in SCORECARD_PREVIEW_STATES:
        return evaluation
    raise NotFound("no such scorecard")


def scorecard_results(user: Any) -> Any:
    """The published results inside the user's region (none without the permission)."""
    return for_user(Result.objects.filter(evaluation__state="published"), user)


# --- funds: allocations, projects, expenditures


def access_allocation(user: Any, pk: int, *, action: str = "view"):
    """One allocation for ``user`` (403 without the permission, 404 elsewhere)."""
    from fupin.evaluation.models import Allocation

    return get_for_user(Allocation, user, action, pk=pk)


def access_project(user: Any, pk: int, *, action: str = "view"):
    """One fund project for ``user``."""
    from fupin.evaluation.models import Project

    return get_for_user(Project, user, action, pk=pk)


def funds_rows(model, user: Any):
    """The rows of a funds model (``Allocation``, ``Project``, ``Expenditure``) the user
    may see: none without the permission, only the user's region otherwise."""
    return for_user(model, user)


def expenditure_division(who: Any, ref: str) -> str:
    """The county of expenditure ``ref`` (its number, as the funds pages show it) for a user
    (the region gate) or an explicit ``Scope``: the resolver of a finding's ``expenditure``
    link (``FUPIN_FINDING_LINK_RESOLVERS``, ADR 0028), so an auditor's finding names the
    flagged payment it is about."""
    from fupin.core.access import Scope, in_scope
    from fupin.core.errors import NotFound
    from fupin.evaluation.models import Expenditure

    try:
        pk = int(str(ref).strip())
    except ValueError:
        raise NotFound(f"no such expenditure {ref}") from None
    if isinstance(who, Scope):
        found = in_scope(Expenditure.objects.filter(pk=pk), who).first()
        if found is None:
            raise NotFound(f"no such expenditure {ref}")
        return found.county_code
    return get_for_user(Expenditure, who, pk=pk).county_code

