"""Permission-matrix rows of the fund performance screens and read API (evaluation, funds),
appended to ``tests/test_permission_matrix.CASES``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

MINE, THEIRS = "513431000000", "513436000000"


def _funds(w) -> dict:
    """One allocation, project and flagged expenditure per county, made once per world."""
    from fupin.evaluation.services import funds as services

    if "_funds" not in w.__dict__:
        for county, tag in ((MINE, "ZJ"), (THEIRS, "MG")):
            allocation = services.record_allocation(
                actor="system:test", county_code=county, year=2021, level="central",
                amount=Decimal("100.00"), programme="示范县", document_no=f"FUND-D-{tag}",
                allocated_on=dt.date(2021, 1, 5))
            project = services.add_project(
                actor="system:test", county_code=county, year=2021, code=f"FUND-P-{tag}",
                name="物流", category="logistics", budget=Decimal("50.00"),
                implementing_unit="县商务局", allocation=allocation)
            services.add_expenditure(actor="system:test", project=project,
                                     spent_on=dt.date(2021, 2, 1), category="land",
                                     amount=Decimal("5.00"), payee="某村",
                                     voucher_no=f"FUND-V-{tag}")
            w.__dict__[f"_allocation_{tag}"] = allocation.pk
        w.__dict__["_funds"] = True
    return w.__dict__["_funds"]


def _marker(text: str):
    return lambda w: (_funds(w), text)[1]


def rows(case) -> list:
    """The rows, made with the matrix's ``Case`` class (``case``)."""
    year = {"year": "2021"}
    return [
        case("funds-county", "county_officer", data=lambda w: year,
             marker=_marker("FUND-V-ZJ")),
        case("funds-province", "county_officer", data=lambda w: year,
             marker=_marker("昭觉县")),
        case("funds-expenditures", "evaluator", marker=_marker("FUND-V-ZJ")),
        case("funds-allocation-new", "county_officer", kind="create",
             marker=lambda w: 'name="document_no"'),
        case("funds-recovery", "county_officer", kind="detail",
             kwargs=lambda w: (_funds(w), {"pk": w.__dict__["_allocation_ZJ"]})[1],
             other_kwargs=lambda w: (_funds(w), {"pk": w.__dict__["_allocation_MG"]})[1],
             marker=lambda w: "FUND-D-ZJ"),
        case("funds-project-new", "county_officer", marker=_marker("FUND-D-ZJ")),
        case("funds-expenditure-new", "county_officer", marker=_marker("FUND-P-ZJ")),
        case("api:list_allocations", "province_viewer", api=True,
             marker=_marker("FUND-D-ZJ")),
        case("api:list_fund_projects", "auditor", api=True, marker=_marker("FUND-P-ZJ")),
        case("api:list_expenditures", "evaluator", api=True, marker=_marker("FUND-V-ZJ")),
        case("api:get_county_funds", "county_officer", api=True, kind="detail",
             data=lambda w: year, kwargs=lambda w: {"county_code": MINE},
             other_kwargs=lambda w: {"county_code": THEIRS},
             marker=_marker('"negative_count": 1')),
    ]
