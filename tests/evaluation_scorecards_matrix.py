"""Permission-matrix rows of the scorecards area (county scorecard, province table, national
view and their API), appended to ``tests/test_permission_matrix.CASES``."""

from __future__ import annotations

from tests import evaluation_scorecards_data as data


def _mine(w):
    return data.for_world(w)["mine"]


def _theirs(w):
    return data.for_world(w)["theirs"]


def _total(w) -> str:
    return str(_mine(w).result.total)


def rows(case) -> list:
    """The rows, made with the matrix's ``Case`` class (``case``)."""
    return [
        case("evaluation-scorecard", "county_officer", kind="detail",
             kwargs=lambda w: {"pk": _mine(w).pk}, other_kwargs=lambda w: {"pk": _theirs(w).pk},
             marker=lambda w: "scorecard-indicators"),
        # The row's link to my county's scorecard (the county's name is in the header anyway).
        case("evaluation-scorecards", "county_officer",
             marker=lambda w: f"/evaluation/scorecards/{_mine(w).pk}/"),
        # The national view of a county user is the county's own figures.
        case("evaluation-scorecards-nation", "county_officer", marker=_total),
        case("api:get_scorecard", "county_officer", api=True, kind="detail",
             kwargs=lambda w: {"evaluation_id": _mine(w).pk},
             other_kwargs=lambda w: {"evaluation_id": _theirs(w).pk},
             marker=lambda w: '"county_code": "513431000000"'),
        case("api:list_scorecard_counties", "county_officer", api=True,
             marker=lambda w: f'"evaluation_id": {_mine(w).pk}'),
        case("api:list_scorecard_provinces", "county_officer", api=True,
             marker=lambda w: f'"mean": "{_total(w)}"'),
    ]
