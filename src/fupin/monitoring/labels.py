"""The policy pack's codes in words (:mod:`fupin.core.labels`): categories, risk types, rules,
guarantees, data checks, parameters with their units, evidence values, engines, actions.

Every pack vocabulary is a callable read on each use, so it follows the pack (a new pack's
category or rule has its word the moment the pack is loaded) and the language of the request:
the pack carries both languages (``Text.zh`` / ``Text.en``).
"""

from __future__ import annotations

from django.utils.translation import get_language, gettext_lazy

from fupin.core.labels import Lookup
from fupin.monitoring import explain, policy


def _lang() -> str:
    return "zh" if (get_language() or "zh").lower().startswith("zh") else "en"


def _categories() -> dict[str, str]:
    return policy.category_titles(lang=_lang())


def _risk_types() -> dict[str, str]:
    lang = _lang()
    return {code: getattr(text, lang) for code, text in policy.pack().risk_type_names.items()}


def _rules() -> dict[str, str]:
    return policy.rule_titles(lang=_lang())


def _data_checks() -> dict[str, str]:
    lang = _lang()
    return {r.code: getattr(r.title, lang) for r in policy.pack().rules
            if r.severity == "data_check"}


def _guarantees() -> dict[str, str]:
    """A guarantee criterion (a rule of the guarantee group) by what it guarantees; on a
    refusal the failing criterion reads as the guarantee that does not hold."""
    return {code: policy.guarantee_label(code, _lang()) for code in policy.guarantee_rules()}


#: The engine's parameters in words (the number's unit is the ``parameter_unit`` kind).
PARAMETERS = {
    "monitoring_line": gettext_lazy("Monitoring line"),
    "poverty_line": gettext_lazy("Poverty line"),
    "sharp_drop_ratio": gettext_lazy("Sharp income drop"),
    "ecom_loss_share": gettext_lazy("E-commerce loss share of base income"),
    "suspicious_wage": gettext_lazy("Suspicious wage below"),
}
YUAN_PER_PERSON = gettext_lazy("yuan per person per year")
#: ``%`` marks a ratio: :func:`fupin.core.templatetags.fupin.parameter` shows 0.3 as 30%.
PARAMETER_UNITS = {
    "monitoring_line": YUAN_PER_PERSON,
    "poverty_line": YUAN_PER_PERSON,
    "sharp_drop_ratio": "%",
    "ecom_loss_share": "%",
    "suspicious_wage": gettext_lazy("yuan"),
}


def _parameters() -> dict[str, str]:
    words = dict(PARAMETERS)
    for name, p in policy.pack().parameters.items():  # a pack's new parameter: its own name
        words.setdefault(name, p.description.split(":")[0].split("(")[0].strip() or name)
    return words


#: Values a rule's evidence names (the engine's snapshot names and features).
EVIDENCE = {
    "per_capita_income": gettext_lazy("Per-capita net income"),
    "prev_per_capita_income": gettext_lazy("Last year's per-capita net income"),
    "household_net_income": gettext_lazy("Household net income"),
    "base_income": gettext_lazy("Base income"),
    "size": gettext_lazy("Household size"),
    "rigid_expense": gettext_lazy("Rigid expense"),
    "medical_oop": gettext_lazy("Medical out-of-pocket"),
    "education_expense": gettext_lazy("Education expense"),
    "disaster_loss": gettext_lazy("Disaster loss"),
    "accident_loss": gettext_lazy("Accident loss"),
    "school_dropouts": gettext_lazy("Children out of school"),
    "uninsured_members": gettext_lazy("Members without medical insurance"),
    "able_members": gettext_lazy("Able-bodied members"),
    "ill_members": gettext_lazy("Ill members"),
    "disabled_members": gettext_lazy("Disabled members"),
    "housing_grade": gettext_lazy("Housing grade"),
    "relocated": gettext_lazy("Relocated"),
    "water_quantity_ok": gettext_lazy("Water quantity"),
    "water_quality_ok": gettext_lazy("Water quality"),
    "water_access_ok": gettext_lazy("Water access"),
    "water_reliability_ok": gettext_lazy("Water supply reliability"),
    "ecommerce_revenue": gettext_lazy("E-commerce revenue"),
    "ecommerce_cost": gettext_lazy("E-commerce cost"),
    "ecommerce_debt": gettext_lazy("E-commerce debt"),
    "wage": gettext_lazy("Wage income"),
}


def _evidence() -> dict[str, str]:
    return {**EVIDENCE, **_parameters()}


def _pack_titles(names) -> dict[str, str]:
    """A run's policy pack by its title (``cn-national`` → 国家防止返贫监测默认规则)."""
    lang, out = _lang(), {}
    for name in names:
        pack = explain.pack_named(name)
        if pack is not None:
            out[name] = getattr(pack.title, lang)
    return out


#: The integrity tests a run performs (``fupin.monitoring.integrity.TESTS``; ADR 0037).
INTEGRITY_TESTS = {
    "bunching": gettext_lazy("Bunching just above the line"),
    "heaping_100": gettext_lazy("Round hundreds (village)"),
    "heaping_1000": gettext_lazy("Round thousands (village)"),
    "terminal_digit": gettext_lazy("Last digit not uniform (village)"),
    "benford": gettext_lazy("First digits against Benford's law (village)"),
    "cadre_heaping_100": gettext_lazy("Round hundreds (recording cadre)"),
    "cadre_terminal_digit": gettext_lazy("Last digit not uniform (recording cadre)"),
    "duplicate_income": gettext_lazy("Identical income records"),
    "exit_year_jump": gettext_lazy("Income over the line in the exit year only"),
}

VOCABULARIES = {
    "policy": Lookup(_pack_titles),
    "category": _categories,
    "risk_type": _risk_types,
    "rule": _rules,
    "guarantee": _guarantees,
    "data_check": _data_checks,
    "parameter": _parameters,
    "parameter_unit": PARAMETER_UNITS,
    "evidence": _evidence,
    "engine": {"duckdb": gettext_lazy("in-process engine"),
               "postgres": gettext_lazy("database engine"),
               "spark": gettext_lazy("cluster engine")},
    "integrity_test": INTEGRITY_TESTS,
    "integrity_group": {"division": gettext_lazy("division"),
                        "village": gettext_lazy("village"),
                        "cadre": gettext_lazy("recording cadre")},
    "audit_action": {"monitoring.run": gettext_lazy("Monitoring run"),
                     "monitoring.integrity_run": gettext_lazy("Integrity run")},
    "object_type": {"monitoring.run": gettext_lazy("monitoring run"),
                    "monitoring.assessment": gettext_lazy("assessment"),
                    "monitoring.integrityrun": gettext_lazy("integrity run"),
                    "monitoring.integritysignal": gettext_lazy("integrity signal")},
}
