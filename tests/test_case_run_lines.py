"""A case's monitoring line is the one its run applied to the household's province (ADR 0049):
a run over two provinces stores one line per province, and the elimination check and the
evidence read that province's line from the run, not a value shared by the run or the pack's.
"""

from __future__ import annotations

from fupin.cases import elimination, evidence
from fupin.cases.models import Case
from fupin.cases.services import sync_from_run
from fupin.core.access import Scope
from fupin.monitoring import services
from fupin.monitoring.models import Assessment
from tests.test_monitoring_provinces import YEAR, line
from tests.test_monitoring_provinces import two_provinces as two_provinces

#: Lines the stored run applied, unlike the pack's today (a pack can change after a run).
STORED = {"13": 7111.0, "21": 7222.0}


def _run():
    run = services.run_monitoring(actor="test", year=YEAR, scope=Scope.nation()).run
    assert {p: v["monitoring_line"] for p, v in run.province_parameters.items()} == {
        "13": line("13"), "21": line("21")}
    assert "monitoring_line" not in run.parameters  # the provinces' lines differ
    return run


def test_the_elimination_check_reads_the_line_of_the_households_province(two_provinces):
    run = _run()
    assert sync_from_run(actor="test", run=run)["opened"]
    cases = list(Case.objects.select_related("household"))
    assert {c.village_code[:2] for c in cases} == {"13", "21"}
    for case in cases:
        assert elimination.run_overrides(case, YEAR) == {
            "monitoring_line": line(case.village_code[:2])}
    run.province_parameters = {p: {**run.province_parameters[p], "monitoring_line": v}
                               for p, v in STORED.items()}
    run.save(update_fields=["province_parameters"])
    for case in cases:
        assert elimination.run_overrides(case, YEAR) == {
            "monitoring_line": STORED[case.village_code[:2]]}
        assert elimination.run_overrides(case, YEAR - 1) is None


def test_the_evidence_reads_the_line_of_the_assessments_province(two_provinces):
    run = _run()
    run.province_parameters = {p: {**run.province_parameters[p], "monitoring_line": v}
                               for p, v in STORED.items()}
    run.save(update_fields=["province_parameters"])
    for province, value in STORED.items():
        assert evidence._line(YEAR, province, run) == value
    assert evidence._line(YEAR, "13", None) == line("13")
    seen = set()
    for a in Assessment.objects.filter(run=run).select_related("run", "household"):
        out = evidence.from_assessment(a.household, a)
        if a.per_capita_income is not None:
            wanted = evidence.yuan(STORED[a.village_code[:2]])
            assert wanted in str(out.income_line), (out.income_line, wanted)
            seen.add(a.village_code[:2])
    assert seen == {"13", "21"}
