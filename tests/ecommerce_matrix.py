"""Permission-matrix rows of the e-commerce programme pages and read API (ecpage) and of the
benefit linkages (eclink), appended to ``tests/test_permission_matrix.CASES``."""

from __future__ import annotations

from fupin.core.access import Scope
from tests import ecommerce_programme_data as ecommerce_data

# --- ecommerce: programme pages, lists and read API (ecpage) ----------------------------------
_PROGRAMME_MARKERS = {  # data of tests/ecommerce_programme_data.py -> text only mine shows
    "programme-county": lambda d: "俄尔古取村服务点",
    "programme-province": lambda d: "昭觉县",
    "programme-list": lambda d: d["ecommerce"].code,
    "programme-sites": lambda d: "俄尔古取村服务点",
    "programme-logistics": lambda d: "新城镇",
    "programme-enterprises": lambda d: "某农业合作社",
    "programme-pairings": lambda d: "某农业合作社",
    "programme-training": lambda d: d["session"].code,
    "programme-beneficiaries": lambda d: d["poor"].household_id,
    "api:list_programmes": lambda d: d["ecommerce"].code,
    "api:list_sites": lambda d: '"division_code": "513431100200"',
    "api:list_logistics": lambda d: '"division_code": "513431100000"',
    "api:list_enterprises": lambda d: d["enterprises"][1].credit_code,
    "api:list_pairings": lambda d: d["enterprises"][1].credit_code,
    "api:list_training_sessions": lambda d: d["session"].code,
    "api:list_beneficiaries": lambda d: d["poor"].household_id,
    "api:list_county_indicators": lambda d: '"code": "513431000000"',
}


def _programme(text):
    return lambda w: text(ecommerce_data.for_world(w))



# --- e-commerce: benefit linkages (eclink) ---------------------------------------------------


def _linkage(w, mine: bool = True):
    """My (or their) household's linkage, with 2021 dividends, made once per world."""
    from fupin.ecommerce.services.linkages import record_linkage_years
    from tests.ecommerce_linkage_helpers import enterprise, linkage

    key = "_my_linkage" if mine else "_their_linkage"
    if key not in w.__dict__:
        scope = Scope("513431" if mine else "513436")
        lk = linkage(w.mine if mine else w.theirs, enterprise(), scope=scope)
        record_linkage_years(actor="test", scope=scope,
                             rows=[{"linkage": lk, "year": 2021, "dividends": 100}])
        w.__dict__[key] = lk
    return w.__dict__[key]


def _linkage_json(w, mine: bool = True) -> dict:
    from tests.ecommerce_linkage_helpers import enterprise

    household = w.mine if mine else w.theirs
    return {"code": f"API-{household.household_id}", "household_id": household.household_id,
            "credit_code": enterprise().credit_code, "form": "employment",
            "started_on": "2021-01-01"}


def rows(case) -> list:
    """The rows, made with the matrix's ``Case`` class (``case``)."""
    rows: list = []
    rows += [
        case(name, "county_officer", api=name.startswith("api:"), marker=_programme(marker))
        for name, marker in _PROGRAMME_MARKERS.items()
    ]
    rows += [
        # The national view draws the user's own provinces; the county's name is never on it.
        case("programme-nation", "county_officer", marker=_programme(lambda d: "published-batches"),
             leak=lambda w: "昭觉县"),
        case("api:get_county_indicators", "county_officer", api=True, kind="detail",
             kwargs=_programme(lambda d: {"county_code": "513431000000"}),
             other_kwargs=lambda w: {"county_code": "513436000000"},
             marker=lambda w: '"service_coverage"'),
    ]
    rows += [
        case("linkage-list", "county_officer", marker=lambda w: _linkage(w).code),
        case("linkage-detail", "village_cadre", kind="detail",
             kwargs=lambda w: {"code": _linkage(w).code},
             other_kwargs=lambda w: {"code": _linkage(w, False).code},
             marker=lambda w: _linkage(w).code),
        case("ecommerce-household-linkages", "village_cadre", kind="detail",
             kwargs=lambda w: {"household_id": w.mine.household_id},
             other_kwargs=lambda w: {"household_id": w.theirs.household_id},
             marker=lambda w: _linkage(w).code),
        case("api:list_linkages", "county_officer", api=True, marker=lambda w: _linkage(w).code),
        case("api:get_linkage", "township_reviewer", api=True, kind="detail",
             kwargs=lambda w: {"code": _linkage(w).code},
             other_kwargs=lambda w: {"code": _linkage(w, False).code},
             marker=lambda w: _linkage(w).code),
        case("api:post_linkage", "county_officer", api=True, kind="detail", method="post",
             json=True, data=lambda w: _linkage_json(w), other_kwargs=lambda w: {},
             other_data=lambda w: _linkage_json(w, False),
             marker=lambda w: f"API-{w.mine.household_id}"),
        case("api:post_linkage_years", "county_officer", api=True, kind="detail", method="post",
             json=True, kwargs=lambda w: {"code": _linkage(w).code},
             other_kwargs=lambda w: {"code": _linkage(w, False).code},
             data=lambda w: [{"year": 2021, "wages": "250"}], marker=lambda w: '"wages": "250'),
        case("api:linkage_quality", "county_officer", api=True, data=lambda w: {"year": "2021"},
             marker=lambda w: (_linkage(w), '"513431000000"')[1]),
    ]
    return rows
