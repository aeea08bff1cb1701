"""Targets and published national figures the programme screens draw beside a county's own
numbers. Data, not code: each entry names where it comes from (docs/ecommerce.md,
"Programme pages and indicators").

Provenance (the 2018 notice on e-commerce into rural areas; the demonstration-county
batches published by the Ministry of Commerce):
- service coverage of poor villages and of administrative villages: about 50% in 2018, 80% in
  2020 (targets seen in the national notices; Hebei's 2017 acceptance reference also asks for
  village stations in ≥ 50% of poor and of administrative villages);
- township express coverage: 100%;
- training: at least 3,000 person-times per demonstration county (over its two funded years);
- demonstration counties per batch: 2014 56, 2015 200, 2016 240, 2017 260, 2018 260 (238 of them
  national poverty counties); 1,180 by early 2020, covering all 832 national poverty counties.
The batch rows also follow ``regions/data/ecommerce_demo_county_batches.csv`` (MOFCOM rosters),
which adds 2017: 237 poverty counties in the batch, 2019: 215 counties (138 poverty counties).
"""

from __future__ import annotations

#: Share (%) of villages with a working village service point: the target lines of the
#: coverage chart. Years between two targets have none.
VILLAGE_COVERAGE_TARGETS: dict[int, int] = {2018: 50, 2020: 80}

#: Township express coverage target (%).
TOWNSHIP_EXPRESS_TARGET = 100

#: Training person-times per county (the demonstration programme's two funded years).
TRAINING_TARGET = 3000

#: Demonstration counties named in each national batch, and how many of them were national
#: poverty counties where published (None: not published as text).
DEMO_BATCHES: dict[int, dict] = {
    2014: {"counties": 56, "poverty_counties": None},
    2015: {"counties": 200, "poverty_counties": None},
    2016: {"counties": 240, "poverty_counties": None},
    2017: {"counties": 260, "poverty_counties": 237},
    2018: {"counties": 260, "poverty_counties": 238},
    2019: {"counties": 215, "poverty_counties": 138},
}
#: Early 2020: 1,180 demonstration counties in all, covering every national poverty county.
DEMO_TOTAL_2020 = {"counties": 1180, "poverty_counties": 832}
NATIONAL_POVERTY_COUNTIES = 832

#: How much of each province's list of national poverty counties fupin ships
#: (``regions/data/README.md``): province prefix → (counties in the file, counties in the
#: official list). A province not named here is not covered at all: its figures are partial.
POVERTY_LIST_SHIPPED: dict[str, tuple[int, int]] = {
    "13": (45, 45), "14": (35, 36), "15": (31, 31), "22": (8, 8), "51": (66, 66),
    "54": (74, 74),
}


def poverty_list_complete(province_prefix: str) -> bool:
    """Whether the shipped list of national poverty counties of a province is complete."""
    shipped = POVERTY_LIST_SHIPPED.get(province_prefix[:2])
    return shipped is not None and shipped[0] >= shipped[1]


def published_demo_cumulative() -> dict[int, int]:
    """Demonstration counties named by the end of each batch year (published totals).

    2014–2018 add up to the 1,016 the 2018 roster cites; 2019 is left out, because 1,016 + 215
    exceeds the 1,180 published for early 2020 (the 2019 roster is an image, not verified)."""
    out, total = {}, 0
    for year in range(2014, 2019):
        total += DEMO_BATCHES[year]["counties"]
        out[year] = total
    out[2020] = DEMO_TOTAL_2020["counties"]
    return out
