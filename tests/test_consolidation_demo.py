"""The demo's help records (issue 18 item 7): imported through the exchange, reproducible by
seed, and some exited households lose all help inside the period (the follow-up list)."""

from __future__ import annotations

from fupin.consolidation import demo, services
from fupin.consolidation.models import HelpRecord
from fupin.core.access import Scope
from tests import factories

COUNTY = "513431000000"


def test_demo_help_imports_and_lists_households_that_lost_all_help(tree, tmp_path):
    villages = [factories.HOME_VILLAGE, "513431100204", factories.OTHER_TOWNSHIP_VILLAGE]
    for n in range(36):
        factories.household(villages[n % 3], household_id=f"D{n:03d}",
                            exit_year=2019 + n % 2,
                            economy=[{"year": 2021, "wage": 12000 + n}])
    factories.household(factories.HOME_VILLAGE, household_id="P001", status="poor",
                        exit_year=None)
    rows = demo.rows(COUNTY, seed=7)
    assert rows == demo.rows(COUNTY, seed=7)
    assert {r["household_id"] for r in rows} <= {f"D{n:03d}" for n in range(36)}
    officer = factories.make_user("county_officer", COUNTY)
    outcome = demo.load(COUNTY, seed=7, actor=officer, folder=tmp_path / "help")
    assert outcome.ok, list(outcome.report.rows())[:5]
    assert HelpRecord.objects.count() == len(rows)
    by_household: dict[str, set[int]] = {}
    for r in rows:
        by_household.setdefault(r["household_id"], set()).add(r["year"])
    lost = {h for h, years in by_household.items() if 2021 not in years}
    assert lost, "the demo has households that lost all help"
    listed = {r["household_id"] for r in services.lost_help(Scope("513431"))}
    assert listed == lost
