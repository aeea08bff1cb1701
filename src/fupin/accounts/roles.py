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

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.VILLAGE_CADRE: VIEW + EDIT + REVEAL + CASE_VILLAGE,
    Role.TOWNSHIP_REVIEWER: VIEW + REVEAL + CASE_TOWNSHIP,
    Role.COUNTY_OFFICER: VIEW + EDIT + REVEAL + AUDIT + RUN + CASE_VILLAGE,
    Role.COUNTY_APPROVER: VIEW + REVEAL + AUDIT + CASE_COUNTY,
    Role.PROVINCE_VIEWER: VIEW + AUDIT,
    Role.NATIONAL_VIEWER: VIEW + AUDIT,
    Role.EVALUATOR: VIEW + AUDIT,
    Role.AUDITOR: VIEW + AUDIT + ["core.verify_auditrecord"],
    Role.ADMINISTRATOR: VIEW + EDIT + REVEAL + AUDIT + RUN + [
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
