"""Chinese for the UI: the ledger's batch records and their rows (issue 17, ADR 0052).

Merged into ``ZH`` by scripts/translations_zh.py in file-name order."""

ZH: dict[str, str] = {}
ZH_PLURAL: dict[str, str] = {}

ZH.update({
    "Rows": "行数",
    "Row": "行号",
    "Change": "变动",
    "Content": "内容",
    "Digest": "摘要值",
    "No rows.": "无记录行。",
    "new": "新增",
    "changed": "变更",
    "removed": "删除",
    "Rows of batch record #%(seq)s": "批量记录 #%(seq)s 的各行",
    "Record": "记录",
    "Hash-tree root": "哈希树根",
    "Summary": "摘要信息",
    "Each row is committed by its digest; the digests, in this order, make the root that the "
    "chained record holds. “Verify the ledger” recomputes all of them.":
        "每一行由其摘要固定；各行摘要按此顺序构成哈希树，其根值记入链式记录。"
        "“校验审计链”会重新计算全部摘要与根值。",
})
