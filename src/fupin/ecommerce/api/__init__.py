"""E-commerce API, region-scoped like the screens; one router per area."""

from ninja import Router

from fupin.ecommerce.api import linkages, products, programme

router = Router(tags=["ecommerce"])
router.add_router("/", programme.router)
router.add_router("/", products.router)
router.add_router("/", linkages.router)
