"""The certification of poverty-alleviation products (扶贫产品认定) as data for the core
workflow engine (ADR 0022, ADR 0043). ``fupin.core.workflow.take`` does the rest: lock,
region, version, legality, level, guard, effect, step record, audit and notifications.

The procedure: a county officer enters the supplier's application (``applied``; the service
``services.products.apply``) → the township of origin checks it (``township_checked``) →
the county industry bureau reviews it (``bureau_reviewed``) → the county approves it
(``approved``) → a public notice (公示) stays up ``FUPIN_PRODUCT_NOTICE_DAYS`` days
(``notice``; an objection sends the product back to the bureau's review) → the county lists
it with a certificate number and a validity period (``listed``). Each check may refuse with
the reason (``refused``); a listed product may be revoked with the reason (``revoked``) and
lapses when its validity ends (``expired``, by ``fupin products expire``).

Levels are division levels: the township (``check_product_township``) and the county. At
the county two roles act: the county officer for the industry bureau (review, refusal at
review, objections) and the county approver (approval, notice, listing, revocation). The
county level's permission (``change_product``) lets either act at all; the guards below say
which step each role may take (a wrong role is 403, not 400), as in accountability.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from fupin.core import deadlines, labels
from fupin.core import workflow as engine
from fupin.core.errors import Forbidden
from fupin.core.workflow import Move, Transition
from fupin.ecommerce.models import Product
from fupin.ecommerce.models.common import YEARS

NAME = "ecommerce.product"
TOWNSHIP, COUNTY = "township", "county"
LEVELS = {TOWNSHIP: "ecommerce.check_product_township", COUNTY: "ecommerce.change_product"}
BUREAU = "ecommerce.review_product_bureau"
APPROVER = "ecommerce.approve_product"

STATES = {
    "applied": _("Applied: township check due"),
    "township_checked": _("Checked by the township: industry bureau review due"),
    "bureau_reviewed": _("Reviewed by the industry bureau: county approval due"),
    "approved": _("Approved by the county: public notice due"),
    "notice": _("Public notice posted"),
    "listed": _("Listed"),
    "refused": _("Not certified"),
    "revoked": _("Revoked"),
    "expired": _("Expired"),
}
#: Settled states: nothing waits on anybody (a listed product is not work in an inbox, but
#: it may still be revoked; ``expired`` is reached by the expiry command, not by a user).
CLOSED = frozenset({"listed", "refused", "revoked", "expired"})
#: States a certificate is valid in (between ``valid_from`` and ``valid_until``).
VALID_STATES = frozenset({"listed"})


# --- settings: days per state, the notice, the validity --------------------------------------

def deadline_defaults() -> dict[str, int]:
    """Days per state (``step`` for the others; ``review`` after a notice's minimum days)."""
    found = {"applied": 10, "township_checked": 15, "bureau_reviewed": 10, "approved": 5,
             "review": 5, "step": 10}
    found.update(getattr(settings, "FUPIN_PRODUCT_DEADLINES", {}) or {})
    return found


def notice_days(product: Product) -> int:
    """How many days the public notice stays up in the product's province
    (``FUPIN_PRODUCT_NOTICE_DAYS``, or the province's ``public_notice`` for this workflow in
    ``FUPIN_DEADLINES_BY_PROVINCE``)."""
    return deadlines.days_for(NAME, "public_notice", product.division_code,
                              {"public_notice": int(getattr(
                                  settings, "FUPIN_PRODUCT_NOTICE_DAYS", 7))})


def validity_years() -> int:
    return int(getattr(settings, "FUPIN_PRODUCT_VALIDITY_YEARS", 2))


def default_validity_end(start: dt.date) -> dt.date:
    """The last day of a validity of ``FUPIN_PRODUCT_VALIDITY_YEARS`` years from ``start``."""
    years = start.year + validity_years()
    day = min(start.day, 28) if start.month == 2 else start.day
    return dt.date(years, start.month, day) - dt.timedelta(days=1)


def notice_start(product: Product) -> dt.date | None:
    """The first day of the notice: the day it was posted (the product entered ``notice``)."""
    if product.state != "notice":
        return None
    return timezone.localdate(product.state_since)


def notice_end(product: Product) -> dt.date | None:
    """The last day of the notice (7 days from the 1st are the 1st to the 7th)."""
    start = notice_start(product)
    return start + dt.timedelta(days=notice_days(product) - 1) if start else None


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def product_due(product: Product, now: dt.datetime, wf: engine.Workflow):
    """A notice is due for listing ``review`` days after its minimum days; other states
    have days of their own."""
    if product.state == "notice":
        start = timezone.localdate(product.state_since or now)
        return wf.due_in_state(product, _midnight(start), "review",
                               extra_days=notice_days(product))
    return wf.due_in_state(product, now)


# --- guards: who at the county, and the unmet conditions in words -----------------------------

#: Which county role takes each county step (either, for an objection).
COUNTY_ROLES = {"review": (BUREAU,), "refuse_bureau": (BUREAU,), "object": (BUREAU, APPROVER),
                "approve": (APPROVER,), "refuse": (APPROVER,), "post_notice": (APPROVER,),
                "list": (APPROVER,), "revoke": (APPROVER,)}


def may_take(user: Any, action: str) -> bool:
    """Whether ``user``'s role takes the county step ``action`` (township steps: always)."""
    if action not in COUNTY_ROLES:
        return True
    return any(user.has_perm(p) for p in COUNTY_ROLES[action])


def _role(move: Move) -> None:
    if not may_take(move.actor, move.transition.action):
        raise Forbidden(gettext("your role does not take this step of the certification"))


def _reason(move: Move) -> list[str]:
    return [] if move.note.strip() else [gettext("give the reason")]


def township_refusal(move: Move) -> list[str]:
    return _reason(move)


def county_role(move: Move) -> list[str]:
    _role(move)
    return []


def county_refusal(move: Move) -> list[str]:
    _role(move)
    return _reason(move)


def objection(move: Move) -> list[str]:
    """An objection raised during the notice, recorded by either county role: its content
    is required."""
    _role(move)
    return [] if move.note.strip() else [gettext("write down the objection")]


def _date_param(move: Move, name: str, default: dt.date | None) -> dt.date | None:
    """A date parameter (a date or ISO text) between 2000 and 2100, else ``None``."""
    value = move.param(name, None)
    if value in (None, ""):
        return default
    if not isinstance(value, dt.date):
        try:
            value = dt.date.fromisoformat(str(value).strip())
        except ValueError:
            return None
    return value if YEARS[0] <= value.year <= YEARS[1] - validity_years() else None


def certificate_number(product: Product, day: dt.date) -> str:
    """The default certificate number: county, year and the product's number."""
    return f"FP{product.division_code[:6]}{day.year}{product.pk:06d}"


def listing_checked(move: Move) -> list[str]:
    """The notice has stayed up its days; the validity is a real period; the certificate
    number is not another product's."""
    _role(move)
    product, today = move.obj, timezone.localdate()
    unmet = []
    days = notice_days(product)
    minimum = timezone.localdate(product.state_since) + dt.timedelta(days=days)
    if today < minimum:
        unmet.append(gettext("the public notice posted on %(start)s must stay up %(days)s "
                             "days: list from %(minimum)s on")
                     % {"start": timezone.localdate(product.state_since), "days": days,
                        "minimum": minimum})
    start = _date_param(move, "valid_from", today)
    if start is None:
        unmet.append(gettext("give the first day of validity as a date (YYYY-MM-DD)"))
        return unmet
    end = _date_param(move, "valid_until", default_validity_end(start))
    if end is None:
        unmet.append(gettext("give the last day of validity as a date (YYYY-MM-DD)"))
    elif end < start or end < today:
        unmet.append(gettext("the validity must end after it starts and not in the past"))
    number = str(move.param("certificate_no")).strip()[:40] or certificate_number(product,
                                                                                 start)
    taken = (Product.objects.filter(certificate_no=number).exclude(pk=product.pk)
             .exists())
    if taken:
        unmet.append(gettext("certificate number %(no)s is another product's") % {"no": number})
    move.params.update(valid_from=start, valid_until=end, certificate_no=number)
    return unmet


# --- effects ----------------------------------------------------------------------------------

def record_refusal(move: Move) -> None:
    move.obj.refused_reason = move.note.strip()


def record_listing(move: Move) -> None:
    product = move.obj
    product.certificate_no = move.params["certificate_no"]
    product.valid_from = move.params["valid_from"]
    product.valid_until = move.params["valid_until"]


def record_revocation(move: Move) -> None:
    move.obj.revoked_reason = move.note.strip()


TRANSITIONS = [
    Transition("applied", "check", "township_checked", TOWNSHIP, _("Township check: pass")),
    Transition("applied", "refuse_township", "refused", TOWNSHIP,
               _("Township check: refuse"), guard=township_refusal, effect=record_refusal),
    Transition("township_checked", "review", "bureau_reviewed", COUNTY,
               _("Industry bureau review: pass"), guard=county_role),
    Transition("township_checked", "refuse_bureau", "refused", COUNTY,
               _("Industry bureau review: refuse"), guard=county_refusal,
               effect=record_refusal),
    Transition("bureau_reviewed", "approve", "approved", COUNTY,
               _("County approval: approve"), guard=county_role),
    Transition("bureau_reviewed", "refuse", "refused", COUNTY, _("County approval: refuse"),
               guard=county_refusal, effect=record_refusal),
    Transition("approved", "post_notice", "notice", COUNTY, _("Post the public notice"),
               guard=county_role),
    Transition("notice", "object", "township_checked", COUNTY,
               _("Objection: back to the industry bureau's review"), guard=objection),
    Transition("notice", "list", "listed", COUNTY, _("List with a certificate"),
               guard=listing_checked, effect=record_listing),
    Transition("listed", "revoke", "revoked", COUNTY, _("Revoke the certificate"),
               guard=county_refusal, effect=record_revocation),
]

#: Actions that need a reason in ``note`` (the forms ask for it).
REASON_ACTIONS = frozenset({"refuse_township", "refuse_bureau", "refuse", "object", "revoke"})


def describe(product: Product) -> str:
    return f"{product.code} {product.name}"


CERTIFICATION = engine.register(engine.Workflow(
    name=NAME, model=Product, noun=_("product"), states=STATES, transitions=TRANSITIONS,
    levels=LEVELS, closed=CLOSED, deadline_defaults=deadline_defaults, due=product_due,
    describe=describe, url=lambda p: reverse("ecommerce-product", args=[p.pk]),
    place=lambda p: labels.word("division", p.division_code), lock_related=("supplier",),
    inbox_related=("supplier",),
    # Steps without input of their own: a township passes its applications together, the
    # county posts the notices of the products it approved together.
    batch_actions=frozenset({"check", "post_notice"}),
))


def steps_for(user: Any, product: Product) -> list[Transition]:
    """The steps ``user`` may take on ``product`` now (level, region and role), for the
    product page's forms."""
    return [t for t in CERTIFICATION.actions_from(product.state)
            if CERTIFICATION.can_act(user, product, t.level) and may_take(user, t.action)]
