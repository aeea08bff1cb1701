"""A believable commerce programme for the demo county, generated reproducibly from a seed
like the households (``fupin demo``, issue 12 item 10), and loaded the way a county office
would: written as the e-commerce dataset's CSV files and imported through the exchange
(``datasets.ECOMMERCE``), all or nothing.

What it makes, from the county's own townships, villages and households: a programme of each
kind (e-commerce, domestic service, labour, border trade); the county centre, a station in
every township (one suspended) and points in about half the villages (some closed, some
opened after the data's last year); express logistics per township and year with carriers;
three enterprises paired with the county, with commitments and yearly deliveries; local
co-operatives and firms; supply chains of the four sectors; products of the county's list
(most listed, two expired); batches traced to poor or exited households or co-operatives;
sales by channel; training sessions with poor and exited trainees; beneficiaries with their
outcomes (trained, opened a shop, placed with wage income …).
Products through certification and benefit linkages are the certification's and the
linkages' own demo modules (``demo_products``, ``demo_linkages``), called by the command.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils import timezone
from stdnum.cn import uscc

from fupin.core.access import Scope
from fupin.core.exchange_write import write_tables
from fupin.ecommerce.datasets import ECOMMERCE
from fupin.ecommerce.datasets.tables import TABLES
from fupin.households.models import Household
from fupin.regions.models import Division

YEARS = (2019, 2020, 2021)
CARRIERS = ("中国邮政", "中通快递", "圆通速递", "韵达快递", "京东物流")
#: Org-code characters of a credit code (GB 32100 leaves out I, O, S, V, Z).
ORG_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
PRODUCTS = (  # name, category, sector, specification, unit
    ("苦荞茶", "tea_herbs", "agriculture", "250克/盒", "盒"),
    ("苦荞米", "grain_oil", "agriculture", "2.5千克/袋", "kg"),
    ("高原马铃薯", "fruit_veg", "agriculture", "5千克/箱", "kg"),
    ("半细毛羊肉", "livestock", "agriculture", "冷鲜 1千克", "kg"),
    ("彝家腊肉", "processed", "agriculture", "500克/袋", "kg"),
    ("大红袍花椒", "processed", "agriculture", "250克/罐", "kg"),
    ("高山雪桃", "fruit_veg", "agriculture", "3千克/箱", "kg"),
    ("野生蜂蜜", "processed", "agriculture", "500克/瓶", "瓶"),
    ("彝族漆器餐具", "crafts", "crafts", "六件套", "套"),
    ("彝绣挎包", "crafts", "crafts", "手工 中号", "件"),
    ("谷克德湿地农家乐套餐", "tourism", "tourism", "二人一日", "份"),
    ("坨坨肉宴席", "tourism", "catering", "十人桌", "桌"),
)


def credit_code(rng: random.Random, kind: str, region: str) -> str:
    """A unified social credit code with a correct GB 32100 check character: 9 (market
    regulation) + 1 company / 2 individual business / 3 farmers' co-operative + the
    registering division + a 9-character organisation code."""
    base = "9" + kind + region[:6] + "MA" + "".join(rng.choice(ORG_CHARS) for _ in range(7))
    return base + uscc.calc_check_digit(base)


def generate(county: Division, *, seed: int, today: dt.date) -> dict[str, list[list[Any]]]:
    """Rows of every table (values in the order of the dataset's columns)."""
    rng = random.Random(f"ecommerce-{county.code}-{seed}")  # noqa: S311 - reproducible data
    c6, short = county.code[:6], county.name.removesuffix("县")
    townships = list(Division.objects.filter(parent=county).order_by("code"))
    villages = list(Division.objects.filter(parent__parent=county).order_by("code"))
    households = list(Household.objects.filter(village__parent__parent=county)
                      .order_by("household_id").values_list("household_id", "village_id",
                                                            "status"))
    poorish = [h for h in households if h[2] in ("poor", "exited")] or households
    out: dict[str, list[list[Any]]] = defaultdict(list)

    programmes = {
        "ecommerce": (f"EC-{c6}", f"{short}电子商务进农村综合示范", f"{short}商务局", 2019),
        "domestic_service": (f"DS-{c6}", f"{short}百城万村家政扶贫",
                             f"{short}人力资源和社会保障局", 2019),
        "labour": (f"LB-{c6}", f"{short}劳务扶贫（东西部协作）",
                   f"{short}人力资源和社会保障局", 2019),
        "border_trade": (f"BT-{c6}", f"{short}边贸扶贫（对口边境县协作）", f"{short}商务局", 2020),
    }
    for kind, (code, name, unit, start) in programmes.items():
        out["programmes"].append([code, kind, county.code, name, unit, start, 2025])

    # Service system: the centre, a station per township, points in about half the villages.
    out["sites"].append([f"S-{c6}", "county_centre", county.code, f"{short}电子商务公共服务中心",
                         f"{short}供销合作社", "purchase;sales;parcels;payment;training",
                         dt.date(2017, 9, 1), None, "working", 1800])
    for i, t in enumerate(townships):
        status = "suspended" if i == 3 else "working"
        out["sites"].append([f"S-{t.code[:9]}", "township_station", t.code, f"{t.name}电商服务站",
                             f"{t.name}供销社", "purchase;sales;parcels;training",
                             dt.date(2018, rng.randint(3, 12), 1), None, status,
                             rng.choice([120, 150, 200, 260])])
    for v in villages:
        roll = rng.random()
        if roll > 0.55:
            continue
        opened = dt.date(rng.choice([2018, 2019, 2020, 2021]), rng.randint(1, 12), 1)
        closed, status = None, "working"
        if roll < 0.05:  # closed again: nobody ran it
            closed, status = dt.date(2021, rng.randint(1, 12), 28), "closed"
            opened = min(opened, dt.date(2020, 6, 1))
        elif roll > 0.50:  # not yet open in the data's last year
            opened = dt.date(rng.choice([2022, 2023]), rng.randint(1, 12), 1)
        name = v.name.removesuffix("村民委员会").removesuffix("社区居民委员会")
        out["sites"].append([f"S-{v.code}", "village_point", v.code, f"{name}电商服务点",
                             "", rng.choice(["purchase;sales", "purchase;sales;parcels",
                                             "parcels;payment"]),
                             opened, closed, status, None])

    # Logistics: express coverage spreads township by township; once covered, it stays.
    for t in townships:
        covered_from = rng.choice([2017, 2018, 2019, 2020, 2021, 2022])
        carriers = ["中国邮政", *rng.sample(CARRIERS[1:], rng.randint(0, 3))]
        villages_here = sum(1 for v in villages if v.parent_id == t.code)
        for year in YEARS:
            covered = year >= covered_from
            points = round(villages_here * min(1, 0.3 + 0.2 * (year - 2019))) if covered else 0
            out["logistics"].append([
                t.code, year, covered, ";".join(carriers) if covered else "", points,
                rng.randint(8, 40) * 1000 * (year - 2017) if covered else None,
                rng.randint(2, 15) * 1000 * (year - 2017) if covered else None])

    # Enterprises: three paired from outside, local firms and co-operatives.
    paired = [(credit_code(rng, "1", "510104"), "蜀供电商平台有限公司", "platform",
               "510104000000"),
              (credit_code(rng, "1", "513401"), "凉山彝品电子商务有限公司", "ecommerce_firm",
               "513401000000"),
              (credit_code(rng, "1", "510107"), "川运供应链物流有限公司", "logistics",
               "510107000000")]
    local_firm = (credit_code(rng, "1", c6), f"{short}彝乡电子商务有限公司", "ecommerce_firm",
                  county.code)
    shop = (credit_code(rng, "2", c6), f"{short}阿依网店", "shop", county.code)
    coops = []
    for v in rng.sample(villages, min(8, len(villages))):
        name = v.name.removesuffix("村民委员会").removesuffix("社区居民委员会")
        coops.append((credit_code(rng, "3", c6), f"{short}{name}种养殖专业合作社", "cooperative",
                      v.code))
    for firm in [*paired, local_firm, shop, *coops]:
        out["enterprises"].append(list(firm))
    for i, (code, _name, _kind, _div) in enumerate(paired):
        pairing = f"PR-{c6}-{i + 1}"
        purchase = Decimal(rng.choice([3, 5, 8])) * 1_000_000
        training, jobs = rng.choice([300, 500, 800]), rng.choice([20, 40, 60])
        out["pairings"].append([pairing, code, county.code, dt.date(2019, 1, 1),
                                dt.date(2023, 12, 31), purchase, training, jobs])
        for year in YEARS:
            share = Decimal(rng.randint(15, 28)) / 100
            out["pairing_years"].append([pairing, year, (purchase * share).quantize(Decimal(1)),
                                         round(training * float(share)),
                                         round(jobs * float(share))])

    # Supply chains of the four sectors.
    chains = {"agriculture": (f"SC-{c6}-AG", "苦荞及高原农特产品供应链", "大凉山"),
              "tourism": (f"SC-{c6}-TR", "乡村旅游供应链", f"{short}彝乡游"),
              "catering": (f"SC-{c6}-CT", "彝家餐饮供应链", "大凉山"),
              "crafts": (f"SC-{c6}-CR", "彝族民俗手工艺供应链", "彝绣")}
    for sector, (code, name, brand) in chains.items():
        members = [local_firm[0], *(c[0] for c in coops[:3])] if sector == "agriculture" \
            else [rng.choice(coops)[0], shop[0]]
        out["supply_chains"].append([
            code, county.code, sector, name, brand,
            "绿色食品" if sector == "agriculture" else "",
            "地理标志;有机产品" if sector == "agriculture" else "",
            ";".join(sorted(set(members)))])

    # Products of the county's list, their batches and sales.
    renewed = dt.date(today.year + 1, 6, 30)
    for i, (name, category, sector, spec, unit) in enumerate(PRODUCTS):
        code = f"PD-{c6}-{i + 1:02d}"
        coop = coops[i % len(coops)]
        origin = coop[3][:9].ljust(12, "0")
        valid_from = dt.date(rng.choice([2019, 2020]), rng.randint(1, 12), 1)
        valid_until = dt.date(2022, 12, 31) if i in (4, 9) else renewed
        supplier = local_firm if sector in ("tourism", "catering") else coop
        out["products"].append([code, name, supplier[0], chains[sector][0], origin, category,
                                spec, f"川扶认〔{valid_from.year}〕{c6}{i + 1:03d}号",
                                valid_from, valid_until])
        local = [h for h in poorish if h[1].startswith(origin[:9])] or poorish
        for n in range(rng.randint(3, 6)):
            year = YEARS[n % 3]
            from_household = rng.random() < 0.6
            out["batches"].append([
                code, f"{year}-{n + 1:03d}",
                dt.date(year, rng.randint(3, 11), rng.randint(1, 28)),
                rng.choice(local)[0] if from_household else None,
                None if from_household else coop[0],
                rng.choice(["成都市某机关食堂", "蜀供电商平台有限公司", "西昌某连锁超市",
                            "消费扶贫专馆"]),
                str(rng.randint(50, 3000)), unit])
        for year in YEARS:
            for channel in rng.sample(["online", "trade_fair", "transport_hub", "canteen",
                                       "other_offline"], 2):
                platform = "蜀供电商平台" if channel == "online" else ""
                amount = Decimal(rng.randint(20, 900)) * 1000 * (1 + (year - 2019) // 2)
                out["sales"].append([code, year, channel, platform, amount,
                                     str(rng.randint(500, 20000))])

    # Training and beneficiaries.
    topics = ("网店开设与运营", "农产品直播带货", "电商物流与包装", "农产品品牌与质量标准",
              "家政服务技能", "劳务输出岗前培训", "边贸政策与报关")
    sessions_of: dict[str, list[str]] = defaultdict(list)
    for kind, (pcode, _n, _u, start) in programmes.items():
        per_year = {"ecommerce": 6, "domestic_service": 2, "labour": 2, "border_trade": 1}[kind]
        for year in YEARS:
            if year < start:
                continue
            for n in range(per_year):
                code = f"T-{c6}-{kind[:2].upper()}{year}{n + 1:02d}"
                people = rng.randint(40, 160)
                poor = rng.randint(people // 4, people // 2)
                exited = rng.randint(0, people - poor)
                topic = {"ecommerce": rng.choice(topics[:4]), "domestic_service": topics[4],
                         "labour": topics[5], "border_trade": topics[6]}[kind]
                out["training_sessions"].append([
                    code, pcode, dt.date(year, rng.randint(3, 11), rng.randint(1, 28)), topic,
                    f"{short}电子商务公共服务中心" if kind == "ecommerce"
                    else f"{short}职业技术学校",
                    people, poor, min(exited, people)])
                sessions_of[kind].append(code)
    sample = rng.sample(poorish, min(len(poorish), 420))
    for i, (hid, _village, _status) in enumerate(sample):
        kind = ("ecommerce" if i < 240 else "domestic_service" if i < 320
                else "labour" if i < 400 else "border_trade")
        pcode, start = programmes[kind][0], programmes[kind][3]
        year = rng.choice([y for y in YEARS if y >= start])
        session = rng.choice([s for s in sessions_of[kind] if str(year) in s])
        if kind == "ecommerce":
            outcome = "opened_shop" if rng.random() < 0.15 else "trained"
            out["beneficiaries"].append([pcode, hid, "", year, outcome, session, None, None])
        elif kind == "border_trade":
            out["beneficiaries"].append([pcode, hid, "", year, "trading", session,
                                         Decimal(rng.randint(6, 20)) * 1000, rng.randint(3, 9)])
        else:
            months = rng.randint(4, 12)
            wage = Decimal(rng.randint(2500, 4500) * months)
            out["beneficiaries"].append([pcode, hid, "", year, "placed", session, wage, months])
    return dict(out)


def load(county: Division, *, seed: int, actor: Any, folder: Path,
         today: dt.date | None = None):
    """Generate, write as CSV and import through the exchange (inside the county)."""
    tables = generate(county, seed=seed, today=today or timezone.localdate())
    write_tables(folder, "csv", TABLES, {name: iter(rows) for name, rows in tables.items()})
    return ECOMMERCE.run_import(folder, actor=actor, scope=Scope.of_code(county.code))
