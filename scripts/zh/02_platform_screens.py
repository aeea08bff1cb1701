"""Chinese for the UI: Work screens: jobs, lists, menus, words, evidence, what-if, home, users (issue 11).

Merged into ``ZH`` by scripts/translations_zh.py in file-name order."""

ZH: dict[str, str] = {}
ZH_PLURAL: dict[str, str] = {}

# --- issue 11, jobs: job screens that end, feeds as offices save them, the import report ---
ZH.update({
    "Checking rows": "校验数据行", "Writing": "写入", "Exporting": "导出",
    "Preparing the policy": "准备政策参数", "Reading the registry": "读取农户信息",
    "Assessing households": "逐户研判", "Storing the results": "保存研判结果",
    "Opening cases for the new monitoring objects": "为新识别的监测对象建立案件",
    "Still running after %(m)s minutes: this page stopped checking. The job goes on in the "
    "background; reload the page later to see the result.":
        "已运行 %(m)s 分钟仍未结束：本页已停止自动刷新。任务仍在后台进行，请稍后刷新页面查看结果。",
    "Reload": "刷新", "Waiting for the background worker…": "等待后台任务开始…", "rows": "行",
    "Upload a corrected file": "上传更正后的文件", "Imported.": "已导入。",
    "error": "错误", "warning": "警告",
    "The run has finished.": "研判已完成。",
    "The registry and the policy have not changed since the last run: its results stand.":
        "农户信息和政策自上次研判以来没有变化，沿用上次的研判结果。",
    "Open the results": "查看结果",
    "Checking every record of the ledger; this takes a while…": "正在逐条核验审计账本，请稍候…",
    "household number": "户编号", "identity number": "身份证号", "alert type": "预警类型",
    "amount (yuan)": "金额（元）", "row %(row)s": "第 %(row)s 行",
    ", column “%(column)s”": "“%(column)s”列", "%(file)s, %(place)s": "%(file)s，%(place)s",
    "%(file)s is not a CSV table: %(error)s": "%(file)s 不是 CSV 表格：%(error)s",
    "%(file)s has no data rows": "%(file)s 没有数据行",
    "%(file)s: the first line must name the columns: household_id or id_number, alert_type, "
    "date, amount (or their Chinese names); found %(found)s":
        "%(file)s：第一行应为列名：户编号或身份证号、预警类型、日期、金额（也可用英文列名 "
        "household_id 或 id_number、alert_type、date、amount）；文件中为：%(found)s",
    "%(where)s: longer than %(max)s characters": "%(where)s：超过 %(max)s 个字符",
    "%(where)s: %(value)s is not a date: write 2026-01-05, 2026/1/5 or 2026年1月5日":
        "%(where)s：%(value)s 不是日期，请写作 2026-01-05、2026/1/5 或 2026年1月5日",
    "%(where)s: %(error)s": "%(where)s：%(error)s",
    "choose the department and a CSV file": "请选择部门并上传 CSV 文件",
    "%(n)s alerts recorded": "已记录 %(n)s 条预警",
    "row %(row)s: household not found in your region": "第 %(row)s 行：本辖区内没有该户",
    "row %(row)s, column “%(column)s”: a value is required": "第 %(row)s 行“%(column)s”列：必须填写",
    "row %(row)s, column “%(column)s”: expected YYYY-MM-DD":
        "第 %(row)s 行“%(column)s”列：日期格式应为 YYYY-MM-DD",
    "A CSV file (CSV UTF-8, or the CSV that Excel and WPS save on Chinese Windows) with the "
    "columns household number or identity number, alert type, date and amount in yuan. Headers "
    "may be in English (household_id, id_number, alert_type, date, amount) or in Chinese (户编号, "
    "身份证号, 预警类型, 日期, 金额). Amounts may be written 12000, 12,000 or 12000 元; dates "
    "2026-01-05, 2026/1/5 or 2026年1月5日. Every row is checked first; nothing is recorded if one "
    "is wrong.":
        "CSV 文件（“CSV UTF-8”，或中文 Windows 上 Excel、WPS 直接保存的 CSV），列为户编号或身份证号、"
        "预警类型、日期、金额（元）。表头可用中文（户编号、身份证号、预警类型、日期、金额）或英文"
        "（household_id、id_number、alert_type、date、amount）。金额可写作 12000、12,000 或 12000 元；"
        "日期可写作 2026-01-05、2026/1/5 或 2026年1月5日。先逐行校验，任何一行有误则一条也不记录。",
    "Nothing was recorded. Correct these rows and upload the file again:":
        "未记录任何预警。请更正以下各行后重新上传：",
    "Medical insurance bureau": "医保局", "Civil affairs bureau": "民政局",
    "Education bureau": "教育局", "Housing and construction bureau": "住建局",
    "Emergency management bureau": "应急管理局", "Disabled persons' federation": "残联",
    "the file has no data rows: fill in the rows below the template's header row and upload it "
    "again": "文件没有数据行：请在模板表头下方逐行填写后重新上传",
    "identity number fails the GB 11643 check: its last character does not match the first 17 "
    "digits": "身份证号未通过 GB 11643 校验：末位校验码与前 17 位不符",
})
# Platform: lists, menus, words (fupin.core.lists / menus / labels).
ZH.update({
    "No.": "序号", "When": "时间", "Who": "操作人", "Action": "操作", "Object": "对象",
    "Division": "行政区划", "Hash": "哈希", "Object type": "对象类型", "Object number": "对象编号",
    "Filter": "筛选", "Clear": "清除", "Export to Excel": "导出 Excel", "Cases": "监测对象",
    "Public notices": "公示公告", "Yes": "是", "No": "否",
    "The list has %(n)s rows; an export takes at most %(max)s. Narrow the filters first.":
        "列表共 %(n)s 行，一次最多导出 %(max)s 行。请先缩小筛选范围。",
    "No records in your region.": "本辖区暂无记录。",
})
ZH_PLURAL.update({"%(n)s row": "共 %(n)s 行"})
ZH.update({
    "{file}: no such file or folder": "{file}：文件或文件夹不存在",
    "{file}: expected a folder of CSV/Parquet files or an .xlsx workbook":
        "{file}：应为 CSV/Parquet 文件所在的文件夹，或一个 .xlsx 工作簿",
    "{file}: missing table(s): {tables}": "{file} 缺少数据表：{tables}",
    "your role may not do this": "您的角色无权进行此操作",
    "no such report": "没有该校验报告",
    "12 digits": "12 位数字", "a year": "年份（四位数字）",
    "an amount in yuan": "以元为单位的金额", "是/否 (or 1/0)": "是/否（或 1/0）",
})
# Words for codes (issue 11, vocabularies in <app>/labels.py).
ZH.update({
    # monitoring: parameters, units, evidence, engines
    "Monitoring line": "监测线", "Poverty line": "贫困线", "Sharp income drop": "收入大幅缩减幅度",
    "E-commerce loss share of base income": "电商亏损占基准收入比例",
    "Suspicious wage below": "工资性收入可疑下限",
    "yuan per person per year": "元/人·年", "yuan": "元",
    "Per-capita net income": "人均纯收入", "Last year's per-capita net income": "上年人均纯收入",
    "Household net income": "家庭纯收入", "Base income": "基准收入", "Household size": "家庭人口",
    "Rigid expense": "刚性支出", "Medical out-of-pocket": "医疗自付支出",
    "Education expense": "教育支出", "Disaster loss": "灾害损失", "Accident loss": "意外事故损失",
    "Children out of school": "失学辍学儿童", "Members without medical insurance": "未参保人数",
    "Able-bodied members": "有劳动能力人数", "Ill members": "患病人数",
    "Disabled members": "残疾人数", "Housing grade": "住房安全等级", "Relocated": "已搬迁",
    "Water quantity": "水量", "Water quality": "水质", "Water access": "用水方便程度",
    "Water supply reliability": "供水保证率", "E-commerce revenue": "电商收入",
    "E-commerce cost": "电商成本", "E-commerce debt": "电商负债", "Wage income": "工资性收入",
    "in-process engine": "内置计算引擎", "database engine": "数据库计算引擎",
    "cluster engine": "集群计算引擎",
    "monitoring run": "监测运行", "assessment": "监测结果",
    "a data-quality check of this policy pack": "本规则包自定的数据质量核查",
    ", ": "、",
    # cases: alert kinds, departments, ledger actions and objects
    "Illness": "因病", "Natural disaster": "因灾", "Accident": "意外事故",
    "Sharp drop in income": "收入骤减", "E-commerce loss": "电商亏损",
    "Medical insurance bureau": "医保", "Civil affairs": "民政", "Education department": "教育",
    "Housing and construction": "住建", "Emergency management": "应急管理",
    "Disabled persons' federation": "残联",
    "Case opened": "立案（纳入识别程序）", "Alert received": "收到预警",
    "Objection raised": "提出异议", "Objection answered": "答复异议",
    "Evidence attached": "上传佐证材料", "Assistance measure recorded": "登记帮扶措施",
    "Follow-up visit recorded": "登记回访",
    "alert": "预警", "objection": "异议", "attachment": "佐证材料",
    "assistance measure": "帮扶措施", "follow-up visit": "回访",
    # households
    "Household members": "家庭成员",
    "Household registered": "农户登记", "Household updated": "农户信息修改",
    "Member added": "新增家庭成员", "Income and spending recorded": "登记收支",
    "ID number revealed": "查看完整身份证号", "Search by ID number": "按身份证号查询",
    "Registry exported": "导出农户数据", "Household imported": "导入农户",
    "Registry imported (a village's rows in one record)": "导入农户数据（一个村的各行合为一条记录）",
    "Household updated by import": "导入修改农户", "Member added by import": "导入新增成员",
    "Member updated by import": "导入修改成员", "Member removed by import": "导入删除成员",
    "Income and spending imported": "导入收支",
    "Income and spending updated by import": "导入修改收支",
    "household": "农户", "household member": "家庭成员",
    "income and spending of a year": "年度收支", "ID number search": "身份证号查询",
    "registry snapshot": "农户数据快照", "registry import": "农户数据导入",
    # accounts, regions, core
    "User created": "创建用户", "API token issued": "签发接口令牌",
    "API token revoked": "吊销接口令牌", "user": "用户", "API token": "接口令牌",
    "Division tree loaded": "载入行政区划", "County profiles loaded": "载入县情数据",
    "division": "行政区划", "county profile": "县情数据",
    "System": "系统", "System (command line)": "系统（命令行）",
    "System (set-up)": "系统（安装初始化）", "System (demo data)": "系统（演示数据）",
    "File uploaded for import": "上传导入文件", "Import committed": "确认导入",
    "Job retried": "重试任务", "Export downloaded": "下载导出文件",
    "Import report downloaded": "下载导入报告", "List exported to Excel": "列表导出 Excel",
    "import or export job": "导入导出任务", "list": "列表",
})
ZH.update({
    "Server error": "服务器错误",
    "the request could not be completed. Nothing was changed; try again, and tell your "
    "administrator if it happens again.": "请求未能完成，数据未作任何修改。请重试；如再次出现，请联系系统管理员。",
})
# Cases (issue 11): evidence on the case page, approvals batch, print templates.
ZH.update({
    "Decision": "待审定事项", "Income against the line": "收入与监测线",
    "Why it was flagged": "纳入原因", "Guarantees not met": "未保障事项", "Due": "办理期限",
    "No case waits for the county decision in your region.": "本辖区暂无待县级审定的监测对象。",
    "Approvals: cases ready for the county decision": "县级审定：待审定的监测对象",
    "No per-capita income recorded for the year": "该年度无人均纯收入数据",
    "Per-capita net income %(income)s yuan; no monitoring line for the year":
        "人均纯收入 %(income)s 元，该年度未设定监测线",
    "Per-capita net income %(income)s yuan, below the monitoring line %(line)s yuan":
        "人均纯收入 %(income)s 元，低于监测线 %(line)s 元",
    "Per-capita net income %(income)s yuan, not below the monitoring line %(line)s yuan":
        "人均纯收入 %(income)s 元，不低于监测线 %(line)s 元",
    "villagers' committee": "村民委员会", "people's government": "人民政府",
    "Illness": "因病", "Natural disaster": "因灾", "Accident": "意外事故",
    "Sharp drop in income": "收入骤减", "E-commerce loss": "电商亏损",
    "Why this household is on a case": "纳入监测的依据",
    "monitoring %(y)s, run %(n)s": "%(y)s 年度监测，第 %(n)s 次运行",
    "No rule fired.": "未触发任何规则。",
    "No monitoring run has flagged this household; the case came from another channel.":
        "监测运行未预警该户；本案件来自其他渠道。",
    "yuan": "元", "consent signed": "已签署承诺授权", "Monitoring line": "监测线",
    "Print the household sheet (A4)": "打印户情表（A4）", "Values and thresholds": "数值与标准",
    "Each row says why the household was flagged: the reasons of its latest monitoring, its "
    "per-capita income against the line and the guarantees not met. Open a case to decide it, "
    "or decide several at once in the inbox.":
        "每行列明纳入原因：最近一次监测的预警原因、人均纯收入与监测线的比较以及未保障事项。"
        "打开案件逐户审定，或在待办中按村批量审定。",
    "Decide in the inbox": "到待办中批量审定", "Print the decision (A4)": "打印决定书（A4）",
    "Print the notice (A4)": "打印公示（A4）",
    "Decision on the risk elimination of a monitoring object": "防止返贫监测对象风险消除决定书",
    "Decision not to identify a monitoring object": "防止返贫监测对象不予认定决定书",
    "Decision identifying a monitoring object": "防止返贫监测对象认定决定书",
    "Draft decision on a monitoring object (awaiting the county decision)":
        "防止返贫监测对象认定决定书（草稿，待县级审定）",
    "Case No. %(n)s": "案件编号：%(n)s", "Address": "住址", "Elimination kind": "消除方式",
    "Evidence": "认定依据", "Procedure": "办理程序", "Date": "日期", "Step": "环节",
    "Note": "意见", "Assistance measures": "帮扶措施", "Measure": "措施类型",
    "Description": "内容", "Responsible cadre": "帮扶责任人", "Period": "起止日期",
    "Amount (yuan)": "金额（元）",
    "Supervision and complaints: the village committee, the township government, or the "
    "national rural revitalisation complaint line %(line)s.":
        "监督举报：村民委员会、乡镇人民政府，或全国乡村振兴（扶贫）监督举报电话 %(line)s。",
    "(seal)": "（盖章）", "Household sheet": "农户基本情况表（户情表）",
    "below the line": "低于监测线", "Latest monitoring": "最近一次监测", "Opened": "立案日期",
    "Printed on %(d)s; identity numbers are masked.": "打印日期：%(d)s；身份证号已脱敏。",
    "Public notice": "公示",
    "Public notice of monitoring objects for preventing a return to poverty — %(v)s":
        "%(v)s防止返贫监测对象公示",
    "Under the mechanism for monitoring and assisting households at risk of returning to "
    "poverty, after household visits, data comparison and the village democratic review, the "
    "following households are publicly notified. Anyone with an objection may report it to the "
    "village committee or the township government during the notice period.":
        "根据防止返贫监测和帮扶机制，经入户核查、信息比对和村民主评议，现将以下农户予以公示。"
        "如有异议，请在公示期内向村民委员会或乡镇人民政府反映。",
    "Proposed identification as monitoring objects": "拟纳入监测对象",
    "Proposed risk elimination": "拟风险消除",
    "Notice period: from %(start)s to %(end)s (%(days)s days).":
        "公示期：%(start)s至%(end)s（共 %(days)s 天）。",
    "Notice period: from ____ to ____.": "公示期：____年__月__日至____年__月__日。",
    "Reviewed by": "审核单位", "Channel": "渠道", "Found on a cadre visit": "干部排查发现",
    "A4 paper; the toolbar is not printed.": "A4 纸张；本工具栏不打印。",
})
# What-if (issue 11): households that enter or leave, parameters in words, advice in Chinese.
ZH.update({
    "Monitoring line (yuan per person per year)": "监测线（元/人·年）",
    "Sharp income drop (share of last year's income, 0–1)": "收入大幅缩减比例（占上年收入，0–1）",
    "E-commerce loss (share of income, 0–1)": "电商亏损占收入比例（0–1）",
    "The policy has no %(names)s for %(year)s in %(where)s, so there is nothing to compare "
    "with. Choose a year the policy covers (for example %(latest)s), or ask the administrator "
    "to add the year's values to the policy pack.":
        "政策包中没有%(where)s %(year)s 年度的%(names)s，无法比较。请选择政策已覆盖的年度"
        "（例如 %(latest)s 年），或请系统管理员在政策包中补充该年度的数值。",
    "the country": "全国", "%(name)s: %(problem)s": "%(name)s：%(problem)s",
    "Category now": "现类别", "Category under the what-if": "调整后类别",
    "Per-capita income (yuan)": "人均纯收入（元）",
    "No household changes category under these parameters.": "按此参数没有农户类别发生变化。",
    "Enters monitoring": "新纳入监测", "Leaves monitoring": "退出监测",
    "Changes category": "类别变化",
    "What-if: the households that enter or leave": "参数模拟：纳入或退出监测的农户",
    "not set": "未设定", "All": "全部",
    "The households that enter or leave": "查看纳入或退出的农户",
    "Enter at least one parameter to compare.": "请至少填写一个参数再比较。",
})
ZH.update({"share, 0–1": "比例，0–1", "%(word)s (%(unit)s)": "%(word)s（%(unit)s）"})

# --- home: first screens per role, menus, user management (issue 11) ---------------------------
ZH.update({
    "Today": "今日",
    "Counties": "县（市、区）",
    "County": "县",
    "Monitoring objects": "监测对象",
    "Open cases": "在办事项",
    "Overdue steps": "逾期环节",
    "Risk eliminated": "已消除风险",
    "Elimination rate (%)": "风险消除率（%）",
    "Data-quality findings": "数据质量问题",
    "No county in your region has data yet.": "辖区内尚无县有数据。",
    "One row per county with data; click a column to sort, a county to open its dashboard.":
        "每个有数据的县一行；点击列名排序，点击县名查看该县工作台。",
    "New alerts (last 7 days)": "新增预警（近7天）",
    "Risk eliminated / identified": "已消除风险 / 已认定",
    "%(n)s in the elimination procedure": "%(n)s 户在风险消除程序中",
    "Households with data-quality findings": "有数据质量问题的农户",
    "Monitoring objects and households under identification by category, per %(level)s":
        "各%(level)s监测对象及识别中农户（按类型）",
    "(click a bar to drill down)": "（点击柱形查看下级）",
    "By risk type, per %(level)s": "各%(level)s风险类型",
    "No cases yet: start a monitoring run.": "尚无事项：请先开展监测。",
    "Caseload trend (cases opened per month)": "事项趋势（每月新增）",
    "No new alerts.": "无新增预警。",
    "Data-quality findings per village (latest run)": "各村数据质量问题（最近一次监测）",
    "Most frequent checks": "主要问题",
    "No findings.": "无问题。",
    "Nothing.": "无。",
    "Village comparison": "各村对比",
    "No households in this township.": "本乡镇尚无农户。",
    "Waiting on you: %(n)s item": "待您办理：%(n)s 项",
    "Waiting on you: %(n)s items": "待您办理：%(n)s 项",
    "all": "全部",
    "%(d)s day left": "剩 %(d)s 天",
    "%(d)s days left": "剩 %(d)s 天",
    "Nothing waits on you.": "暂无待办。",
    "New alerts to visit": "新预警待走访",
    "Record the visit": "登记走访",
    "Visits due this week": "本周应走访",
    "due": "截止",
    "No visits due this week.": "本周无应走访农户。",
    "Measures ending soon": "即将到期的帮扶措施",
    "ends": "到期",
    "No measure ends in the next 30 days.": "30 天内无到期措施。",
    "Public notices to post": "待张贴公示",
    "notice list": "公示名单",
    "Post the notice": "张贴公示",
    "No notice to post.": "无待张贴公示。",
    "Users": "用户管理",
    "Username": "用户名",
    "Name": "姓名",
    "Role": "角色",
    "Active": "启用",
    "Last login": "最近登录",
    "No users in your region.": "辖区内无用户。",
    "Division code": "区划代码",
    "12 digits; empty: your own division": "12 位；留空为您所在区划",
    "Initial password": "初始密码",
    "empty: a one-time password is made and shown once": "留空则生成一次性密码，只显示一次",
    "One-time password of %(u)s: %(p)s (shown once)": "%(u)s 的一次性密码：%(p)s（只显示一次）",
    "New user": "新建用户",
    "Create": "创建",
    "Cancel": "取消",
    "Saved.": "已保存。",
    "The account is active.": "账号已启用。",
    "The account is deactivated.": "账号已停用。",
    "Deactivated": "已停用",
    "Deactivate": "停用",
    "Reactivate": "重新启用",
    "Reset the password": "重置密码",
    "All users": "全部用户",
    "The one-time password of %(u)s is:": "%(u)s 的一次性密码：",
    "It is shown once and not stored in clear. Give it to the user in person; the user should change it.":
        "密码只显示一次，不以明文保存。请当面交给本人，并提醒其登录后修改。",
    "Back": "返回",
})
ZH.update({"Save": "保存"})
ZH_PLURAL.update({"Waiting on you: %(n)s item": "待您办理：%(n)s 项",
                  "%(d)s day left": "剩 %(d)s 天"})
ZH.update({"Approvals": "县级审批"})
# Lists (issue 11, lists): the inbox per level, notices, batch steps, list pages and exports.
ZH.update({
    "Due": "办理期限", "All": "全部", "new": "新", "Notice": "通知内容", "Notices": "通知",
    "Overdue only": "只看超期", "Select all": "全选", "item": "事项", "My work": "我的待办",
    "No unread notices.": "没有未读通知。", "Dismiss all": "全部标为已读",
    "Step for the items ticked in this village": "对本村勾选的事项办理",
    "Take the step": "办理", "this step is not taken in a batch": "该环节不能批量办理",
    "not in the village chosen": "不在所选的村",
    "Choose a village, a step and at least one item.": "请选择村、环节并至少勾选一个事项。",
    "%(item)s not done: %(reason)s": "%(item)s 未办理：%(reason)s",
    "Overdue below you (escalated)": "下级超期（已督办）",
    "All villages": "全部村", "All risk types": "全部风险类型", "All states": "全部状态",
    "Risk type": "风险类型", "Monitored since": "纳入监测时间", "Monitoring objects": "监测对象",
    "No monitoring object matches the filters.": "没有符合筛选条件的监测对象。",
    "Per-capita net income": "人均纯收入（元）",
    "No flagged household matches the filters.": "没有符合筛选条件的预警农户。",
    "Run %(n)s (%(year)s)": "第 %(n)s 次监测（%(year)s 年）",
    "Count": "数量", "Open cases by division and category": "各地在办案件（按类别）",
    "Cases by state": "案件（按状态）", "Open cases by risk type": "在办案件（按风险类型）",
    "Measures by type": "帮扶措施（按类型）", "Measure": "帮扶措施", "step due": "待办理",
})
ZH_PLURAL.update({
    "%(n)s item done.": "已办理 %(n)s 个事项。",
    "%(n)s notice dismissed.": "已将 %(n)s 条通知标为已读。",
    "%(n)s unread notice": "%(n)s 条未读通知",
})
ZH.update({"All jobs": "全部任务"})
