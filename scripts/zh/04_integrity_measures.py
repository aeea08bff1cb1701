"""Chinese for the UI: Integrity runs, printed PDFs, poverty measures (issues 15, 16).

Merged into ``ZH`` by scripts/translations_zh.py in file-name order."""

ZH: dict[str, str] = {}
ZH_PLURAL: dict[str, str] = {}

# --- Integrity runs in the product (issue 16, ADR 0037) ---
ZH.update({
    "a rule, not a test": "规则判定，非统计检验",
    "Integrity signal: %(test)s in %(year)s (%(name)s)": "数据真实性信号：%(name)s %(year)s 年%(test)s",
    "%(test)s, statistic %(stat)s, p = %(p)s, %(n)s household(s) behind it (integrity run "
    "%(run)s): a lead for verification, not an accusation":
        "%(test)s，统计量 %(stat)s，p = %(p)s，涉及 %(n)s 户（数据真实性分析第 %(run)s 次）："
        "这是需要核实的线索，不是定性结论",
    "test": "检验", "Test": "检验", "All tests": "全部检验", "All divisions": "全部区划",
    "All years": "全部年度", "Run": "分析批次", "Group": "分组", "Values": "数值个数",
    "Statistic": "统计量", "p-value": "p 值", "No signal in your region yet.": "本辖区暂无信号。",
    "Integrity signals": "数据真实性信号", "Bunching just above the line": "收入扎堆于线上",
    "Round hundreds (village)": "整百数偏多（村）", "Round thousands (village)": "整千数偏多（村）",
    "Last digit not uniform (village)": "末位数字分布异常（村）",
    "First digits against Benford's law (village)": "首位数字偏离本福特定律（村）",
    "Round hundreds (recording cadre)": "整百数偏多（录入干部）",
    "Last digit not uniform (recording cadre)": "末位数字分布异常（录入干部）",
    "Identical income records": "收入记录完全相同",
    "Income over the line in the exit year only": "仅在退出当年收入越线",
    "recording cadre": "录入干部", "Integrity run": "数据真实性分析",
    "integrity run": "数据真实性分析", "integrity signal": "数据真实性信号",
    "Integrity": "数据真实性", "Show its signals": "查看其信号", "Integrity signal": "数据真实性信号",
    "A lead for verification, not an accusation.": "这是需要核实的线索，不是定性结论。",
    "Score": "得分", "yes, at a false discovery rate of %(q)s": "是（错误发现率 %(q)s）",
    "not tested": "未检验", "Finding #%(n)s": "问题线索 #%(n)s", "not opened yet": "尚未登记",
    "Counterfactual": "反事实分布", "Observed": "实际", "Expected": "期望",
    "Share heaped": "整数占比", "Share in the other groups": "其他分组的整数占比",
    "no longer in the registry": "已不在台账中",
    "No household is listed for this signal.": "该信号未列出农户。",
    "Statistical leads that reported data were shaped rather than measured: each is for "
    "verification, never an accusation. Flagged signals open a finding in accountability.":
        "统计线索提示上报数据可能经过人为调整而非如实采集：每条信号都只用于核实，不作定性。"
        "被标记的信号自动在问责模块登记问题线索。",
    "Line": "标准线", "Bunching per": "扎堆检验单位", "False discovery rate": "错误发现率",
    "Start an integrity run": "开始数据真实性分析",
    "over every household of %(name)s": "覆盖%(name)s的全部农户",
})
ZH_PLURAL.update({
    "The integrity run has finished: %(n)s signal flagged.": "数据真实性分析已完成：标记 %(n)s 条信号。",
    "%(n)s household behind it": "涉及 %(n)s 户",
})

# Issue 15: printed PDFs (core/pdf.py) and the assessment's county report.
ZH.update({
    "Generated %(time)s by %(user)s": "%(user)s 于 %(time)s 生成",
    "Wrong exit rate": "错退率", "Omission rate": "漏评率", "Approval rate": "群众认可度",
    "Comprehensive poverty rate": "综合贫困发生率",
    "In the register (poor and exited)": "建档立卡户（未脱贫和已脱贫）",
    "Outside the register": "非建档立卡户",
    "Third-party assessment of %(county)s, %(year)s": "%(county)s %(year)s 年第三方评估报告",
    "Published seed": "随机种子", "Villages in the frame": "抽样框村数",
    "Households in the frame": "抽样框户数",
    "Villages drawn (PPS, rural population)": "抽取村数（按农村人口规模成比例概率抽样）",
    "Households drawn": "抽取户数", "Target margin of error": "目标误差范围",
    "Design effect assumed": "设计效应（假定）", "Interviewed": "完成访问", "Refused": "拒访",
    "Absent": "不在家", "Replaced from the advance list": "按预抽替补名单替换",
    "Response rate": "应答率",
    "no interval (fewer than two villages answered)": "没有置信区间（作答村少于两个）",
    "Each rate is estimated from the sample with design weights and given with its 95%% "
    "confidence interval (Taylor linearisation over the sampled villages). A rate passes when "
    "the whole interval lies on the passing side of the threshold, fails when the whole "
    "interval lies on the failing side, and is undecided when the interval straddles the "
    "threshold.":
        "各项比率按设计权数由样本估计，并给出 95%% 置信区间（以样本村为单位的泰勒线性化方法）。"
        "整个区间都在阈值合格一侧的为“通过”，整个区间都在不合格一侧的为“未通过”，"
        "区间跨越阈值的为“待定”。",
    "Indicator": "指标", "Estimate": "估计值",
    "Threshold": "阈值", "Households asked": "调查户数", "Verdict": "结论",
    "Estimate (%%)": "估计值（%%）", "95%% interval, lower bound (%%)": "95%% 置信区间下限（%%）",
    "95%% interval, upper bound (%%)": "95%% 置信区间上限（%%）",
    "Estimates": "估计结果", "Design": "抽样设计", "Response": "应答情况",
    "County %(code)s, seed %(seed)s": "县级代码 %(code)s，随机种子 %(seed)s",
    "Sampling design": "抽样设计", "Estimates and verdicts": "估计结果与结论",
    "No estimates yet: the field results are not in.": "尚无估计结果：实地调查结果尚未录入。",
    # Per cent signs doubled: python-format msgids (a template's {% translate %} doubles them).
    "95%% confidence interval": "95%% 置信区间",
})

# Issue 15: poverty measures by region on the dashboards (FGT and Alkire–Foster).
ZH.update({
    "Poverty measures": "贫困测度", "Poverty measures by region": "分地区贫困测度",
    "Income below the line": "收入低于标准线", "Education (a child out of school)": "教育（有失学辍学儿童）",
    "Medical insurance missing": "未参加基本医疗保险", "Unsafe housing": "住房不安全",
    "Unsafe drinking water": "饮水不安全",
    "Poverty line (yuan per person per year; empty: the policy's)":
        "贫困标准（元/人·年；空：按政策）",
    "Poverty cut-off k (weighted deprivations)": "多维贫困临界值 k（加权被剥夺维度数）",
    "Dimensions": "维度", "Dimension": "维度",
    "k is at most the number of dimensions chosen (%(d)s)": "k 不能大于所选维度数（%(d)s）",
    "The policy has no poverty line for %(year)s: give a line, or choose a year the policy "
    "covers.": "政策中没有 %(year)s 年的贫困标准：请填写标准，或选择政策覆盖的年度。",
    "Code": "代码", "People": "人数", "Headcount ratio P0": "贫困发生率 P0",
    "Poverty gap P1": "贫困缺口指数 P1", "Severity P2": "贫困强度指数 P2",
    "Multidimensional headcount H": "多维贫困发生率 H", "Intensity A": "平均剥夺份额 A",
    "Adjusted headcount M0": "多维贫困指数 M0", "Share of M0": "占 M0 的份额",
    "Censored headcount: %(dimension)s": "删减后的剥夺率：%(dimension)s",
    "Poverty line (yuan per person per year)": "贫困标准（元/人·年）",
    "Contribution to M0: %(dimension)s": "对 M0 的贡献：%(dimension)s",
    "Compute": "计算",
    "Year %(year)s; poverty line %(line)s yuan per person per year; poor in the "
    "multidimensional sense when deprived in at least %(k)s (weighted) dimensions.":
        "%(year)s 年；贫困标准 %(line)s 元/人·年；至少在 %(k)s 个（加权）维度上被剥夺的视为多维贫困。",
    "The line is the policy's for the year.": "标准为政策规定的当年标准。",
    "M0 per %(level)s, by dimension": "各%(level)s的 M0（按维度）",
    "Contributions to M0 by dimension": "各维度对 M0 的贡献", "Censored headcount": "删减后的剥夺率",
    "Contribution": "贡献", "Total": "合计",
    "No household in this division has income data for the year.": "本区划当年没有农户的收支数据。",
    "P0: share of people whose per-capita income is below the line; P1: average shortfall from "
    "the line as a share of it; P2: squared shortfall (weighs the poorest most). H: share of "
    "people deprived in at least k dimensions; A: their average share of deprivations; M0 = H "
    "× A. Each household counts as its members. Computed by the engine over the registry, as "
    "`fupin measures` computes over a snapshot.":
        "P0：人均纯收入低于标准线的人口比例；P1：与标准线的平均差距占标准线的比例；P2：差距的平方"
        "（对最贫困者赋予更大权重）。H：至少在 k 个维度上被剥夺的人口比例；A：这些人平均被剥夺的"
        "维度份额；M0 = H × A。每户按家庭人口计。由引擎在登记库上计算，与命令行对快照的"
        "计算方法相同。",
})
