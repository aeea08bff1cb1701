"""Getting e-commerce objects for a user, through the one region gate
(``fupin.core.access``): 403 without the permission, 404 when missing or elsewhere.
Views and the API get products, supply chains, batches, sales and linkages only from here."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from fupin.core.access import for_user, get_for_user
from fupin.ecommerce.models import Linkage, Product, Sale, SupplyChain, TraceBatch


def products(user: Any) -> QuerySet:
    return for_user(Product.objects.select_related("supplier", "supply_chain"), user)


def access_product(user: Any, pk: Any) -> Product:
    return get_for_user(Product.objects.select_related("supplier", "supply_chain"), user, pk=pk)


def supply_chains(user: Any) -> QuerySet:
    return for_user(SupplyChain, user)


def access_supply_chain(user: Any, pk: Any, queryset: QuerySet | None = None) -> SupplyChain:
    """A supply chain; ``queryset`` adds annotations (e.g. linked households)."""
    return get_for_user(queryset if queryset is not None else SupplyChain.objects.all(), user,
                        pk=pk)


def batches(user: Any) -> QuerySet:
    return for_user(TraceBatch, user)


def sales(user: Any) -> QuerySet:
    return for_user(Sale, user)


def linkages(user: Any) -> QuerySet:
    return for_user(Linkage.objects.select_related("enterprise", "household"), user)


def access_linkage(user: Any, code: str) -> Linkage:
    return get_for_user(Linkage.objects.select_related("enterprise", "household"), user,
                        code=code)
