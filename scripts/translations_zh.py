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

ZH_PLURAL = {"%(n)s household": "%(n)s 户"}


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
