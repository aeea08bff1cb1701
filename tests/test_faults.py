"""Faults (issue 17, item 6): a registry run, `cases sync` and an export killed with SIGKILL
half-way leave no partial run, no half-opened cases and no half export, and run again cleanly.

Each command runs as its own process and is stopped at a pause point (``fupin.core.faults``:
everything of the step written, nothing committed), then killed from here with SIGKILL.
``bench/faults.py`` does the same over 1M households.
"""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import FUPIN, ROOT, run
from tests.test_exchange_process import sql

# Each test starts real fupin processes on a file database and kills them (about 6 CPU
# minutes per pass): run with `make test-slow` (pytest -m slow) and at scale with
# bench/faults.py; `make test` stays within the CI budget (issue 17).

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

#: The tables a run, a sync and an export write (and the ledger).
TABLES = ("monitoring_monitoringrun", "monitoring_assessment", "cases_case", "cases_alert",
          "core_notification", "core_auditrecord")


def counts(url: str) -> dict[str, int]:
    return {t: sql(url, f"SELECT count(*) FROM {t}")[0][0] for t in TABLES}


def kill_at(env: dict, point: str, args: list[str]) -> None:
    """Run ``fupin args`` until it reaches pause point ``point``, then SIGKILL it."""
    proc = subprocess.Popen([*FUPIN, *args], env={**env, "FUPIN_PAUSE_AT": point}, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    seen = []
    for line in proc.stderr:
        seen.append(line)
        if f"paused at {point}" in line:
            break
        assert time.monotonic() < deadline, "".join(seen)
    else:
        proc.wait(timeout=30)
        pytest.fail(f"{args} ended without reaching {point}:\n{''.join(seen)}")
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL


@pytest.fixture
def registry(env, tmp_path):
    run(["setup", "--villages", "51"], env)
    folder = tmp_path / "snap"
    run(["generate", "--county", "513431", "--households", "150", "--years", "2019-2021",
         "--seed", "7", "--out", str(folder)], env)
    run(["import", str(folder)], env)
    return folder


def test_a_killed_registry_run_stores_nothing_and_runs_again(env, empty_database, registry):
    before = counts(empty_database)
    kill_at(env, "monitor:store", ["monitor", "--year", "2021"])
    assert counts(empty_database) == before  # no run, no assessment, no ledger record
    assert "ledger intact" in run(["audit", "verify"], env).stdout
    again = run(["monitor", "--year", "2021"], env)
    assert "stored" in again.stdout
    after = counts(empty_database)
    assert after["monitoring_monitoringrun"] == 1
    assert after["monitoring_assessment"] > 0
    assert after["core_auditrecord"] == before["core_auditrecord"] + 1


def test_a_killed_cases_sync_opens_no_case_and_syncs_again(env, empty_database, registry):
    run(["monitor", "--year", "2021"], env)
    before = counts(empty_database)
    flagged = sql(empty_database, "SELECT count(*) FROM monitoring_assessment WHERE category "
                                  "IN ('unstable', 'marginal', 'sudden_hardship')")[0][0]
    assert flagged > 0
    kill_at(env, "cases.sync:ledger", ["cases", "sync"])
    # Every case, alert and notice had been written when it was killed: none is left.
    assert counts(empty_database) == before
    assert "ledger intact" in run(["audit", "verify"], env).stdout
    out = run(["cases", "sync"], env).stdout
    assert f"cases opened {flagged}, alerts attached 0, already recorded 0" in out
    assert counts(empty_database)["cases_case"] == flagged
    assert "cases opened 0" in run(["cases", "sync"], env).stdout


def _files(folder: Path) -> dict[str, bytes]:
    return {f.name: f.read_bytes() for f in sorted(folder.iterdir())}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_killed_export_leaves_no_file_under_its_name_and_exports_again(
        env, empty_database, registry, tmp_path, fmt):
    target = tmp_path / "out" / ("registry.xlsx" if fmt == "xlsx" else "registry")
    target.parent.mkdir()
    before = counts(empty_database)
    kill_at(env, "export:members", ["export", str(target), "--format", fmt])
    assert not target.exists()
    assert counts(empty_database) == before  # not audited: nothing was exported
    left = [p.name for p in target.parent.iterdir()]
    # Only the hidden partial export (a CSV folder is written file by file; a workbook is
    # written out when complete, so nothing of it is on disk yet).
    assert all(name.startswith(f".{target.name}.partial-") for name in left)
    assert len(left) == (1 if fmt == "csv" else 0)
    run(["export", str(target), "--format", fmt], env)
    # The next export next to it removed what the killed one left; only the export is there.
    assert [p.name for p in target.parent.iterdir()] == [target.name]
    assert counts(empty_database)["core_auditrecord"] == before["core_auditrecord"] + 1
    if fmt == "csv":
        clean = tmp_path / "clean"
        run(["export", str(clean), "--format", "csv"], env)
        assert _files(target) == _files(clean)
