"""A small 昭觉县 for the consolidation screens (and one household of 美姑县 next door), built
through the product's services: exited households with incomes over 2019–2021 and help from
the register. The figures themselves are checked against a hand computation in
tests/test_consolidation.py; the screens' tests check that a page, its exports and the API
show exactly the services' figures, for the user's region only.

Two members per household, so per-capita income is half the wage:

- QS1 (俄尔古取村, exited 2019): 7,000 / 8,000 / 7,000; industry 2020, employment 2021.
- QS2 (俄尔古取村, exited 2019): 7,000 / 5,000 / 6,500 (below the 2020 line); no help.
- QS3 (乃托村, exited 2020): finance 2019 (before exit), education 2020, nothing in 2021:
  it lost all help inside the period.
- QS4 (瓦尔村 of the other township, exited 2020): 5,500 in 2021 only; health 2021.
- QS5 (俄尔古取村, still poor): industry 2021 (help by type counts it, exit quality not).
- QS9 (美姑县, exited 2019): help 2020 only, so it lost help too — never on 昭觉县's pages.

昭觉县 cut help: an exited household got less help per year during the period (2021) than
before its exit (QS3's finance in 2019).
"""

from __future__ import annotations

from decimal import Decimal

from fupin.consolidation import services
from tests import factories

COUNTY = "513431000000"
OTHER_COUNTY = "513436000000"
V1, V2 = factories.HOME_VILLAGE, "513431100204"
V3 = factories.OTHER_TOWNSHIP_VILLAGE
HOUSEHOLDS = {"QS1": V1, "QS2": V1, "QS3": V2, "QS4": V3, "QS5": V1,
              "QS9": factories.OTHER_COUNTY_VILLAGE}


def _economy(*pairs) -> list[dict]:
    return [{"year": y, "wage": Decimal(w)} for y, w in pairs]


def _help(household, year: int, kind: str, amount: str, source: str = "县农业农村局") -> None:
    services.record_help(actor="system:test", household=household, year=year, type=kind,
                         amount=Decimal(amount), source=source)


def build() -> dict:
    """The households above, by ID (the division tree must exist: ``factories.make_tree``)."""
    h = {
        "QS1": factories.household(V1, household_id="QS1", head_name="巩固户甲", exit_year=2019,
                                   economy=_economy((2019, 14000), (2020, 16000),
                                                    (2021, 14000))),
        "QS2": factories.household(V1, household_id="QS2", head_name="巩固户乙", exit_year=2019,
                                   economy=_economy((2019, 14000), (2020, 10000),
                                                    (2021, 13000))),
        "QS3": factories.household(V2, household_id="QS3", head_name="断档户丙", exit_year=2020,
                                   economy=_economy((2019, 4000), (2020, 13000),
                                                    (2021, 13000))),
        "QS4": factories.household(V3, household_id="QS4", head_name="邻镇户丁", exit_year=2020,
                                   economy=_economy((2021, 11000))),
        "QS5": factories.household(V1, household_id="QS5", head_name="未脱贫户", status="poor",
                                   exit_year=None, economy=_economy((2021, 3000))),
        "QS9": factories.household(factories.OTHER_COUNTY_VILLAGE, household_id="QS9",
                                   head_name="外县断档户", exit_year=2019,
                                   economy=_economy((2019, 14000), (2020, 14000),
                                                    (2021, 14000))),
    }
    _help(h["QS1"], 2020, "industry", "1000")
    _help(h["QS1"], 2021, "employment", "500")
    _help(h["QS3"], 2019, "finance", "2000", source="县金融办")
    _help(h["QS3"], 2020, "education", "400", source="县教育局")
    _help(h["QS4"], 2021, "health", "300", source="县卫健局")
    _help(h["QS5"], 2021, "industry", "100")
    _help(h["QS9"], 2020, "industry", "999")
    return h
