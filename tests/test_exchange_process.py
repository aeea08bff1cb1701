"""Imports as separate processes: killed half-way, and memory against file size."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
import zipfile

import psycopg
import pytest
from django.core.cache.backends.filebased import FileBasedCache

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


@pytest.mark.slow  # 90 s; bench/import_export.py measures the same on every bench run
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
    # Ten times the rows; at most twice the memory (docs/performance.md: streamed, constant memory).
    assert peaks[10000] <= 2 * peaks[1000], peaks


START_IMPORT = """
import sys
import django
django.setup()
from django.core.files import File
from fupin.accounts.models import User
from fupin.core import exchange_jobs as jobs
from fupin.core.models import ExchangeJob
user = User.objects.get(username="officer")
if sys.argv[1] == "upload":
    with open(sys.argv[2], "rb") as fh:
        print(jobs.start_import(actor=user, upload=File(fh, name="big.zip")).pk)
elif sys.argv[1] == "commit":
    jobs.commit_import(actor=user, job=ExchangeJob.objects.get(pk=int(sys.argv[2])))
elif sys.argv[1] == "recover":
    from django.utils import timezone
    print("recovered", jobs.recover_stale_exchange_jobs(timezone.now()))
    jobs.retry(actor=user, job=ExchangeJob.objects.get(pk=int(sys.argv[2])))
"""


def _script(env, *args) -> str:
    out = subprocess.run([sys.executable, "-c", START_IMPORT, *args], env=env, cwd=ROOT,
                         capture_output=True, text=True, timeout=600, check=True)
    return out.stdout


def _wait(url: str, job: int, until, what: str, timeout: float = 300) -> tuple:
    deadline = time.monotonic() + timeout
    while True:
        row = sql(url, f"SELECT state, attempts FROM core_exchangejob WHERE id = {job}")[0]
        if until(row):
            return row
        assert time.monotonic() < deadline, f"waiting for {what}: {row}"
        time.sleep(0.2)


def test_worker_killed_mid_commit_leaves_a_retryable_job_that_commits_once(env, empty_database,
                                                                          tmp_path):
    run(["setup", "--villages", "51"], env)
    subprocess.run([*FUPIN, "createuser", "officer", "--role", "county_officer", "--division",
                    "513431000000"], env={**env, "FUPIN_PASSWORD": "x" * 16}, cwd=ROOT,
                   check=True, capture_output=True, timeout=120)
    folder = tmp_path / "big"
    run(["generate", "--county", "513431", "--households", "4000", "--years", "2020-2021",
         "--seed", "3", "--out", str(folder)], env)
    archive = tmp_path / "big.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for f in folder.iterdir():
            zf.write(f, f.name)
    job = int(_script(env, "upload", str(archive)).split()[-1])
    cache = FileBasedCache(str(tmp_path / "var" / "cache"), {})
    worker = subprocess.Popen([*FUPIN, "worker"], env=env, cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait(empty_database, job, lambda r: r[0] == "validated", "validation")
        _script(env, "commit", str(job))
        deadline = time.monotonic() + 300
        while not ((cache.get(f"fupin:progress:job:{job}") or {}).get("phase", "")
                   .startswith("write:")):
            assert time.monotonic() < deadline, "the commit never started writing"
            time.sleep(0.1)
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert sql(empty_database, f"SELECT state FROM core_exchangejob WHERE id = {job}")[0][0] \
        == "committing"
    assert counts(empty_database)[0] == 0  # the transaction never committed

    assert "recovered 1" in _script(env, "recover", str(job))
    run(["worker", "--batch"], env)
    _state, attempts = _wait(empty_database, job, lambda r: r[0] == "committed", "the retry")
    assert attempts == 3  # validate, the killed commit, the retry
    assert counts(empty_database)[0] == 4000
    assert "ledger intact" in run(["audit", "verify"], env).stdout
