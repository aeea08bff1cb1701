"""Every code the product writes or shows has its word, in both languages (issue 11).

The vocabularies are read from their real sources (the pack, the workflow, the choices); the
audit actions, object types and system actors are collected from the source code itself, so a
new ``audit.record(action="x.y")`` without a word fails here.
"""

from __future__ import annotations

import ast
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.utils import translation

from fupin.core import labels
from fupin.monitoring import explain, policy

SRC = Path(__file__).resolve().parents[1] / "src" / "fupin"
_CJK = re.compile(r"[\u3400-\u9fff]")

#: Kinds whose every word must read in Chinese on a Chinese page (a pack's title, a choice).
CHINESE_KINDS = ["category", "risk_type", "rule", "guarantee", "data_check", "parameter",
                 "case_state", "case_step", "measure", "household_status", "relation", "sex",
                 "health", "labor", "employment", "audit_action", "object_type", "actor",
                 "job_state", "job_kind", "channel", "alert_kind", "department", "evidence",
                 "role", "level", "engine", "housing_grade"]


def test_registry_has_no_clash_and_every_kind_of_phase_one():
    assert labels.check() == []
    for kind in [*CHINESE_KINDS, "division", "parameter_unit", "policy"]:
        assert kind in labels.kinds(), kind


@pytest.mark.parametrize("kind", CHINESE_KINDS)
def test_every_word_is_chinese_on_a_chinese_page_and_english_otherwise(kind):
    with translation.override("zh-hans"):
        zh = {code: str(w) for code, w in labels.vocabulary(kind).items()}
    with translation.override("en"):
        en = {code: str(w) for code, w in labels.vocabulary(kind).items()}
    assert zh
    assert zh.keys() == en.keys()
    for code, word in zh.items():
        assert _CJK.search(word), f"{kind}:{code} reads {word!r} on a Chinese page"
    for code, word in en.items():
        assert not _CJK.search(word) or kind in {"housing_grade"}, f"{kind}:{code} {word!r}"


def test_pack_vocabularies_follow_the_pack():
    pack = policy.pack()
    with translation.override("zh-hans"):
        assert labels.vocabulary("category") == {c.code: c.title.zh for c in pack.categories}
        assert set(labels.vocabulary("risk_type")) == set(pack.risk_type_names)
        assert set(labels.vocabulary("data_check")) == {
            r.code for r in pack.rules if r.severity == "data_check"}
        assert set(labels.vocabulary("parameter")) >= set(pack.parameters)
        assert set(labels.vocabulary("guarantee")) == set(policy.guarantee_rules())
        assert labels.word("guarantee", "UNSAFE_WATER") == "饮水安全有保障"
        evidence = {name for r in pack.rules for name in r.evidence}
        assert evidence <= set(labels.vocabulary("evidence")), \
            evidence - set(labels.vocabulary("evidence"))


def test_workflow_steps_and_states_come_from_the_workflow():
    from fupin.cases.workflow import CASES

    with translation.override("zh-hans"):
        steps = labels.vocabulary("case_step")
        assert set(steps) == {t.action for t in CASES.transitions}
        assert set(labels.vocabulary("case_state")) == set(CASES.states)
        assert labels.word("case_step", "township_approve") == str(
            CASES.transition("notice", "township_approve").label)
        assert labels.word("measure", "other") == "其他"


def test_parameters_read_with_their_unit_and_separators():
    with translation.override("zh-hans"):
        assert labels.parameter_text("monitoring_line", 6000.0) == "监测线 6,000 元/人·年"
        assert labels.parameter_text("sharp_drop_ratio", 0.3) == "收入大幅缩减幅度 30%"
    with translation.override("en"):
        assert labels.parameter_text("monitoring_line", 7300) == \
            "Monitoring line 7,300 yuan per person per year"
    assert labels.number(1234567) == "1,234,567"
    assert labels.number(12345.5) == "12,345.5"
    assert labels.number(None) == "—"


def test_clauses_cite_chinese_on_a_chinese_page():
    for rule in policy.pack().rules:
        with translation.override("zh-hans"):
            text = explain.clause_text(rule.clause, "zh")
        latin = [w for w in re.findall(r"[A-Za-z]{2,}", text) if w not in {"CHES", "T"}]
        assert not latin, f"{rule.code}: {text}"
        assert _CJK.search(text)
    water = next(r for r in policy.pack().rules if r.code == "UNSAFE_WATER")
    assert "T/CHES 18-2018" in explain.clause_text(water.clause, "zh")
    assert explain.clause_text(water.clause, "en") == water.clause


# --- what the code writes on the ledger -------------------------------------------------------

_WRITERS = {"record", "record_change", "record_many", "Entry", "_audit", "_audit_member"}
_ACTION = re.compile(r"^[a-z]+\.[a-z_]+$")


def _callee(node: ast.Call) -> str:
    f = node.func
    return f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")


def _written() -> tuple[set[str], set[str], set[str]]:
    """Audit actions, object types and system actors written by string literal anywhere in
    the product (``audit.record(action=…, object_type=…)``, ``audit.Entry("…", "…")``, an
    app's ``_audit(actor, "…")``, ``actor="system:…"``)."""
    actions, objects, actors = set(), set(), set()
    for path in SRC.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            for kw in node.keywords:
                if isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str):
                    value = kw.value.value
                    if kw.arg == "actor" and value.startswith("system"):
                        actors.add(value)
                    if _callee(node) in _WRITERS and kw.arg == "action":
                        actions.add(value)
                    if _callee(node) in _WRITERS and kw.arg == "object_type":
                        objects.add(value)
            if _callee(node) in _WRITERS:
                consts = [a.value for a in node.args
                          if isinstance(a, ast.Constant) and isinstance(a.value, str)]
                if _callee(node) == "Entry" and len(consts) >= 2:
                    actions.add(consts[0])
                    objects.add(consts[1])
                else:
                    actions.update(c for c in consts if _ACTION.match(c))
    return actions, objects, actors


def test_the_scan_finds_what_the_code_writes():
    actions, objects, actors = _written()
    assert {"cases.open", "households.import_create", "exchange.upload",
            "lists.export", "monitoring.run"} <= actions
    assert {"households.economyyear", "cases.case", "core.exchangejob"} <= objects
    assert "system:cli" in actors


def test_every_audit_action_object_and_actor_written_has_a_word():
    from fupin.cases.workflow import CASES

    actions, objects, actors = _written()
    # The workflow engine writes ``<app>.<transition>`` for every step it takes.
    actions |= {f"cases.{t.action}" for t in CASES.transitions}
    # ``record_change`` writes the model's label (the household is the one so written).
    objects |= {"households.household"}
    actors |= {"system"}
    assert actions - set(labels.vocabulary("audit_action")) == set()
    assert objects - set(labels.vocabulary("object_type")) == set()
    assert actors - set(labels.vocabulary("actor")) == set()


# --- the pages this part owns, read back in Chinese --------------------------------------------

class _Text(HTMLParser):
    """The text nodes of a page, without scripts and styles (what a reader sees)."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in {"script", "style"}

    def handle_endtag(self, tag):
        self._skip -= tag in {"script", "style"} and self._skip > 0

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.texts.append(data.strip())


def _problems(html: str, names: set[str]) -> list[tuple[str, str]]:
    from fupin.regions.models import Division
    from tests.words_check import ALLOWED, known_codes, text_problems

    parser = _Text()
    parser.feed(html)
    divisions = set(Division.objects.values_list("code", flat=True))
    return text_problems(parser.texts, known_codes(), divisions, ALLOWED, names)


def test_run_and_household_pages_speak_words_in_chinese(tree, tmp_path, client):
    from django.urls import reverse

    from fupin.core.access import Scope
    from fupin.households.importer import run_import
    from fupin.monitoring import services
    from fupin.monitoring.models import Assessment
    from tests import factories
    from tests.test_exchange import _generated

    assert run_import(_generated(tmp_path, n=80, seed=11), actor="system:cli",
                      scope=Scope.nation()).ok
    officer = factories.make_user("county_officer", "513431000000")
    run = services.run_monitoring(actor=officer, year=2021, scope=Scope.of_user(officer)).run
    client.force_login(officer)
    names = {officer.username}
    html = client.get(reverse("monitoring-run", args=[run.pk])).content.decode()
    assert "监测线 6,000 元/人·年" in html
    assert "monitoring_line" not in html
    assert _problems(html, names) == []
    # Households with a data-check finding and with a risk: their pages and fragments.
    shown = [Assessment.objects.filter(run=run).exclude(data_checks="").first(),
             Assessment.objects.filter(run=run).exclude(category="none").first()]
    assert all(shown)
    for a in shown:
        hid = a.household.household_id
        for name in ("household-detail", "monitoring-household-assessment",
                     "monitoring-household-guarantees"):
            page = client.get(reverse(name, args=[hid])).content.decode()
            assert _problems(page, names) == [], name
    detail = client.get(reverse("household-detail", args=[shown[1].household.household_id]))
    assert "家庭成员" in detail.content.decode()
    assessment = client.get(reverse("monitoring-household-assessment",
                                    args=[shown[1].household.household_id])).content.decode()
    assert "〔" in assessment  # the clause, cited in Chinese


def test_a_server_error_is_a_page_in_chinese():
    from django.test import RequestFactory
    from django.views.defaults import server_error

    with translation.override("zh-hans"):
        response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "服务器错误" in html
    assert "Server Error (500)" not in html


def test_the_api_returns_words_beside_its_codes(tree, client):
    from tests import factories
    from tests.cases_helpers import Actors, alert, step

    actors = Actors()
    case = step(alert(actors), actors.cadre, "visit")
    client.force_login(actors.approver)
    with translation.override("zh-hans"):
        household = client.get(f"/api/households/{case.household.household_id}",
                               HTTP_ACCEPT_LANGUAGE="zh-hans").json()
        detail = client.get(f"/api/cases/{case.pk}").json()
    assert household["status"] == "exited"
    assert _CJK.search(household["status_display"])
    head = household["members"][0]
    assert head["relation"] == "head"
    assert _CJK.search(head["relation_display"])
    assert detail["state"] == "visited"
    assert _CJK.search(detail["state_display"])
    assert _CJK.search(detail["channel_display"])
    assert [s["action"] for s in detail["steps"]] == ["visit"]
    assert _CJK.search(detail["steps"][0]["action_display"])
    assert detail["village_code"] == factories.HOME_VILLAGE


def test_the_page_check_finds_codes_divisions_and_latin_words_only():
    from tests.words_check import ALLOWED, known_codes, text_problems

    codes = known_codes()
    assert {"unstable", "village_review", "cases.open", "DC_EXITED_BELOW_POVERTY_LINE",
            "monitoring_line"} <= codes
    assert "01" not in codes  # a numeric code cannot be told from a count

    def kinds(text):
        return [k for k, _ in text_problems([text], codes, {"513431100200"}, ALLOWED,
                                            {"walk_admin"})]

    assert kinds("households.economyyear:3 由 system:cli 写入") == ["code", "code", "latin",
                                                                  "latin", "latin", "latin"]
    assert "code" in kinds("步骤：village_review")
    assert kinds("区划 513431100200") == ["division code"]
    assert kinds("导出 Excel（XLSX）· 面积 12 km · 哈希 3fa9c0e1b2d4 · T/CHES 18-2018") == []
    assert kinds("walk_admin · 管理员 · 01 因病 99 户") == []
    assert kinds("医保 health insurance") == ["code", "code", "latin", "latin"]  # measures


def test_every_line_a_flow_writes_on_the_ledger_reads_in_words(tree, tmp_path):
    """The other half of the source scan: what a representative flow really wrote (import,
    users, a run, its cases, steps, a measure, a reveal) has a word for each action, object
    type and system actor."""
    from fupin.cases import services as cases
    from fupin.cases.models import Case
    from fupin.core.access import Scope
    from fupin.core.models import AuditBatchRow, AuditRecord
    from fupin.households import services as households
    from fupin.households.importer import run_import
    from fupin.monitoring import services as monitoring
    from tests.cases_helpers import Actors, frozen, to_monitored
    from tests.test_exchange import _generated

    assert run_import(_generated(tmp_path, n=40, seed=11), actor="system:cli",
                      scope=Scope.nation()).ok
    actors = Actors()
    run = monitoring.run_monitoring(actor="system:cli", year=2021, scope=Scope.nation()).run
    cases.sync_from_run(actor="system:cli", run=run)
    with frozen() as traveller:
        case = to_monitored(actors, traveller)
        cases.add_measure(actor=actors.cadre, case=case, type="employment",
                          description="岗位", responsible="张", start=case.approved_at.date())
    member = Case.objects.first().household.members.first()
    households.reveal_id_number(actor=actors.approver, member=member)
    lines = list(AuditRecord.objects.values_list("action", "object_type", "actor_id",
                                                 "actor_name"))
    # Bulk writes (the import, cases sync) are one record each with their rows in batch rows
    # (ADR 0052); each row's own action and object type read in words too.
    batch = [(row.payload.get("action", rec.action), row.object_type, rec.actor_id,
              rec.actor_name)
             for row in AuditBatchRow.objects.select_related("record")
             for rec in [row.record]]
    assert len(lines) > 20
    assert len(batch) > 50
    lines += batch
    missing = set()
    for action, object_type, actor_id, actor_name in lines:
        if action not in labels.vocabulary("audit_action"):
            missing.add(("audit_action", action))
        if object_type not in labels.vocabulary("object_type"):
            missing.add(("object_type", object_type))
        if actor_id is None and actor_name not in labels.vocabulary("actor") \
                and actor_name != "test":  # the factories' own name for test data
            missing.add(("actor", actor_name))
    assert missing == set()
