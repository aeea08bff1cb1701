"""Workers that stay alive: supervised by `fupin serve`, surviving a locked database, never
orphaned, and jobs of dead workers failed at start-up (issue 9)."""

from __future__ import annotations

import datetime as dt
import os
import signal
import socket
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from django.core.cache import cache
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from fupin.core import jobs
from fupin.monitoring.tasks import run_monitoring_task
from tests.conftest import FUPIN, ROOT, is_postgres, run


def _children(pid: int) -> list[int]:
    """Live processes whose parent is ``pid`` (from /proc; Linux)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _wait(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def migrated(env):
    run(["migrate", "--verbosity", "0"], env)
    return env


def _enqueue_touch(env, path: Path) -> None:
    run(["shell", "-c", f"from tests.worker_tasks import touch; touch.enqueue({str(path)!r})"],
        env)


def _serve(env):
    proc = subprocess.Popen([*FUPIN, "serve", "--port", str(_free_port())], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    worker = _wait(lambda: _children(proc.pid), 20, "the worker of fupin serve")[0]
    return proc, worker


def test_serve_restarts_a_dead_worker_and_kill_9_leaves_no_orphan(migrated, tmp_path):
    proc, worker = _serve(migrated)
    try:
        started = tmp_path / "started.txt"
        run(["shell", "-c", "from tests.worker_tasks import hang; "
             f"print(hang.enqueue({str(started)!r}).id)"], migrated)
        _wait(started.exists, 15, "the worker to start the job")
        os.kill(worker, signal.SIGKILL)  # dies in the middle of the job
        replacement = _wait(lambda: [p for p in _children(proc.pid) if p != worker], 10,
                            "a restarted worker")[0]
        # The restarted worker failed the job its predecessor died in, with the reason.
        def failed():
            out = run(["shell", "-v", "0", "-c",
                       "from django_tasks_db.models import DBTaskResult as R; "
                       "r = R.objects.get(task_path='tests.worker_tasks.hang'); "
                       "print(r.status, r.traceback)"], migrated).stdout
            return out if out.startswith("FAILED") else None

        assert "worker stopped" in _wait(failed, 15, "the dead worker's job to be failed")
        # kill -9 of serve: its worker notices and exits instead of living on as an orphan.
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        _wait(lambda: not _alive(replacement), 10, "the orphaned worker to exit")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert b"restarting it" in proc.stderr.read()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_stopping_serve_stops_its_worker(migrated, sig):
    proc, worker = _serve(migrated)
    time.sleep(1)  # past start-up, into the serving loop
    proc.send_signal(sig)
    try:
        proc.wait(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
    _wait(lambda: not _alive(worker), 5, "the worker to stop with serve")


@pytest.mark.skipif(is_postgres(), reason="SQLite's write lock")
def test_worker_survives_a_locked_database(migrated, tmp_path):
    env = dict(migrated, FUPIN_SQLITE_TIMEOUT="0.3")
    database = migrated["DATABASE_URL"].removeprefix("sqlite:///")
    worker = subprocess.Popen([*FUPIN, "worker", "--interval", "0.2"], env=env, cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        # Polling: past start-up (the apps' ready() and the URL configuration load first; a
        # loaded machine takes seconds).
        time.sleep(6)
        lock = sqlite3.connect(database, timeout=5)
        lock.execute("BEGIN EXCLUSIVE")
        time.sleep(4)  # the worker's polls meet "database is locked" again and again
        assert worker.poll() is None, worker.stderr.read().decode()
        lock.rollback()
        lock.close()
        done = tmp_path / "after-lock.txt"
        _enqueue_touch(migrated, done)
        _wait(done.exists, 15, "the job run after the lock")
        assert worker.poll() is None
    finally:
        worker.terminate()
        worker.wait(timeout=15)
    assert b"database is locked" in worker.stderr.read()


# --- recovery of jobs whose worker is gone (in process) ---------------------------------------

def test_recover_stale_fails_jobs_of_dead_workers_only(db):
    cache.clear()
    dead = run_monitoring_task.enqueue(1, 2021, "duckdb", "tok-dead")
    live = run_monitoring_task.enqueue(1, 2021, "duckdb", "tok-live")
    queued = run_monitoring_task.enqueue(1, 2021, "duckdb", "tok-queued")
    DBTaskResult.objects.get(id=dead.id).claim("worker-killed")
    DBTaskResult.objects.get(id=live.id).claim("worker-alive")
    jobs.beat("worker-alive")
    cache.set("fupin:monitor:tok-dead", {"state": "running"}, 3600)
    cache.set("fupin:monitor:tok-live", {"state": "running"}, 3600)

    now = dt.datetime.now(dt.UTC)
    outcome = jobs.recover_stale(now)

    assert outcome == {"fupin.monitoring.tasks.recover_stale_runs": 1,
                       "fupin.monitoring.integrity_tasks.recover_stale_integrity_runs": 0,
                       "fupin.core.exchange_jobs.recover_stale_exchange_jobs": 0,
                       "fupin.core.jobs.recover_task_results": 1}
    row = DBTaskResult.objects.get(id=dead.id)
    assert row.status == TaskResultStatus.FAILED
    assert row.finished_at == now
    assert "worker stopped" in row.traceback
    state = cache.get("fupin:monitor:tok-dead")
    assert state["state"] == "failed"
    assert state["message"]
    assert DBTaskResult.objects.get(id=live.id).status == TaskResultStatus.RUNNING
    assert cache.get("fupin:monitor:tok-live") == {"state": "running"}
    assert DBTaskResult.objects.get(id=queued.id).status == TaskResultStatus.READY
    # Idempotent: nothing left to recover.
    assert not any(jobs.recover_stale().values())


def test_a_failing_recoverer_does_not_stop_the_others(db, settings):
    cache.clear()
    dead = run_monitoring_task.enqueue(1, 2021, "duckdb", "tok")
    DBTaskResult.objects.get(id=dead.id).claim("gone")
    settings.FUPIN_JOB_RECOVERERS = ["tests.test_worker_process.broken_recoverer",
                                     *settings.FUPIN_JOB_RECOVERERS]
    outcome = jobs.recover_stale()
    assert "tests.test_worker_process.broken_recoverer" not in outcome
    assert DBTaskResult.objects.get(id=dead.id).status == TaskResultStatus.FAILED


def broken_recoverer(*, now, stale):
    raise RuntimeError("a recoverer with a bug")
