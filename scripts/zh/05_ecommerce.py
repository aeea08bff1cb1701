"""Chinese for the UI: E-commerce programme, linkages (issue 12).

Merged into ``ZH`` by scripts/translations_zh.py in file-name order."""

ZH: dict[str, str] = {}
ZH_PLURAL: dict[str, str] = {}

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
