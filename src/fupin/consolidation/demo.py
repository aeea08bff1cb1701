"""Demo help records for the demo county's exited households, 2019–2021 (docs/consolidation.md).

Imported by the county officer through the help-register dataset, as a county would, so the
demo exercises the exchange too. Reproducible (``seed``): most exited households receive help
of one or two of the policy's five types each year, some also of the other types, and about
one in twelve receives help up to 2020 and none in 2021 — inside the consolidation period, so
they appear in the follow-up list of households that lost all help.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path
from typing import Any

from fupin.consolidation.choices import POLICY_TYPES, TYPE_ZH
from fupin.consolidation.datasets import NAME, TABLES
from fupin.core import datasets
from fupin.core.access import Scope
from fupin.households.models import Household

YEARS = (2019, 2020, 2021)
#: Where each type usually comes from (the departments a county's help register lists).
SOURCES = {"industry": "县农业农村局", "employment": "县人力资源和社会保障局",
           "finance": "县农村信用合作联社", "education": "县教育局", "health": "县卫生健康局",
           "housing": "县住房和城乡建设局", "water": "县水务局",
           "social_assistance": "县民政局", "insurance": "县医疗保障局"}
#: Typical amounts (yuan) per type: industry subsidies, placements, microcredit, grants.
AMOUNTS = {"industry": (800, 5000), "employment": (1000, 6000), "finance": (10000, 50000),
           "education": (500, 3000), "health": (300, 4000), "housing": (5000, 20000),
           "water": (200, 1500), "social_assistance": (1000, 5000), "insurance": (100, 400)}
OTHER_TYPES = ("housing", "water", "social_assistance", "insurance")
LOSE_ALL = 1 / 12


def rows(county_code: str, seed: int) -> list[dict[str, Any]]:
    """The help register rows of the county's exited households (one query)."""
    rng = random.Random(f"help-{county_code}-{seed}")  # noqa: S311 (demo data, reproducible)
    households = (Household.objects.filter(Scope.of_code(county_code).q("village_id"),
                                           status="exited")
                  .order_by("household_id").values_list("household_id", "exit_year"))
    out: list[dict[str, Any]] = []
    for household_id, exit_year in households:
        loses = rng.random() < LOSE_ALL
        for year in YEARS:
            if loses and year == YEARS[-1]:
                continue
            before = exit_year is not None and year < exit_year
            # More help before exit and in the period than a household gets at random.
            if rng.random() > (0.9 if before or loses else 0.75):
                continue
            kinds = rng.sample(POLICY_TYPES, rng.choice((1, 1, 2)))
            if rng.random() < 0.15:
                kinds.append(rng.choice(OTHER_TYPES))
            for kind in kinds:
                low, high = AMOUNTS[kind]
                out.append({"household_id": household_id, "year": year, "type": TYPE_ZH[kind],
                            "amount": f"{rng.randint(low, high)}.00",
                            "source": SOURCES[kind], "description": ""})
    return out


def load(county_code: str, *, seed: int, actor: Any, folder: Path):
    """Write the rows as a CSV file and import them through the exchange (once)."""
    folder.mkdir(parents=True, exist_ok=True)
    columns = [c.name for c in TABLES[0].columns]
    with (folder / "help.csv").open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(columns)
        for row in rows(county_code, seed):
            out.writerow([row.get(c, "") for c in columns])
    return datasets.get(NAME).run_import(folder, actor=actor,
                                         scope=Scope.of_code(county_code))
