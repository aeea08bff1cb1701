"""The e-commerce app's header entries (:mod:`fupin.core.menus`), one block per area."""

from django.utils.translation import gettext_lazy

from fupin.core.menus import ABOVE_VILLAGE, MenuItem

# --- programme
PROGRAMME_MENU = [
]



# --- products
PRODUCT_MENU = [
]



# --- linkages
LINKAGE_MENU = [
    MenuItem(gettext_lazy("Benefit linkages"), "linkage-list", "ecommerce.view_linkage",
             order=62, roles=ABOVE_VILLAGE),
]



MENU = [*PROGRAMME_MENU, *PRODUCT_MENU, *LINKAGE_MENU]
