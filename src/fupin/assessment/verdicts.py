"""Words for the assessment's indicators and verdicts, shared by ``fupin assess``, the county
report (screen, XLSX, PDF) and the assessment screens: one wording everywhere."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

VERDICTS = {"passes": gettext_lazy("passes"), "fails": gettext_lazy("fails"),
            "undecided": gettext_lazy("undecided: the interval straddles the threshold")}

INDICATORS = {
    "wrong_exit_rate": gettext_lazy("Wrong exit rate"),
    "omission_rate": gettext_lazy("Omission rate"),
    "approval_rate": gettext_lazy("Approval rate"),
    "comprehensive_poverty_rate": gettext_lazy("Comprehensive poverty rate"),
}

STRATA = {"registered": gettext_lazy("In the register (poor and exited)"),
          "unregistered": gettext_lazy("Outside the register")}


def indicator_word(code: str) -> str:
    return str(INDICATORS.get(code, code))


def verdict_word(code: str) -> str:
    return str(VERDICTS.get(code, code))
