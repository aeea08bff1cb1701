"""Products for the certification tests, built through the product's services."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field
from decimal import Decimal

import time_machine
from stdnum.cn import uscc

from fupin.ecommerce.models import Enterprise, Product, Sale, SupplyChain, TraceBatch
from fupin.ecommerce.services import products as services
from tests import factories

HOME_COUNTY = "513431000000"
OTHER_COUNTY = "513436000000"
START = dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC)
_seq = itertools.count(1)


def credit_code(n: int) -> str:
    base = f"91513431MA62{n:05d}"
    return base + uscc.calc_check_digit(base)


def enterprise(name: str = "昭觉县俄尔古取种植专业合作社", kind: str = "cooperative") -> Enterprise:
    n = next(_seq)
    return Enterprise.objects.create(credit_code=credit_code(n), name=f"{name}{n}", kind=kind,
                                     division_code=factories.HOME_TOWNSHIP)


def chain(county: str = HOME_COUNTY, *enterprises: Enterprise) -> SupplyChain:
    found = SupplyChain.objects.create(
        code=f"SC{county[:6]}-{next(_seq)}", division_code=county, sector="agriculture",
        name="昭觉苦荞产业链", brand="大凉山", standards="绿色食品;GB/T 10458",
        certifications="地理标志")
    found.enterprises.add(*enterprises)
    return found


@dataclass
class Actors:
    """One user of each role the certification needs, in the home county."""

    officer: object = None
    reviewer: object = None
    approver: object = None
    extra: dict = field(default_factory=dict)

    def __post_init__(self):
        self.officer = factories.make_user("county_officer", HOME_COUNTY)
        self.reviewer = factories.make_user("township_reviewer", factories.HOME_TOWNSHIP)
        self.approver = factories.make_user("county_approver", HOME_COUNTY)


def apply(officer, *, origin: str = factories.HOME_TOWNSHIP, supplier=None,
          supply_chain: str = "", name: str = "昭觉苦荞茶") -> Product:
    supplier = supplier or enterprise()
    return services.apply(actor=officer, data=services.Application(
        code=f"P{origin[:6]}-{next(_seq)}", name=name, supplier=supplier.credit_code,
        division_code=origin, category="tea_herbs", specification="250克/袋",
        supply_chain=supply_chain))


def step(product: Product, actor, action: str, **kw) -> Product:
    return services.take_step(actor=actor, product=product, action=action,
                              version=product.version, **kw)


def frozen(at=START):
    return time_machine.travel(at, tick=False)


def to_notice(actors: Actors, **kw) -> Product:
    product = apply(actors.officer, **kw)
    product = step(product, actors.reviewer, "check")
    product = step(product, actors.officer, "review")
    product = step(product, actors.approver, "approve")
    return step(product, actors.approver, "post_notice")


def listed(actors: Actors, traveller, **kw) -> Product:
    product = to_notice(actors, **kw)
    traveller.shift(dt.timedelta(days=7))
    return step(product, actors.approver, "list")


def batch_and_sale(product: Product, household=None, year: int = 2026) -> None:
    TraceBatch.objects.create(product=product, batch_no=f"B{next(_seq)}",
                              division_code=product.division_code,
                              produced_on=dt.date(year, 3, 1), origin_household=household,
                              origin_enterprise=None if household else product.supplier,
                              buyer="成都市某食堂", quantity=Decimal("120.5"), unit="kg")
    Sale.objects.create(product=product, division_code=product.division_code, year=year,
                        channel="canteen", platform="成都市某食堂", amount=Decimal("9800.00"))
