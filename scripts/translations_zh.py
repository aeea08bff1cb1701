"""Chinese translations of the UI, applied to the .po catalogue by ``scripts/i18n.py``.

Kept as a table so a reviewer reads msgid and translation side by side; the .po and the
compiled .mo are committed (no gettext tools needed at install time).
"""

ZH = {
    "Village cadre": "村干部", "Township reviewer": "乡镇审核员", "County officer": "县级经办人",
    "County approver": "县级审定人", "Province viewer": "省级查看", "National viewer": "国家级查看",
    "Evaluator": "第三方评估人员", "Auditor": "审计人员", "Administrator": "系统管理员",
    "Registered poor": "建档立卡贫困户", "Exited poverty": "脱贫户", "General household": "一般农户",
    "A (safe)": "A级（安全）", "B (safe)": "B级（安全）", "C (partly dangerous)": "C级（局部危险）",
    "D (dangerous)": "D级（整体危险）", "Head of household": "户主", "Spouse": "配偶",
    "Child": "子女", "Parent": "父母", "Grandchild": "孙子女", "Other": "其他", "Male": "男",
    "Female": "女", "Healthy": "健康", "Chronic illness": "长期慢性病", "Major illness": "大病",
    "Disabled": "残疾", "Full labour": "普通劳动力", "Partial labour": "弱劳动力或半劳动力",
    "No labour": "无劳动力", "Works locally": "本地务工", "Migrant worker": "外出务工",
    "Not employed": "未就业", "household ID": "户编号", "village": "行政村", "status": "户类型",
    "exit year": "脱贫年度", "housing grade": "住房安全等级", "relocated (易地扶贫搬迁)": "易地扶贫搬迁",
    "water quantity sufficient": "水量达标", "water quality certified": "水质达标",
    "water access convenient": "取水方便", "water supply reliable": "供水保证率达标",
    "minimum living allowance (低保)": "低保", "extreme-poverty support (特困供养)": "特困供养",
    "head of household": "户主", "ID number": "身份证号", "name": "姓名", "relation": "与户主关系",
    "sex": "性别", "birth date": "出生日期", "health": "健康状况", "disability grade": "残疾等级",
    "labour": "劳动技能", "in school": "在校生", "taught at home (送教上门)": "送教上门",
    "basic medical insurance": "基本医疗保险", "employment": "务工状况", "year": "年度",
    "wage income": "工资性收入", "operating income": "生产经营性收入",
    "e-commerce revenue": "电商经营收入", "e-commerce cost": "电商经营成本",
    "e-commerce debt": "电商负债", "property income": "财产性收入", "transfer income": "转移性收入",
    "production cost": "生产经营支出", "medical out-of-pocket": "医疗自付支出",
    "education expense": "教育支出", "disaster loss": "灾害损失", "accident loss": "意外事故损失",
    "Compulsory education": "义务教育有保障", "Basic medical insurance": "基本医疗有保障",
    "Safe housing": "住房安全有保障", "Safe drinking water": "饮水安全有保障",
    "Nation": "全国", "Province": "省", "Prefecture": "市", "County": "县", "Township": "乡镇",
    "Village": "村", "national poverty county (832)": "国家级贫困县（832个）",
    "deep-poverty county (334)": "深度贫困县（334个）", "fupin": "扶贫监测",
    "Poverty monitoring": "防返贫监测与评估", "Dashboard": "工作台", "Households": "农户",
    "Audit trail": "审计日志", "API": "接口", "Name, ID number or village": "姓名、身份证号或村名",
    "Search households": "搜索农户", "Log out": "退出",
    "Not bound to any division: you can see nothing.": "未绑定行政区划：无权查看任何数据。",
    "The ledger is intact: the whole chain (%(n)s records) was checked; %(m)s of them belong to "
    "your region.": "审计链完整：已校验全链 %(n)s 条记录，其中 %(m)s 条属于本辖区。",
    "The ledger is broken": "审计链已被破坏",
    "record #%(seq)s, outside your region. Report it to the national administrator.":
        "第 %(seq)s 条记录（不在本辖区）。请报告国家级管理员。",
    "Verify the ledger": "校验审计链", "When": "时间", "Who": "操作人", "Action": "操作",
    "Object": "对象", "Division": "区划", "Hash": "哈希", "No records in your region.": "本辖区暂无记录。",
    "Previous": "上一页", "Next": "下一页", "National poverty county": "国家级贫困县",
    "Deep-poverty county": "深度贫困县", "exited in %(y)s": "%(y)s年脱贫",
    "(the shipped poverty-county lists are partial: they cover some provinces only)":
        "（内置贫困县名单不完整：仅覆盖部分省份）",
    "Households by status per %(level)s": "各%(level)s农户类型分布",
    "This reveal was recorded in the audit trail.": "本次查看已记入审计日志。",
    "(revealed, audited)": "（已显示，已留痕）",
    "Household ID": "户编号", "Status": "户类型", "Exit year": "脱贫年度", "Members": "人口数",
    "No household matches. Change the search or the filters.": "没有符合条件的农户。请修改搜索词或筛选条件。",
    "Page %(n)s of %(total)s": "第 %(n)s 页，共 %(total)s 页", "Dibao": "低保", "Tekun": "特困",
    "Name": "姓名", "Relation": "与户主关系", "Birth date": "出生日期", "Health": "健康状况",
    "Labour": "劳动技能", "In school": "在校", "Medical insurance": "医疗保险", "Reveal": "显示",
    "at home": "送教上门", "Economy by year (yuan)": "历年收支（元）", "Year": "年度",
    "Net income": "家庭纯收入", "Per capita": "人均纯收入", "E-commerce revenue": "电商收入",
    "E-commerce cost": "电商成本", "E-commerce debt": "电商负债", "Rigid expense": "刚性支出",
    "No economy data recorded.": "暂无收支数据。", "Guarantees": "两不愁三保障及饮水安全",
    "Housing grade": "住房安全等级", "relocated": "已搬迁", "Audit history": "变更记录",
    "Name, ID number (full, masked or last 4) or village": "姓名、身份证号（完整、脱敏或后4位）或村名",
    "All townships": "全部乡镇", "All statuses": "全部户类型", "Search": "搜索",
    "Too many failed logins: this account is locked for 30 minutes. Ask your administrator if "
    "you have forgotten the password.": "登录失败次数过多：该账号已锁定30分钟。如忘记密码，请联系管理员。",
    "Log in": "登录", "Log in to fupin": "登录扶贫监测系统",
    "Monitoring, evaluation and accountability for rural poverty alleviation.":
        "防返贫监测、电商扶贫成效评估与问题整改问责。",
    "Wrong username or password. After 5 failures the account is locked for 30 minutes.":
        "用户名或密码错误。连续失败5次将锁定30分钟。",
    "Username": "用户名", "Password": "密码",
}
ZH.update({
    "Workbook (.xlsx) or zip of CSV/Parquet files": "Excel 工作簿（.xlsx）或 CSV/Parquet 文件的 zip 包",
    "Format": "格式", "the export is not ready": "导出尚未完成",
    "unknown column in table %(table)s: use the English names or the Chinese labels of the "
    "template": "表 %(table)s 中有未知列：请使用模板的英文列名或中文列名",
    "the same column appears twice in table %(table)s": "表 %(table)s 中同一列出现两次",
    "required column %(column)s (%(label)s) is missing from table %(table)s":
        "表 %(table)s 缺少必填列 %(column)s（%(label)s）",
    "a value is required (%(label)s)": "必填（%(label)s）",
    "longer than %(max)s characters": "超过 %(max)s 个字符",
    "wrong type: expected %(expected)s": "类型错误：应为 %(expected)s",
    "not one of the allowed values: %(allowed)s": "不是允许的取值：%(allowed)s",
    "outside the allowed range %(min)s–%(max)s": "超出允许范围 %(min)s–%(max)s",
    "not a possible date: expected %(expected)s": "日期无效：应为 %(expected)s",
    "a date in the future": "日期在未来", "a year in the future (this is %(year)s)":
        "年度在未来（今年是 %(year)s 年）",
    "negative amount: amounts are ≥ 0 (losses are recorded as costs)":
        "金额为负：金额应 ≥ 0（损失记为成本）",
    "not an identity number: 17 digits and a digit or X": "不是身份证号：应为17位数字加1位数字或X",
    "identity number fails the GB 11643 check: %(detail)s": "身份证号未通过 GB 11643 校验：%(detail)s",
    "the identity number carries an impossible birth date": "身份证号中的出生日期不存在",
    "the identity number carries birth date %(carried)s, the row says %(birth_date)s":
        "身份证号中的出生日期为 %(carried)s，本行填写为 %(birth_date)s",
    "the same identity number is already at row %(row)s of this file":
        "同一身份证号已出现在本文件第 %(row)s 行",
    "this identity number is registered in another household (%(household)s)":
        "该身份证号已登记在其他农户（%(household)s）",
    "%(code)s is not a village of the loaded division tree": "%(code)s 不是已加载区划中的村",
    "%(code)s is outside your region: you may import only into your division":
        "%(code)s 不在您的辖区内：只能导入本辖区数据",
    "household_id already used at row %(row)s": "户编号已在第 %(row)s 行使用",
    "a household without members: add its members to the members table":
        "该户没有家庭成员：请在家庭成员表中补充",
    "a household needs exactly one head; this one has %(heads)s":
        "每户必须有且只有一名户主；该户有 %(heads)s 名",
    "no such household in the households table": "农户表中没有该户",
    "a second row for this household and year (first at row %(row)s)":
        "同一户同一年度重复（首次出现在第 %(row)s 行）",
    "an exited household needs its exit year": "脱贫户必须填写脱贫年度",
    "wage income between 0 and 100 yuan: check the amount (national data check)":
        "工资性收入在0至100元之间：请核实金额（国家系统数据校验）",
    "exited household with per-capita income %(per_capita)s yuan, below the poverty line of "
    "%(line)s yuan": "脱贫户人均纯收入 %(per_capita)s 元，低于贫困线 %(line)s 元",
    "child aged %(age)s at the end of %(year)s neither in school nor taught at home (送教上门)":
        "%(year)s年底 %(age)s 岁儿童既未在校也未送教上门",
    "household of %(size)s members: check for merged households": "该户有 %(size)s 人：请核实是否并户",
    "disability grade given but health is not 'disabled'": "填写了残疾等级，但健康状况不是“残疾”",
    "Import": "导入", "Export": "导出", "Queued": "排队中", "Validating": "校验中",
    "Refused: errors found": "已拒绝：发现错误", "Validated: ready to commit": "校验通过：可提交",
    "Importing": "导入中", "Imported": "已导入", "Exporting": "导出中",
    "Ready to download": "可下载", "Failed": "失败", "Imports and exports": "导入导出",
    "State": "状态", "Rows read": "读取行数", "Commit the import": "提交导入",
    "No errors; %(w)s warnings (they do not block).": "无错误；%(w)s 条警告（不影响导入）。",
    "Nothing was imported. Correct the rows listed below and upload the file again.":
        "未导入任何数据。请修正下列各行后重新上传。",
    "Imported: %(n)s new households, %(c)s changed, %(u)s unchanged.":
        "已导入：新增 %(n)s 户，变更 %(c)s 户，未变 %(u)s 户。",
    "Download": "下载", "Identity numbers are masked: your role may not reveal them.":
        "身份证号已脱敏：您的角色无权查看完整号码。",
    "Import a snapshot": "导入数据",
    "Households, members and economy of %(name)s. Every row is checked first; nothing is "
    "written until you commit, and nothing at all if any row has an error.":
        "%(name)s 的农户、家庭成员和收支数据。先逐行校验；提交前不写入任何数据，任何一行有错误则全部不写入。",
    "Upload and check": "上传并校验", "Download the blank Excel template": "下载空白 Excel 模板",
    "Everything in your region as snapshot v1. Identity numbers are exported in clear only for "
    "roles allowed to reveal them; the export is recorded in the audit trail.":
        "导出本辖区全部数据（快照 v1 格式）。仅有权查看身份证号的角色导出完整号码；导出操作记入审计日志。",
    "Recent jobs": "最近的任务", "Kind": "类型", "File": "文件", "Errors": "错误",
    "Warnings": "警告", "By": "操作人", "No imports or exports yet.": "暂无导入导出记录。",
    "Problems found": "发现的问题", "%(e)s errors, %(w)s warnings": "%(e)s 个错误，%(w)s 条警告",
    "Download the report (Excel)": "下载校验报告（Excel）", "Row": "行", "Column": "列",
    "Value": "值", "Severity": "级别", "Rule": "规则", "Message": "说明",
})

ZH.update({
    "category": "监测类别", "Monitoring": "防返贫监测",
    "Monitoring %(y)s (run %(n)s)": "%(y)s年监测（第 %(n)s 次运行）", "risk types": "风险类型",
    "No monitoring finding for this household in the latest runs.": "最近的监测运行中该户无预警。",
    "The run failed": "运行失败", "Open the run": "查看运行结果",
    "The run is in progress…": "正在运行…", "Monitoring run": "监测运行", "Monitoring runs": "监测运行",
    "Parameters": "参数", "%(n)s households, %(f)s with findings": "共 %(n)s 户，其中 %(f)s 户有预警或数据问题",
    "monitoring objects per %(level)s": "各%(level)s监测对象", "back up": "返回上一级",
    "Risk types": "风险类型", "Data-check findings per village": "各村数据校验问题", "None.": "无。",
    "Flagged households": "预警农户", "All categories": "全部类别", "Filter": "筛选",
    "Category": "类别", "Reasons": "原因", "No household flagged.": "没有预警农户。",
    "What-if": "参数模拟", "Start a monitoring run": "开始监测运行",
    "over every household of %(name)s, with the national policy pack":
        "对%(name)s全部农户，按国家默认规则",
    "Policy": "规则包", "Engine": "引擎", "Flagged": "预警户数", "No run yet.": "尚无运行记录。",
    "What-if: change the parameters, see who enters and leaves": "参数模拟：调整参数，查看纳入和退出的农户",
    "Compared with the policy's current parameters for your region. Nothing is stored.":
        "与本辖区当前规则参数比较，不保存任何结果。",
    "now": "当前", "Compare": "比较", "Current": "当前", "Change": "变化", "Enter": "纳入",
    "Leave": "退出",
})

ZH.update({
    "Household self-report": "农户自主申报", "Cadre visit": "基层干部排查",
    "Department screening": "部门筛查预警", "Industry support": "产业帮扶", "Employment": "就业帮扶",
    "Finance (microcredit)": "金融帮扶（小额信贷）", "Education": "教育帮扶", "Housing": "住房保障",
    "Water": "饮水保障", "Social assistance": "社会救助", "E-commerce": "电商帮扶", "Insurance": "保险",
    "Eliminated through assistance (帮扶消除)": "帮扶消除", "Disappeared naturally (自然消除)": "自然消除",
    "type": "类型", "description": "内容", "responsible cadre": "帮扶责任人", "start": "开始",
    "end": "结束", "amount": "金额", "date": "日期", "situation": "情况", "per-capita income": "人均纯收入",
    "Alerted: household visit due": "已预警：待入户核查",
    "Visited, authorisation signed: data comparison due": "已入户、已签承诺授权：待信息比对",
    "Data compared: village review due": "已比对：待民主评议",
    "Village review passed: public notice due": "评议通过：待公示",
    "Public notice posted": "公示中",
    "Township review passed: county decision due": "乡镇审核通过：待县级审定",
    "Monitoring object: assistance under way": "监测对象：帮扶中", "Not approved": "未通过",
    "Elimination proposed: village review due": "已提出风险消除：待村评议",
    "Elimination reviewed by the village: public notice due": "风险消除评议通过：待公示",
    "Elimination notice posted": "风险消除公示中",
    "Elimination passed the township: county decision due": "风险消除乡镇审核通过：待县级审定",
    "Risk eliminated": "风险已消除",
    "Household visited, authorisation signed": "入户核查，签署承诺授权",
    "Data compared across departments": "完成部门信息比对", "Village democratic review": "村民主评议",
    "Post the public notice": "张贴公示", "Township review: pass": "乡镇审核：通过",
    "Township review: refuse": "乡镇审核：不通过",
    "County decision: approve as monitoring object": "县级审定：认定为监测对象",
    "County decision: not approved": "县级审定：不予认定",
    "Propose risk elimination": "提出风险消除", "Village review of the elimination": "村评议风险消除",
    "Post the elimination notice": "张贴风险消除公示",
    "Township review of the elimination: pass": "乡镇审核风险消除：通过",
    "Township review of the elimination: refuse": "乡镇审核风险消除：不通过",
    "County decision: risk eliminated": "县级审定：风险消除",
    "County decision: elimination refused": "县级审定：不予消除",
    "Roll back the elimination": "撤销风险消除", "My work": "我的待办", "Cases": "监测对象办理",
    "self-report on behalf of the household": "代农户申报", "No case.": "无办理记录。",
    "Case": "办理事项", "due": "期限", "Notice posted on": "公示日期",
    "Note (required when refusing)": "备注（不通过时必填）",
    "Add an assistance measure": "添加帮扶措施",
    "Recommended for this case's risk types": "按风险类型推荐", "Add measure": "添加措施",
    "Add a visit": "添加走访", "per-capita income (optional)": "人均纯收入（可选）",
    "Add visit": "添加走访", "Measures": "帮扶措施", "None yet.": "暂无。", "Visits": "走访记录",
    "Timeline": "办理过程", "alert": "预警", "Case dashboard": "监测对象统计",
    "Approved monitoring objects": "认定监测对象", "Eliminated": "风险消除",
    "Elimination rate": "风险消除率", "Overdue steps": "超期环节",
    "Open cases by category": "在办事项（按类别）", "By state": "按环节",
    "Measures by type": "帮扶措施（按类型）", "Department feed": "部门预警导入",
    "Department screening feed": "部门筛查预警导入",
    "A CSV with columns household_id or id_number, alert_type, date (YYYY-MM-DD), amount. Every "
    "row is checked first; nothing is recorded if one is wrong.":
        "CSV 文件，列为 household_id 或 id_number、alert_type、date（YYYY-MM-DD）、amount。先逐行校验，任何一行有误则全部不记录。",
    "Department": "部门", "Record the alerts": "记录预警", "Public notices": "公示名单",
    "Household": "农户", "Waiting for": "待办环节", "Days left": "剩余天数",
    "overdue %(n)s d": "超期 %(n)s 天", "Nothing waits on you.": "暂无待办。",
    "Overdue below you (escalated)": "下级超期事项（已上报）", "Public notice list": "公示名单",
    "Each notice stays up at least %(days)s days.": "每项公示不少于 %(days)s 天。", "Print": "打印",
    "Matter": "事项", "Posted": "公示开始", "Ends": "公示结束",
    "identification as monitoring object": "监测对象认定", "risk elimination": "风险消除",
})

ZH.update({
    "No notice is posted.": "暂无公示。", "Self-report": "农户申报",
    "Self-report on behalf of the household": "代农户申报", "What happened": "发生了什么",
    "amount (yuan, optional)": "金额（元，可选）",
    "The household consents and has signed the authorisation to check its assets (承诺授权)":
        "农户同意并已签署承诺授权书（同意核查家庭资产）",
    "Submit": "提交",
})

ZH.update({
    "monitored for less than 6 months (approved %(since)s)": "监测不满6个月（%(since)s 认定）",
    "no assistance measure in place": "尚未落实帮扶措施",
    "no member is able to work: such a household is never marked eliminated":
        "家中无劳动能力成员：此类农户不得标注风险消除",
    "no income recorded at visits in the last 6 months": "近6个月走访未记录收入",
    "income not stably above the line: %(low).0f < %(line).0f yuan in the last 6 months":
        "收入未稳定超过监测线：近6个月最低 %(low).0f 元 < %(line).0f 元",
    "income above the line for less than 6 months": "收入超过监测线不满6个月",
    "large rigid spending is not resolved (latest monitoring run)": "大额刚性支出尚未解决（最近一次监测）",
    "guarantees or water do not hold: %(rules)s": "“两不愁三保障”或饮水安全未保障：%(rules)s",
    "elimination within 2 months of identification (national data check)":
        "认定后2个月内即消除风险（国家系统数据校验）",
    "a school-age child is out of school (national data check)": "有义务教育阶段儿童失学（国家系统数据校验）",
    "the public notice posted on %(start)s must stay up %(days)s days: review from %(minimum)s on":
        "%(start)s 张贴的公示须满 %(days)s 天：%(minimum)s 起方可审核",
    "give the reason": "请填写原因", " by %(user)s": "（%(user)s）",
    "choose the category: unstable, marginal or sudden_hardship": "请选择监测对象类别",
    "risk elimination refused: %(criteria)s": "不符合风险消除条件：%(criteria)s",
    "this case has already moved on%(who)s (now: %(state)s); reload the page":
        "该事项已被处理%(who)s（当前：%(state)s），请刷新页面",
})

ZH_PLURAL = {"%(n)s household": "%(n)s 户"}

# Issue 9: personal data shown by construction, input limits (ADR 0018, 0019).
ZH.update({
    "a value is required": "必须填写",
    "the file is larger than %(mb)s MB": "文件超过 %(mb)s MB",
    "the file is not UTF-8 text (byte %(pos)s): save it as “CSV UTF-8”":
        "文件不是 UTF-8 文本（第 %(pos)s 字节）：请另存为“CSV UTF-8”",
    "the file is not a CSV table: %(error)s": "文件不是 CSV 表格：%(error)s",
    "more than %(n)s rows: split the file": "超过 %(n)s 行：请拆分文件",
    "row %(row)s, column %(column)s: longer than %(max)s characters":
        "第 %(row)s 行 %(column)s 列：超过 %(max)s 个字符",
    "row %(row)s, column %(column)s: %(error)s": "第 %(row)s 行 %(column)s 列：%(error)s",
    "%(value)s is not an amount in yuan": "%(value)s 不是以元为单位的金额",
    "%(value)s is negative: amounts are ≥ 0 (losses are recorded as costs)":
        "%(value)s 为负数：金额须 ≥ 0（损失记为支出）",
    "%(value)s is outside the allowed range %(min)s to %(max)s":
        "%(value)s 超出允许范围 %(min)s 至 %(max)s",
    "%(value)s is not a number between %(min)s and %(max)s":
        "%(value)s 不是 %(min)s 至 %(max)s 之间的数",
    "not allowed here: only letters, digits, _ and - (pattern %(pattern)s)":
        "含不允许的字符：只能用字母、数字、_ 和 -（格式 %(pattern)s）",
    "too large: amounts are below %(max)s yuan": "数额过大：金额须小于 %(max)s 元",
    "a household ID has only letters, digits, _ and - (at most 32 characters)":
        "户编号只能包含字母、数字、_ 和 -（最多 32 个字符）",
    "year: %(value)s is not a year between %(min)s and %(max)s":
        "年度：%(value)s 不是 %(min)s 至 %(max)s 之间的年份",
    "Birth year": "出生年份",
    "Name, ID number (full or masked) or village": "姓名、身份证号（完整或脱敏）或村名",
})

# Issue 8 and 9 (merge): the exchange's refusals, job states, error pages, run screens.
ZH.update({
    "{file}: not a readable zip archive (an .xlsx workbook is one)":
        "{file}：不是可读取的压缩包（.xlsx 工作簿本身就是压缩包）",
    "{file}: {part} unpacks to {size} MB, more than the limit of {limit} MB":
        "{file}：{part} 解压后为 {size} MB，超过上限 {limit} MB",
    "{file}: {part} is compressed {ratio:.0f} to 1 (limit {limit} to 1): refused as a possible "
    "zip bomb": "{file}：{part} 的压缩比为 {ratio:.0f}:1（上限 {limit}:1），疑似压缩炸弹，已拒绝",
    "{file}: unpacks to more than {limit} MB": "{file}：解压后超过 {limit} MB",
    "{file} is saved as {encoding}: save it as CSV UTF-8 (or the Chinese GB18030 encoding) and "
    "upload it again": "{file} 的编码为 {encoding}：请另存为 CSV UTF-8（或 GB18030 中文编码）后重新上传",
    "{file} is not a text file, or is saved as UTF-16: save it as CSV UTF-8 and upload it again":
        "{file} 不是文本文件，或为 UTF-16 编码：请另存为 CSV UTF-8 后重新上传",
    "{file}: the text is neither UTF-8 nor GB18030 (GBK): save it as CSV UTF-8 and upload it "
    "again": "{file}：文本既不是 UTF-8 也不是 GB18030（GBK）编码：请另存为 CSV UTF-8 后重新上传",
    "{file}, row {row}: {error}": "{file}，第 {row} 行：{error}",
    "{file}, row {row}, column {column}: a value of {size} KB is longer than the limit of "
    "{limit} KB": "{file}，第 {row} 行，{column} 列：数据长度 {size} KB，超过上限 {limit} KB",
    "{file}: not a readable Parquet file ({error})": "{file}：不是可读取的 Parquet 文件（{error}）",
    "{file}: not a readable Excel workbook (.xlsx)": "{file}：不是可读取的 Excel 工作簿（.xlsx）",
    "upload an .xlsx workbook or a .zip of CSV or Parquet files":
        "请上传 .xlsx 工作簿，或包含 CSV / Parquet 文件的 .zip 压缩包",
    "this import is %(state)s: it cannot be committed now": "该导入当前状态为“%(state)s”，现在不能提交",
    "format must be one of %(formats)s": "格式须为以下之一：%(formats)s",
    "this job is %(state)s: only a failed job can be retried":
        "该任务当前状态为“%(state)s”：只有失败的任务可以重试",
    "this export holds identity numbers in clear: your role may not reveal them":
        "该导出文件含完整身份证号：您的角色无权查看",
    "the worker stopped while this job was running; nothing was written. Retry it.":
        "任务执行期间后台进程已停止，未写入任何数据。请重试。",
    "the job failed: %(error)s. Retry it; if it fails again, send this message to your "
    "administrator.": "任务失败：%(error)s。请重试；如再次失败，请将此信息发给系统管理员。",
    "the registry changed since validation; validate again": "校验后台账已有变化，请重新校验",
    "Validation": "校验", "Commit": "提交",
    "this identity number is already registered in another household outside your region":
        "该身份证号已登记在您辖区以外的其他农户中",
    "the background worker stopped while the run was in progress; start it again":
        "监测运行期间后台进程已停止，请重新开始",
    "Someone acted first": "他人已先行操作", "Request refused": "请求被拒绝",
    "Reload the page to see the current state, then try again.": "请刷新页面查看当前状态后重试。",
    "Correct the input and try again.": "请更正输入后重试。",
    "The job failed; nothing was written.": "任务失败，未写入任何数据。", "Retry": "重试",
    "The files of this job were removed after the retention period.": "该任务的文件已过保存期限并被删除。",
    "the ledger head or its anchors do not hold. Report it to the national administrator.":
        "账本链头或锚点校验不通过，请报告国家级系统管理员。",
    "Back to my first screen": "返回首页", "Dataset": "数据集", "Loading…": "加载中…",
    "The progress of this run is no longer known (the worker or the cache restarted).":
        "该次运行的进度已无法获知（后台进程或缓存已重启）。",
    "Start the run again": "重新开始运行",
    "A run over a higher level: only your division's figures are shown (%(f)s households with "
    "findings).": "上级区划的运行：仅显示本辖区的数据（%(f)s 户有发现）。",
    "a run over a higher level: figures of your division only": "上级区划的运行：仅显示本辖区数据",
})

# Issue 8 (merge): the workflow engine's messages and the one inbox.
ZH.update({
    "choose the kind of elimination": "请选择风险消除类型",
    "the household has another open case": "该户另有未办结的案件",
    "case": "案件",
    "only the %(level)s level may do this": "只有%(level)s级可以办理此步骤",
    "this %(noun)s has already moved on%(who)s (now: %(state)s); reload the page":
        "该%(noun)s已被%(who)s办理（当前：%(state)s），请刷新页面",
    "Overdue, escalated to you: %(item)s": "已逾期，提交您督办：%(item)s",
    "escalated": "已督办", "Mark read": "标为已读", "Item": "事项",
    "page %(n)s of %(total)s": "第 %(n)s 页，共 %(total)s 页",
})

# Issue 15 (engine part): verdicts and command messages.
ZH.update({
    "passes": "通过", "fails": "未通过", "undecided: the interval straddles the threshold":
        "待定：置信区间跨越阈值",
    "--county: a 6-digit county code, not %(value)s": "--county：须为 6 位县级代码，而不是 %(value)s",
    "%(households)d households in %(villages)d villages drawn with seed %(seed)d; written to "
    "%(path)s": "以随机种子 %(seed)d 在 %(villages)d 个村抽取 %(households)d 户；已写入 %(path)s",
    "%(rows)d division(s) and the total written to %(path)s (line %(line)s yuan)":
        "%(rows)d 个区划及合计已写入 %(path)s（标准线 %(line)s 元）",
})

# Review fixes: who reads an import's report.
ZH.update({
    "the report repeats the file's personal data: your role may not read it":
        "校验报告含文件中的个人信息：您的角色无权查看",
    "%(e)s errors, %(w)s warnings. The problems repeat the file's rows, personal data included: "
    "they are listed for users who may import this data and reveal identity numbers.":
        "%(e)s 个错误，%(w)s 个警告。问题清单含文件中的原始数据（包括个人信息），仅向有权导入该数据并查看身份证号的用户显示。",
})
ZH.update({
    "The ledger is intact: the whole chain (%(n)s records) was checked.":
        "审计链完整：已校验整条链（%(n)s 条记录）。",
    "The ledger is intact: the whole chain was checked; %(m)s records belong to your region.":
        "审计链完整：已校验整条链，其中 %(m)s 条记录属于本辖区。",
})

# Issue 10 (procedure half): notices, objections, consent, step records, categories.
ZH.update({
    "monitored for less than 6 months (since %(since)s)": "监测不满6个月（自 %(since)s 起）",
    "no monitoring line for %(year)s in province %(province)s: the income criterion cannot be "
    "checked": "%(year)s 年省份 %(province)s 未配置监测线：无法核验收入条件",
    "expected YYYY-MM-DD": "格式应为 YYYY-MM-DD", "a whole number": "须为整数",
    "in advance (先行落实)": "先行落实", "raised on": "提出日期", "raised by": "提出人",
    "objection": "异议", "answer": "答复",
    "your role may not record objections": "您的角色无权登记异议",
    "objections are recorded while the notice is up": "异议只能在公示期间登记",
    "an objection is raised during the notice": "异议须在公示期间提出",
    "say who objects and what": "请填写异议人及异议内容",
    "only the township answers objections": "只有乡镇可以答复异议",
    "this objection has already been answered": "该异议已答复",
    "give the answer": "请填写答复内容",
    "your role may not attach documents": "您的角色无权上传附件",
    "an attachment is 1 byte to %(mb)s MB": "附件大小须在 1 字节至 %(mb)s MB 之间",
    "%(n)s objection(s) raised during the notice are not answered": "公示期间提出的 %(n)s 条异议尚未答复",
    "the notice cannot start in the future (%(start)s)": "公示开始日期不能晚于今天（%(start)s）",
    "a notice cannot be backdated: %(start)s is more than a day ago":
        "公示不能倒签：%(start)s 早于昨天",
    "the notice cannot start before the village review of %(day)s":
        "公示不能早于 %(day)s 的村级民主评议",
    "the household's signed authorisation is required to go on (refuse the case with a reason "
    "otherwise)": "须有农户签字的承诺授权书才能继续（否则请说明理由并终止）",
    "give the date of the signed authorisation": "请填写承诺授权书签字日期",
    "the authorisation cannot be dated in the future": "授权书日期不能晚于今天",
    "say who signed the authorisation": "请填写授权书签字人",
    "name the departments whose data were compared": "请填写参与信息比对的部门",
    "give the date of the review meeting (not in the future)": "请填写评议会议日期（不能晚于今天）",
    "give the votes for, against and abstaining": "请填写赞成、反对、弃权票数",
    "the review did not pass (%(for)s for, %(against)s against): refuse the case with a reason":
        "评议未通过（赞成 %(for)s，反对 %(against)s）：请说明理由并终止",
    "a household of status %(status)s cannot be approved as %(category)s":
        "户类型为“%(status)s”的农户不能认定为“%(category)s”",
    "the category found is %(derived)s: give the reason for %(category)s":
        "核定的监测对象类型为“%(derived)s”：改为“%(category)s”须说明理由",
    "give at least one risk type": "请至少选择一项风险类型",
    "unknown risk types: %(codes)s": "未知的风险类型：%(codes)s",
    "the risk types found are %(found)s: give the reason for the change":
        "核定的风险类型为 %(found)s：变更须说明理由",
    "Visit: not eligible, refuse": "入户核查：不符合条件，终止",
    "Data comparison: not eligible, refuse": "信息比对：不符合条件，终止",
    "Village democratic review: refuse": "村级民主评议：不通过",
    "Step records": "办理记录", "Signed authorisation": "承诺授权书", "yes": "是", "no": "否",
    "Departments compared": "比对部门", "Democratic review": "民主评议",
    "for / against / abstain": "赞成 / 反对 / 弃权", "Attachments": "附件", "Attach": "上传附件",
    "Objections during the notice": "公示期间的异议", "answered": "已答复", "open": "未答复",
    "Answer": "答复", "Record the objection": "登记异议", "notice": "公示", "days": "天",
    "Signed authorisation?": "是否已签承诺授权书？", "yes, signed": "是，已签字",
    "signed on": "签字日期", "signed by": "签字人", "departments compared": "比对部门",
    "findings": "比对结果", "meeting date": "会议日期", "for": "赞成", "against": "反对",
    "abstain": "弃权", "risk types, e.g. 01;06": "风险类型，如 01;06",
    "Sudden hardship: measures may be recorded now, before the approval (先行落实).":
        "突发严重困难：可在认定前先行落实帮扶措施。",
    "Days": "天数",
})
ZH.update({
    "Not a target: the policy forbids elimination quotas; a risk is eliminated only when every "
    "criterion holds.": "不是考核指标：政策禁止下达风险消除指标，只有各项条件均满足才能消除风险。",
})
ZH.update({
    "a parameter contains a NUL character: remove it and send the request again":
        "参数中含有 NUL 空字符：请删除后重新提交",
})
ZH.update({
    "Not allowed": "无权访问",
    "your role may not open this page or take this step. Ask your administrator if you need it.":
        "您的角色无权打开此页面或办理此步骤。如确有需要，请联系系统管理员。",
    "Not found": "未找到",
    "there is no such page or record in your division.": "本辖区内没有该页面或记录。",
})
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
# Accountability (issue 14): findings, rectification, accountability actions.
ZH.update({
    "Third-party evaluation": "第三方评估", "Fund performance evaluation": "资金绩效评价",
    "Media undercover visit": "媒体暗访", "Audit": "审计", "Inspection": "督查巡视",
    "12317 hotline report": "12317 监督举报", "Other complaint": "其他信访投诉",
    "System data check": "系统数据核查", "Integrity analytics": "数据真实性分析",
    "False data": "数据不实", "Policy not in place": "政策落实不到位", "Fund misuse": "资金违规使用",
    "Work style": "工作作风", "Poor service": "服务不到位", "Minor": "轻微", "General": "一般",
    "Serious": "严重", "Evaluation result": "评估结果", "Expenditure": "资金支出", "Product": "产品",
    "Public notice (通报)": "通报", "Summoning for talks (约谈)": "约谈",
    "Rectification by a deadline (限期整改)": "限期整改", "Accountability of officials (问责)": "问责",
    "Deduction of evaluation points": "考核扣分", "No top grade this year": "当年不得评为优秀",
    "Loss of demonstration status": "取消示范资格", "Recovery of funds": "追缴资金",
    "Plan submitted": "已报整改方案", "Progress reported": "已报整改进展",
    "Completion claimed": "已申报整改完成", "Verified": "已验收", "Sent back": "已退回",
    "Approved": "已批准", "Finding recorded": "登记问题", "Rectification assigned": "交办整改",
    "Rectification plan submitted": "报送整改方案", "Rectification progress reported": "报送整改进展",
    "Rectification completion claimed": "申报整改完成", "Rectification verified": "验收整改",
    "Rectification sent back": "退回整改", "Accountability action proposed": "提出问责措施",
    "Accountability action approved": "批准问责措施",
    "Accountability action not approved": "不批准问责措施", "Recovered funds recorded": "登记追缴到账",
    "Evidence added": "上传佐证材料", "Complaint acknowledged": "受理举报",
    "Complaint handling extended": "延长办理期限", "Complainant answered": "答复举报人",
    "Complainant revealed": "查看举报人信息", "Finding": "问题", "Rectification": "整改",
    "Accountability action": "问责措施", "Evidence": "佐证材料", "Findings": "问题线索",
    "Accountability actions": "问责措施台账", "source": "来源", "found on": "发现日期",
    "division": "行政区划", "responsible unit": "责任单位", "responsible person": "责任人",
    "severity": "严重程度", "title": "标题", "outlet": "媒体", "report": "报道",
    "handle by": "办结期限", "finding": "问题", "deadline": "整改期限", "rectification": "整改",
    "Plan": "整改方案", "Progress report": "整改进展", "kind": "类别",
    "decision document": "决定文号", "decision date": "决定日期", "points": "扣分",
    "recovered": "已追缴", "accountability action": "问责措施",
    "links to %(kind)s cannot be checked: the app that keeps them is not installed":
        "无法核验关联的%(kind)s：管理该数据的模块尚未安装",
    "unknown link %(kind)s:%(ref)s": "未知关联 %(kind)s:%(ref)s",
    "%(kind)s %(ref)s is not in the finding's division": "%(kind)s %(ref)s 不在问题所属行政区划内",
    "choose the responsible county, township or village": "请选择责任县、乡镇或村",
    "choose the source": "请选择问题来源", "choose the category": "请选择问题类别",
    "choose the severity": "请选择严重程度", "give the finding a title": "请填写问题标题",
    "name the responsible unit": "请填写责任单位",
    "a finding cannot be dated in the future": "发现日期不能晚于今天",
    "name the outlet of the media visit": "请填写暗访媒体",
    "the deadline is before the finding": "整改期限早于发现日期",
    "your role does not record findings of this source": "您的角色不能登记该来源的问题",
    "only complaints have a handling clock": "只有举报投诉有办理时限",
    "your role does not handle complaints": "您的角色不能办理举报投诉",
    "the complaint has been answered already": "该举报已答复",
    "the complaint was acknowledged already": "该举报已受理",
    "the handling can be extended only once": "办理期限只能延长一次",
    "give the reason for the extension": "请填写延期理由",
    "the handling period has run out: it can no longer be extended": "办理期限已过，不能再延期",
    "write the reply": "请填写答复内容", "your role may not reveal complainants": "您的角色无权查看举报人信息",
    "your role may not add evidence to this finding": "您的角色不能为该问题上传佐证材料",
    "an evidence file is 1 byte to %(mb)s MB": "佐证材料大小应为 1 字节至 %(mb)s MB",
    "%(name)s is not a number": "%(name)s 不是数字", "%(name)s is out of range": "%(name)s 超出范围",
    "your role may not propose accountability actions": "您的角色不能提出问责措施",
    "choose the kind of action": "请选择问责措施类别", "cite the decision document": "请填写决定文号",
    "give the points deducted": "请填写扣分分值",
    "give the evaluation year the action affects": "请填写影响的考核年度",
    "give the amount to recover": "请填写追缴金额",
    "name the officials held accountable, with unit and post": "请填写被问责人员及其单位、职务",
    "give each official's unit and post": "请填写每名被问责人员的单位和职务",
    "approve or reject": "请选择批准或不批准", "your role may not record recovered funds": "您的角色不能登记追缴到账",
    "only an approved recovery of funds records recovered amounts": "只有已批准的追缴资金措施才能登记到账金额",
    "the recovered total is between 0 and the amount": "已追缴累计金额应在 0 至追缴金额之间",
    "Village committee": "村民委员会",
    "Data check %(check)s failed for %(n)s household(s) in %(year)s":
        "%(year)s 年数据核查 %(check)s 未通过（%(n)s 户）",
    "Found by monitoring run %(run)s": "由第 %(run)s 次监测运行发现",
    "Incomes bunched just above the line in %(year)s (%(name)s)":
        "%(year)s 年收入在监测线上方异常集中（%(name)s）",
    "excess %(excess)s households, p = %(p)s: a lead for verification, not an accusation":
        "超额 %(excess)s 户，p = %(p)s：供核查的线索，并非定论",
    "Graded poor (较差) in the %(year)s evaluation": "%(year)s 年度考核评价为较差",
    "Source": "来源", "Found on": "发现日期", "Responsible unit": "责任单位", "Deadline": "整改期限",
    "Overdue": "逾期", "No findings in your region.": "本辖区暂无问题线索。",
    "Division code": "区划代码", "Decision document": "决定文号", "Decision date": "决定日期",
    "Points": "扣分", "Amount": "金额", "Recovered": "已追缴",
    "No accountability actions in your region.": "本辖区暂无问责措施。",
    "give a date (YYYY-MM-DD)": "请填写日期（年-月-日）", "Recorded and assigned": "登记并交办",
    "reload the page": "请刷新页面", "acknowledge, extend or reply": "请选择受理、延期或答复",
    "choose a file": "请选择文件", "Open": "未完成", "Closed": "已销号",
    "Assigned: rectification plan due": "已交办：待报整改方案",
    "Plan submitted: rectification under way": "已报方案：整改中",
    "Rectification under way": "整改中", "Completion claimed: verification due": "已申报完成：待验收",
    "Verified and closed": "已验收销号",
    "only the responsible unit may report on its rectification": "只有责任单位可以报送整改情况",
    "write the plan or the report": "请填写整改方案或情况",
    "only the source of the finding may verify its rectification": "只有问题发现方可以验收整改",
    "who claimed completion may not verify it": "申报整改完成的人不能验收",
    "give the reasons for sending it back": "请填写退回理由",
    "Submit the rectification plan": "报送整改方案", "Report progress": "报送整改进展",
    "Claim completion": "申报整改完成", "Verify and close": "验收销号", "Send back with reasons": "退回重新整改",
    "Proposed: county approval due": "已提出：待县级批准",
    "Proposed: province approval due": "已提出：待省级批准",
    "who proposed an action may not approve it": "提出问责措施的人不能批准",
    "give the reasons for not approving": "请填写不批准理由", "Approve": "批准", "Do not approve": "不批准",
    "Rectification dashboard": "整改看板", "Status report": "整改情况报告",
    "Closed on time": "按期销号", "Closed late": "逾期销号", "By source": "按来源",
    "By category": "按类别", "Findings by month": "各月新增问题", "By division": "按行政区划",
    "No rectifications in your region.": "本辖区暂无整改事项。", "Rectification notice": "整改通知书",
    "closed on time": "按期销号", "closed late": "逾期销号", "Report": "报道", "Complaint": "举报投诉",
    "Complainant": "举报人", "Reveal (audited)": "查看（留痕）", "Received": "收到",
    "acknowledged": "受理", "extended": "已延期", "Reply": "答复", "Acknowledge": "受理",
    "Reason for the extension": "延期理由", "Extend to 20 days": "延期至 20 日",
    "Reply to the complainant": "答复举报人", "Record the reply": "登记答复", "Next step": "下一步",
    "Plan, report, or reasons": "整改方案、进展或理由", "No evidence yet.": "暂无佐证材料。",
    "Add": "上传", "About": "涉及对象", "%(p)s points": "扣 %(p)s 分", "Awaiting approval": "待批准",
    "Recovered so far": "累计追缴到账", "Record": "登记", "No actions.": "暂无问责措施。",
    "Decision document No.": "决定文号", "Amount to recover": "追缴金额", "Official": "被问责人",
    "Unit": "单位", "Post": "职务", "Propose the action": "提出问责措施", "New finding": "登记问题",
    "Responsible division (12-digit code)": "责任区划（12 位代码）", "Responsible person": "责任人",
    "Deadline (empty: by severity)": "整改期限（空：按严重程度）", "Title": "标题",
    "Description": "问题描述", "Media visit": "媒体暗访", "Outlet": "媒体",
    "Complainant (12317 and complaints; stored encrypted, shown masked)":
        "举报人（12317 及信访投诉；加密保存，脱敏显示）", "Phone": "电话",
    "About (household ID, case number …)": "涉及对象（户编号、监测对象编号……）",
    "Record and assign": "登记并交办",
    "Overdue rectifications first, then by deadline. Filter by responsible unit to see one "
    "unit's inbox.": "逾期整改排在最前，其余按整改期限排序。按责任单位筛选即为该单位的待办。",
    "Back to the finding": "返回问题", "No. %(n)s": "第 %(n)s 号", ":": "：",
    "On %(day)s, %(source)s found the following problem in %(division)s:":
        "%(day)s，%(source)s发现%(division)s存在以下问题：",
    "Category: %(category)s; severity: %(severity)s.": "问题类别：%(category)s；严重程度：%(severity)s。",
    "Rectify it and report the plan, the progress and the result with evidence in the system by "
    "<strong>%(deadline)s</strong>. A rectification not completed by the deadline is escalated to "
    "the level above and counts against the county's evaluation.":
        "请于 <strong>%(deadline)s</strong> 前完成整改，并在系统中报送整改方案、进展和结果及佐证材料。"
        "逾期未完成整改的，将报上一级并计入本县考核。",
    "Rectification status report": "整改情况报告",
    "Rectification status report of %(division)s": "%(division)s整改情况报告",
    "Open: %(open)s, of which overdue: %(overdue)s; closed on time: %(on_time)s; closed late: "
    "%(late)s.": "未完成 %(open)s 项，其中逾期 %(overdue)s 项；按期销号 %(on_time)s 项；逾期销号 %(late)s 项。",
    "Rectification step": "整改环节",
    "not in your region": "不在您的辖区内",
    "Findings exported": "导出问题线索", "System (findings sync)": "系统（问题线索同步）",
})
ZH.update({"Evidence file downloaded": "下载证据材料"})
ZH.update({"User changed (role or division)": "修改用户（角色或辖区）", "User deactivated": "停用用户",
           "User reactivated": "重新启用用户", "Password reset": "重置密码"})
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
# --- ecommerce: models and codes of issue 12 (the lead's tables), then the programme pages
# (ecpage). Another area may add the same msgids: the same words, either block may stay.
ZH.update({
    "E-commerce poverty alleviation (电商扶贫)": "电商扶贫",
    "Domestic-service training and placement (家政扶贫)": "百城万村家政扶贫",
    "Labour placement (劳务扶贫)": "劳务扶贫", "Border trade (边贸扶贫)": "边贸扶贫",
    "County public service centre": "县级电子商务公共服务中心",
    "Township service station": "乡镇电子商务服务站", "Village service point": "村级电子商务服务点",
    "Purchase on behalf (代购)": "代购", "Sales (代销)": "代销", "Parcel pick-up (收发快递)": "收发快递",
    "Payment (缴费)": "代缴费", "Training (培训)": "培训", "Working": "运营中", "Suspended": "暂停",
    "Platform": "电商平台", "E-commerce firm": "电商企业", "Co-operative": "合作社", "Shop": "网店",
    "Logistics": "物流", "Order purchase + dividend (订单收购+分红)": "订单收购+分红",
    "Land transfer + priority hiring (土地流转+优先雇用)": "土地流转+优先雇用",
    "Shares with guaranteed return (入股保底分红)": "入股保底分红", "Employment (就业)": "就业",
    "Consignment sales (代销)": "代销", "Agricultural and sideline products": "农副产品",
    "Rural tourism": "乡村旅游", "Catering": "餐饮", "Folk crafts": "民俗手工艺品",
    "Grain and oil": "粮油", "Fruit and vegetables": "果蔬", "Livestock, poultry and eggs": "畜禽蛋",
    "Aquatic products": "水产品", "Tea and medicinal herbs": "茶叶和中药材",
    "Processed food": "加工食品", "Rural tourism and catering services": "乡村旅游和餐饮服务",
    "Online platform": "线上平台", "Poverty-product zone at a trade fair": "展会扶贫产品专区",
    "Counter in a transport hub": "交通枢纽扶贫专柜", "Canteen purchasing (消费扶贫)": "食堂采购（消费扶贫）",
    "Other offline channel": "其他线下渠道", "Trained": "已培训", "Opened an online shop": "开办网店",
    "Employed": "就业", "Placed in a job": "转移就业", "Trading (border trade)": "边民互市",
    "not a valid unified social credit code (GB 32100: 18 characters with a correct check "
    "character)": "不是有效的统一社会信用代码（GB 32100：18 位，校验码正确）",
    "unified social credit code": "统一社会信用代码", "registered in": "注册地", "enterprise": "企业",
    "pairing code": "帮扶编号", "county": "县", "committed purchase value": "承诺采购额",
    "committed training (person-times)": "承诺培训（人次）", "committed jobs": "承诺就业岗位",
    "pairing": "对口帮扶", "purchase value delivered": "已完成采购额",
    "training delivered (person-times)": "已完成培训（人次）", "jobs delivered": "已提供就业岗位",
    "pairing year": "对口帮扶年度", "linkage code": "联结编号", "form": "联结方式",
    "benefit linkage": "利益联结", "purchase value": "收购额", "wages": "工资", "dividends": "分红",
    "rent": "租金", "linkage year": "利益联结年度", "supply chain code": "供应链编号", "sector": "领域",
    "regional brand": "区域公用品牌", "standards met": "达到标准", "certifications": "认证",
    "enterprises": "企业", "supply chain": "供应链", "product code": "产品编号", "supplier": "供应商",
    "origin": "产地", "specification": "规格", "certificate number": "证书编号", "valid from": "有效期起",
    "valid until": "有效期至", "reason refused": "不予认定理由", "reason revoked": "撤销理由",
    "poverty-alleviation product": "扶贫产品", "product": "产品", "batch number": "批次号",
    "produced on": "生产日期", "origin household": "来源农户", "origin co-operative": "来源合作社",
    "buyer": "采购方", "quantity": "数量", "unit": "单位", "batch": "批次", "channel": "渠道",
    "platform or outlet": "平台或网点", "sales value": "销售额", "sales": "销售",
    "programme code": "项目编号", "lead unit": "牵头单位", "start year": "起始年度",
    "end year": "结束年度", "programme": "项目", "session code": "培训编号", "held on": "培训日期",
    "topic": "主题", "provider": "培训机构", "person-times": "人次", "poor trainees": "贫困人口学员",
    "exited trainees": "脱贫人口学员", "training session": "培训班", "member": "家庭成员",
    "outcome": "成效", "months": "月数", "beneficiary": "受益对象", "site code": "站点编号",
    "level": "层级", "operator": "运营主体", "services": "服务内容", "opened on": "启用日期",
    "closed on": "关闭日期", "floor area (m²)": "面积（m²）", "service site": "服务站点",
    "township": "乡镇", "express delivery covered": "快递已覆盖", "carriers": "快递企业",
    "village delivery points": "村级寄递点", "parcels in": "进港件数", "parcels out": "出港件数",
    "township logistics": "乡镇物流",
})
ZH.update({
    "E-commerce programme": "电商扶贫", "E-commerce by county": "各县电商扶贫",
    "Administrative villages covered (%)": "行政村覆盖率（%）",
    "Poor villages covered (%)": "贫困村覆盖率（%）", "Target (%)": "目标（%）",
    "Site code": "站点编号", "Level": "层级", "Operator": "运营主体", "Services": "服务内容",
    "Opened on": "启用日期", "Closed on": "关闭日期",
    "No service sites in your region.": "您辖区内没有服务站点。",
    "Express delivery covered": "快递已覆盖", "Carriers": "快递企业",
    "Village delivery points": "村级寄递点", "Parcels in": "进港件数", "Parcels out": "出港件数",
    "No township logistics in your region.": "您辖区内没有乡镇物流记录。",
    "Unified social credit code": "统一社会信用代码", "Type": "类型", "Registered in": "注册地",
    "Paired counties": "帮扶县数", "No enterprises in your region's programme.": "您辖区的项目中没有企业。",
    "Name or credit code": "名称或信用代码", "Pairing code": "帮扶编号", "Enterprise": "企业",
    "Start": "开始", "End": "结束", "Committed purchase value": "承诺采购额",
    "Purchase value delivered": "已完成采购额", "Committed training": "承诺培训",
    "Training delivered": "已完成培训", "Committed jobs": "承诺就业岗位",
    "Jobs delivered": "已提供就业岗位", "No pairings in your region.": "您辖区内没有对口帮扶。",
    "Session code": "培训编号", "Held on": "培训日期", "Topic": "主题", "Provider": "培训机构",
    "Programme": "项目", "Person-times": "人次", "Poor trainees": "贫困人口学员",
    "Exited trainees": "脱贫人口学员", "No training sessions in your region.": "您辖区内没有培训记录。",
    "Programme code": "项目编号", "Lead unit": "牵头单位", "Start year": "起始年度",
    "End year": "结束年度", "No programmes in your region.": "您辖区内没有项目。", "Member": "家庭成员",
    "Outcome": "成效", "Months": "月数", "No beneficiaries in your region.": "您辖区内没有受益对象。",
    "Give a year from %(first)s to %(last)s.": "请选择 %(first)s 至 %(last)s 之间的年度。",
    "Demonstration batch": "示范县批次", "Villages covered (%)": "行政村覆盖率（%）",
    "Township express coverage (%)": "乡镇快递覆盖率（%）",
    "Pairing purchase delivered (%)": "帮扶采购完成率（%）",
    "Training person-times (cumulative)": "累计培训人次", "Training target reached (%)": "培训目标完成率（%）",
    "Households placed (other programmes)": "其他项目就业户数", "Products listed": "已上架扶贫产品",
    "Poor households linked": "联结贫困户数", "No county in your region.": "您辖区内没有县。",
    "E-commerce programme by county": "各县电商扶贫",
    "National poverty counties known": "已知国家级贫困县", "List complete": "名单是否完整",
    "Complete": "完整", "Partial": "不完整", "Demonstration counties": "示范县",
    "Named this year": "本年新增", "Poverty counties covered": "覆盖贫困县数",
    "Poverty counties covered (%)": "贫困县覆盖率（%）",
    "No county attributes loaded in your region.": "您辖区内尚未导入县属性。",
    "Demonstration counties and poverty counties": "电子商务进农村综合示范县与贫困县",
    "Service sites": "服务站点", "Township logistics": "乡镇物流", "Enterprises": "企业",
    "Pairings (对口帮扶)": "对口帮扶", "Training sessions": "培训", "Programmes": "项目",
    "Beneficiaries": "受益对象", "Programme page": "项目总览", "Show": "显示",
    "Demonstration county, batch %(y)s": "%(y)s 年批次示范县",
    "No demonstration batch recorded (the shipped lists are partial).":
        "未记录示范县批次（随附名单不完整）。",
    "Service system": "服务体系", "Administrative villages covered": "行政村覆盖率",
    "Poor villages covered": "贫困村覆盖率", "Working village points": "运营中的村级服务点",
    "Targets": "目标", "of poor and of administrative villages": "贫困村和行政村",
    "Coverage by year, with the target lines": "历年覆盖率与目标线",
    "A village point works in a year when it was open on 31 December (this year: today) and, "
    "this year, its status is working. Poor villages: villages with registered poor or exited "
    "households.": "村级服务点在某年 12 月 31 日（本年为今天）处于开放状态即计为当年运营；本年还须状态为运营中。"
    "贫困村：有建档立卡贫困户或脱贫户的村。",
    "Service map by township": "各乡镇服务站点", "County level": "县级",
    "villages covered": "覆盖行政村", "poor villages covered": "覆盖贫困村",
    "Working in %(year)s": "%(year)s 年运营", "No sites recorded.": "没有站点记录。",
    "Townships": "乡镇数", "With express delivery": "快递已覆盖",
    "Township express coverage (%%)": "乡镇快递覆盖率（%%）", "below 100%%": "低于 100%%",
    "Pairings (对口帮扶): commitments and what was delivered": "对口帮扶：承诺与完成",
    "Delivered to date": "累计完成", "Delivered (%%)": "完成率（%%）",
    "Training delivered / committed": "培训完成 / 承诺", "Jobs delivered / committed": "就业完成 / 承诺",
    "No pairings recorded.": "没有对口帮扶记录。", "Total": "合计",
    "Benefit linkages (利益联结)": "利益联结",
    "Linkage quality indicators are not available in this installation yet.":
        "本系统暂未提供利益联结质量指标。",
    "Your role may not see benefit linkages.": "您的角色无权查看利益联结。",
    "No linkages recorded for this year.": "本年没有利益联结记录。",
    "Exited households linked": "联结脱贫户数", "Linked 12 months or more (%%)": "联结 12 个月以上占比（%%）",
    "Linkage income per household, median (yuan)": "户均联结收入中位数（元）",
    "Linkage income per household, mean (yuan)": "户均联结收入平均数（元）",
    "Linkages ended in the year": "本年终止的联结", "Households with an e-commerce loss": "电商经营亏损户",
    "Poverty-alleviation products": "扶贫产品", "No products recorded.": "没有扶贫产品记录。",
    "Training (target: %(n)s person-times per county)": "培训（目标：每县 %(n)s 人次）",
    "Sessions": "期数", "Cumulative": "累计", "Target reached (%%)": "目标完成率（%%）",
    "Households that opened a shop": "开办网店户数", "Households employed": "就业户数",
    "No training recorded.": "没有培训记录。", "Commerce programmes in %(year)s": "%(year)s 年商务扶贫项目",
    "Households reached": "受益户数", "Households placed": "就业户数", "Wage income (yuan)": "工资收入（元）",
    "(%(n)s of %(m)s records gave one)": "（%(m)s 条记录中 %(n)s 条有金额）",
    "Demonstration counties (电子商务进农村综合示范县) named by the end of %(year)s, and the national "
    "poverty counties among them. fupin knows %(k)s of the %(n)s national poverty counties: a "
    "province marked partial has an incomplete list, and demonstration batches are known only "
    "where a province imported them (fupin counties import).":
        "截至 %(year)s 年底确定的电子商务进农村综合示范县及其中的国家级贫困县。fupin 已知 %(n)s 个国家级贫困县中的 "
        "%(k)s 个：标为“不完整”的省份名单不全，示范县批次仅在省级导入县属性后可知。",
    "Poverty counties covered by demonstration counties (fupin's data)": "示范县覆盖贫困县情况（本系统数据）",
    "Published national totals": "公开发布的全国数据", "Batch": "批次", "Counties named": "示范县数",
    "of them national poverty counties": "其中国家级贫困县", "early 2020": "2020 年初",
    "Sources: MOFCOM batch rosters; the 2019 roster is an image and is not added up.":
        "来源：商务部各批次名单；2019 年名单为图片，未计入累计。",
    "%(name)s, %(year)s: one row per county; click a column to sort, a county to open its "
    "programme page.": "%(name)s，%(year)s 年：每县一行；点击列名排序，点击县名打开该县电商扶贫页面。",
    "The poverty-county and demonstration-county lists shipped with fupin are partial here: a "
    "blank is unknown, not no.": "随附的贫困县和示范县名单在此不完整：空白表示未知，而不是“否”。",
    "Linkage indicators are not available in this installation yet.": "本系统暂未提供利益联结指标。",
})
# --- e-commerce: benefit linkages (eclink, ADR 0042) ---
ZH.update({
    "Benefit linkage recorded": "登记利益联结", "Benefit-linkage amounts recorded": "登记利益联结年度金额",
    "benefit linkage": "利益联结", "benefit-linkage year": "利益联结年度金额",
    "linkage year": "利益联结年度金额", "linkage code": "联结编号", "form": "联结形式",
    "start": "开始日期", "end": "结束日期", "purchase value": "收购金额", "wages": "工资",
    "dividends": "分红", "rent": "租金",
    "Order purchase + dividend (订单收购+分红)": "订单收购+分红",
    "Land transfer + priority hiring (土地流转+优先雇用)": "土地流转+优先雇用",
    "Shares with guaranteed return (入股保底分红)": "入股保底分红",
    "Employment (就业)": "就业", "Consignment sales (代销)": "代销", "Training (培训)": "培训",
    "Income adjusted for a part recorded elsewhere": "按其他业务登记的收入构成调整收支",
    "%(value)s is below the %(floor)s yuan of it recorded in benefit linkages for this year: "
    "correct the linkage record first":
        "%(value)s 低于本年度利益联结中已登记的 %(floor)s 元：请先更正利益联结记录",
    "purchases of produce": "农产品收购", "land rent": "土地流转租金",
    "%(kind)s from %(enterprise)s": "%(enterprise)s的%(kind)s",
    "Benefit-linkage income of %(total)s yuan in %(year)s (%(parts)s) lifted per-capita net "
    "income from %(without)s to %(with)s yuan, above the monitoring line of %(line)s yuan.":
        "%(year)s 年利益联结收入 %(total)s 元（%(parts)s）使人均纯收入由 %(without)s 元升至 "
        "%(with)s 元，超过监测线 %(line)s 元。",
    "Of per-capita net income of %(with)s yuan in %(year)s, benefit linkages brought %(total)s "
    "yuan to the household (%(parts)s); without them it would be %(without)s yuan (monitoring "
    "line %(line)s yuan).":
        "%(year)s 年人均纯收入 %(with)s 元，其中利益联结带来 %(total)s 元（%(parts)s）；"
        "不计利益联结为 %(without)s 元（监测线 %(line)s 元）。",
    "no finding for this household.": "未发现该户存在风险。",
    "Benefit linkages": "利益联结", "Benefit linkage": "利益联结", "Form": "联结形式",
    "Enterprise": "企业", "Active in year": "联结年度", "Linkage code": "联结编号",
    "Start": "开始", "End": "结束", "No benefit linkages in your region.": "您辖区内暂无利益联结。",
    "Yearly amounts (yuan)": "年度金额（元）", "Purchase value": "收购金额", "Wages": "工资",
    "Dividends": "分红", "Rent": "租金", "Total": "合计", "No amounts recorded.": "未登记金额。",
    "Purchases count as operating income, wages as wage income, dividends and rent as property "
    "income of the household's economy of the same year.":
        "收购金额计入该户同年的经营净收入，工资计入工资性收入，分红和租金计入财产性收入。",
    "Through linkages / whole (yuan)": "其中来自利益联结 / 全部（元）",
    "No benefit linkage recorded for this household.": "该户暂无利益联结记录。",
    "Benefit linkages exported": "导出利益联结",
    "Benefit linkages (e-commerce)": "利益联结（电商）",
    "no enterprise with this credit code: record the enterprise first":
        "没有该统一社会信用代码的企业：请先登记企业",
    "the end is before the start": "结束日期早于开始日期",
    "the same linkage code is already at row %(row)s": "相同的联结编号已在第 %(row)s 行",
    "the same linkage and year are already at row %(row)s": "相同的联结和年度已在第 %(row)s 行",
    "no such linkage in this file or in your region": "本文件和您的辖区内均无此利益联结",
    "the linkage did not run in this year": "该利益联结在此年度未执行",
})
ZH.update({
    "Households above the line beyond the counterfactual": "线上超出反事实分布的户数",
    "Households missing just below the line": "线下缺失的户数",
    "Normalised excess (in counterfactual bins)": "标准化超额（以反事实组距计）",
    "Households in the bin just above the line": "紧邻线上一组的户数",
    "Households in the two bins at the line": "线两侧相邻两组的户数",
    "Share expected above the line": "线上组的期望占比",
    "Rank among placebo thresholds": "安慰剂阈值中的排序",
    "Households that exited": "退出户数", "Reference rate": "参照比率",
})
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
# --- ecprod (issue 12: product certification, supply chains, batches, sales). The first part
# translates the shared e-commerce choices and model fields of the lead's commit, which the
# product screens show; another area may translate the same msgids (the same words).
ZH.update({
    "E-commerce poverty alleviation (电商扶贫)": "电商扶贫",
    "Domestic-service training and placement (家政扶贫)": "家政扶贫",
    "Labour placement (劳务扶贫)": "劳务扶贫", "Border trade (边贸扶贫)": "边贸扶贫",
    "County public service centre": "县级电子商务公共服务中心",
    "Township service station": "乡镇电子商务服务站", "Village service point": "村级电子商务服务点",
    "Purchase on behalf (代购)": "代购", "Sales (代销)": "代销", "Parcel pick-up (收发快递)": "收发快递",
    "Payment (缴费)": "缴费", "Training (培训)": "培训", "Working": "运营中", "Suspended": "暂停",
    "Platform": "电商平台", "E-commerce firm": "电商企业", "Co-operative": "农民专业合作社",
    "Shop": "网店", "Logistics": "物流企业",
    "Order purchase + dividend (订单收购+分红)": "订单收购+分红",
    "Land transfer + priority hiring (土地流转+优先雇用)": "土地流转+优先雇用",
    "Shares with guaranteed return (入股保底分红)": "入股保底分红", "Employment (就业)": "就业",
    "Consignment sales (代销)": "代销",
    "Agricultural and sideline products": "农副产品", "Rural tourism": "乡村旅游",
    "Catering": "餐饮", "Folk crafts": "民俗手工艺品", "Grain and oil": "粮油",
    "Fruit and vegetables": "果蔬", "Livestock, poultry and eggs": "畜禽蛋",
    "Aquatic products": "水产品", "Tea and medicinal herbs": "茶叶和中药材",
    "Processed food": "加工食品", "Rural tourism and catering services": "乡村旅游和餐饮服务",
    "Online platform": "线上平台", "Poverty-product zone at a trade fair": "展销会扶贫产品专区",
    "Counter in a transport hub": "交通枢纽扶贫产品专柜",
    "Canteen purchasing (消费扶贫)": "机关食堂采购（消费扶贫）", "Other offline channel": "其他线下渠道",
    "Trained": "已培训", "Opened an online shop": "开设网店", "Employed": "已就业",
    "Placed in a job": "已安置就业", "Trading (border trade)": "从事边贸",
    "not a valid unified social credit code (GB 32100: 18 characters with a correct check "
    "character)": "不是有效的统一社会信用代码（GB 32100：18 位且校验码正确）",
    "unified social credit code": "统一社会信用代码", "registered in": "注册地", "enterprise": "企业",
    "pairing code": "帮扶结对编号", "county": "县", "committed purchase value": "承诺采购额",
    "committed training (person-times)": "承诺培训人次", "committed jobs": "承诺就业岗位",
    "pairing": "帮扶结对", "purchase value delivered": "已完成采购额",
    "training delivered (person-times)": "已完成培训人次", "jobs delivered": "已提供就业岗位",
    "pairing year": "帮扶年度", "linkage code": "联结编号", "form": "联结方式",
    "benefit linkage": "利益联结", "purchase value": "收购额", "wages": "工资", "dividends": "分红",
    "rent": "租金", "linkage year": "联结年度", "supply chain code": "供应链编号", "sector": "产业",
    "regional brand": "区域品牌", "standards met": "达到的标准", "certifications": "认证",
    "enterprises": "企业", "supply chain": "供应链", "product code": "产品编号", "supplier": "供应商",
    "origin": "产地", "specification": "规格", "certificate number": "证书编号",
    "valid from": "有效期自", "valid until": "有效期至", "reason refused": "不予认定的理由",
    "reason revoked": "撤销理由", "poverty-alleviation product": "扶贫产品", "product": "产品",
    "batch number": "批次号", "produced on": "生产日期", "origin household": "来源农户",
    "origin co-operative": "来源合作社", "buyer": "买方", "quantity": "数量", "unit": "单位",
    "batch": "批次", "channel": "销售渠道", "platform or outlet": "平台或网点", "sales value": "销售额",
    "sales": "销售", "programme code": "项目编号", "lead unit": "牵头单位", "start year": "起始年度",
    "end year": "结束年度", "programme": "项目", "session code": "培训编号", "held on": "举办日期",
    "topic": "主题", "provider": "培训机构", "person-times": "人次", "poor trainees": "贫困学员",
    "exited trainees": "脱贫学员", "training session": "培训班", "member": "成员", "outcome": "成效",
    "months": "月数", "beneficiary": "受益对象", "site code": "站点编号", "level": "层级",
    "operator": "运营主体", "services": "服务项目", "opened on": "开办日期", "closed on": "关闭日期",
    "floor area (m²)": "面积（m²）", "service site": "服务站点", "township": "乡镇",
    "express delivery covered": "快递已覆盖", "carriers": "快递企业",
    "village delivery points": "村级寄递点", "parcels in": "进港件数", "parcels out": "出港件数",
    "township logistics": "乡镇物流",
})
ZH.update({
    "Product application entered": "录入扶贫产品申报", "Product passed the township check": "扶贫产品通过乡镇审核",
    "Product refused by the township": "乡镇审核不予通过扶贫产品",
    "Product passed the industry bureau review": "扶贫产品通过行业主管部门审核",
    "Product refused by the industry bureau": "行业主管部门不予通过扶贫产品",
    "Product approved by the county": "县级审定扶贫产品", "Product refused by the county": "县级不予认定扶贫产品",
    "Product public notice posted": "扶贫产品公示", "Objection to a product recorded": "登记扶贫产品公示异议",
    "Product listed": "扶贫产品列入目录", "Product certificate revoked": "撤销扶贫产品认定",
    "Product certificate expired": "扶贫产品认定到期", "Listed product imported": "导入已认定扶贫产品",
    "Poverty-alleviation product": "扶贫产品", "System (product expiry)": "系统（扶贫产品到期）",
    "Application entered": "录入申报", "Township check passed": "乡镇审核通过",
    "Refused by the township": "乡镇审核不予通过", "Industry bureau review passed": "行业主管部门审核通过",
    "Refused by the industry bureau": "行业主管部门审核不予通过", "Approved by the county": "县级审定通过",
    "Refused by the county": "县级不予认定", "Objection: back to review": "公示有异议：退回审核",
    "Listed": "已认定", "Revoked": "已撤销", "Imported as listed": "作为已认定产品导入",
    "Poverty-alleviation products": "扶贫产品", "Supply chains": "供应链", "Product sales": "扶贫产品销售",
    "Product code": "产品编号", "Supplier": "供应商", "Origin": "产地", "Supply chain": "供应链",
    "Certificate number": "证书编号", "Valid until": "有效期至", "No products in your region.": "辖区内暂无扶贫产品。",
    "Origin (division code)": "产地（区划代码）", "Supply chain code": "供应链编号", "Sector": "产业",
    "Regional brand": "区域品牌", "Enterprises": "企业", "Products": "产品", "Linked households": "联结农户",
    "No supply chains in your region.": "辖区内暂无供应链。", "Batch number": "批次号", "Produced on": "生产日期",
    "From": "来源", "Buyer": "买方", "Quantity": "数量", "No batches in your region.": "辖区内暂无批次。",
    "Platform or outlet": "平台或网点", "Sales value (yuan)": "销售额（元）", "Poor county": "贫困县",
    "No sales in your region.": "辖区内暂无销售记录。",
    "no enterprise with this unified social credit code": "没有使用该统一社会信用代码的企业",
    "no such division: %(code)s": "没有该行政区划：%(code)s",
    "give the township (or village) of origin: its township checks the application":
        "请填写产地所在乡镇（或村）：由所在乡镇审核申报",
    "your role may not enter applications": "您的角色不能录入申报",
    "give a product code (at most 40 characters)": "请填写产品编号（最多 40 个字符）",
    "product code %(code)s is taken": "产品编号 %(code)s 已被使用",
    "give the product's name (at most 200 characters)": "请填写产品名称（最多 200 个字符）",
    "choose a category": "请选择产品类别", "at most 120 characters": "最多 120 个字符",
    "no such supply chain in the county of origin": "产地所在县没有该供应链",
    "%(code)s: the validity ends before it starts": "%(code)s：有效期截止早于起始",
    "imported as listed": "作为已认定产品导入", "validity ended %(day)s": "有效期于 %(day)s 届满",
    "Batches and traceability": "批次与溯源", "Sales of poverty-alleviation products": "扶贫产品销售",
    "Applied: township check due": "已申报：待乡镇审核",
    "Checked by the township: industry bureau review due": "乡镇已审核：待县行业主管部门审核",
    "Reviewed by the industry bureau: county approval due": "行业主管部门已审核：待县级审定",
    "Approved by the county: public notice due": "县级已审定：待公示",
    "Refused": "不予认定", "Expired": "已过期",
    "your role does not take this step of the certification": "您的角色不办理认定的这一环节",
    "write down the objection": "请填写异议内容",
    "the public notice posted on %(start)s must stay up %(days)s days: list from %(minimum)s on":
        "%(start)s 发布的公示须满 %(days)s 天：%(minimum)s 起方可认定",
    "give the first day of validity as a date (YYYY-MM-DD)": "请以日期填写有效期起始日（YYYY-MM-DD）",
    "give the last day of validity as a date (YYYY-MM-DD)": "请以日期填写有效期截止日（YYYY-MM-DD）",
    "the validity must end after it starts and not in the past": "有效期截止日须晚于起始日且不早于今天",
    "certificate number %(no)s is another product's": "证书编号 %(no)s 已属于其他产品",
    "Township check: pass": "乡镇审核：通过", "Township check: refuse": "乡镇审核：不予通过",
    "Industry bureau review: pass": "行业主管部门审核：通过",
    "Industry bureau review: refuse": "行业主管部门审核：不予通过",
    "County approval: approve": "县级审定：通过", "County approval: refuse": "县级审定：不予认定",
    "Objection: back to the industry bureau's review": "公示有异议：退回行业主管部门审核",
    "List with a certificate": "认定并颁发证书", "Revoke the certificate": "撤销认定",
    "Enter an application": "录入申报", "Enter a supplier's application": "录入供应商的认定申报",
    "The county office enters the application for the supplier; the township of origin checks it "
    "first.": "由县级部门代供应商录入申报，先由产地所在乡镇审核。",
    "Supplier (unified social credit code)": "供应商（统一社会信用代码）",
    "Township or village of origin (division code)": "产地乡镇或村（区划代码）",
    "Specification": "规格", "Enter the application": "录入申报", "Standards met": "达到的标准",
    "Certifications": "认证",
    "Linked households: distinct households of the county with a benefit linkage to one of the "
    "chain's enterprises.": "联结农户：本县与该供应链任一企业建立利益联结的农户（不重复计数）。",
    "No enterprises.": "暂无企业。", "No products.": "暂无产品。", "Valid": "有效期",
    "Reason refused": "不予认定的理由", "Reason revoked": "撤销理由",
    "Certificate number (empty: assigned)": "证书编号（空：自动编号）", "Valid from": "有效期自",
    "The objection": "异议内容", "The reason": "理由", "Note (optional)": "备注（选填）", "Steps": "办理过程",
    "Sales by year and channel": "分年度、分渠道销售", "Share from poverty counties": "来自贫困县的比重",
    "No sales recorded.": "暂无销售记录。", "Batches": "批次", "No batches recorded.": "暂无批次记录。",
    "Certification: application → township check → industry bureau review → county approval → "
    "public notice → listed with a certificate and its validity. What waits on you is in My work.":
        "认定流程：申报 → 乡镇审核 → 县行业主管部门审核 → 县级审定 → 公示 → 认定并颁发证书（含有效期）。"
        "待您办理的事项在“我的待办”中。",
    "By year and channel": "分年度、分渠道", "From national poverty counties": "来自国家级贫困县",
    "Share": "比重",
    "Poverty counties are the national list of 832 (county attributes); online platforms and the "
    "offline channels: trade-fair zones, transport-hub counters, canteen purchasing.":
        "贫困县指国家 832 个贫困县名单（见县属性）；渠道包括线上平台和线下渠道：展销会专区、交通枢纽专柜、食堂采购。",
})
ZH_PLURAL.update({"%(n)s day": "%(n)s 天"})
# --- ecommerce exchange (ecx): the programme tables' import report and audit words
ZH.update({
    "Programme tables imported": "导入项目数据表", "Programme tables exported": "导出项目数据表",
    "Programme tables (e-commerce dataset)": "项目数据表（电商数据集）",
    "%(code)s is not a division of the loaded division tree": "%(code)s 不是已加载区划树中的区划",
    "%(code)s is a division of level %(level)s; this needs one of level %(expected)s":
        "%(code)s 是%(level)s级区划，此处需要%(expected)s级区划",
    "this code is already used by a record outside your region": "该编号已被您辖区以外的记录使用",
    "the same record (%(key)s) is already at row %(row)s of this table":
        "同一记录（%(key)s）已在本表第 %(row)s 行出现",
    "%(end)s is before %(start)s": "%(end)s 早于 %(start)s",
    "not a valid unified social credit code (GB 32100: 18 characters with a correct check "
    "character)": "不是有效的统一社会信用代码（GB 32100：18 位，校验码须正确）",
    "no enterprise with credit code %(code)s in the enterprises table or the register":
        "企业表和企业登记中均无统一社会信用代码为 %(code)s 的企业",
    "this enterprise is registered outside your region with other details: it is not changed "
    "from here": "该企业登记在您辖区以外且信息不同：不能在此修改",
    "no programme %(code)s in the programmes table or in your region":
        "项目表和您的辖区中均无项目 %(code)s",
    "no pairing %(code)s in the pairings table or in your region":
        "对口帮扶表和您的辖区中均无帮扶 %(code)s",
    "no product %(code)s in the products table or in your region":
        "扶贫产品表和您的辖区中均无产品 %(code)s",
    "no supply chain %(code)s in the supply-chain table or in the product's county":
        "供应链表和产品所在县中均无供应链 %(code)s",
    "no training session %(code)s of this programme": "该项目没有培训 %(code)s",
    "no household %(code)s in the county %(county)s": "县 %(county)s 中没有农户 %(code)s",
    "unknown service %(code)s: use %(allowed)s": "未知服务内容 %(code)s：请使用 %(allowed)s",
    "a closed site needs its closing date": "已关闭的站点须填写关闭日期",
    "more poor or exited trainees than person-times": "贫困或脱贫学员数超过培训人次",
    "a batch needs its origin household or co-operative": "批次须填写来源农户或合作社",
    "a batch quantity is more than 0": "批次数量须大于 0",
    "%(year)s is outside the period %(start)s–%(end)s": "%(year)s 年不在 %(start)s–%(end)s 期间内",
    "this product is in certification (state %(state)s): change it on its certification page, "
    "not by import": "该产品正在认定中（状态 %(state)s）：请在认定页面修改，不能通过导入修改",
})
# --- ecx: the shared e-commerce fields and choices of the models commit, in the same words as
# the product-certification block (identical entries; whichever block is merged last wins).
ZH.update({
    'E-commerce poverty alleviation (电商扶贫)': '电商扶贫',
    'Domestic-service training and placement (家政扶贫)': '家政扶贫',
    'Labour placement (劳务扶贫)': '劳务扶贫',
    'Border trade (边贸扶贫)': '边贸扶贫',
    'County public service centre': '县级电子商务公共服务中心',
    'Township service station': '乡镇电子商务服务站',
    'Village service point': '村级电子商务服务点',
    'Purchase on behalf (代购)': '代购',
    'Sales (代销)': '代销',
    'Parcel pick-up (收发快递)': '收发快递',
    'Payment (缴费)': '缴费',
    'Training (培训)': '培训',
    'Working': '运营中',
    'Suspended': '暂停',
    'Platform': '电商平台',
    'E-commerce firm': '电商企业',
    'Co-operative': '农民专业合作社',
    'Shop': '网店',
    'Logistics': '物流企业',
    'Order purchase + dividend (订单收购+分红)': '订单收购+分红',
    'Land transfer + priority hiring (土地流转+优先雇用)': '土地流转+优先雇用',
    'Shares with guaranteed return (入股保底分红)': '入股保底分红',
    'Employment (就业)': '就业',
    'Consignment sales (代销)': '代销',
    'Agricultural and sideline products': '农副产品',
    'Rural tourism': '乡村旅游',
    'Catering': '餐饮',
    'Folk crafts': '民俗手工艺品',
    'Grain and oil': '粮油',
    'Fruit and vegetables': '果蔬',
    'Livestock, poultry and eggs': '畜禽蛋',
    'Aquatic products': '水产品',
    'Tea and medicinal herbs': '茶叶和中药材',
    'Processed food': '加工食品',
    'Rural tourism and catering services': '乡村旅游和餐饮服务',
    'Online platform': '线上平台',
    'Poverty-product zone at a trade fair': '展销会扶贫产品专区',
    'Counter in a transport hub': '交通枢纽扶贫产品专柜',
    'Canteen purchasing (消费扶贫)': '机关食堂采购（消费扶贫）',
    'Other offline channel': '其他线下渠道',
    'Trained': '已培训',
    'Opened an online shop': '开设网店',
    'Employed': '已就业',
    'Placed in a job': '已安置就业',
    'Trading (border trade)': '从事边贸',
    'unified social credit code': '统一社会信用代码',
    'registered in': '注册地',
    'enterprise': '企业',
    'pairing code': '帮扶结对编号',
    'county': '县',
    'committed purchase value': '承诺采购额',
    'committed training (person-times)': '承诺培训人次',
    'committed jobs': '承诺就业岗位',
    'pairing': '帮扶结对',
    'purchase value delivered': '已完成采购额',
    'training delivered (person-times)': '已完成培训人次',
    'jobs delivered': '已提供就业岗位',
    'pairing year': '帮扶年度',
    'linkage code': '联结编号',
    'form': '联结方式',
    'benefit linkage': '利益联结',
    'purchase value': '收购额',
    'wages': '工资',
    'dividends': '分红',
    'rent': '租金',
    'linkage year': '联结年度',
    'supply chain code': '供应链编号',
    'sector': '产业',
    'regional brand': '区域品牌',
    'standards met': '达到的标准',
    'certifications': '认证',
    'enterprises': '企业',
    'supply chain': '供应链',
    'product code': '产品编号',
    'supplier': '供应商',
    'origin': '产地',
    'specification': '规格',
    'certificate number': '证书编号',
    'valid from': '有效期自',
    'valid until': '有效期至',
    'reason refused': '不予认定的理由',
    'reason revoked': '撤销理由',
    'poverty-alleviation product': '扶贫产品',
    'product': '产品',
    'batch number': '批次号',
    'produced on': '生产日期',
    'origin household': '来源农户',
    'origin co-operative': '来源合作社',
    'buyer': '买方',
    'quantity': '数量',
    'unit': '单位',
    'batch': '批次',
    'channel': '销售渠道',
    'platform or outlet': '平台或网点',
    'sales value': '销售额',
    'sales': '销售',
    'programme code': '项目编号',
    'lead unit': '牵头单位',
    'start year': '起始年度',
    'end year': '结束年度',
    'programme': '项目',
    'session code': '培训编号',
    'held on': '举办日期',
    'topic': '主题',
    'provider': '培训机构',
    'person-times': '人次',
    'poor trainees': '贫困学员',
    'exited trainees': '脱贫学员',
    'training session': '培训班',
    'member': '成员',
    'outcome': '成效',
    'months': '月数',
    'beneficiary': '受益对象',
    'site code': '站点编号',
    'level': '层级',
    'operator': '运营主体',
    'services': '服务项目',
    'opened on': '开办日期',
    'closed on': '关闭日期',
    'floor area (m²)': '面积（m²）',
    'service site': '服务站点',
    'township': '乡镇',
    'express delivery covered': '快递已覆盖',
    'carriers': '快递企业',
    'village delivery points': '村级寄递点',
    'parcels in': '进港件数',
    'parcels out': '出港件数',
    'township logistics': '乡镇物流',
})

# Words that collided with an older msgid of another meaning (browser walk of the issue 12–16
# screens): each now has its own msgid, or the older meaning yields.
ZH.update({
    "Site name": "站点名称", "Site status": "站点状态", "Name contains": "名称包含",
    "Enterprise": "企业", "Programme name": "项目名称", "to date": "至今",
    "Not certified": "不予认定", "Refused": "拒访", "Flagged as a lead": "列为疑点",
})


# Each area may keep its own table in scripts/zh/<area>.py (``ZH = {...}``, optional
# ``ZH_PLURAL``), merged here in file-name order after the tables above.
def _more() -> None:
    import importlib.util
    from pathlib import Path

    for path in sorted((Path(__file__).parent / "zh").glob("*.py")):
        spec = importlib.util.spec_from_file_location(f"zh_{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        ZH.update(getattr(module, "ZH", {}))
        ZH_PLURAL.update(getattr(module, "ZH_PLURAL", {}))


_more()
