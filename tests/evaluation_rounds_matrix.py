"""Permission-matrix rows of the evaluation rounds (issue 13), appended to
``tests/test_permission_matrix.CASES``: one round per county (昭觉县 is mine, 美姑县 theirs),
a value with an evidence file in each, and a province version of another province that no
user of Sichuan sees."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests import factories

MINE, THEIRS = "513431000000", "513436000000"


def _world(w) -> dict:
    """The rounds of the world, made once per world through the services."""
    if "_rounds" not in w.__dict__:
        from fupin.evaluation import services
        from fupin.evaluation.models import IndicatorSystem
        from fupin_engine.evaluation import default_system
        from tests.evaluation_rounds_helpers import far_province

        services.ensure_default_systems()
        system = IndicatorSystem.objects.get(code="ecommerce-demo-county", province_code="")
        province = factories.make_user("province_viewer", "510000000000")
        made = {}
        for key, county, title in (("mine", MINE, "2025 昭觉评价"), ("theirs", THEIRS,
                                                                   "2025 美姑评价")):
            round_ = services.open_round(
                actor=province, province_code="51", year=2025, system=system,
                counties=[county], submit_by=dt.date(2026, 3, 31),
                verify_by=dt.date(2026, 5, 31), title=title)
            evaluation = round_.evaluations.get()
            officer = factories.make_user("county_officer", county)
            evidence = services.add_value_evidence(
                actor=officer, evaluation=evaluation, code="org_plan",
                name=f"{key}.pdf", content=f"%PDF-1.4 {key}".encode())
            made[key] = {"round": round_, "evaluation": evaluation, "evidence": evidence}
        far_province()
        text = default_system("ecommerce-demo-county").text.replace(
            "province: null", 'province: "52"').replace(
            "zh: 电子商务进农村综合示范县绩效评价,", "zh: 贵州省示范县评价,", 1)
        made["far_system"] = services.publish_system(
            actor=factories.make_user("province_viewer", "520000000000"), text=text,
            source_name="guizhou.yaml")
        made["system"] = system
        w.__dict__["_rounds"] = made
    return w.__dict__["_rounds"]


def _m(text: str):
    """A marker that first makes the world's rounds (the list pages need them to exist)."""
    return lambda w: (_world(w), text)[1]


def _pk(key, what):
    return lambda w: {"pk": _world(w)[key][what].pk}


def _eid(key):
    return lambda w: {"evaluation_id": _world(w)[key]["evaluation"].pk}


def _county_link(key):
    return lambda w: reverse("evaluation-county", args=[_world(w)[key]["evaluation"].pk])


def rows(Case) -> list:  # noqa: N803 (the matrix's own class)
    def detail(name, role, key_what, **kw):
        return Case(name, role, kind="detail", kwargs=_pk("mine", key_what),
                    other_kwargs=_pk("theirs", key_what), **kw)

    return [
        Case("evaluation-rounds", "county_officer", marker=_county_link("mine")),
        detail("evaluation-round", "county_officer", "round",
               marker=_m("2025 昭觉评价")),
        # Nothing reviewed yet: 400 proves the request got through the gate.
        detail("evaluation-round-publish", "province_viewer", "round", method="post",
               ok_status=400),
        detail("evaluation-county", "county_officer", "evaluation",
               marker=_m('id="evaluation-state"')),
        detail("evaluation-county-value", "county_officer", "evaluation", method="post",
               ok_status=302, data=lambda w: {"what": "submit", "code": "org_plan",
                                              "value": "1"}),
        detail("evaluation-county-evidence", "county_officer", "evaluation", method="post",
               ok_status=302, data=lambda w: {
                   "code": "org_plan", "file": SimpleUploadedFile("plan.pdf", b"%PDF-1.4")}),
        detail("evaluation-county-step", "county_officer", "evaluation", method="post",
               ok_status=302, data=lambda w: {"action": "submit_evaluation", "version": "1"}),
        detail("evaluation-county-compute", "county_officer", "evaluation", method="post",
               ok_status=302),
        detail("evaluation-evidence", "evaluator", "evidence", marker=_m("%PDF-1.4 mine")),
        # Indicator systems are public to the programme's users; another province's
        # version is not shown in Sichuan.
        Case("evaluation-systems", "county_officer", marker=_m("ecommerce-demo-county"),
             leak=lambda w: _world(w)["far_system"].name_zh),
        Case("evaluation-system", "county_officer", kind="create",
             kwargs=lambda w: {"pk": _world(w)["system"].pk},
             marker=_m("svc_centre_area")),
        Case("api:list_systems", "county_officer", api=True,
             marker=_m('"code": "ecommerce-demo-county"'),
             leak=lambda w: '"province_code": "52"'),
        Case("api:list_rounds", "county_officer", api=True,
             marker=lambda w: f'"id": {_world(w)["mine"]["round"].pk},'),
        Case("api:list_county_evaluations", "county_officer", api=True,
             marker=_m(f'"division_code": "{MINE}"')),
        Case("api:get_county_evaluation", "county_officer", api=True, kind="detail",
             kwargs=_eid("mine"), other_kwargs=_eid("theirs"),
             marker=_m('"code": "svc_centre_area"')),
        Case("api:post_value", "county_officer", api=True, kind="detail", method="post",
             json=True, kwargs=lambda w: {**_eid("mine")(w), "code": "org_plan"},
             other_kwargs=lambda w: {**_eid("theirs")(w), "code": "org_plan"},
             data=lambda w: {"value": "1", "note": "方案"},
             marker=_m('"used": "submitted"')),
        # Not submitted yet: 400 proves the request got through the gate.
        Case("api:post_verification", "evaluator", api=True, kind="detail", method="post",
             json=True, ok_status=400,
             kwargs=lambda w: {**_eid("mine")(w), "code": "org_plan"},
             other_kwargs=lambda w: {**_eid("theirs")(w), "code": "org_plan"},
             data=lambda w: {"value": "1", "method": "phone", "reason": ""}),
        Case("api:post_step", "county_officer", api=True, kind="detail", method="post",
             json=True, kwargs=_eid("mine"), other_kwargs=_eid("theirs"),
             data=lambda w: {"action": "submit_evaluation", "version": 1},
             marker=_m('"state": "submitted"')),
    ]
