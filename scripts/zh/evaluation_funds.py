"""Chinese of the funds area of the evaluation app (资金绩效评价, issue 13 item 5)."""

ZH = {
    # choices
    "Central funds": "中央财政资金", "Provincial funds": "省级财政资金",
    "County funds": "县级财政资金",
    "Planned": "计划", "In progress": "实施中", "Completed": "已完成",
    "County-township-village logistics": "县乡村三级物流配送体系",
    "Township and village service stations": "乡村电子商务服务站点",
    "Brand, quality and traceability": "品牌培育和质量追溯体系",
    "E-commerce training": "电子商务培训",
    "Product upstream and supply chain": "农产品上行和供应链",
    "Other supported use": "其他支持方向",
    "Trading platform construction (negative list)": "建设交易平台（负面清单）",
    "Buildings and halls (negative list)": "建设楼堂馆所（负面清单）",
    "Land acquisition (negative list)": "征地（负面清单）",
    "Buying traffic (negative list)": "购买流量（负面清单）",
    "Staff and running costs (negative list)": "人员经费和日常运转（负面清单）",
    # import report
    "%(code)s is not a county: fund rows belong to a county":
        "%(code)s 不是县级区划：资金记录属于县",
    "more disbursed than allocated (%(amount)s)": "到位金额超过下达金额（%(amount)s）",
    "more recovered than allocated (%(amount)s)": "追回金额超过下达金额（%(amount)s）",
    "an amount recovered needs its date": "填写了追回金额，须填写追回日期",
    "no allocation with document number %(code)s in this county":
        "本县没有文号为 %(code)s 的资金下达记录",
    "no project %(code)s in this county": "本县没有编号为 %(code)s 的项目",
    "project %(code)s belongs to another county (%(county)s)":
        "项目 %(code)s 属于另一个县（%(county)s）",
    "%(date)s is before the project's year %(year)s": "%(date)s 早于项目年度 %(year)s",
    "on the negative list (%(rule)s: %(hit)s): imported and flagged":
        "属于负面清单（%(rule)s：%(hit)s）：已导入并标记",
    # lists, screens
    "Allocated (yuan)": "下达金额（元）", "Disbursed (yuan)": "到位金额（元）",
    "Spent (yuan)": "支出金额（元）", "Execution rate (%)": "执行率（%）",
    "Execution rate (%%)": "执行率（%%）", "Disbursement rate (%)": "到位率（%）",
    "Disbursement rate (%%)": "到位率（%%）", "Unspent balance (yuan)": "结余（元）",
    "Recovered (yuan)": "追回金额（元）", "Negative-list expenditures": "负面清单支出笔数",
    "Negative-list amount (yuan)": "负面清单支出金额（元）", "Negative list": "负面清单",
    "Project": "项目", "Voucher number": "凭证号", "Payee": "收款单位",
    "No expenditures in your region.": "本辖区没有支出记录。",
    "County (division code)": "县（区划代码）", "Project code": "项目编号",
    "On the negative list": "属于负面清单",
    "Fund performance": "资金绩效", "Fund performance by county": "各县资金绩效",
    "Expenditures": "资金支出", "Supported uses": "支持方向",
    "Spending by category": "按支出方向统计",
    "Allocations": "资金下达", "Document number": "文号",
    "No allocations recorded.": "尚无资金下达记录。", "Projects": "项目",
    "Project name": "项目名称", "Implementing unit": "实施单位", "Budget (yuan)": "预算（元）",
    "No projects recorded.": "尚无项目记录。", "all %(n)s": "全部 %(n)s 笔",
    "Record a finding": "登记问题", "No expenditures recorded.": "尚无支出记录。",
    "Expenditures on the negative list come first; each names the rule it hits. They were "
    "recorded, not refused: they happened.":
        "负面清单支出排在最前，每笔注明触发的规则。这些支出已如实登记而非拒收：它们确已发生。",
    "(link it to the expenditure by the number in the Reference column).":
        "（按“编号”列的数字关联到该笔支出）。",
    "(link: expenditure %(ref)s)": "（关联：支出 %(ref)s）", "Reference": "编号",
    "Last year of the period": "截止年度", "Allocated on": "下达日期", "Allocation": "资金下达",
    "An expenditure on the negative list (trading platforms, buildings, land, buying traffic, "
    "staff and running costs) is recorded and flagged with the rule it hits.":
        "负面清单内的支出（交易平台、楼堂馆所、征地、购买流量、人员经费和日常运转）照常登记，"
        "并标记所触发的规则。",
    "%(name)s, %(year)s: one row per county; click a column to sort, a county to open its "
    "fund page.": "%(name)s，%(year)s年：每县一行；点击列名排序，点击县名打开该县资金页面。",
    "Allocations count when their period covers the year (the central grant runs over two "
    "years); spending counts from the first year of that period to the end of the year.":
        "资金下达按其期限覆盖本年度计入（中央资金分两年使用）；支出自该期限首年起累计至本年末。",
    "Record an allocation received": "登记资金下达", "Add a project": "新增项目",
    "Record an expenditure": "登记支出", "Record a recovery": "登记追回",
    "Amount recovered (yuan)": "追回金额（元）", "Recovered on": "追回日期",
    "Recovery document": "追回文号", "Import fund tables": "导入资金表",
    "not an amount in yuan": "不是以元为单位的金额", "not a date (YYYY-MM-DD)":
        "不是日期（年-月-日）", "not a whole number": "不是整数",
    # audit, object types, vocabularies
    "Fund allocation recorded": "登记资金下达", "Fund recovery recorded": "登记资金追回",
    "Fund project added": "新增资金项目", "Expenditure recorded": "登记资金支出",
    "Fund tables imported": "导入资金表", "Fund tables exported": "导出资金表",
    "Fund allocation": "资金下达", "Fund project": "资金项目", "Fund tables": "资金表",
    "Negative-list category: %(item)s": "负面清单支出方向：%(item)s",
    "Negative-list keyword: %(item)s": "负面清单关键词：%(item)s",
    # model fields
    "last year of the period": "截止年度", "amount allocated": "下达金额",
    "document number": "文号", "allocated on": "下达日期", "amount disbursed": "到位金额",
    "amount recovered": "追回金额", "recovered on": "追回日期", "recovery document": "追回文号",
    "fund allocation": "资金下达", "project code": "项目编号", "project name": "项目名称",
    "budget": "预算", "allocation": "资金下达", "implementing unit": "实施单位",
    "state": "状态", "fund project": "资金项目", "project": "项目", "payee": "收款单位",
    "voucher number": "凭证号", "negative-list rule": "负面清单规则",
    "what hit the rule": "触发内容", "expenditure": "资金支出",
}

ZH_PLURAL = {
    "%(n)s expenditure on the negative list, %(amount)s yuan.":
        "%(n)s 笔支出属于负面清单，共 %(amount)s 元。",
}
