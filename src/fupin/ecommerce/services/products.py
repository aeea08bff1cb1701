"""Writes of the product certification (扶贫产品认定): the application, every step, the
revocation, the expiry of lapsed certificates and the import of products already listed
elsewhere. Steps go through the workflow engine (``ecommerce/workflows.py``): region, version
lock, level, role, guard, step record, audit and notices are its business, not ours."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from fupin.core import audit
from fupin.core import workflow as engine
from fupin.core.access import Scope, check_in_scope, for_user
from fupin.core.errors import Forbidden, ValidationFailed
from fupin.core.workflow_models import WorkflowStep
from fupin.ecommerce.choices import ProductCategory
from fupin.ecommerce.models import Enterprise, Product, SupplyChain
from fupin.ecommerce.workflows import CERTIFICATION, NAME, TOWNSHIP
from fupin.regions.models import Division

APPLY_PERMISSION = "ecommerce.apply_product"


@dataclass
class Application:
    """What the supplier applies with, as a county officer enters it."""

    code: str
    name: str
    supplier: str  # the supplier's unified social credit code
    division_code: str  # the township (or village) of origin
    category: str
    specification: str = ""
    supply_chain: str = ""  # a supply chain code of the county, optional


def _supplier(credit_code: str) -> Enterprise:
    found = Enterprise.objects.filter(credit_code=credit_code.strip().upper()).first()
    if found is None:
        raise ValidationFailed(gettext("no enterprise with this unified social credit code"),
                               {"supplier": "unknown"})
    return found


def _origin(actor: Any, code: str) -> str:
    """The township or village of origin, inside the actor's region: the township of origin
    checks the application, so a county-level code is refused."""
    code = code.strip()
    division = Division.objects.filter(code=code).first()
    if division is None:
        raise ValidationFailed(gettext("no such division: %(code)s") % {"code": code},
                               {"division_code": "unknown"})
    check_in_scope(actor, code, what="division")  # another region: 404, as everywhere
    if division.level not in (TOWNSHIP, "village"):
        raise ValidationFailed(gettext("give the township (or village) of origin: its "
                                       "township checks the application"),
                               {"division_code": "level"})
    return code


def apply(*, actor: Any, data: Application) -> Product:
    """Enter a supplier's application: the product starts ``applied`` and its township is
    told. The actor is a county officer (``apply_product``) of the county of origin."""
    if not actor.has_perm(APPLY_PERMISSION) or Scope.of_user(actor) is None:
        raise Forbidden(gettext("your role may not enter applications"))
    errors: dict[str, str] = {}
    code, name = data.code.strip(), data.name.strip()
    if not code or len(code) > 40:
        errors["code"] = gettext("give a product code (at most 40 characters)")
    elif Product.objects.filter(code=code).exists():
        errors["code"] = gettext("product code %(code)s is taken") % {"code": code}
    if not name or len(name) > 200:
        errors["name"] = gettext("give the product's name (at most 200 characters)")
    if data.category not in ProductCategory.values:
        errors["category"] = gettext("choose a category")
    if len(data.specification.strip()) > 120:
        errors["specification"] = gettext("at most 120 characters")
    if errors:
        raise ValidationFailed("; ".join(errors.values()), errors)
    origin = _origin(actor, data.division_code)
    supplier = _supplier(data.supplier)
    chain = None
    if data.supply_chain.strip():
        chain = for_user(SupplyChain, actor).filter(code=data.supply_chain.strip()).first()
        if chain is None or chain.division_code[:6] != origin[:6]:
            raise ValidationFailed(gettext("no such supply chain in the county of origin"),
                                   {"supply_chain": "unknown"})
    now = timezone.now()
    with transaction.atomic():
        product = Product(code=code, name=name, supplier=supplier, supply_chain=chain,
                          division_code=origin, category=data.category,
                          specification=data.specification.strip(), applied_by=actor,
                          state="applied", state_since=now)
        product.due_at = CERTIFICATION.due_for(product, now)
        product.save()
        WorkflowStep.objects.create(
            workflow=NAME, content_type=ContentType.objects.get_for_model(Product),
            object_id=product.pk, division_code=origin, action="apply", from_state="",
            to_state="applied", actor=actor, at=now)
        audit.record(actor=actor, action="ecommerce.apply", object_type="ecommerce.product",
                     object_id=str(product.pk), division_code=origin,
                     after=audit.snapshot(product))
        engine.notify(CERTIFICATION, product, TOWNSHIP, now=now)
    return product


def take_step(*, actor: Any, product: Product, action: str, version: int, note: str = "",
              **params: Any) -> Product:
    """One step of the certification (check, review, approve, notice, objection, listing,
    refusal, revocation); 409 when someone acted first."""
    return engine.take(CERTIFICATION, actor=actor, obj=product, action=action,
                       version=version, note=note, **params)


def revoke(*, actor: Any, product: Product, version: int, reason: str) -> Product:
    """Revoke a listed product's certificate, with the reason (county approver)."""
    return take_step(actor=actor, product=product, action="revoke", version=version,
                     note=reason)


def expire_lapsed(*, today: dt.date | None = None) -> int:
    """Listed products whose validity ended before ``today`` become ``expired`` (one audit
    line each, by the system). Idempotent; run daily (``fupin products expire``)."""
    today = today or timezone.localdate()
    now = timezone.now()
    with transaction.atomic():
        lapsed = list(Product.objects.select_for_update()
                      .filter(state="listed", valid_until__lt=today))
        entries = []
        for product in lapsed:
            before = audit.snapshot(product)
            product.state, product.state_since, product.closed = "expired", now, True
            product.version += 1
            product.due_at = None
            entries.append(audit.Entry("ecommerce.expire", "ecommerce.product",
                                       str(product.pk), product.division_code, before,
                                       audit.snapshot(product)))
        Product.objects.bulk_update(lapsed, ["state", "state_since", "closed", "version",
                                             "due_at", "updated_at"])
        audit.record_many(actor="system:ecommerce", entries=entries)
    return len(lapsed)


@dataclass
class ListedProduct:
    """A product certified before fupin kept the procedure (an import of the county's list):
    it enters ``listed`` (``expired`` when its validity already ended)."""

    code: str
    name: str
    supplier: Enterprise
    division_code: str
    category: str
    certificate_no: str
    valid_from: dt.date
    valid_until: dt.date
    specification: str = ""
    supply_chain: SupplyChain | None = None


def import_listed(*, actor: Any, rows: Iterable[ListedProduct]) -> list[Product]:
    """Create products already listed, all or nothing, inside the actor's region. The
    caller (the exchange's Product dataset) has validated the rows; this checks the region
    once more and writes one step and one audit line per product."""
    if getattr(actor, "pk", None) is None:
        raise Forbidden("listed products are imported by a user (the step names who)")
    rows = list(rows)
    for row in rows:
        check_in_scope(actor, row.division_code, what="division")
        if row.valid_until < row.valid_from:
            raise ValidationFailed(gettext("%(code)s: the validity ends before it starts")
                                   % {"code": row.code}, {"valid_until": row.code})
    now, today = timezone.now(), timezone.localdate()
    content_type = ContentType.objects.get_for_model(Product)
    with transaction.atomic():
        products = Product.objects.bulk_create([
            Product(code=r.code, name=r.name, supplier=r.supplier, supply_chain=r.supply_chain,
                    division_code=r.division_code, category=r.category,
                    specification=r.specification, certificate_no=r.certificate_no,
                    valid_from=r.valid_from, valid_until=r.valid_until, applied_by=None,
                    state="listed" if r.valid_until >= today else "expired",
                    state_since=now, closed=True) for r in rows])
        if products and products[0].pk is None:  # a back end that returns no keys
            by_code = dict(Product.objects.filter(code__in=[r.code for r in rows])
                           .values_list("code", "pk"))
            for p in products:
                p.pk = by_code[p.code]
        WorkflowStep.objects.bulk_create([
            WorkflowStep(workflow=NAME, content_type=content_type, object_id=p.pk,
                         division_code=p.division_code, action="import_listed", from_state="",
                         to_state=p.state, actor=actor, at=now,
                         note=gettext("imported as listed")) for p in products])
        audit.record_many(actor=actor, entries=[
            audit.Entry("ecommerce.import_listed", "ecommerce.product", str(p.pk),
                        p.division_code, None, audit.snapshot(p)) for p in products])
    return products
