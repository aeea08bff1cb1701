"""Chinese for the UI: Third-party assessment (issue 15).

Merged into ``ZH`` by scripts/translations_zh.py in file-name order."""

ZH: dict[str, str] = {}
ZH_PLURAL: dict[str, str] = {}

# Third-party assessment (issue 15; assessment app).
ZH.update({
    "Registered (poor or exited)": "建档立卡户（贫困户或脱贫户）", "Not registered": "非建档立卡户",
    "Not yet visited": "未访", "Interviewed": "已入户访谈", "Refused": "拒绝访谈",
    "Absent": "家中无人", "Sampled": "抽中", "Replacement": "替补", "Phone form": "手机填报",
    "ODK / KoboToolbox": "ODK / KoboToolbox", "Uphold the appeal": "申诉成立",
    "Reject the appeal": "申诉不成立",
    "column %(column)s is not read": "不读取列 %(column)s",
    "the column %(column)s is missing": "缺少列 %(column)s",
    "yes or no (是/否)": "填“是”或“否”（yes/no）", "not a valid value": "取值无效",
    "not in the sample of an assessment in field work in this import's region":
        "不在本次导入辖区内正在入户调查的评估样本中",
    "sampled by two assessments in field work: give assessment_id":
        "该户同时被两次正在入户调查的评估抽中：请填写评估编号（assessment_id）",
    "this household is not in that assessment's sample": "该户不在该评估的样本中",
    "a date and time (ISO 8601)": "日期时间（ISO 8601 格式）",
    "the same household twice": "同一户出现两次",
    "not in the current sample, or already has a result (a replacement is taken only after the "
    "household it replaces refused or was absent)":
        "不在当前样本中，或已有调查结果（替补户须在被替补户拒访或无人后才能启用）",
    "Wrong exit rate (错退率)": "错退率", "Omission rate (漏评率)": "漏评率",
    "Approval rate (群众认可度)": "群众认可度",
    "Comprehensive poverty rate (综合贫困发生率)": "综合贫困发生率",
    "Field results complete": "入户调查完成", "Estimated": "已测算",
    "Field work reopened": "重新入户调查", "Report published": "报告已发布",
    "Appeal upheld": "申诉成立", "Appeal rejected": "申诉不成立",
    "Assessment opened and sample drawn": "启动评估并抽取样本", "Interview recorded": "录入入户访谈",
    "Household refused or absent, replaced": "样本户拒访或无人，启用替补",
    "Field submissions imported": "导入入户调查数据", "Field submissions exported": "导出入户调查数据",
    "Assessment field results complete": "评估入户调查完成", "Assessment estimated": "评估已测算",
    "Assessment field work reopened": "评估重新入户调查", "Assessment report published": "评估报告发布",
    "Assessment appeal filed": "提出评估申诉", "Assessment appeal upheld": "评估申诉成立",
    "Assessment appeal rejected": "评估申诉不成立", "Appeal evidence added": "上传申诉证据",
    "Appeal evidence downloaded": "下载申诉证据", "Assessment": "第三方评估",
    "Assessment appeal": "评估申诉", "Field submission": "入户调查记录", "Appeal evidence": "申诉证据",
    "Assessments": "第三方评估", "county": "县", "seed": "随机种子",
    "target margin of error": "目标误差", "expected rate": "预期比率", "design effect": "设计效应",
    "rural population": "农村人口", "registered poor people": "建档立卡贫困人口", "stratum": "层",
    "inclusion probability": "入样概率", "weight": "权数", "outcome": "访谈结果",
    "wrongly exited": "错退", "omitted": "漏评", "approves": "认可", "officials present": "干部在场",
    "interviewer": "调查员", "note": "备注", "indicator": "指标", "reason": "理由",
    "decision": "决定", "reasons of the decision": "决定理由", "appeal": "申诉",
    "1 to 200 villages": "1 至 200 个村", "2 to 20,000 households": "2 至 20,000 户",
    "a margin of 0.001 to 0.2": "误差在 0.001 至 0.2 之间",
    "an expected rate of 0.001 to 0.5": "预期比率在 0.001 至 0.5 之间",
    "a design effect of 1 to 10": "设计效应在 1 至 10 之间",
    "only the third-party evaluator opens an assessment": "只有第三方评估机构可以启动评估",
    "choose a county": "请选择县", "a year from 2000 to 2100": "年份在 2000 至 2100 之间",
    "a seed from 0 to 2⁶³−1": "随机种子在 0 至 2⁶³−1 之间",
    "this county already has an assessment for %(year)d": "该县 %(year)d 年已有评估",
    "an exited household: say whether it was wrongly exited": "脱贫户：请填写是否错退",
    "asked of exited households only": "只询问脱贫户",
    "a household outside the register: say whether it was omitted": "非建档立卡户：请填写是否漏评",
    "asked of households outside the register only": "只询问非建档立卡户",
    "say whether the household approves": "请填写是否认可", "at most 50 characters": "最多 50 个字",
    "at most 2,000 characters": "最多 2,000 个字",
    "the assessment is not in field work": "评估不在入户调查阶段",
    "this household is not in the current sample": "该户不在当前样本中",
    "this household already has a result": "该户已有调查结果",
    "only the third-party evaluator records field results": "只有第三方评估机构可以录入调查结果",
    "refused or absent": "拒绝访谈或家中无人", "only the county appeals": "只有县级可以申诉",
    "give the reasons of the appeal": "请填写申诉理由", "at most 5,000 characters": "最多 5,000 个字",
    "this household is not in the assessment's sample": "该户不在本次评估样本中",
    "choose an indicator": "请选择指标",
    "an appeal is filed while the estimates are out, before the report is published":
        "申诉须在测算结果反馈后、报告发布前提出",
    "only the county adds evidence": "只有县级可以上传申诉证据", "the appeal is decided": "申诉已作出决定",
    "Seed": "随机种子", "Households in the frame": "抽样框户数", "Since": "起始",
    "No assessments in your region.": "您的辖区内没有评估。", "Stratum": "层",
    "Drawn as": "抽取类型", "Replacement order": "替补顺序", "Inclusion probability": "入样概率",
    "Weight": "权数", "In the sample": "在样本中", "Outcome": "访谈结果",
    "No households drawn.": "未抽取农户。", "Indicator": "指标", "Decide by": "决定期限",
    "No appeals in your region.": "您的辖区内没有申诉。", "give a number": "请填写数字",
    "give the year": "请填写年份", "Sample": "样本", "yes or no": "填“是”或“否”",
    "choose the outcome": "请选择访谈结果", "Assessment appeals": "评估申诉",
    "this household is not in the sample": "该户不在样本中",
    "Sample drawn: field work under way": "样本已抽取：入户调查中",
    "Field results complete: estimation due": "入户调查完成：待测算",
    "Estimated: open to appeals, publication due": "已测算：申诉期，待发布",
    "%(n)d sampled households have no result yet": "还有 %(n)d 个样本户没有调查结果",
    "%(n)d appeals are not decided yet": "还有 %(n)d 项申诉未作出决定",
    "Estimate the rates": "测算各项指标", "Reopen field work": "重新入户调查",
    "Publish the report": "发布报告", "Appeal filed: the evaluator's decision due": "已申诉：待评估机构决定",
    "only the evaluator decides an appeal": "只有评估机构可以决定申诉", "Appeal": "申诉",
    "decide by": "决定期限", "Reasons of the decision": "决定理由", "History": "历史记录",
    "Appeal filed": "提出申诉", "County report": "县级评估报告", "Back to the assessment": "返回评估",
    "XLSForm (ODK / Kobo)": "XLSForm 问卷（ODK / Kobo）",
    "Import ODK / Kobo export": "导入 ODK / Kobo 导出数据", "Design": "抽样设计", "Frame": "抽样框",
    "%(h)s households in %(v)s villages, %(p)s people": "%(v)s 个村 %(h)s 户，%(p)s 人",
    "Drawn": "抽取",
    "%(h)s households in %(v)s villages (%(m)s per stratum and village)":
        "%(v)s 个村 %(h)s 户（每村每层 %(m)s 户）",
    "Strata": "分层", "Margin · rate · design effect": "误差 · 预期比率 · 设计效应",
    "Frame digest": "抽样框摘要", "Progress": "进度",
    "%(done)s interviewed of %(total)s in the sample, %(pending)s to visit":
        "样本 %(total)s 户，已访谈 %(done)s 户，待访 %(pending)s 户",
    "refused": "拒访", "absent": "无人", "replaced": "已替补", "Reason": "理由",
    "Estimates with 95%% confidence intervals": "估计值及 95%% 置信区间", "Estimate": "估计值",
    "95%% interval": "95%% 置信区间", "Threshold": "标准", "Verdict": "结论",
    "Rates are people-weighted where the assessment counts people (wrong exits, omissions), "
    "household-weighted for approval; approvals given with officials present are not counted. A "
    "verdict is decided only when the whole interval is on one side of the threshold.":
        "错退率、漏评率按人口加权，群众认可度按户计算；有干部在场的访谈不计入认可度。"
        "只有整个置信区间都在标准一侧时才作出结论。",
    "Western province: the comprehensive poverty rate passes below 3%%.":
        "西部省份：综合贫困发生率低于 3%% 为达标。",
    "Not estimated yet.": "尚未测算。", "Appeals": "申诉", "No appeals.": "没有申诉。",
    "Appeal a result": "对评估结果申诉", "Household ID (optional)": "户编号（可选）",
    "Indicator (optional)": "指标（可选）", "Evidence file": "证据材料", "File the appeal": "提出申诉",
    "Interview": "入户访谈", "Refused (take the next replacement)": "拒绝访谈（启用下一替补户）",
    "Absent (take the next replacement)": "家中无人（启用下一替补户）",
    "Were officials present at the interview?": "访谈时是否有干部在场？",
    "Wrongly exited (income not stably above the line, or a guarantee fails)?":
        "是否错退（收入未稳定超过标准，或“两不愁三保障”未达标）？",
    "Omitted (should be registered but is not)?": "是否漏评（应纳入而未纳入建档立卡）？",
    "Does the household approve of the results and the assistance?": "是否认可脱贫成效和帮扶工作？",
    "Interviewer": "调查员", "Save the interview": "保存访谈", "Back to the list": "返回名单",
    "Households to visit": "待访农户", "%(pending)s of %(total)s to visit": "共 %(total)s 户，待访 %(pending)s 户",
    "Find": "查找", "No household left to visit.": "没有待访农户。", "Open an assessment": "启动评估",
    "Third-party assessments of county exit (三率一度): each draws its sample from the registry with "
    "a published seed and gives every rate with its 95%% interval and verdict.":
        "贫困县退出第三方评估（三率一度）：每次评估用公布的随机种子从建档立卡数据抽取样本，"
        "每项指标都给出 95%% 置信区间和结论。",
    "The sample is drawn from the registry as it is now: villages with probability proportional to "
    "their rural population, then households inside and outside the register in each. Leave the "
    "sizes empty to compute them from the margin, expected rate and design effect (25–29 villages, "
    "1,400–2,000 households).":
        "样本从当前建档立卡数据抽取：先按农村人口规模成比例抽村，再在每村分别抽取建档立卡户和非建档立卡户。"
        "样本量留空时按目标误差、预期比率和设计效应计算（25–29 个村，1,400–2,000 户）。",
    "random": "随机", "Villages": "村数", "Margin": "误差", "Expected rate": "预期比率",
    "Design effect": "设计效应", "Open and draw the sample": "启动并抽取样本",
    "Drawn with seed %(seed)s. Weight = 1 / inclusion probability. Replacements are taken in order, "
    "within their village and stratum, when a household refuses or is absent.":
        "随机种子 %(seed)s。权数 = 1 / 入样概率。样本户拒访或无人时，按顺序启用同村同层的替补户。",
})
