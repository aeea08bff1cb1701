"""A small registry with one manipulated county, for the integrity runs' tests.

昭觉县 (513431): 150 households with incomes drawn uniformly from 1,800–10,200 yuan, and
40 more in one village at exactly 6,000 or 6,100 — just above the 2021 monitoring line:
bunching in the county, round hundreds in the village and two clusters of identical income
records. 美姑县 (513436): 100 households drawn the same way, clean.
Every household has one member, so per-capita income is the wage.
"""

from __future__ import annotations

import random
from pathlib import Path

from fupin.core.access import Scope
from fupin.households.importer import run_import
from tests import engine_data as ed

HOME_VILLAGES = ("513431100200", "513431100204", "513431101201")
BUNCHED_VILLAGE = "513431100204"
OTHER_VILLAGE = "513436100201"


def _spread(n: int, seed: int) -> list[float]:
    """``n`` incomes drawn uniformly from [1,800, 10,200) to the fen (a fixed seed)."""
    draw = random.Random(seed)
    return [round(draw.uniform(1800, 10200), 2) for _ in range(n)]


def snapshot(folder: Path) -> Path:
    households, members, economy = [], [], []

    def add(hid: str, village: str, wage: float) -> None:
        households.append(ed.household(hid, village_code=village))
        members.append(ed.member(hid))
        economy.append(ed.economy(hid, wage=f"{wage:.2f}"))

    for i, wage in enumerate(_spread(150, 16)):
        add(f"ZJ{i:05d}", HOME_VILLAGES[i % 3], wage)
    for i in range(40):
        add(f"ZB{i:05d}", BUNCHED_VILLAGE, 6000.0 if i % 2 else 6100.0)
    for i, wage in enumerate(_spread(100, 17)):
        add(f"MG{i:05d}", OTHER_VILLAGE, wage)
    return ed.write(folder, households, members, economy)


def registry(folder: Path) -> Path:
    """Write the snapshot and import it into the registry (the product's own import)."""
    path = snapshot(folder)
    outcome = run_import(path, actor="test", scope=Scope.nation())
    assert outcome.ok, outcome.report
    return path
