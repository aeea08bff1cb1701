"""Chinese for the UI: runs over many provinces, each province's parameters (issue 18, ADR 0049).

Merged into ``ZH`` by scripts/translations_zh.py in file-name order."""

ZH: dict[str, str] = {}
ZH_PLURAL: dict[str, str] = {}

ZH.update({
    "Each household is assessed with its own province's parameters": "各户按所在省份的参数研判",
})
