"""The e-commerce app's header entries (:mod:`fupin.core.menus`), one block per area."""

from django.utils.translation import gettext_lazy

from fupin.core.menus import ABOVE_VILLAGE, MenuItem

# --- programme
#: Roles that work on one county's programme (bound to a county or below).
COUNTY_ROLES = ("township_reviewer", "county_officer", "county_approver",
                "evaluator", "auditor")
PROGRAMME_MENU = [
    MenuItem(gettext_lazy("E-commerce programme"), "programme-county",
             "ecommerce.view_programme", order=62, group="ecommerce", roles=COUNTY_ROLES),
    MenuItem(gettext_lazy("E-commerce by county"), "programme-province",
             "ecommerce.view_programme", order=62, group="ecommerce", roles=("province_viewer",)),
    MenuItem(gettext_lazy("E-commerce programme"), "programme-nation",
             "ecommerce.view_programme", order=62, group="ecommerce",
             roles=("national_viewer", "administrator")),
]



# --- products (from the township up: the township checks applications)
PRODUCT_MENU = [
    MenuItem(gettext_lazy("Poverty-alleviation products"), "ecommerce-products",
             "ecommerce.view_product", order=62, group="ecommerce", roles=ABOVE_VILLAGE),
    MenuItem(gettext_lazy("Supply chains"), "ecommerce-chains", "ecommerce.view_supplychain",
             order=63, group="ecommerce", roles=ABOVE_VILLAGE),
    MenuItem(gettext_lazy("Product sales"), "ecommerce-sales", "ecommerce.view_sale",
             order=64, group="ecommerce", roles=ABOVE_VILLAGE),
]



# --- linkages
LINKAGE_MENU = [
    MenuItem(gettext_lazy("Benefit linkages"), "linkage-list", "ecommerce.view_linkage",
             order=62, group="ecommerce", roles=ABOVE_VILLAGE),
]



MENU = [*PROGRAMME_MENU, *PRODUCT_MENU, *LINKAGE_MENU]
