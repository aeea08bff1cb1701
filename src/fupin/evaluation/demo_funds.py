"""The demo county's fund records (``fupin demo``): the 20-million-yuan two-year central grant
of 2019–2020, provincial and county money, projects across the supported uses and a year of
payments — two of them on the negative list (one by its category, one by a keyword), so the
fund pages, the flagged list and the funds module have something true to show.

Written as the county officer would: CSV files imported through the funds dataset of the
exchange (validated whole, one audit record), never past the services. Deterministic.
"""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from fupin.core import datasets
from fupin.core.access import Scope
from fupin.core.datasets import ImportOutcome
from fupin.evaluation.datasets.funds_tables import TABLES

#: (code, year, name, category, budget, allocation document or "", implementing unit, state)
PROJECTS = [
    ("P19-LOG", 2019, "县乡村三级物流配送体系", "logistics", "6000000", "C", "县邮政分公司",
     "completed"),
    ("P19-CTR", 2019, "县级电子商务公共服务中心", "service_centre", "4000000", "C", "县商务局",
     "completed"),
    ("P19-STA", 2019, "乡村电商服务站点", "service_stations", "3000000", "C", "县供销社",
     "completed"),
    ("P20-BRD", 2020, "区域公用品牌和质量追溯", "brand_quality", "2500000", "C", "县农业农村局",
     "completed"),
    ("P20-TRN", 2020, "电商培训", "training", "1500000", "C", "县人社局", "completed"),
    ("P20-SUP", 2020, "农产品上行供应链", "supply_chain", "3000000", "P", "县商务局",
     "in_progress"),
    ("P21-TRN", 2021, "电商人才培训（县级配套）", "training", "500000", "X", "县人社局",
     "in_progress"),
]


def _allocations(county: str) -> list[dict[str, Any]]:
    rows = [
        ("C", 2019, 2020, "central", "20000000", "电子商务进农村综合示范（中央财政资金）",
         DOCUMENTS["C"], "2019-05-20", "20000000"),
        ("P", 2020, 2021, "provincial", "3000000", "电子商务进农村省级配套", DOCUMENTS["P"],
         "2020-04-10", "2500000"),
        ("X", 2021, 2021, "county", "1000000", "县级配套", DOCUMENTS["X"], "2021-03-01",
         "1000000"),
    ]
    return [{"county_code": county, "year": y, "end_year": e, "level": level, "amount": amount,
             "programme": name, "document_no": doc, "allocated_on": on,
             "disbursed": disbursed, "recovered": "", "recovered_on": "",
             "recovery_document": ""} for _key, y, e, level, amount, name, doc, on, disbursed
            in rows]


#: The allocations' document numbers, by the key the projects use.
DOCUMENTS = {"C": "财建〔2019〕1号", "P": "川财建〔2020〕8号", "X": "县财〔2021〕3号"}


def _expenditures(county: str) -> list[dict[str, Any]]:
    """Monthly payments of each project in its year and the next, at most its budget; then
    the two planted negative-list payments."""
    rows, n = [], 0
    for code, year, name, category, budget, _doc, unit, _state in PROJECTS:
        share = (Decimal(budget) * Decimal("0.85") / 8).quantize(Decimal("0.01"))
        for i in range(8):
            n += 1
            month = 3 + i
            rows.append({
                "county_code": county, "project_code": code, "voucher_no": f"记-{year}-{n:03d}",
                "spent_on": dt.date(year + (1 if month > 12 else 0), (month - 1) % 12 + 1,
                                    15).isoformat(),
                "category": category, "amount": str(share), "payee": f"{unit}（承建单位{i + 1}）",
                "description": f"{name}第{i + 1}期", "negative_list": ""})
    rows.append({"county_code": county, "project_code": "P19-CTR", "voucher_no": "记-2020-901",
                 "spent_on": "2020-06-30", "category": "buildings", "amount": "380000.00",
                 "payee": "某建筑工程公司", "description": "服务中心配套用房", "negative_list": ""})
    rows.append({"county_code": county, "project_code": "P20-TRN", "voucher_no": "记-2020-902",
                 "spent_on": "2020-12-25", "category": "training", "amount": "126000.00",
                 "payee": "县电商办", "description": "电商办工作人员工资", "negative_list": ""})
    return rows


def tables(county: str) -> dict[str, list[dict[str, Any]]]:
    """The demo's rows of the three tables for ``county`` (a 12-digit county code)."""
    projects = [{"county_code": county, "year": year, "code": code, "name": name,
                 "category": category, "budget": budget, "allocation_document": DOCUMENTS[doc],
                 "implementing_unit": unit, "state": state}
                for code, year, name, category, budget, doc, unit, state in PROJECTS]
    return {"allocations": _allocations(county), "projects": projects,
            "expenditures": _expenditures(county)}


def write(folder: Path, data: dict[str, list[dict[str, Any]]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for table in TABLES:
        with (folder / f"{table.name}.csv").open("w", encoding="utf-8-sig", newline="") as fh:
            out = csv.writer(fh)
            out.writerow([c.name for c in table.columns])
            for row in data.get(table.name, []):
                out.writerow([row.get(c.name, "") for c in table.columns])
    return folder


def load(county_code: str, *, actor: Any, folder: Path) -> ImportOutcome:
    """Import the demo's fund records of ``county_code`` as ``actor`` (its officer)."""
    write(folder, tables(county_code))
    return datasets.get("funds").run_import(folder, actor=actor,
                                            scope=Scope.of_code(county_code))
