"""Chinese for the UI: the registry by year — the household page's history (issue 18, ADR 0048).

Merged into ``ZH`` by scripts/translations_zh.py in file-name order."""

ZH: dict[str, str] = {}
ZH_PLURAL: dict[str, str] = {}

ZH.update({
    "History by year": "历年状态",
    "Schooling": "义务教育",
    "born": "出生",
    "joined": "新增成员",
    "died or left": "死亡或迁出",
    "No yearly history: the registry holds no snapshot of this household's years.":
        "暂无历年状态：系统中没有该户任何年度的快照。",
    "Earlier year's state imported": "导入往年状态",
    "a village's households as of a year": "某村某年度的农户状态",
})
