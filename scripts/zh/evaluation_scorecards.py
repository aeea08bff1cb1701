"""Chinese of the evaluation scorecards area (issue 13 item 6): the county scorecard, its
XLSX and PDF, the province table, the national view, the menu and the ledger's words.
Words the rounds area shares with these screens (grade, rank, base score …) are in
evaluation_rounds.py."""

ZH = {
    # Menu, ledger
    "Evaluation scorecards": "绩效评价计分卡",
    "Evaluation results by province": "各省绩效评价结果",
    "Evaluation scorecard exported to Excel": "导出绩效评价计分卡（Excel）",
    "Evaluation scorecard printed (PDF)": "打印绩效评价计分卡（PDF）",
    # The scorecard
    "Scorecard of %(county)s, %(year)s": "%(county)s %(year)s 年度绩效评价计分卡",
    "%(name)s, version %(version)s": "%(name)s（版本 %(version)s）",
    "Scorecard": "计分卡",
    "Publication": "发布情况",
    "Reviewed, not yet published (preview)": "已审核，尚未发布（预览）",
    "Total score": "总分",
    "Grade capped at": "等次上限",
    "Bonus points": "加分",
    "Deducted points": "扣分（指标）",
    "Deducted by accountability": "问责扣分",
    "Change against %(year)s": "较 %(year)s 年变化",
    "Against %(year)s": "较 %(year)s 年",
    "Consequence": "结果运用",
    "Consequence note": "结果运用说明",
    "Published at": "发布时间",
    "System digest": "指标体系摘要值",
    "rank %(rank)s of %(n)s": "第 %(rank)s 名（共 %(n)s 个县）",
    " (between %(low)s and %(high)s when the weights move ±10%%)":
        "，权重变动 ±10%% 时排名在第 %(low)s 至第 %(high)s 名之间",
    "moves ±%(k)s (%(low)s–%(high)s)": "变动 ±%(k)s 名（第 %(low)s–%(high)s 名）",
    "Module": "一级指标",
    "Modules": "一级指标得分",
    "Indicators": "指标明细",
    "Points scored": "得分",
    "Maximum": "满分",
    "Last year": "上年",
    "Value": "值",
    "Value used": "采用值",
    "Value computed": "系统计算值",
    "Value submitted": "县级填报值",
    "Value verified": "第三方核实值",
    "Flagged value": "填报值存疑",
    "Evidence files": "佐证材料",
    "Value (as stated in the system)": "值（按指标体系口径，比例为小数）",
    "Back to the table of counties": "返回各县列表",
    "Values, evidence and steps of this evaluation": "本次评价的数值、佐证材料和办理过程",
    "Reviewed, not yet published: this is a preview of the score from the current values. "
    "The county sees its scorecard once the province publishes it.":
        "已审核，尚未发布：以下是按当前数值计算的预览得分。省级发布后，县级才能看到本县计分卡。",
    "The finding and its rectification": "查看问题线索及整改",
    "The score uses the verified value, else the value computed from fupin's own data, else "
    "the value the county submitted. A flagged value was submitted differently from the "
    "computed one beyond the indicator's tolerance.":
        "得分优先采用第三方核实值，其次为系统根据平台数据计算的值，最后为县级填报值。"
        "“填报值存疑”表示县级填报值与系统计算值的差异超出该指标的容差。",
    "The score uses the verified value, else the value computed from fupin's own data, else "
    "the value the county submitted. A flagged value was submitted differently from the "
    "computed one beyond the indicator's tolerance. The rank's range is how far it moves when "
    "every indicator's weight moves by up to 10%% (published seed %(seed)s).":
        "得分优先采用第三方核实值，其次为系统根据平台数据计算的值，最后为县级填报值。"
        "“填报值存疑”表示县级填报值与系统计算值的差异超出该指标的容差。排名区间为各指标权重"
        "随机变动不超过 10%% 时排名的变动范围（公开随机种子 %(seed)s）。",
    # The province table
    "Evaluation scorecards by county": "各县绩效评价计分卡",
    "Rank when weights move ±10%": "权重变动 ±10% 时的排名",
    "No published evaluation in your region for this year.": "本辖区该年度尚无已发布的绩效评价结果。",
    "%(name)s, %(year)s: one row per county with a published evaluation; click a column to "
    "sort, a county to open its scorecard.":
        "%(name)s %(year)s 年度：每行一个已发布评价结果的县；点击列名排序，点击县名查看计分卡。",
    "The rank's range is how far it moves when every indicator's weight moves by up to 10%%: a "
    "one-point gap between two counties whose ranges overlap says little.":
        "排名区间为各指标权重随机变动不超过 10%% 时排名的变动范围：两县排名区间重叠时，"
        "一两分的差距说明不了什么。",
    "Results by province": "各省结果",
    # The national view
    "Counties evaluated": "参评县数",
    "Mean total": "平均总分",
    "Median total": "总分中位数",
    "Excellent": "优秀",
    "Good": "良好",
    "Fair": "一般",
    "Poor": "较差",
    "%(year)s: one row per province with published county evaluations; a province opens its "
    "table of counties.":
        "%(year)s 年度：每行一个有已发布县级评价结果的省份；点击省名查看各县列表。",
}
