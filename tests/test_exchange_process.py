"""Imports as separate processes: killed half-way, and memory against file size."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time

import psycopg
import pytest

from tests.conftest import FUPIN, ROOT, run

pytestmark = pytest.mark.django_db(transaction=True)


def sql(url: str, query: str):
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
            return conn.execute(query).fetchall()
    with psycopg.connect(url.replace("postgres://", "postgresql://")) as conn:
        return conn.execute(query).fetchall()


def counts(url: str) -> tuple:
    return tuple(sql(url, f"SELECT count(*) FROM {t}")[0][0] for t in (
        "households_household", "households_member", "households_economyyear",
        "core_auditrecord"))


def test_killed_import_leaves_registry_and_ledger_intact_and_can_be_rerun(env, empty_database,
                                                                          tmp_path):
    run(["setup", "--villages", "51"], env)
    small, big = tmp_path / "small", tmp_path / "big"
    # The same seed: the big county's first 200 households are the small one's.
    for n, folder in ((200, small), (6000, big)):
        run(["generate", "--county", "513431", "--households", str(n), "--years", "2019-2021",
             "--seed", "2", "--out", str(folder)], env)
    run(["import", str(small)], env)
    before = counts(empty_database)
    assert before[0] == 200

    proc = subprocess.Popen([*FUPIN, "import", str(big)], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    for line in proc.stderr:
        if "write:members" in line:  # households written, members half-way
            break
        assert time.monotonic() < deadline
    time.sleep(0.3)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    assert counts(empty_database) == before
    assert "ledger intact" in run(["audit", "verify"], env).stdout
    rerun = run(["import", str(big)], env)
    assert "households 5800 new, 0 changed, 200 unchanged" in rerun.stdout
    after = counts(empty_database)
    assert after[0] == 6000
    assert "ledger intact" in run(["audit", "verify"], env).stdout


MEASURE = (
    "import resource, sys\n"
    "from fupin.cli import main\n"
    "try:\n"
    "    main(sys.argv[1:])\n"
    "finally:\n"
    "    print('MAXRSS', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
)


def test_import_memory_stays_flat_with_file_size(env, tmp_path):
    run(["setup", "--villages", "51"], env)
    peaks = {}
    for n in (1000, 10000):
        folder = tmp_path / f"g{n}"
        run(["generate", "--county", "513431", "--households", str(n), "--years",
             "2020-2021", "--seed", "5", "--out", str(folder)], env)
        out = subprocess.run([sys.executable, "-c", MEASURE, "import", str(folder)], env=env,
                             cwd=ROOT, capture_output=True, text=True, timeout=900, check=True)
        peaks[n] = int(out.stderr.rsplit("MAXRSS", 1)[1].split()[0])
    # Ten times the rows; at most twice the memory (DESIGN.md: streamed, constant memory).
    assert peaks[10000] <= 2 * peaks[1000], peaks
