"""Exporting the e-commerce tables of a region in the import's own shape (CSV, Parquet, XLSX):
what is exported re-imports to the same records (tests/test_ecommerce_exchange.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Q

from fupin.core import audit
from fupin.core.access import NATION_CODE, Scope, in_scope
from fupin.core.exchange_write import write_tables
from fupin.ecommerce.datasets.checks import LIST_STATES
from fupin.ecommerce.datasets.tables import TABLES
from fupin.ecommerce.models import (
    Beneficiary,
    Enterprise,
    LogisticsYear,
    Pairing,
    PairingYear,
    Product,
    Programme,
    Sale,
    Site,
    SupplyChain,
    TraceBatch,
    TrainingSession,
)

CHUNK = 2000


def _qty(value) -> str | None:
    """A quantity as the import reads it: no exponent, no trailing zeros."""
    if value is None:
        return None
    return format(value.normalize(), "f")


def rows(scope: Scope) -> dict[str, Any]:
    """Each table's rows (values in column order) inside ``scope``, as generators."""

    def q(model):
        return in_scope(model.objects.all(), scope)

    products = q(Product).filter(state__in=LIST_STATES)
    chains = q(SupplyChain)
    # Enterprises are public: the region's own, and every one its rows refer to.
    firms = Enterprise.objects.all()
    if not scope.is_nation:
        firms = firms.filter(
            scope.q("division_code")
            | Q(pk__in=q(Pairing).values("enterprise_id"))
            | Q(pk__in=products.values("supplier_id"))
            | Q(pk__in=chains.values("enterprises"))
            | Q(pk__in=q(TraceBatch).exclude(origin_enterprise=None)
                .values("origin_enterprise_id")))

    def programmes():
        for p in q(Programme).order_by("code"):
            yield [p.code, p.kind, p.division_code, p.name, p.lead_unit, p.start_year,
                   p.end_year]

    def sites():
        for s in q(Site).order_by("code"):
            yield [s.code, s.level, s.division_code, s.name, s.operator, s.services,
                   s.opened_on, s.closed_on, s.status, s.area_m2]

    def logistics():
        for g in q(LogisticsYear).order_by("division_code", "year"):
            yield [g.division_code, g.year, g.express_covered, g.carriers,
                   g.village_delivery_points, g.parcels_in, g.parcels_out]

    def enterprises():
        for e in firms.order_by("credit_code"):
            yield [e.credit_code, e.name, e.kind, e.division_code]

    def pairings():
        for p in q(Pairing).select_related("enterprise").order_by("code"):
            yield [p.code, p.enterprise.credit_code, p.division_code, p.start_date,
                   p.end_date, p.committed_purchase, p.committed_training, p.committed_jobs]

    def pairing_years():
        for y in q(PairingYear).select_related("pairing").order_by("pairing__code", "year"):
            yield [y.pairing.code, y.year, y.delivered_purchase, y.delivered_training,
                   y.delivered_jobs]

    def supply_chains():
        firms: dict[int, list[str]] = {}
        for chain_id, code in (SupplyChain.enterprises.through.objects
                               .filter(supplychain__in=chains)
                               .values_list("supplychain_id", "enterprise__credit_code")):
            firms.setdefault(chain_id, []).append(code)
        for c in chains.order_by("code"):
            yield [c.code, c.division_code, c.sector, c.name, c.brand, c.standards,
                   c.certifications, ";".join(sorted(firms.get(c.pk, [])))]

    def product_rows():
        for p in products.select_related("supplier", "supply_chain").order_by("code"):
            yield [p.code, p.name, p.supplier.credit_code,
                   p.supply_chain.code if p.supply_chain else None, p.division_code,
                   p.category, p.specification, p.certificate_no, p.valid_from, p.valid_until]

    def batches():
        for b in (q(TraceBatch).select_related("product", "origin_household",
                                               "origin_enterprise")
                  .order_by("product__code", "batch_no")):
            yield [b.product.code, b.batch_no, b.produced_on,
                   b.origin_household.household_id if b.origin_household else None,
                   b.origin_enterprise.credit_code if b.origin_enterprise else None,
                   b.buyer, _qty(b.quantity), b.unit]

    def sales():
        for s in q(Sale).select_related("product").order_by("product__code", "year",
                                                            "channel", "platform"):
            yield [s.product.code, s.year, s.channel, s.platform, s.amount, _qty(s.quantity)]

    def sessions():
        for t in q(TrainingSession).select_related("programme").order_by("code"):
            yield [t.code, t.programme.code, t.held_on, t.topic, t.provider, t.person_times,
                   t.poor_trainees, t.exited_trainees]

    def beneficiaries():
        for b in (q(Beneficiary).select_related("programme", "household", "session")
                  .order_by("programme__code", "household__household_id", "year", "outcome",
                            "member_name")):
            yield [b.programme.code, b.household.household_id, b.member_name, b.year,
                   b.outcome, b.session.code if b.session else None, b.wage_income,
                   b.months]

    return {"programmes": programmes(), "sites": sites(), "logistics": logistics(),
            "enterprises": enterprises(), "pairings": pairings(),
            "pairing_years": pairing_years(), "supply_chains": supply_chains(),
            "products": product_rows(), "batches": batches(), "sales": sales(),
            "training_sessions": sessions(), "beneficiaries": beneficiaries()}


def export(path: Path, fmt: str, *, actor: Any, scope: Scope, masked: bool = True,
           progress=None) -> dict[str, int]:
    """Write every table of ``scope`` to ``path``; one audit record names the counts."""
    counts = write_tables(path, fmt, TABLES, rows(scope), progress)
    with transaction.atomic():
        audit.record(actor=actor, action="ecommerce.export", object_type="ecommerce.dataset",
                     object_id="ecommerce",
                     division_code=scope.prefix.ljust(12, "0") if scope.prefix
                     else NATION_CODE, after={"rows": dict(counts)})
    return counts
