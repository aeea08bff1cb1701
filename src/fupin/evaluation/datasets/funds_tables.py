"""The tables of the funds dataset (allocations, projects, expenditures): columns with English
names, Chinese headers, types and rules — the one place their names come from
(docs/formats/funds.md describes them column by column) — and the messages of its rules.

References are by natural keys a county finance office knows: an allocation by its document
number, a project by its code, both within the county; never by database ids.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from fupin.core.exchange import Table
from fupin.evaluation.choices import AllocationLevel, FundCategory, ProjectState
from fupin.households import messages as registry
from fupin_engine.snapshot import AMOUNT_RULE, Column

YEAR_MIN, YEAR_MAX = 2000, 2100
CODE_PATTERN = r"^[0-9A-Za-z_.-]{1,40}$"

#: The Chinese word of every code a drop-down offers: part of the file format, so fixed here
#: rather than taken from the translation catalogue. Import accepts the code or the word.
ZH = {
    "central": "中央财政资金", "provincial": "省级财政资金", "county": "县级财政资金",
    "planned": "计划", "in_progress": "实施中", "completed": "已完成",
    "logistics": "县乡村三级物流配送体系", "service_centre": "县级电子商务公共服务中心",
    "service_stations": "乡村电子商务服务站点", "brand_quality": "品牌培育和质量追溯体系",
    "training": "电子商务培训", "supply_chain": "农产品上行和供应链",
    "other_supported": "其他支持方向",
    "trading_platform": "建设交易平台（负面清单）", "buildings": "建设楼堂馆所（负面清单）",
    "land": "征地（负面清单）", "traffic": "购买流量（负面清单）",
    "staff_running": "人员经费和日常运转（负面清单）",
}


def _zh(choices) -> tuple[tuple[str, str], ...]:
    return tuple((c.value, ZH[c.value]) for c in choices)


def _county() -> Column:
    return Column("county_code", "县代码", "code12",
                  rule="12-digit code of a county inside your region")


def _amount(name: str, label: str, **kw) -> Column:
    return Column(name, label, "amount", rule=kw.pop("rule", AMOUNT_RULE), **kw)


TABLES: tuple[Table, ...] = (
    Table("allocations", ("allocations", "资金下达"), (
        _county(),
        Column("year", "年度", "year", minimum=YEAR_MIN, maximum=YEAR_MAX,
               rule="the first year of the period; not in the future"),
        Column("end_year", "截止年度", "int", required=False, minimum=YEAR_MIN,
               maximum=YEAR_MAX, rule="the last year of the period (2 for the central "
                                      "two-year grant); empty = the same year"),
        Column("level", "资金级次", "enum", choices=_zh(AllocationLevel)),
        _amount("amount", "下达金额"),
        Column("programme", "资金项目", "text", max_length=120),
        Column("document_no", "文号", "text", max_length=60,
               rule="the allocating document's number; unique in the county"),
        Column("allocated_on", "下达日期", "date"),
        _amount("disbursed", "到位金额", required=False, rule="≤ the amount allocated"),
        _amount("recovered", "追回金额", required=False, rule="≤ the amount allocated"),
        Column("recovered_on", "追回日期", "date", required=False,
               rule="YYYY-MM-DD; required when an amount was recovered"),
        Column("recovery_document", "追回文号", "text", required=False, max_length=60),
    )),
    Table("projects", ("projects", "资金项目明细"), (
        _county(),
        Column("year", "年度", "year", minimum=YEAR_MIN, maximum=YEAR_MAX),
        Column("code", "项目编号", "text", max_length=40, pattern=CODE_PATTERN,
               rule="letters, digits, _ . and -; unique in the county"),
        Column("name", "项目名称", "text", max_length=120),
        Column("category", "支出方向", "enum", choices=_zh(FundCategory)),
        _amount("budget", "预算金额"),
        Column("allocation_document", "资金文号", "text", required=False, max_length=60,
               rule="an allocation of the same county (allocations table or recorded), or "
                    "empty"),
        Column("implementing_unit", "实施单位", "text", max_length=100),
        Column("state", "项目状态", "enum", choices=_zh(ProjectState)),
    )),
    Table("expenditures", ("expenditures", "资金支出"), (
        _county(),
        Column("project_code", "项目编号", "text", max_length=40, pattern=CODE_PATTERN,
               rule="a project of the same county (projects table or recorded)"),
        Column("voucher_no", "凭证号", "text", max_length=40,
               rule="the accounting voucher's number; unique in the county"),
        Column("spent_on", "支出日期", "date",
               rule="YYYY-MM-DD, not in the future, not before the project's year"),
        Column("category", "支出方向", "enum", choices=_zh(FundCategory)),
        _amount("amount", "支出金额"),
        Column("payee", "收款单位", "text", max_length=120),
        Column("description", "摘要", "text", required=False, max_length=300),
        Column("negative_list", "负面清单规则", "text", required=False, max_length=40,
               rule="written by the export (the rule the row hits); ignored on import, "
                    "where the rule is found again"),
    )),
)

TABLE_NAMES = tuple(t.name for t in TABLES)
LABELS = {t.name: {c.name: c.label for c in t.columns} for t in TABLES}


MESSAGES = {
    "unknown_division": _("%(code)s is not a division of the loaded division tree"),
    "not_a_county": _("%(code)s is not a county: fund rows belong to a county"),
    "outside_region": _("%(code)s is outside your region: you may import only into your "
                        "division"),
    "duplicate": _("the same record (%(key)s) is already at row %(row)s of this table"),
    "end_before_start": _("%(end)s is before %(start)s"),
    "disbursed_exceeds": _("more disbursed than allocated (%(amount)s)"),
    "recovered_exceeds": _("more recovered than allocated (%(amount)s)"),
    "recovery_without_date": _("an amount recovered needs its date"),
    "unknown_allocation": _("no allocation with document number %(code)s in this county"),
    "unknown_project": _("no project %(code)s in this county"),
    "project_of_another_county": _("project %(code)s belongs to another county (%(county)s)"),
    "before_project_year": _("%(date)s is before the project's year %(year)s"),
    "negative_list": _("on the negative list (%(rule)s: %(hit)s): imported and flagged"),
    "no_data_rows": _("the file has no data rows: fill in the rows below the template's "
                      "header row and upload it again"),
}


def message(code: str, params: dict[str, Any]) -> str:
    """The report's message for a rule code (the schema's own rules are the registry's)."""
    template = MESSAGES.get(code)
    if template is None:
        return registry.message(code, params)
    try:
        return str(template) % params
    except (KeyError, TypeError, ValueError):
        return str(template)
