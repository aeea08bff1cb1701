"""Demo: poverty-alleviation product applications at every step of the certification, so the
township's, the officer's and the approver's inboxes hold work after ``make demo``.

The county's list of already-certified products comes in through the exchange
(``ecommerce.demo``); here the demo's own users take real steps through
``services.products`` (the workflow engine, its guards and the ledger), reproducibly by seed.
"""

from __future__ import annotations

import random

from django.contrib.auth import get_user_model

from fupin.ecommerce.models import Enterprise, Product
from fupin.ecommerce.services import products

#: (name, category, the steps taken after the application, reason of a refusal)
APPLICATIONS = [
    ("昭觉苦荞挂面", "grain_oil", [], ""),
    ("大凉山黑山羊肉", "livestock", ["check"], ""),
    ("彝家土豆粉", "processed", ["check", "review"], ""),
    ("高山野生菌", "fruit_veg", ["check", "review", "approve", "post_notice"], ""),
    ("彝绣手工香囊", "crafts", ["refuse_township"], "申报材料缺少带贫益贫证明"),
]
ACTOR_OF = {"check": "township", "refuse_township": "township", "review": "officer",
            "approve": "approver", "post_notice": "approver"}


def generate(county_code: str, seed: int, actor=None, **_) -> dict[str, int]:
    """Five applications from the demo township's suppliers, each taken as far as its row
    says. Once: nothing happens when the first demo application exists."""
    county = county_code[:6]
    if Product.objects.filter(code=f"DEMO-APP-{county}-1").exists():
        return {"applications": 0}
    users = {u.username: u for u in get_user_model().objects.filter(
        username__in=["officer", "township", "approver"]).select_related("division")}
    officer = actor or users["officer"]
    township = users["township"].division_id
    suppliers = list(Enterprise.objects.filter(pairings__division_code=county.ljust(12, "0"))
                     .distinct().order_by("credit_code"))
    if not suppliers:
        return {"applications": 0}
    rng = random.Random(seed)  # noqa: S311 (demo data, reproducible by seed)
    for i, (name, category, steps, reason) in enumerate(APPLICATIONS, 1):
        product = products.apply(actor=officer, data=products.Application(
            code=f"DEMO-APP-{county}-{i}", name=name, supplier=rng.choice(suppliers).credit_code,
            division_code=township, category=category))
        for action in steps:
            product = products.take_step(actor=users[ACTOR_OF[action]], product=product,
                                         action=action, version=product.version,
                                         note=reason if action == "refuse_township" else "")
    return {"applications": len(APPLICATIONS)}
