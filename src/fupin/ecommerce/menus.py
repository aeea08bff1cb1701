"""The e-commerce app's header entries (:mod:`fupin.core.menus`), one block per area."""

from django.utils.translation import gettext_lazy

from fupin.core.menus import ABOVE_VILLAGE, MenuItem

# --- programme
PROGRAMME_MENU = [
]



# --- products (from the township up: the township checks applications)
PRODUCT_MENU = [
    MenuItem(gettext_lazy("Poverty-alleviation products"), "ecommerce-products",
             "ecommerce.view_product", order=62, roles=ABOVE_VILLAGE),
    MenuItem(gettext_lazy("Supply chains"), "ecommerce-chains", "ecommerce.view_supplychain",
             order=63, roles=ABOVE_VILLAGE),
    MenuItem(gettext_lazy("Product sales"), "ecommerce-sales", "ecommerce.view_sale",
             order=64, roles=ABOVE_VILLAGE),
]



# --- linkages
LINKAGE_MENU = [
]



MENU = [*PROGRAMME_MENU, *PRODUCT_MENU, *LINKAGE_MENU]
