"""Shared helpers of the accountability tests: people of the home county and a finding."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from fupin.accountability import services
from fupin.accountability.models import Finding
from tests import factories

COUNTY = "513431000000"
OTHER_COUNTY = "513436000000"
START = dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC)  # a Monday, 10:00 in Beijing


@dataclass
class People:
    evaluator: object = field(default_factory=lambda: factories.make_user("evaluator", COUNTY))
    auditor: object = field(default_factory=lambda: factories.make_user("auditor", COUNTY))
    officer: object = field(default_factory=lambda: factories.make_user("county_officer",
                                                                        COUNTY))
    approver: object = field(default_factory=lambda: factories.make_user("county_approver",
                                                                         COUNTY))
    province: object = field(default_factory=lambda: factories.make_user("province_viewer",
                                                                         "510000000000"))
    stranger: object = field(default_factory=lambda: factories.make_user("evaluator",
                                                                         OTHER_COUNTY))


def media_finding(actor, *, division=COUNTY, severity="general", **over) -> Finding:
    fields = {
        "source": "media_visit", "division_code": division, "found_on": dt.date(2026, 3, 1),
        "responsible_unit": "昭觉县农业农村局", "responsible_person": "张三",
        "category": "policy_not_in_place", "severity": severity,
        "title": "暗访发现帮扶政策未落实", "description": "记者暗访发现……",
        "outlet": "四川日报", "report": "https://example.org/r/1"}
    fields.update({k: v for k, v in over.items() if v is not None or k != "found_on"})
    return services.record_finding(actor=actor, data=services.FindingInput(**fields))


def step(rect, actor, action, note="已落实"):
    rect.refresh_from_db()
    return services.take_step(actor=actor, rectification=rect, action=action,
                              version=rect.version, note=note)
