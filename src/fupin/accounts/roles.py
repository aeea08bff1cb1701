"""What each role may do, as Django permissions (``app_label.codename``).

A role is a group holding exactly these permissions; ``sync_role_groups`` makes the groups
match this table. Region scope is separate: a permission lets a user act only inside the
division the user is bound to.
"""

from __future__ import annotations

from fupin.accounts.choices import Role

#: Reading the registry and everything derived from it; each app guards its own models.
VIEW = ["regions.view_division", "households.view_household", "monitoring.view_monitoringrun",
        "monitoring.view_assessment", "cases.view_case", "core.view_exchangejob",
        "core.view_notification"]
EDIT = ["households.add_household", "households.change_household"]
REVEAL = ["households.reveal_idnumber"]
AUDIT = ["core.view_auditrecord"]
RUN = ["monitoring.start_monitoringrun"]
CASE_VILLAGE = ["cases.act_village"]
CASE_TOWNSHIP = ["cases.act_township"]
CASE_COUNTY = ["cases.act_county"]
# Accountability (issue 14; the matrix is in docs/accountability.md).
ACC_VIEW = ["accountability.view_finding", "accountability.view_rectification",
            "accountability.view_accountabilityaction"]
ACC_EVALUATOR = ["accountability.record_evaluation_finding", "accountability.act_county",
                 "accountability.verify_rectification",
                 "accountability.add_accountabilityaction"]
ACC_AUDITOR = ["accountability.record_audit_finding", "accountability.act_county",
               "accountability.verify_rectification",
               "accountability.add_accountabilityaction"]
ACC_COUNTY_OFFICER = ["accountability.record_complaint", "accountability.reveal_complainant",
                      "accountability.act_county", "accountability.rectify",
                      "accountability.record_recovery"]
ACC_COUNTY_APPROVER = ["accountability.record_complaint", "accountability.reveal_complainant",
                       "accountability.act_county", "accountability.rectify",
                       "accountability.verify_rectification",
                       "accountability.add_accountabilityaction",
                       "accountability.approve_county_action"]
ACC_PROVINCE = ["accountability.act_province", "accountability.add_accountabilityaction",
                "accountability.approve_province_action"]
# E-commerce and commerce programmes (issue 12; docs/ecommerce.md).
ECOM_VIEW = [f"ecommerce.view_{m}" for m in (
    "programme", "site", "logisticsyear", "enterprise", "pairing", "pairingyear", "linkage",
    "linkageyear", "supplychain", "product", "tracebatch", "sale", "trainingsession",
    "beneficiary")]
# ``change_product`` lets a county-bound user act at the county level of the product
# certification at all; the role's own permission says which steps (ecommerce/workflows.py).
ECOM_COUNTY_OFFICER = ["ecommerce.manage_programme", "ecommerce.apply_product",
                       "ecommerce.review_product_bureau", "ecommerce.change_product"]
ECOM_TOWNSHIP = ["ecommerce.check_product_township"]
ECOM_COUNTY_APPROVER = ["ecommerce.approve_product", "ecommerce.change_product"]
# Integrity analytics (issue 16, ADR 0037): read from the county up; started by those who do
# not enter the data they test (the county's approver, the province, evaluators, admins).
INTEGRITY_VIEW = ["monitoring.view_integrityrun", "monitoring.view_integritysignal"]
INTEGRITY_RUN = ["monitoring.start_integrityrun"]
# Third-party assessment (issue 15; the matrix is in docs/assessment.md).
ASSESS_VIEW = ["assessment.view_assessment", "assessment.view_appeal"]
ASSESS_EVALUATOR = [*ASSESS_VIEW, "assessment.conduct_assessment", "assessment.decide_appeal"]
ASSESS_COUNTY = [*ASSESS_VIEW, "assessment.file_appeal"]
# County performance evaluation (issue 13; the matrix is in docs/evaluation.md), one block per
# area; each block maps a role to the permissions that area adds (added to ROLE_PERMISSIONS below).
EVAL_VIEW = ["evaluation.view_indicatorsystem", "evaluation.view_round",
             "evaluation.view_countyevaluation", "evaluation.view_result"]
EVAL_COUNTY = [*EVAL_VIEW, "evaluation.act_county", "evaluation.submit_evaluation"]
EVAL_ROUNDS: dict[str, list[str]] = {
    Role.VILLAGE_CADRE: EVAL_VIEW,
    Role.TOWNSHIP_REVIEWER: EVAL_VIEW,
    Role.COUNTY_OFFICER: EVAL_COUNTY,
    Role.COUNTY_APPROVER: EVAL_COUNTY,
    Role.EVALUATOR: [*EVAL_VIEW, "evaluation.act_county", "evaluation.verify_evaluation"],
    Role.PROVINCE_VIEWER: [*EVAL_VIEW, "evaluation.act_province", "evaluation.open_round",
                           "evaluation.publish_system", "evaluation.review_evaluation",
                           "evaluation.publish_evaluation"],
    Role.NATIONAL_VIEWER: EVAL_VIEW,
    Role.AUDITOR: EVAL_VIEW,
    Role.ADMINISTRATOR: EVAL_VIEW,
}
FUNDS_VIEW = ["evaluation.view_allocation", "evaluation.view_project",
              "evaluation.view_expenditure"]
EVAL_FUNDS: dict[str, list[str]] = {
    Role.COUNTY_OFFICER: [*FUNDS_VIEW, "evaluation.manage_funds"],
    Role.COUNTY_APPROVER: FUNDS_VIEW,
    Role.PROVINCE_VIEWER: FUNDS_VIEW,
    Role.NATIONAL_VIEWER: FUNDS_VIEW,
    Role.EVALUATOR: FUNDS_VIEW,
    Role.AUDITOR: FUNDS_VIEW,
    Role.ADMINISTRATOR: FUNDS_VIEW,
}

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.VILLAGE_CADRE: VIEW + EDIT + REVEAL + CASE_VILLAGE + ACC_VIEW + ECOM_VIEW,
    Role.TOWNSHIP_REVIEWER: VIEW + REVEAL + CASE_TOWNSHIP + ACC_VIEW + ECOM_VIEW + ECOM_TOWNSHIP,
    Role.COUNTY_OFFICER: VIEW + EDIT + REVEAL + AUDIT + RUN + CASE_VILLAGE + ACC_VIEW
    + ACC_COUNTY_OFFICER + ECOM_VIEW + ECOM_COUNTY_OFFICER + INTEGRITY_VIEW + ASSESS_COUNTY,
    Role.COUNTY_APPROVER: VIEW + REVEAL + AUDIT + CASE_COUNTY + ACC_VIEW + ACC_COUNTY_APPROVER
    + ECOM_VIEW + ECOM_COUNTY_APPROVER + INTEGRITY_VIEW + INTEGRITY_RUN + ASSESS_COUNTY,
    Role.PROVINCE_VIEWER: VIEW + AUDIT + ACC_VIEW + ACC_PROVINCE + ECOM_VIEW + INTEGRITY_VIEW
    + INTEGRITY_RUN + ASSESS_VIEW,
    Role.NATIONAL_VIEWER: VIEW + AUDIT + ACC_VIEW + ECOM_VIEW + INTEGRITY_VIEW + ASSESS_VIEW,
    Role.EVALUATOR: VIEW + AUDIT + ACC_VIEW + ACC_EVALUATOR + ECOM_VIEW + INTEGRITY_VIEW
    + INTEGRITY_RUN + ASSESS_EVALUATOR,
    Role.AUDITOR: VIEW + AUDIT + ["core.verify_auditrecord"] + ACC_VIEW + ACC_AUDITOR
    + ECOM_VIEW + INTEGRITY_VIEW,
    Role.ADMINISTRATOR: VIEW + EDIT + REVEAL + AUDIT + RUN + ACC_VIEW + ECOM_VIEW
    + INTEGRITY_VIEW + INTEGRITY_RUN + [
        "core.verify_auditrecord", "accounts.add_user", "accounts.change_user",
    ],
}

#: The division level a role is normally bound to (a hint for forms; not enforced).
ROLE_LEVEL = {
    Role.VILLAGE_CADRE: "village",
    Role.TOWNSHIP_REVIEWER: "township",
    Role.COUNTY_OFFICER: "county",
    Role.COUNTY_APPROVER: "county",
    Role.PROVINCE_VIEWER: "province",
    Role.NATIONAL_VIEWER: None,
    Role.EVALUATOR: "county",
    Role.AUDITOR: "county",
    Role.ADMINISTRATOR: None,
}

# Poverty measures by region (issue 15, ADR 0039): every level that answers for a region's
# poverty reads them — township, county, province, nation — and the evaluators who assess it;
# not a village cadre (a village's own households are on the village's screens).
MEASURES = ["monitoring.view_measures"]
for _role in (Role.TOWNSHIP_REVIEWER, Role.COUNTY_OFFICER, Role.COUNTY_APPROVER,
              Role.PROVINCE_VIEWER, Role.NATIONAL_VIEWER, Role.EVALUATOR):
    ROLE_PERMISSIONS[_role] = ROLE_PERMISSIONS[_role] + MEASURES

for _block in (EVAL_ROUNDS, EVAL_FUNDS):
    for _role, _permissions in _block.items():
        ROLE_PERMISSIONS[_role] = ROLE_PERMISSIONS[_role] + _permissions

# The consolidation period and help by type (issue 18; docs/consolidation.md): every role that
# reads the registry reads the help register; the village and the county record single rows
# and only the county imports the register (the departments' lists reach the county).
HELP_VIEW = ["consolidation.view_helprecord"]
HELP_MANAGE = [*HELP_VIEW, "consolidation.manage_help"]
HELP_IMPORT = [*HELP_MANAGE, "consolidation.import_help"]
CONSOLIDATION: dict[str, list[str]] = {
    Role.VILLAGE_CADRE: HELP_MANAGE,
    Role.TOWNSHIP_REVIEWER: HELP_VIEW,
    Role.COUNTY_OFFICER: HELP_IMPORT,
    Role.COUNTY_APPROVER: HELP_VIEW,
    Role.PROVINCE_VIEWER: HELP_VIEW,
    Role.NATIONAL_VIEWER: HELP_VIEW,
    Role.EVALUATOR: HELP_VIEW,
    Role.AUDITOR: HELP_VIEW,
    Role.ADMINISTRATOR: HELP_VIEW,
}
for _role, _permissions in CONSOLIDATION.items():
    ROLE_PERMISSIONS[_role] = ROLE_PERMISSIONS[_role] + _permissions
