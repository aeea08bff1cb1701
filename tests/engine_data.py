"""Tiny snapshots for engine tests, written as snapshot v1 CSV files."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from fupin_engine import idcard, snapshot

YEAR = 2021
_seq = iter(range(1, 10**6))


def household(hid, status="exited", **over):
    row = {"household_id": hid, "village_code": "513431100200", "status": status,
           "exit_year": 2019 if status == "exited" else "", "housing_grade": "B",
           "relocated": 0, "water_quantity_ok": 1, "water_quality_ok": 1, "water_access_ok": 1,
           "water_reliability_ok": 1, "dibao": 0, "tekun": 0}
    row.update(over)
    return row


def member(hid, birth="1980-05-17", relation="head", **over):
    row = {"household_id": hid, "name": "某", "relation": relation, "sex": "M",
           "birth_date": birth, "health": "healthy", "disability_grade": "", "labor": "full",
           "in_school": 0, "home_schooled": 0, "medical_insurance": 1, "employment": "local"}
    row["id_number"] = idcard.make("513431", dt.date.fromisoformat(birth), next(_seq) % 1000)
    row.update(over)
    return row


def economy(hid, year=YEAR, **amounts):
    row = dict.fromkeys([c.name for c in snapshot.SCHEMA["economy"]], 0)
    row.update(household_id=hid, year=year, **amounts)
    return row


def write(folder: Path, households, members, econ) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for table, rows in (("households", households), ("members", members),
                        ("economy", econ)):
        with (folder / f"{table}.csv").open("w", encoding="utf-8", newline="") as fh:
            names = [c.name for c in snapshot.SCHEMA[table]]
            w = csv.DictWriter(fh, fieldnames=names)
            w.writeheader()
            for r in rows:
                w.writerow({k: r.get(k, "") for k in names})
    return folder
