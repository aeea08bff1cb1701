"""Permission-matrix rows of the product screens and API (ecprod), appended to
``tests/test_permission_matrix.CASES``. Each county gets its own product, chain, batch and sale,
made through the services and cached on the matrix's world."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from fupin.ecommerce.models import Sale, TraceBatch
from tests import factories
from tests.ecprod_helpers import apply, chain, enterprise

TOWNSHIPS = {"513431": factories.HOME_TOWNSHIP, "513436": "513436100000"}


def _cached(w, key: str, make):
    store = w.__dict__.setdefault("_ecprod", {})
    if key not in store:
        store[key] = make()
    return store[key]


def supplier(w):
    return _cached(w, "supplier", enterprise)


def product(w, county: str):
    """An applied product of ``county`` ("513431" mine, "513436" theirs), with a chain, a
    batch and a sale."""
    def make():
        officer = w.officer(f"{county}000000")
        found = chain(f"{county}000000")
        found.name = f"{county}苦荞产业链"
        found.save()
        made = apply(officer, origin=TOWNSHIPS[county], supplier=supplier(w),
                     supply_chain=found.code, name=f"{county}苦荞茶")
        TraceBatch.objects.create(product=made, batch_no=f"BATCH-{county}",
                                  division_code=made.division_code,
                                  produced_on=dt.date(2026, 3, 1),
                                  origin_enterprise=made.supplier, buyer="成都市某食堂",
                                  quantity=Decimal("10"), unit="kg")
        Sale.objects.create(product=made, division_code=made.division_code, year=2026,
                            channel="online", platform=f"shop-{county}",
                            amount=Decimal("100.00"))
        return made
    return _cached(w, f"product-{county}", make)


def _application(w, county: str) -> dict:
    return {"code": f"API-{county}", "name": "苦荞茶", "supplier": supplier(w).credit_code,
            "division_code": TOWNSHIPS[county], "category": "tea_herbs"}


def rows(Case) -> list:  # noqa: N803 - the matrix's row class
    mine, theirs = (lambda w: product(w, "513431")), (lambda w: product(w, "513436"))
    pk = {"kwargs": lambda w: {"pk": mine(w).pk}, "other_kwargs": lambda w: {"pk": theirs(w).pk}}
    api_pk = {"kwargs": lambda w: {"product_id": mine(w).pk},
              "other_kwargs": lambda w: {"product_id": theirs(w).pk}}
    chain_pk = {"kwargs": lambda w: {"pk": mine(w).supply_chain_id},
                "other_kwargs": lambda w: {"pk": theirs(w).supply_chain_id}}
    return [
        Case("ecommerce-products", "county_officer", marker=lambda w: mine(w).name),
        Case("ecommerce-product-apply", "county_officer", kind="create",
             marker=lambda w: "apply-form"),
        Case("ecommerce-product", "township_reviewer", kind="detail", **pk,
             marker=lambda w: mine(w).code),
        Case("ecommerce-product-step", "township_reviewer", method="post", kind="detail",
             ok_status=302, **pk, data=lambda w: {"action": "check", "version": "1"}),
        Case("ecommerce-chains", "county_officer", marker=lambda w: mine(w).supply_chain.code),
        Case("ecommerce-chain", "county_officer", kind="detail", **chain_pk,
             marker=lambda w: mine(w).supply_chain.code),
        Case("ecommerce-batches", "county_officer", marker=lambda w: (mine(w), "BATCH-513431")[1]),
        Case("ecommerce-sales", "county_officer", marker=lambda w: (mine(w), "shop-513431")[1]),
        Case("api:list_products", "county_officer", api=True, marker=lambda w: mine(w).code),
        Case("api:get_product", "township_reviewer", api=True, kind="detail", **api_pk,
             marker=lambda w: mine(w).code),
        Case("api:post_product_application", "county_officer", api=True, kind="detail",
             method="post", json=True, data=lambda w: _application(w, "513431"),
             other_kwargs=lambda w: {}, other_data=lambda w: _application(w, "513436"),
             marker=lambda w: "applied"),
        Case("api:post_product_step", "township_reviewer", api=True, kind="detail",
             method="post", json=True, **api_pk,
             data=lambda w: {"action": "check", "version": 1},
             marker=lambda w: "township_checked"),
        Case("api:list_supply_chains", "county_officer", api=True,
             marker=lambda w: mine(w).supply_chain.code),
        Case("api:list_product_batches", "county_officer", api=True,
             marker=lambda w: (mine(w), "BATCH-513431")[1]),
        Case("api:list_product_sales", "county_officer", api=True,
             marker=lambda w: (mine(w), "shop-513431")[1]),
    ]
