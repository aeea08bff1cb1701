"""Chinese for the UI: opening a run's cases set-based (issue 17, ADR 0053).

Merged into ``ZH`` by scripts/translations_zh.py in file-name order."""

ZH: dict[str, str] = {}
ZH_PLURAL: dict[str, str] = {}

ZH.update({
    "Cases of a monitoring run opened": "已按监测批次开启案件",
    "%(count)d new cases wait on you in fupin": "fupin 中有 %(count)d 件新案件待您处理",
    "cases changed while the run's cases were opened; try again":
        "开启本批次案件期间案件有变动，请重试",
})
