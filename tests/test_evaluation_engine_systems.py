"""Indicator systems as data: every validation rule names path, line and rule; the digest."""

from __future__ import annotations

from pathlib import Path

import pytest

from fupin_engine.evaluation import SystemError_, default_system, load_system, parse_system

VALID = """\
code: test-system
version: "1"
name: {zh: 测试, en: Test}
base: 100
bonus_cap: 2
deduction_cap: 3
modules:
  - code: m1
    name: {zh: 模块一, en: Module one}
    points: 100
    indicators:
      - code: a
        name: {zh: 甲, en: A}
        points: 60
        unit: "%"
        method: linear
        floor: 0.5
        target: 0.8
      - code: b
        name: {zh: 乙, en: B}
        points: 40
        unit: yes/no
        method: boolean
bonus:
  - code: x
    name: {zh: 加, en: X}
    points: 3
    unit: 项
    method: count
    per_event: 1
deductions:
  - code: d
    name: {zh: 扣, en: D}
    points: 5
    unit: 次
    method: deduction
    per_event: 2
"""


def problems(text: str):
    with pytest.raises(SystemError_) as exc:
        parse_system(text, source="t.yaml")
    return exc.value.problems


CASES = [
    # (old, new, rule, path, the expected line exactly; "a\nb": line a just above line b)
    ("floor: 0.5", "floor: 0.9", "linear-range", "modules[0].indicators[0].floor",
     "        floor: 0.9"),
    ("floor: 0.5", "floor: 0.8", "linear-range", "modules[0].indicators[0].floor",
     "        floor: 0.8"),
    ("        method: linear\n", "        method: linear\n        higher_is_better: false\n",
     "linear-range", "modules[0].indicators[0].floor", "        floor: 0.5"),
    ("        floor: 0.5\n", "", "linear-range", "modules[0].indicators[0].floor",
     "      - code: a"),
    ("method: boolean", "method: ratio\n        target: 0", "ratio-target",
     "modules[0].indicators[1].target", "        target: 0"),
    ("method: boolean", "method: ratio", "ratio-target", "modules[0].indicators[1].target",
     "      - code: b"),
    ("method: boolean", "method: threshold", "threshold-target",
     "modules[0].indicators[1].target", "      - code: b"),
    ("    per_event: 1\n", "    per_event: 0\n", "per-event", "bonus[0].per_event",
     "    per_event: 0"),
    ("    per_event: 2\n", "", "per-event", "deductions[0].per_event", "  - code: d"),
    ("method: count", "method: deduction", "deduction-method", "bonus[0].method",
     "    method: deduction\n    per_event: 1"),
    ("    method: deduction", "    method: count", "deduction-method", "deductions[0].method",
     "    method: count\n    per_event: 2"),
    ("    points: 3\n", "    points: -3\n", "negative-points", "bonus[0].points",
     "    points: -3"),
    ("        unit: \"%\"\n", "        unit: \"%\"\n        colour: red\n", "extra_forbidden",
     "modules[0].indicators[0].colour", "        colour: red"),
    ("bonus_cap: 2\n", "bonus_cap: 2\nweights: 1\n", "extra_forbidden", "weights",
     "weights: 1"),
    ("  - code: x\n", "  - code: a\n", "duplicate-code", "bonus[0].code", "  - code: a"),
    ("        points: 40\n", "        points: 30\n", "module-points", "modules[0].points",
     "    points: 100"),
    ("base: 100", "base: 90", "base-sum", "base", "base: 90"),
    ("deduction_cap: 3\n", "deduction_cap: 3\ngrades:\n  - {code: excellent, min_score: 90}\n"
     "  - {code: good, min_score: 90}\n", "grades-order", "grades[1].min_score",
     "  - {code: good, min_score: 90}"),
    ("deduction_cap: 3\n", "deduction_cap: 3\ngrades:\n  - {code: excellent, min_score: 90}\n"
     "  - {code: superb, min_score: 80}\n", "grade-code", "grades[1].code",
     "  - {code: superb, min_score: 80}"),
    ("  - code: x\n", "  - code: X1\n", "code-format", "bonus[0].code", "  - code: X1"),
    ("        method: boolean\n", "        method: boolean\n        source: computed\n",
     "computed-key", "modules[0].indicators[1].computed_key", "      - code: b"),
    ("        method: boolean\n", "        method: boolean\n        computed_key: wealth\n",
     "computed-key", "modules[0].indicators[1].computed_key", "        computed_key: wealth"),
    ("base: 100\n", "base: 100\nprovince: \"510\"\n", "province-code", "province",
     "province: \"510\""),
    ("        points: 60\n", "        points: 60.005\n", "precision",
     "modules[0].indicators[0].points", "        points: 60.005"),
    ("    per_event: 1\n", "    per_event: 1\n    floor: 2\n", "unused-parameter",
     "bonus[0].floor", "    floor: 2"),
    ("        method: boolean\n", "        method: boolean\n        target: 1\n",
     "unused-parameter", "modules[0].indicators[1].target", "        target: 1"),
    ("    method: deduction\n", "    method: deduction\n    higher_is_better: false\n",
     "unused-parameter", "deductions[0].higher_is_better", "    higher_is_better: false"),
    ("method: linear", "method: curve", "literal_error", "modules[0].indicators[0].method",
     "        method: curve"),
    ("        floor: 0.5\n", "        floor: half\n", "decimal_parsing",
     "modules[0].indicators[0].floor", "        floor: half"),
]


@pytest.mark.parametrize(("old", "new", "rule", "path", "marker"), CASES,
                         ids=[f"{c[2]}-{n}" for n, c in enumerate(CASES)])
def test_each_rule_names_path_line_and_rule(old, new, rule, path, marker):
    assert old in VALID
    text = VALID.replace(old, new, 1)
    found = [p for p in problems(text) if p.rule == rule]
    assert found, problems(text)
    p = found[0]
    assert p.path == path
    assert p.source == "t.yaml"
    lines = text.splitlines()
    want = marker.split("\n")
    hits = [n for n in range(1, len(lines) + 1)
            if lines[n - 1:n - 1 + len(want)] == want]
    assert len(hits) == 1, (marker, hits)
    assert p.line == hits[0]
    assert f"t.yaml:{p.line}" in str(p)
    assert rule in str(p)


def test_valid_text_parses_and_all_problems_are_reported_at_once():
    system = parse_system(VALID)
    assert [i.code for i in system.indicators()] == ["a", "b", "x", "d"]
    assert system.text == VALID
    text = VALID.replace("floor: 0.5", "floor: 0.9").replace("    points: 3\n", "    points: -3\n")
    rules = {p.rule for p in problems(text)}
    assert {"linear-range", "negative-points"} <= rules
    with pytest.raises(SystemError_) as exc:
        parse_system(text, source="t.yaml")
    assert isinstance(exc.value, ValueError)
    assert "linear-range" in str(exc.value)
    assert "negative-points" in str(exc.value)


def test_unquoted_version_says_to_quote_it():
    (p,) = problems(VALID.replace('version: "1"', "version: 2026.1"))
    assert p.path == "version"
    assert "quote it" in p.message


def test_yaml_syntax_error_names_line_and_non_mapping_is_refused():
    (p,) = problems(VALID.replace("  - code: x\n", "  - code: [x\n"))
    assert p.rule == "yaml"
    assert p.line is not None
    (p,) = problems("- just\n- a list\n")
    assert p.rule == "structure"


def test_missing_key_is_named():
    found = problems(VALID.replace("        unit: yes/no\n", ""))
    assert [(p.rule, p.path) for p in found] == [("missing", "modules[0].indicators[1].unit")]


def reformatted(text: str) -> str:
    """The same system written differently: comments, flow style, key order, 0.50 for 0.5."""
    return ("# a comment\n" + text
            .replace("name: {zh: 甲, en: A}", "name:\n          en: A\n          zh: 甲")
            .replace("floor: 0.5", "floor: 0.50")
            .replace("base: 100\n", "")
            .replace("bonus_cap: 2", "base: 100.0\nbonus_cap: 2"))


def test_digest_is_stable_under_reformatting_but_not_under_a_changed_number():
    system = parse_system(VALID)
    again = parse_system(reformatted(VALID))
    assert again.text != system.text
    assert again.digest == system.digest
    assert len(system.digest) == 64
    changed = parse_system(VALID.replace("floor: 0.5", "floor: 0.51"))
    assert changed.digest != system.digest
    renamed = parse_system(VALID.replace("{zh: 乙, en: B}", "{zh: 乙, en: Bee}"))
    assert renamed.digest != system.digest
    # an explicit default is the same content as the default left out
    explicit = parse_system(VALID.replace("        method: boolean\n",
                                          "        method: boolean\n        tolerance: 0.05\n"))
    assert explicit.digest == system.digest


def test_load_system_from_file_and_unreadable_file(tmp_path: Path):
    path = tmp_path / "prov.yaml"
    path.write_text(VALID.replace("floor: 0.5", "floor: 0.9"), encoding="utf-8")
    with pytest.raises(SystemError_) as exc:
        load_system(path)
    assert exc.value.problems[0].source == "prov.yaml"
    path.write_text(VALID, encoding="utf-8")
    assert load_system(path).digest == parse_system(VALID).digest
    with pytest.raises(SystemError_, match="cannot read"):
        load_system(tmp_path / "absent.yaml")


def test_a_province_copy_of_the_default_parses_with_its_own_digest():
    default = default_system()
    text = (default.text.replace("is_default: true", "is_default: false")
            .replace("province: null", 'province: "63"')
            .replace('version: "2026.1"', 'version: "2026.1-qh"'))
    province = parse_system(text)
    assert province.province == "63"
    assert not province.is_default
    assert province.digest != default.digest


def test_repeated_keys_and_aliases_are_refused():
    text = VALID.replace("        floor: 0.5\n", "        floor: 0.5\n        floor: 0.6\n")
    (p,) = problems(text)
    assert (p.rule, p.path) == ("duplicate-key", "modules[0].indicators[0].floor")
    assert text.splitlines()[p.line - 1] == "        floor: 0.6"
    text = VALID.replace("name: {zh: 甲, en: A}", "name: &n {zh: 甲, en: A}").replace(
        "name: {zh: 乙, en: B}", "name: *n")
    (p,) = problems(text)
    assert p.rule == "yaml"
    assert "aliases" in p.message
    assert text.splitlines()[p.line - 1].strip() == "name: *n"
