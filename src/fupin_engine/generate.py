"""A realistic synthetic county in snapshot v1 shape, for demos, tests and benchmarks.

The same seed gives the same data. Incomes are log-normal, calibrated so that a realistic share
of households sits near the 2021 monitoring line (6,000 yuan per person); a minority runs an
e-commerce venture, some of them at a loss or in debt; illness, disaster and accident shocks
and guarantee failures occur at low rates.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from fupin_engine import idcard

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红梅鹏飞建国志强海燕春梅文斌德明永福金花玉珍阿依布且尔古拉木沙"


@dataclass
class Snapshot:
    """Rows of the three snapshot v1 tables, as dicts keyed by the English column names."""

    households: list[dict] = field(default_factory=list)
    members: list[dict] = field(default_factory=list)
    economy: list[dict] = field(default_factory=list)


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _birth(rng: random.Random, age: int, year: int) -> dt.date:
    start = dt.date(year - age, 1, 1)
    return start + dt.timedelta(days=rng.randrange(365))


def generate(
    *,
    county_code: str,
    villages: Sequence[str],
    households: int,
    years: Sequence[int],
    seed: int = 1,
) -> Snapshot:
    """Generate ``households`` households spread over ``villages`` of ``county_code``."""
    rng = random.Random(seed)
    snap = Snapshot()
    last_year = max(years)
    used: set[str] = set()
    address = county_code[:6]
    for i in range(households):
        village = villages[i % len(villages)] if i < len(villages) else rng.choice(villages)
        hid = f"{address}{i + 1:07d}"
        r = rng.random()
        status = "poor" if r < 0.04 else "exited" if r < 0.40 else "general"
        exit_year = rng.choice((2016, 2017, 2018, 2019, 2020)) if status == "exited" else None
        members = list(_members(rng, last_year))
        for m in members:
            m["household_id"] = hid
            m["id_number"] = _unique_id(rng, used, address, m["birth_date"], m["sex"])
            m["birth_date"] = m["birth_date"].isoformat()
        snap.members.extend(members)
        snap.households.append({
            "household_id": hid, "village_code": village, "status": status,
            "exit_year": exit_year,
            "housing_grade": rng.choices("ABCD", weights=(55, 40, 4, 1))[0],
            "relocated": int(rng.random() < 0.08),
            "water_quantity_ok": int(rng.random() > 0.01),
            "water_quality_ok": int(rng.random() > 0.015),
            "water_access_ok": int(rng.random() > 0.01),
            "water_reliability_ok": int(rng.random() > 0.01),
            "dibao": int(status != "general" and rng.random() < 0.15),
            "tekun": int(rng.random() < 0.01),
        })
        snap.economy.extend(_economy(rng, hid, len(members), status, years))
    return snap


def _unique_id(rng: random.Random, used: set[str], address: str, birth: dt.date,
               sex: str) -> str:
    """A valid number not used yet; the sequence digit's parity carries the sex."""
    sequence = rng.randrange(500) * 2 + (1 if sex == "M" else 0)
    number = idcard.make(address, birth, sequence)
    while number in used:
        sequence = (sequence + 2) % 1000
        number = idcard.make(address, birth, sequence)
    used.add(number)
    return number


def _members(rng: random.Random, year: int) -> Iterator[dict]:
    head_age = rng.randint(25, 78)
    head_sex = "M" if rng.random() < 0.85 else "F"
    yield _person(rng, "head", head_sex, head_age, year)
    if rng.random() < 0.8:
        yield _person(rng, "spouse", "F" if head_sex == "M" else "M",
                      max(20, head_age + rng.randint(-5, 3)), year)
    for _ in range(rng.choices((0, 1, 2, 3, 4), weights=(20, 30, 30, 15, 5))[0]):
        child_age = max(0, head_age - rng.randint(20, 38))
        yield _person(rng, "child", rng.choice("MF"), child_age, year)
    if head_age < 55 and rng.random() < 0.25:
        yield _person(rng, "parent", rng.choice("MF"), head_age + rng.randint(22, 30), year)
    if head_age > 55 and rng.random() < 0.3:
        yield _person(rng, "grandchild", rng.choice("MF"), rng.randint(0, 14), year)


def _person(rng: random.Random, relation: str, sex: str, age: int, year: int) -> dict:
    r = rng.random()
    health = ("healthy" if r < 0.85 else "chronic" if r < 0.93
              else "major_illness" if r < 0.97 else "disabled")
    school_age = 6 <= age <= 15
    in_school = int(school_age and rng.random() > 0.01) or int(16 <= age <= 18 and
                                                                rng.random() < 0.7)
    home_schooled = int(school_age and not in_school and health == "disabled")
    labor = ("none" if age < 16 or age > 70 or health in {"major_illness", "disabled"}
             else "partial" if age > 60 or health == "chronic" else "full")
    employment = ("none" if labor == "none" else
                  rng.choices(("local", "migrant", "none"), weights=(45, 40, 15))[0])
    return {
        "name": _name(rng), "relation": relation, "sex": sex,
        "birth_date": _birth(rng, age, year), "health": health,
        "disability_grade": rng.randint(1, 4) if health == "disabled" else None,
        "labor": labor, "in_school": in_school, "home_schooled": home_schooled,
        "medical_insurance": int(rng.random() > 0.01), "employment": employment,
    }


def _economy(rng: random.Random, hid: str, size: int, status: str,
             years: Sequence[int]) -> Iterator[dict]:
    # Per-capita net income: log-normal around a county median that grows ~8% a year.
    base = {"poor": 4200.0, "exited": 8200.0, "general": 11000.0}[status]
    level = rng.lognormvariate(math.log(base), 0.45)
    venture = rng.random() < 0.12
    for k, year in enumerate(sorted(years)):
        per_capita = level * (1.08 ** k) * rng.lognormvariate(0, 0.12)
        if rng.random() < 0.03:  # a bad year: the income collapses
            per_capita *= rng.uniform(0.3, 0.65)
        net = per_capita * size
        wage = net * rng.uniform(0.4, 0.75)
        transfer = net * rng.uniform(0.05, 0.2)
        production_cost = net * rng.uniform(0.05, 0.15)
        revenue = cost = debt = 0.0
        if venture:
            revenue = rng.uniform(3000, 40000)
            margin = rng.gauss(0.12, 0.2)
            cost = revenue * (1 - margin)
            debt = rng.uniform(0, 30000) if rng.random() < 0.3 else 0.0
        operating = max(0.0, net - wage - transfer + production_cost - (revenue - cost))
        shock = rng.random()
        yield {
            "household_id": hid, "year": year,
            "wage": round(wage, 2), "operating": round(operating, 2),
            "ecommerce_revenue": round(revenue, 2), "ecommerce_cost": round(cost, 2),
            "ecommerce_debt": round(debt, 2), "property": round(net * 0.02, 2),
            "transfer": round(transfer, 2), "production_cost": round(production_cost, 2),
            "medical_oop": round(rng.uniform(20000, 80000) if shock < 0.03
                                 else rng.uniform(0, 1500), 2),
            "education_expense": round(rng.uniform(0, 3000), 2),
            "disaster_loss": round(rng.uniform(5000, 30000) if 0.03 <= shock < 0.05 else 0, 2),
            "accident_loss": round(rng.uniform(5000, 40000) if 0.05 <= shock < 0.06 else 0, 2),
        }


def generate_years(
    *,
    county_code: str,
    villages: Sequence[str],
    households: int,
    years: Sequence[int],
    seed: int = 1,
) -> dict[int, Snapshot]:
    """Yearly snapshots of one county, each the registry at the end of its year.

    Across the years: households exit poverty (poor before their exit year, exited from it
    on), children are born (absent before their birth year), members die (present only before
    their death year; never a head), the last household is new in the second year, one
    household is dissolved in the last year (absent from its snapshot) and one person moves to
    another household of the same village in the last year. Each
    year's snapshot carries that year's economy and the previous year's, equal to what the
    previous snapshot said for it. The same seed gives the same snapshots.
    """
    years = sorted(years)
    if len(years) < 2:
        raise ValueError("generate_years needs at least two years")
    base = generate(county_code=county_code, villages=villages, households=households,
                    years=[years[0] - 1, *years], seed=seed)
    rng = random.Random(seed * 7919 + 1)
    # Exits spread over the years, so that statuses change between the snapshots.
    for k, h in enumerate(base.households):
        if h["status"] == "exited" and k % 3 == 0:
            h["exit_year"] = years[1 + k % (len(years) - 1)]
    by_household: dict[str, list[dict]] = {}
    for m in base.members:
        by_household.setdefault(m["household_id"], []).append(m)
    died: dict[str, int] = {}
    for m in base.members:
        if m["relation"] != "head" and rng.random() < 0.04:
            died[m["id_number"]] = rng.choice(years[1:])
    first = next(ms for ms in by_household.values() if len(ms) > 1)
    died.setdefault(next(m for m in first if m["relation"] != "head")["id_number"], years[-1])
    # A child born in the second year, so that a birth is in the data whatever the seed.
    newborn_home = base.households[1]["household_id"]
    baby = _person(rng, "grandchild", "F", 0, years[1])
    baby["household_id"] = newborn_home
    baby["birth_date"] = dt.date(years[1], 3, 1)
    baby["id_number"] = _unique_id(rng, {m["id_number"] for m in base.members},
                                   county_code[:6], baby["birth_date"], "F")
    baby["birth_date"] = baby["birth_date"].isoformat()
    base.members.append(baby)
    late = {base.households[-1]["household_id"]: years[1]}
    keep = {newborn_home, first[0]["household_id"], *late}
    gone = next(h for h in base.households if h["household_id"] not in keep)
    dissolved = {gone["household_id"]: years[-1]}
    keep.add(gone["household_id"])
    mover, home = next((m, h) for m in base.members for h in base.households
                       if m["relation"] != "head" and m["id_number"] not in died
                       and m["household_id"] not in keep and h["household_id"] not in keep
                       and h["household_id"] != m["household_id"]
                       and h["village_code"] == next(
                           x["village_code"] for x in base.households
                           if x["household_id"] == m["household_id"]))
    moved = {mover["id_number"]: (years[-1], home["household_id"])}
    return {year: as_of(base, year, died=died, founded=late, dissolved=dissolved, moved=moved)
            for year in years}


def as_of(snap: Snapshot, year: int, *, died: dict[str, int] | None = None,
          founded: dict[str, int] | None = None, dissolved: dict[str, int] | None = None,
          moved: dict[str, tuple[int, str]] | None = None) -> Snapshot:
    """``snap`` (the registry at the end of its latest year) as it stood at the end of
    ``year``: a household exited after ``year`` still poor, members born after it absent,
    members who died (``died``: identity number → year of death) by then absent, households
    founded after it (``founded``: household ID → first year) or dissolved by then
    (``dissolved``: household ID → first year absent) absent, people who moved by then
    (``moved``: identity number → (year, new household ID)) in their new household, the
    economy of ``year`` and the year before."""
    died, founded = died or {}, founded or {}
    dissolved, moved = dissolved or {}, moved or {}
    out = Snapshot()
    for h in snap.households:
        if (founded.get(h["household_id"], year) > year
                or dissolved.get(h["household_id"], year + 1) <= year):
            continue
        row = dict(h)
        if row["status"] == "exited" and row["exit_year"] and row["exit_year"] > year:
            row["status"], row["exit_year"] = "poor", None
        out.households.append(row)
    present = {h["household_id"] for h in out.households}
    for m in snap.members:
        born = dt.date.fromisoformat(m["birth_date"]).year
        if (m["household_id"] not in present or born > year
                or died.get(m["id_number"], year + 1) <= year):
            continue
        row = dict(m)
        if m["id_number"] in moved and moved[m["id_number"]][0] <= year:
            row["household_id"] = moved[m["id_number"]][1]
        if year - born < 6:
            row["in_school"] = row["home_schooled"] = 0
        out.members.append(row)
    out.economy = [e for e in snap.economy if e["household_id"] in present
                   and year - 1 <= e["year"] <= year]
    return out
