"""Chinese for the UI: the lead's fixes of the issue 12–16 screens (browser walk)."""

ZH: dict[str, str] = {
    # The inbox's place column holds a village, a township or a county (products,
    # rectifications), not always a village.
    "Where it is": "所在地",
    # The header's drop-downs (fupin.core.menus).
    "Monitoring and assistance": "监测帮扶", "Findings and rectification": "问题整改",
    "E-commerce and products": "电商与产品", "Evaluation and assessment": "考核评估",
    # Review fixes of the evaluation round (issue 13).
    "the computed values are fixed once the evaluator has verified them":
        "第三方核查后，系统计算值不再更新",
    "already evaluated in %(year)s: %(codes)s": "%(year)s年已在评价中：%(codes)s",
    "at most 4 decimal places": "最多保留4位小数",
}
