"""Chinese for the UI: Registry, monitoring runs, cases, exchange, workflow and inbox (issues 1–10).

Merged into ``ZH`` by scripts/translations_zh.py in file-name order."""

ZH: dict[str, str] = {}
ZH_PLURAL: dict[str, str] = {}

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
