"""Chinese of the evaluation rounds area (issue 13): systems, rounds, county evaluations,
values, results and their screens."""

ZH = {
    # choices
    "Excellent (优秀)": "优秀", "Good (良好)": "良好", "Fair (一般)": "一般", "Poor (较差)": "较差",
    "Document check (资料核查)": "资料核查", "Random check (随机抽查)": "随机抽查",
    "Phone check (电话核查)": "电话核查", "Site visit (实地核查)": "实地核查",
    "Verified value": "核定值", "Computed value": "系统计算值", "Submitted value": "县级填报值",
    "Missing": "缺失",
    "More support": "加大支持", "Support continued": "继续支持", "Support reduced": "减少支持",
    "No new funds; rectification within 3 months": "不再安排新增资金，限期3个月整改",
    "Demonstration status lost; central funds recovered": "取消示范县资格，收回中央资金",
    # exchange
    "the same round, county and indicator are already at row %(row)s":
        "同一轮次、县和指标已在第 %(row)s 行",
    "your role does not enter this table": "您的角色不能填报此表",
    "this county is not in the round, or not in your region": "该县不在此评价轮次中，或不在您的辖区内",
    "the county's evaluation is %(state)s: this table is not possible now":
        "该县评价当前为“%(state)s”，现在不能导入此表",
    "no such indicator in the round's system": "本轮指标体系中没有此指标",
    "give the reason: the verified value differs from the submitted one":
        "核定值与填报值不同，请填写理由",
    # audit actions, objects, actors, vocabularies
    "Default indicator system loaded": "载入默认指标体系", "Indicator system published": "发布指标体系",
    "Evaluation round opened": "开启评价轮次", "Evaluation values computed": "计算评价指标值",
    "Evaluation value submitted": "填报评价指标值", "Evaluation value verified": "核定评价指标值",
    "Evaluation evidence added": "上传评价佐证材料", "Evaluation evidence downloaded": "下载评价佐证材料",
    "County evaluation submitted": "县级评价已提交", "County evaluation verified": "县级评价已核查",
    "County evaluation sent back": "县级评价已退回", "County evaluation reviewed": "县级评价已审核",
    "County evaluation published": "县级评价已发布", "Evaluation result written": "写入评价结果",
    "Evaluation submissions imported": "导入县级填报", "Evaluation verifications imported": "导入第三方核查",
    "Evaluation values exported": "导出评价指标值",
    "Indicator system": "指标体系", "Evaluation round": "评价轮次", "County evaluation": "县级评价",
    "Indicator value": "指标值", "Evaluation evidence file": "评价佐证材料",
    "Threshold (met or not)": "达标法（达到即得分）", "Linear between floor and target": "区间线性法",
    "Ratio to the target": "比例法", "Yes or no": "是否法", "Points per event": "按次计分",
    "Deduction per event": "按次扣分", "System (evaluation)": "系统（绩效评价）",
    "Evaluation rounds": "绩效评价", "Indicator systems": "指标体系",
    # model fields
    "code": "代码", "version": "版本", "province": "省份", "name (Chinese)": "名称（中文）",
    "name (English)": "名称（英文）", "text": "文本", "digest": "摘要值", "shipped default": "默认体系",
    "file": "文件", "published at": "发布时间", "indicator system": "指标体系", "submit by": "填报截止",
    "verify by": "核查截止", "opened at": "开启时间", "evaluation round": "评价轮次", "round": "轮次",
    "county evaluation": "县级评价", "computed": "系统计算值", "submitted": "县级填报值",
    "verified": "核定值", "verification method": "核查方式", "flagged": "存疑", "value used": "采用值",
    "indicator value": "指标值", "size": "大小", "evidence file": "佐证材料", "total": "总分",
    "base score": "基础分", "bonus": "加分", "deduction": "扣分", "accountability deduction": "问责扣分",
    "grade": "等次", "grade cap": "等次上限", "rank": "排名", "consequence": "结果运用",
    "consequence note": "结果运用说明", "evaluation result": "评价结果",
    # services
    "only a user bound to a province may do this": "只有省级用户可以进行此操作",
    "your role may not publish indicator systems": "您的角色不能发布指标体系",
    "a province's version names its province: set province: \"%(p)s\" in the file":
        "省级版本须注明所属省份：请在文件中写明 province: \"%(p)s\"",
    "version %(v)s of %(c)s is already published and never changes: give the changed system a "
    "new version": "%(c)s 的 %(v)s 版本已发布，不可修改：修改后的体系请使用新的版本号",
    "choose at least one county": "请至少选择一个县", "not counties of the province: %(codes)s":
        "不是本省的县：%(codes)s",
    "your role may not open evaluation rounds": "您的角色不能开启评价轮次",
    "this indicator system belongs to another province": "此指标体系属于其他省份",
    "the year is 2000 to 2100": "年度应在 2000 至 2100 之间",
    "verification is due after the submissions": "核查截止日期应在填报截止日期之后",
    "%(year)s county evaluation": "%(year)s年度示范县绩效评价",
    "a published evaluation never changes": "已发布的评价不可更改",
    "your role may not see county evaluations": "您的角色不能查看县级评价",
    "your role may not recompute an evaluation": "您的角色不能重新计算评价",
    "enter a value": "请填写数值", "not a number: %(v)s": "不是数字：%(v)s",
    "a value is a number from 0": "数值应为不小于 0 的数字",
    "a share is 0 to 1 (0.85 means 85 per cent)": "比例应在 0 至 1 之间（0.85 表示 85%）",
    "yes is 1, no is 0": "是填 1，否填 0",
    "no indicator %(code)s in this round's system": "本轮指标体系中没有指标 %(code)s",
    "not possible while the evaluation is %(state)s": "评价为“%(state)s”时不能进行此操作",
    "only the county may submit its values": "只有县级可以填报本县数值",
    "only an evaluator may verify a county's values": "只有第三方评估人员可以核查县级数值",
    "choose how the value was checked": "请选择核查方式",
    "evidence is PDF, PNG, JPEG, XLSX, DOCX, CSV or text":
        "佐证材料须为 PDF、PNG、JPEG、XLSX、DOCX、CSV 或文本文件",
    "the file is not the %(type)s its name says": "文件内容不是文件名所示的 %(type)s 格式",
    "only the county may add evidence to its values": "只有县级可以为本县数值上传佐证材料",
    "publish through the result, not as a plain step": "请通过发布评价结果进行发布",
    "graded poor in %(prev)s and %(year)s: demonstration status lost, central funds to be "
    "recovered": "%(prev)s、%(year)s年度连续评为较差：取消示范县资格，收回中央资金",
    "an approved accountability action withdrew the demonstration status for %(year)s":
        "经批准的问责措施已取消%(year)s年度示范县资格",
    "rectification within 3 months (finding #%(id)s)": "限期3个月整改（问题 #%(id)s）",
    "only the province may publish a result": "只有省级可以发布评价结果",
    "no reviewed county evaluation to publish": "没有已审核待发布的县级评价",
    # views
    "give a whole number": "请填写整数", "choose an indicator system": "请选择指标体系",
    "choose a YAML file": "请选择指标体系文件", "an indicator system is at most 1 MB": "指标体系文件不超过 1 MB",
    "the file is not UTF-8 text": "文件不是 UTF-8 文本", "The file was not published.": "文件未发布。",
    # workflow
    "Opened: the county's submission is due": "已开启：待县级填报",
    "Submitted: verification due": "已提交：待第三方核查", "Verified: province review due": "已核查：待省级审核",
    "Reviewed: ready to publish": "已审核：待发布", "Published": "已发布",
    "who submitted the values may not verify them": "填报人不能核查本人填报的数值",
    "verify the %(n)s flagged values first": "请先核查 %(n)s 项存疑数值",
    "Submit the county's values": "提交本县填报", "Verify the evaluation": "核查完成",
    "Send back to the county with reasons": "退回县级（注明理由）", "Review the evaluation": "审核通过",
    "only the province may review an evaluation": "只有省级可以审核评价",
    "Send back to the evaluator with reasons": "退回第三方（注明理由）", "Publish the result": "发布评价结果",
    # templates
    "event": "次", "lower is better": "越低越好",
    "score uses the verified value, else the computed one, else the submitted one":
        "计分采用核定值，其次为系统计算值，再次为县级填报值",
    "Bonus items": "加分项", "Deduction items": "扣分项", "Target": "目标值", "Computed": "系统计算值",
    "Submitted": "县级填报值", "Used": "采用", "evidence": "佐证材料",
    "differs from the computed value beyond the tolerance": "与系统计算值的差异超出容差",
    "Add evidence": "上传佐证材料", "Reason (when it differs)": "理由（与填报值不同时）", "Verify": "核定",
    "Published result": "已发布结果", "Rank": "排名", "Preview score": "预评分", "Base score": "基础分",
    "Bonus": "加分", "Deduction": "扣分", "Accountability deduction": "问责扣分", "Grade cap": "等次上限",
    "Recompute from fupin's data": "根据系统数据重新计算", "No step yet.": "尚无办理记录。",
    "Round": "轮次", "Submit by": "填报截止", "Verify by": "核查截止", "County evaluations": "县级评价",
    "Grade": "等次", "No evaluation round yet.": "尚无评价轮次。", "Open a round": "开启评价轮次",
    "national default": "全国默认", "Counties (demonstration counties are ticked)": "参评县（已勾选示范县）",
    "demonstration": "示范县", "Open the round": "开启", "published seed": "公布的随机种子",
    "Flagged values": "存疑数值", "Rank range (5th to 95th percentile)": "排名区间（5%–95%）",
    "moves at most": "最多变动", "No county of this round in your region.": "本轮次没有您辖区内的县。",
    "national default, for provinces to edit": "全国默认，供各省修改", "base": "基础分",
    "bonus at most": "加分上限", "deductions at most": "扣分上限", "Method": "计分方法", "Floor": "下限值",
    "Where": "位置", "Problem": "问题", "Version": "版本", "Digest": "摘要值",
    "Publish the province's version": "发布本省版本",
    "Copy a shipped default, set its province, version and numbers, and upload the YAML. A "
    "published version never changes: a change is a new version.":
        "复制默认体系，修改省份、版本号和数值后上传指标体系文件。已发布的版本不可修改，修改须发布新版本。",
    "Indicator system file": "指标体系文件", "Publish": "发布",
    "yes (1) / no (0)": "是（1）/ 否（0）", "computed from fupin's data": "系统计算",
    "submitted by the county": "县级填报",
}
ZH_PLURAL = {
    "Publish the reviewed county (%(n)s)": "发布已审核的县（%(n)s 个）",
}
