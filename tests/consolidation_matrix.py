"""Permission-matrix rows of the consolidation screens and read API (issue 18), appended to
``tests/test_permission_matrix.CASES``.

Each world's two households (exited in 2019, one in 昭觉县's home village, one in 美姑县) get
an income year and help in 2020 only, so both are inside the period and lost all help in
2021: each appears on its own region's pages and never on the other's."""

from __future__ import annotations

from decimal import Decimal

from tests import factories

HOME_ROW = "513431100000"  # 新城镇: a row of 昭觉县's pages (townships)


def _data(w) -> bool:
    """Income for 2021 and help in 2020 for both households, made once per world."""
    from fupin.consolidation import services
    from fupin.households import services as households

    if "_consolidation" not in w.__dict__:
        for household in (w.mine, w.theirs):
            households.record_economy_year(actor="test", household=household, year=2021,
                                           wage="14000.00")
            services.record_help(actor="system:test", household=household, year=2020,
                                 type="industry", amount=Decimal("500"))
        w.__dict__["_consolidation"] = True
    return True


def _marker(text):
    return lambda w: (_data(w), text(w) if callable(text) else text)[1]


def rows(case) -> list:
    """The rows, made with the matrix's ``Case`` class (``case``)."""
    mine = _marker(lambda w: w.mine.household_id)
    return [
        case("consolidation-quality", "county_officer",
             marker=_marker(f'data-code="{HOME_ROW}"')),
        case("consolidation-village", "county_officer", kind="detail",
             data=lambda w: {"division": factories.HOME_VILLAGE},
             other_data=lambda w: {"division": factories.OTHER_COUNTY_VILLAGE},
             other_kwargs=lambda w: {}, marker=mine),
        case("consolidation-help", "township_reviewer",
             marker=_marker(f'data-code="{factories.HOME_VILLAGE}"')),
        case("consolidation-intensity", "auditor",
             marker=_marker('data-code="513431000000"')),
        case("consolidation-lost", "village_cadre", marker=mine),
        case("consolidation-household", "village_cadre", kind="detail",
             kwargs=lambda w: {"household_id": w.mine.household_id},
             other_kwargs=lambda w: {"household_id": w.theirs.household_id},
             marker=_marker("since-exit-years")),
        case("api:list_exit_quality", "province_viewer", api=True,
             marker=_marker(f'"division_code": "{HOME_ROW}"')),
        case("api:list_help_by_type", "county_officer", api=True,
             marker=_marker(f'"division_code": "{HOME_ROW}"')),
        case("api:list_help_intensity", "evaluator", api=True,
             marker=_marker('"division_code": "513431000000"')),
        case("api:list_lost_help", "village_cadre", api=True, marker=mine),
        case("api:get_household_consolidation", "township_reviewer", api=True, kind="detail",
             kwargs=lambda w: {"household_id": w.mine.household_id},
             other_kwargs=lambda w: {"household_id": w.theirs.household_id},
             marker=_marker('"exit_year": 2019')),
    ]
