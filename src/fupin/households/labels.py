"""The registry's codes in words (:mod:`fupin.core.labels`): snapshot v1's enumerations and
what the households app writes on the audit ledger."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from fupin.households.choices import Employment, Health, HousingGrade, Labor, Relation, Sex, Status

VOCABULARIES = {
    "household_status": dict(Status.choices),
    "housing_grade": dict(HousingGrade.choices),
    "relation": dict(Relation.choices),
    "sex": dict(Sex.choices),
    "health": dict(Health.choices),
    "labor": dict(Labor.choices),
    "employment": dict(Employment.choices),
    "audit_action": {
        "households.register": gettext_lazy("Household registered"),
        "households.update": gettext_lazy("Household updated"),
        "households.add_member": gettext_lazy("Member added"),
        "households.record_economy": gettext_lazy("Income and spending recorded"),
        "households.reveal_id_number": gettext_lazy("ID number revealed"),
        "households.search_id_number": gettext_lazy("Search by ID number"),
        "households.export": gettext_lazy("Registry exported"),
        "households.import": gettext_lazy("Registry imported (a village's rows in one record)"),
        "households.import_create": gettext_lazy("Household imported"),
        "households.import_update": gettext_lazy("Household updated by import"),
        "households.import_add_member": gettext_lazy("Member added by import"),
        "households.import_update_member": gettext_lazy("Member updated by import"),
        "households.import_remove_member": gettext_lazy("Member removed by import"),
        "households.import_economy": gettext_lazy("Income and spending imported"),
        "households.import_update_economy": gettext_lazy("Income and spending updated by import"),
        "households.adjust_economy": gettext_lazy("Income adjusted for a part recorded elsewhere"),
        "households.import_state": gettext_lazy("Earlier year's state imported"),
    },
    "object_type": {
        "households.household": gettext_lazy("household"),
        "households.member": gettext_lazy("household member"),
        "households.economyyear": gettext_lazy("income and spending of a year"),
        "households.search": gettext_lazy("ID number search"),
        "households.snapshot": gettext_lazy("registry snapshot"),
        "households.job": gettext_lazy("registry import"),
        "households.householdstate": gettext_lazy("a village's households as of a year"),
    },
}
