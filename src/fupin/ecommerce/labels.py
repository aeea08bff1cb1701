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


def _product_states() -> dict:
    from fupin.ecommerce.workflows import STATES

    return STATES


# --- programme (audit actions and object types of services/programme.py, datasets)
AUDIT_PROGRAMME: dict = {
}
OBJECTS_PROGRAMME: dict = {
}



# --- products
AUDIT_PRODUCTS: dict = {
    "ecommerce.apply": gettext_lazy("Product application entered"),
    "ecommerce.check": gettext_lazy("Product passed the township check"),
    "ecommerce.refuse_township": gettext_lazy("Product refused by the township"),
    "ecommerce.review": gettext_lazy("Product passed the industry bureau review"),
    "ecommerce.refuse_bureau": gettext_lazy("Product refused by the industry bureau"),
    "ecommerce.approve": gettext_lazy("Product approved by the county"),
    "ecommerce.refuse": gettext_lazy("Product refused by the county"),
    "ecommerce.post_notice": gettext_lazy("Product public notice posted"),
    "ecommerce.object": gettext_lazy("Objection to a product recorded"),
    "ecommerce.list": gettext_lazy("Product listed"),
    "ecommerce.revoke": gettext_lazy("Product certificate revoked"),
    "ecommerce.expire": gettext_lazy("Product certificate expired"),
    "ecommerce.import_listed": gettext_lazy("Listed product imported"),
}
OBJECTS_PRODUCTS: dict = {
    "ecommerce.product": gettext_lazy("Poverty-alleviation product"),
}
ACTORS_PRODUCTS: dict = {
    "system:ecommerce": gettext_lazy("System (product expiry)"),
}
PRODUCT_VOCABULARIES: dict = {
    "product_state": _product_states,
    "product_step": {
        "apply": gettext_lazy("Application entered"),
        "check": gettext_lazy("Township check passed"),
        "refuse_township": gettext_lazy("Refused by the township"),
        "review": gettext_lazy("Industry bureau review passed"),
        "refuse_bureau": gettext_lazy("Refused by the industry bureau"),
        "approve": gettext_lazy("Approved by the county"),
        "refuse": gettext_lazy("Refused by the county"),
        "post_notice": gettext_lazy("Public notice posted"),
        "object": gettext_lazy("Objection: back to review"),
        "list": gettext_lazy("Listed"),
        "revoke": gettext_lazy("Revoked"),
        "import_listed": gettext_lazy("Imported as listed"),
    },
}



# --- linkages
AUDIT_LINKAGES: dict = {
    "ecommerce.record_linkage": gettext_lazy("Benefit linkage recorded"),
    "ecommerce.record_linkage_year": gettext_lazy("Benefit-linkage amounts recorded"),
    "ecommerce.export_linkages": gettext_lazy("Benefit linkages exported"),
}
OBJECTS_LINKAGES: dict = {
    "ecommerce.linkage": gettext_lazy("benefit linkage"),
    "ecommerce.linkageyear": gettext_lazy("benefit-linkage year"),
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
    "actor": {**ACTORS_PRODUCTS},
    **PRODUCT_VOCABULARIES,
}
