"""Chinese of the consolidation period's backend (巩固提升期, issue 18 items 3–4): the help
register's fields, its import report and its services."""

ZH = {
    # the help register (帮扶记录)
    "help type": "帮扶类型",
    "help record": "帮扶记录",
    # audit words
    "Help recorded": "录入帮扶记录",
    "Help record removed": "删除帮扶记录",
    "Help register imported": "导入帮扶记录",
    "Help register exported": "导出帮扶记录",
    "Help record": "帮扶记录",
    # its import report
    "no household %(code)s in your region": "您的辖区内没有户编号为 %(code)s 的农户",
    "household %(code)s lives in village %(village)s": "农户 %(code)s 属于村 %(village)s",
    "household %(code)s has a case measure of this type in %(year)s: the register holds "
    "only help not recorded as case measures; correct the measure on the case":
        "农户 %(code)s 在 %(year)s 年已有同类型的帮扶措施（监测对象案件）：帮扶记录只登记未作为"
        "案件措施录入的帮扶，请在案件中更正该措施",
    # services
    "this help is recorded as a measure of the household's case in that year; correct it on "
    "the case": "该帮扶已作为该户当年案件的帮扶措施录入，请在案件中更正",
    "this help was recorded at the same moment by someone else; look again":
        "他人刚刚同时录入了这条帮扶记录，请刷新后再看",
}
