"""Help types of the consolidation period (帮扶类型).

A help record and a case measure classify help the same way: the register reuses the codes of
``cases.MeasureType`` — first the five the consolidation policy names (产业 industry, 就业
employment, 金融/小额信贷 finance, 教育 education, 健康 health), then the others of the
monitoring procedure's measures (housing, water, social assistance, e-commerce, insurance,
other). The engine keeps the same codes (``fupin_engine.consolidation.TYPES``).
"""

from __future__ import annotations

from fupin.cases.models import MeasureType

#: One vocabulary for measures and help records.
HelpType = MeasureType
#: The five types the policy asks to strengthen in the consolidation period.
POLICY_TYPES = ("industry", "employment", "finance", "education", "health")
#: Every type, the policy's five first (the order of columns in lists and exports).
TYPES = POLICY_TYPES + tuple(c for c in HelpType.values if c not in POLICY_TYPES)

#: The Chinese word of each type in files (part of the help-register format, fixed here rather
#: than taken from the translation catalogue). Import accepts the code or the word.
TYPE_ZH = {
    "industry": "产业帮扶", "employment": "就业帮扶", "finance": "金融帮扶（小额信贷）",
    "education": "教育帮扶", "health": "健康帮扶", "housing": "住房安全保障",
    "water": "饮水安全保障", "social_assistance": "社会救助兜底", "ecommerce": "电商帮扶",
    "insurance": "保险", "other": "其他帮扶",
}
