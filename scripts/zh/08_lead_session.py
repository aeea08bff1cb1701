"""Chinese for the UI: the lead's fixes of the issue 12–16 screens (browser walk)."""

ZH: dict[str, str] = {
    # The inbox's place column holds a village, a township or a county (products,
    # rectifications), not always a village.
    "Where it is": "所在地",
}
