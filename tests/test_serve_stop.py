"""Stopping `fupin serve` stops its worker, however it is stopped: Ctrl+C in the terminal
(SIGINT to the whole process group, as under `make demo`), or SIGTERM/SIGINT to serve alone,
also in the first instant after the worker started."""

from __future__ import annotations

import os
import signal
import subprocess

import pytest

from tests.conftest import FUPIN, ROOT
from tests.test_worker_process import _alive, _children, _free_port, _wait, migrated  # noqa: F401


def _start(env):
    proc = subprocess.Popen([*FUPIN, "serve", "--port", str(_free_port())], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    worker = _wait(lambda: _children(proc.pid), 30, "the worker of fupin serve")[0]
    return proc, worker


def _stopped(proc, worker) -> str:
    try:
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    _wait(lambda: not _alive(worker), 10, "the worker to stop with serve")
    return proc.stderr.read().decode()


def test_ctrl_c_in_the_terminal_stops_serve_and_its_worker(migrated):  # noqa: F811
    proc, worker = _start(migrated)
    os.killpg(proc.pid, signal.SIGINT)  # what the terminal sends on Ctrl+C
    stderr = _stopped(proc, worker)
    assert "restarting it" not in stderr  # the worker's own SIGINT is not taken for a crash


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_stop_right_after_start_up_still_stops_the_worker(migrated, sig):  # noqa: F811
    proc, worker = _start(migrated)
    proc.send_signal(sig)  # no pause: the stop may land while serve is still starting
    _stopped(proc, worker)
