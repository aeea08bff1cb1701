"""Chinese of the consolidation screens, exports and API (巩固提升期, issue 18 item 5)."""

ZH: dict[str, str] = {}
ZH_PLURAL: dict[str, str] = {}

ZH.update({
    # menus and titles
    "Quality of exit": "巩固成效", "Help by type": "帮扶力度（分类型）",
    "Help intensity per county": "帮扶力度对比（脱贫前后）",
    "Lost all help (follow-up)": "帮扶断档（待跟进）",
    "Exited households of the village": "本村脱贫户",
    "Exited households per division, as of the year shown: a row opens the division below, "
    "a village its households.": "各地区脱贫户情况（截至所选年度）：点击一行查看下一级，点击村查看该村脱贫户。",
    "Help from the help register, the cases' measures and the benefit linkages, per "
    "division, year and type: amount and households reached.":
        "帮扶记录、监测对象帮扶措施和利益联结，按地区、年度和类型汇总：金额和受益户数。",
    "Mean help per exited household and year, before exit and during the consolidation "
    "period; divisions where it fell are marked red.":
        "脱贫户户均年帮扶金额：脱贫前与巩固提升期内对比；帮扶力度下降的地区标红。",
    "Exited households still inside the consolidation period that had help before and none "
    "in the latest year: visit them and record the help they get.":
        "仍在巩固提升期内、以前享受帮扶而最近一年没有任何帮扶的脱贫户：请入户走访并记录落实的帮扶。",
    # the help types on these screens
    "Industry help": "产业帮扶", "Employment help": "就业帮扶",
    "Finance help (microcredit)": "金融帮扶（小额信贷）", "Education help": "教育帮扶",
    "Health help": "健康帮扶", "Housing security": "住房安全保障",
    "Drinking-water security": "饮水安全保障", "Social assistance safety net": "社会救助兜底",
    "E-commerce help": "电商帮扶", "Insurance help": "保险帮扶", "Other help": "其他帮扶",
    # columns
    "Exited households": "脱贫户数", "Inside the consolidation period": "处于巩固提升期",
    "Stayed above the line every year (%)": "脱贫后各年均高于监测线（%）",
    "Became monitoring objects after exit (%)": "脱贫后纳入监测对象（%）",
    "Received %(type)s (%%)": "享受%(type)s（%%）",
    "Years since exit": "脱贫年数", "Inside the period": "处于巩固提升期",
    "Years below the line": "低于监测线的年度", "Monitoring-object years": "为监测对象的年度",
    "Help by year (yuan)": "各年帮扶金额（元）", "Type of help": "帮扶类型",
    "Before exit (yuan per household-year)": "脱贫前（元/户·年）",
    "During the period (yuan per household-year)": "巩固提升期内（元/户·年）",
    "Household-years with help before exit (%)": "脱贫前获得帮扶的户·年（%）",
    "Household-years with help during the period (%)": "巩固提升期内获得帮扶的户·年（%）",
    "During / before": "期内/脱贫前", "Help kept up or increased": "帮扶力度不减",
    "Kept up": "保持或加大", "Help cut": "帮扶减少", "Unknown": "未知",
    "Period ends": "巩固提升期截止", "Last year with help": "最近享受帮扶年度",
    "Help last received": "最近享受的帮扶",
    "No exited household in this division.": "本地区没有脱贫户。",
    "No exited household in this village.": "本村没有脱贫户。",
    "No help recorded in this division.": "本地区没有帮扶记录。",
    "No household inside the period has lost all help.": "巩固提升期内没有帮扶断档的脱贫户。",
    # inputs
    "Choose a level below the division shown.": "请选择当前地区以下的层级。",
    "Choose a type of help from the list.": "请从列表中选择帮扶类型。",
    "Rows": "列出", "Latest": "最新", "All types": "全部类型", "Export CSV": "导出 CSV",
    "Divisions": "行政区划路径",
    "Click a bar or a division to see the level below; a village lists its exited households.":
        "点击柱形或地区名称查看下一级；点击村查看该村脱贫户。",
    "Each exited household of the village with the years it fell below the line, the years "
    "it was a monitoring object and the help it received each year; a household opens its "
    "page.": "本村每户脱贫户：低于监测线的年度、为监测对象的年度和各年享受的帮扶；点击户编号打开农户页面。",
    "Amount by year and type (yuan)": "各年分类型帮扶金额（元）",
    "As of the end of %(y)s.": "截至 %(y)s 年底。",
    # the household page's section
    "Since exit": "脱贫以来", "Exited in %(y)s, %(n)s years ago.": "%(y)s 年脱贫，已 %(n)s 年。",
    "Inside the consolidation period %(a)s–%(b)s": "处于巩固提升期（%(a)s–%(b)s）",
    "Outside the consolidation period %(a)s–%(b)s": "不在巩固提升期（%(a)s–%(b)s）内",
    "Per capita income": "人均纯收入", "Above the line": "高于监测线",
    "Monitoring object": "监测对象", "Help in all (yuan)": "帮扶合计（元）",
    "unknown": "未知", "No year since exit recorded yet.": "尚无脱贫以来的年度数据。",
    "This household has not exited poverty: no consolidation period.":
        "该户尚未脱贫：没有巩固提升期。",
})
ZH_PLURAL.update({
    "%(n)s division gave less help per exited household during the consolidation period "
    "than before exit: help is to be kept up or increased.":
        "%(n)s 个地区巩固提升期内户均帮扶少于脱贫前：应继续加大帮扶力度。",
})
