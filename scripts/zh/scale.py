"""Chinese for the UI: opening a run's cases set-based (ADR 0053), backup and
restore (ADR 0052), data-key rotation (ADR 0056) — issue 17.

Merged into ``ZH`` by scripts/translations_zh.py in file-name order."""

ZH: dict[str, str] = {}
ZH_PLURAL: dict[str, str] = {}

ZH.update({
    "Cases of a monitoring run opened": "已按监测批次开启案件",
    "%(count)d new cases wait on you in fupin": "fupin 中有 %(count)d 件新案件待您处理",
    "cases changed while the run's cases were opened; try again":
        "开启本批次案件期间案件有变动，请重试",
    "System (data-key rotation)": "系统（数据密钥轮换）",
    "Database backed up": "数据库已备份",
    "Database restored from a backup": "已从备份恢复数据库",
    "Personal data re-encrypted under a new key": "个人数据已用新密钥重新加密",
    "database": "数据库",
    "data key": "数据密钥",
})
