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
    # services
    "this help was recorded at the same moment by someone else; look again":
        "他人刚刚同时录入了这条帮扶记录，请刷新后再看",
}
