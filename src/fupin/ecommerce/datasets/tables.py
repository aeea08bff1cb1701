"""The tables of the e-commerce dataset: columns with English names, Chinese headers, types
and rules (``fupin_engine.snapshot.Column``), the one place their names come from
(docs/formats/ecommerce.md describes them column by column; ADR 0041 the choices).

References between tables are by natural keys a county office knows — enterprises by their
unified social credit code, households by their household ID, everything else by its own
code — never by database ids, so an exported file re-imports into another installation.
"""

from __future__ import annotations

from fupin.core.exchange import Table
from fupin.ecommerce.choices import (
    EnterpriseKind,
    Outcome,
    ProductCategory,
    ProgrammeKind,
    SalesChannel,
    Sector,
    SiteLevel,
    SiteService,
    SiteStatus,
)
from fupin_engine.snapshot import AMOUNT_RULE, HOUSEHOLD_ID_PATTERN, Column

#: Programme years may lie ahead (a programme planned to 2025); data years may not.
YEAR_MIN, YEAR_MAX = 2000, 2100
CODE_PATTERN = r"^[0-9A-Za-z_.-]{1,40}$"
CODE_RULE = "letters, digits, _ . and - only, at most 40 characters; unique"
CREDIT_RULE = ("unified social credit code: 18 characters, GB 32100 check character; an "
               "enterprise of the enterprises table or already registered")
#: A quantity with up to three decimals (kg, boxes …), kept exact as text.
QUANTITY_PATTERN = r"^\d{1,11}(\.\d{1,3})?$"


#: The Chinese word of every code a drop-down offers: part of the file format (a workbook
#: written in 2026 must read the same later), so fixed here rather than taken from the
#: translation catalogue. Import accepts the code or this word.
ZH = {
    "ecommerce": "电商扶贫", "domestic_service": "家政扶贫", "labour": "劳务扶贫",
    "border_trade": "边贸扶贫",
    "county_centre": "县级电商公共服务中心", "township_station": "乡镇电商服务站",
    "village_point": "村级电商服务点",
    "working": "正常运营", "suspended": "暂停运营", "closed": "已关闭",
    "platform": "电商平台", "ecommerce_firm": "电商企业", "cooperative": "合作社",
    "shop": "网店", "logistics": "物流企业",
    "agriculture": "农副产品", "tourism": "乡村旅游", "catering": "餐饮", "crafts": "民俗手工艺",
    "grain_oil": "粮油", "fruit_veg": "果蔬", "livestock": "畜禽蛋", "aquatic": "水产品",
    "tea_herbs": "茶叶中药材", "processed": "加工食品", "other": "其他",
    "online": "线上平台", "trade_fair": "展会扶贫产品专区", "transport_hub": "交通枢纽专柜",
    "canteen": "食堂采购", "other_offline": "其他线下渠道",
    "trained": "参加培训", "opened_shop": "开办网店", "employed": "实现就业",
    "placed": "转移就业", "trading": "边贸经营",
}
#: Codes that mean something else in another vocabulary (a sector is not a product category).
ZH_BY_VOCABULARY = {("ProductCategory", "crafts"): "手工艺品",
                    ("ProductCategory", "tourism"): "乡村旅游及餐饮服务"}


def _zh(choices) -> tuple[tuple[str, str], ...]:
    """(code, Chinese word) pairs of a TextChoices for the template's drop-down."""
    return tuple((c.value, ZH_BY_VOCABULARY.get((choices.__name__, c.value), ZH[c.value]))
                 for c in choices)


def _code(name: str, label: str, what: str, **kw) -> Column:
    return Column(name, label, "text", max_length=40, pattern=CODE_PATTERN,
                  rule=kw.pop("rule", f"{what}: {CODE_RULE}"), **kw)


def _credit(name: str, label: str, **kw) -> Column:
    return Column(name, label, "text", max_length=18, rule=kw.pop("rule", CREDIT_RULE), **kw)


def _year(name: str = "year", label: str = "年度", **kw) -> Column:
    return Column(name, label, "year", minimum=YEAR_MIN, maximum=YEAR_MAX,
                  rule=kw.pop("rule", f"{YEAR_MIN} or later, not in the future"), **kw)


def _count(name: str, label: str, **kw) -> Column:
    return Column(name, label, "int", minimum=0, maximum=2_000_000_000,
                  rule=kw.pop("rule", "a whole number ≥ 0"), **kw)


def _amount(name: str, label: str, **kw) -> Column:
    return Column(name, label, "amount", rule=kw.pop("rule", AMOUNT_RULE), **kw)


def _household(name: str, label: str, **kw) -> Column:
    return Column(name, label, "text", max_length=32, pattern=HOUSEHOLD_ID_PATTERN, **kw)


def build_tables() -> tuple[Table, ...]:
    return (
        Table("programmes", ("programmes", "项目"), (
            _code("code", "项目编号", "programme code"),
            Column("kind", "项目类型", "enum", choices=_zh(ProgrammeKind)),
            Column("division_code", "县代码", "code12",
                   rule="12-digit code of a county inside your region"),
            Column("name", "项目名称", "text", max_length=120),
            Column("lead_unit", "牵头单位", "text", required=False, max_length=100),
            Column("start_year", "起始年度", "int", minimum=YEAR_MIN, maximum=YEAR_MAX,
                   rule=f"{YEAR_MIN}–{YEAR_MAX}"),
            Column("end_year", "结束年度", "int", required=False, minimum=YEAR_MIN,
                   maximum=YEAR_MAX, rule=f"{YEAR_MIN}–{YEAR_MAX}, not before the start year"),
        )),
        Table("sites", ("sites", "服务站点"), (
            _code("code", "站点编号", "site code"),
            Column("level", "站点层级", "enum", choices=_zh(SiteLevel)),
            Column("division_code", "区划代码", "code12",
                   rule="a county for a county centre, a township for a township station, a "
                        "village for a village point; inside your region"),
            Column("name", "站点名称", "text", max_length=120),
            Column("operator", "运营主体", "text", required=False, max_length=100),
            Column("services", "服务内容", "text", required=False, max_length=100,
                   rule="codes separated by ';': " + "; ".join(SiteService.values)),
            Column("opened_on", "开办日期", "date", rule="YYYY-MM-DD (may lie ahead: planned)"),
            Column("closed_on", "关闭日期", "date", required=False,
                   rule="YYYY-MM-DD, not before the opening; required when closed"),
            Column("status", "运营状态", "enum", choices=_zh(SiteStatus)),
            _count("area_m2", "面积（平方米）", required=False),
        )),
        Table("logistics", ("logistics", "乡镇物流"), (
            Column("division_code", "乡镇代码", "code12",
                   rule="12-digit code of a township inside your region; one row per "
                        "township and year"),
            _year(),
            Column("express_covered", "快递覆盖", "bool"),
            Column("carriers", "快递企业", "text", required=False, max_length=200,
                   rule="names separated by ';'"),
            _count("village_delivery_points", "村级寄递点数", required=False),
            _count("parcels_in", "进港包裹数", required=False),
            _count("parcels_out", "出港包裹数", required=False),
        )),
        Table("enterprises", ("enterprises", "企业"), (
            _credit("credit_code", "统一社会信用代码",
                    rule="18 characters with the GB 32100 check character; unique"),
            Column("name", "企业名称", "text", max_length=200),
            Column("kind", "企业类型", "enum", choices=_zh(EnterpriseKind)),
            Column("division_code", "注册地区划代码", "code12", required=False,
                   rule="12-digit code of a division of the loaded tree, or empty"),
        )),
        Table("pairings", ("pairings", "对口帮扶"), (
            _code("code", "帮扶编号", "pairing code"),
            _credit("credit_code", "企业信用代码"),
            Column("division_code", "县代码", "code12",
                   rule="12-digit code of a county inside your region"),
            Column("start_date", "开始日期", "date"),
            Column("end_date", "结束日期", "date", required=False,
                   rule="YYYY-MM-DD, not before the start (may lie ahead)"),
            _amount("committed_purchase", "承诺采购额"),
            _count("committed_training", "承诺培训人次"),
            _count("committed_jobs", "承诺就业岗位"),
        )),
        Table("pairing_years", ("pairing_years", "帮扶年度"), (
            _code("pairing_code", "帮扶编号", "a pairing of the pairings table or registered",
                  rule="a pairing of the pairings table or already registered"),
            _year(rule="within the pairing's period; one row per pairing and year"),
            _amount("delivered_purchase", "实际采购额"),
            _count("delivered_training", "实际培训人次"),
            _count("delivered_jobs", "实际就业人数"),
        )),
        Table("supply_chains", ("supply_chains", "供应链"), (
            _code("code", "供应链编号", "supply chain code"),
            Column("division_code", "县代码", "code12",
                   rule="12-digit code of a county inside your region"),
            Column("sector", "产业类别", "enum", choices=_zh(Sector)),
            Column("name", "供应链名称", "text", max_length=120),
            Column("brand", "区域品牌", "text", required=False, max_length=120),
            Column("standards", "执行标准", "text", required=False, max_length=300,
                   rule="separated by ';'"),
            Column("certifications", "认证", "text", required=False, max_length=300,
                   rule="separated by ';'"),
            Column("enterprises", "企业信用代码", "text", required=False, max_length=2000,
                   rule="credit codes separated by ';', each an enterprise of the "
                        "enterprises table or already registered"),
        )),
        Table("products", ("products", "扶贫产品"), (
            _code("code", "产品编号", "product code",
                  rule=f"product code: {CODE_RULE}; a product of the county's list (listed)"),
            Column("name", "产品名称", "text", max_length=200),
            _credit("supplier_credit_code", "供应商信用代码"),
            Column("supply_chain_code", "供应链编号", "text", required=False, max_length=40,
                   pattern=CODE_PATTERN,
                   rule="a supply chain of the same county, or empty"),
            Column("division_code", "产地区划代码", "code12",
                   rule="12-digit code of the township (or county) of origin inside your "
                        "region"),
            Column("category", "产品类别", "enum", choices=_zh(ProductCategory)),
            Column("specification", "规格", "text", required=False, max_length=120),
            Column("certificate_no", "认定证书编号", "text", max_length=40),
            Column("valid_from", "有效期起", "date"),
            Column("valid_until", "有效期止", "date",
                   rule="YYYY-MM-DD, not before valid_from (may lie ahead; a product whose "
                        "validity has ended is imported expired)"),
        )),
        Table("batches", ("batches", "产品批次"), (
            _code("product_code", "产品编号", "product",
                  rule="a product of the products table or already registered"),
            Column("batch_no", "批次号", "text", max_length=40,
                   rule="unique per product"),
            Column("produced_on", "生产日期", "date"),
            _household("origin_household_id", "来源农户编号", required=False,
                       rule="a household of the product's county; this or the co-operative"),
            _credit("origin_credit_code", "来源合作社信用代码", required=False,
                    rule="an enterprise; this or the household"),
            Column("buyer", "采购方", "text", max_length=200),
            Column("quantity", "数量", "text", max_length=15, pattern=QUANTITY_PATTERN,
                   rule="a number > 0 with at most 3 decimals"),
            Column("unit", "单位", "text", max_length=10),
        )),
        Table("sales", ("sales", "产品销售"), (
            _code("product_code", "产品编号", "product",
                  rule="a product of the products table or already registered"),
            _year(rule="not in the future; one row per product, year, channel and platform"),
            Column("channel", "销售渠道", "enum", choices=_zh(SalesChannel)),
            Column("platform", "平台或网点", "text", required=False, max_length=100),
            _amount("amount", "销售额"),
            Column("quantity", "销售数量", "text", required=False, max_length=15,
                   pattern=QUANTITY_PATTERN, rule="a number ≥ 0 with at most 3 decimals"),
        )),
        Table("training_sessions", ("training_sessions", "培训"), (
            _code("code", "培训编号", "session code"),
            _code("programme_code", "项目编号", "programme",
                  rule="a programme of the programmes table or already registered"),
            Column("held_on", "培训日期", "date"),
            Column("topic", "培训主题", "text", max_length=200),
            Column("provider", "培训机构", "text", max_length=100),
            _count("person_times", "培训人次"),
            _count("poor_trainees", "其中贫困人口", rule="≥ 0 and ≤ person_times"),
            _count("exited_trainees", "其中脱贫人口", rule="≥ 0 and ≤ person_times"),
        )),
        Table("beneficiaries", ("beneficiaries", "受益对象"), (
            _code("programme_code", "项目编号", "programme",
                  rule="a programme of the programmes table or already registered"),
            _household("household_id", "农户编号",
                       rule="a registered household of the programme's county"),
            Column("member_name", "成员姓名", "text", required=False, max_length=50),
            _year(rule="not in the future; one row per programme, household, member, year "
                       "and outcome"),
            Column("outcome", "成效", "enum", choices=_zh(Outcome)),
            Column("session_code", "培训编号", "text", required=False, max_length=40,
                   pattern=CODE_PATTERN, rule="a training session of the same programme"),
            _amount("wage_income", "工资收入", required=False),
            Column("months", "月数", "int", required=False, minimum=0, maximum=12,
                   rule="0–12"),
        )),
    )


#: Columns whose dates may lie ahead (planned openings, closings, ends of validity).
FUTURE_DATES = {("sites", "opened_on"), ("sites", "closed_on"), ("pairings", "end_date"),
                ("products", "valid_until")}

#: The tables in the order they are checked and written (a table refers only to those before).
TABLES: tuple[Table, ...] = build_tables()


def table(name: str) -> Table:
    return next(t for t in TABLES if t.name == name)


TABLE_NAMES = tuple(t.name for t in TABLES)
