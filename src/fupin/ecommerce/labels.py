"""E-commerce codes in words (:mod:`fupin.core.labels`), one audit block per area."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from fupin.ecommerce.choices import (
    EnterpriseKind,
    LinkageForm,
    Outcome,
    ProductCategory,
    ProgrammeKind,
    SalesChannel,
    Sector,
    SiteLevel,
    SiteService,
    SiteStatus,
)

# --- programme (audit actions and object types of services/programme.py, datasets)
AUDIT_PROGRAMME: dict = {
}
OBJECTS_PROGRAMME: dict = {
}



# --- products
AUDIT_PRODUCTS: dict = {
}
OBJECTS_PRODUCTS: dict = {
}



# --- linkages
AUDIT_LINKAGES: dict = {
}
OBJECTS_LINKAGES: dict = {
}



# --- exchange (ecx: the programme tables' imports and exports, ecommerce/datasets/)
AUDIT_EXCHANGE: dict = {
    "ecommerce.import": gettext_lazy("Programme tables imported"),
    "ecommerce.export": gettext_lazy("Programme tables exported"),
}
OBJECTS_EXCHANGE: dict = {
    "ecommerce.dataset": gettext_lazy("Programme tables (e-commerce dataset)"),
}



VOCABULARIES = {
    "programme_kind": dict(ProgrammeKind.choices),
    "site_level": dict(SiteLevel.choices),
    "site_service": dict(SiteService.choices),
    "site_status": dict(SiteStatus.choices),
    "enterprise_kind": dict(EnterpriseKind.choices),
    "linkage_form": dict(LinkageForm.choices),
    "sector": dict(Sector.choices),
    "product_category": dict(ProductCategory.choices),
    "sales_channel": dict(SalesChannel.choices),
    "programme_outcome": dict(Outcome.choices),
    "audit_action": {**AUDIT_PROGRAMME, **AUDIT_PRODUCTS, **AUDIT_LINKAGES, **AUDIT_EXCHANGE},
    "object_type": {**OBJECTS_PROGRAMME, **OBJECTS_PRODUCTS, **OBJECTS_LINKAGES,
                    **OBJECTS_EXCHANGE},
}
