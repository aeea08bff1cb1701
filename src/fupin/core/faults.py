"""Pause points: where a fault test (``tests/test_faults.py``, ``bench/faults.py``) stops a
long write half-way to kill it from outside with SIGKILL (ADR 0053).

``FUPIN_PAUSE_AT=<name>`` in the environment makes the process that reaches
:func:`pause_point` ``name`` say ``paused at <name>`` on stderr and wait there (inside its
transaction, with whatever it has written so far) until it is killed. Unset — always, outside
those tests — a pause point does nothing.
"""

from __future__ import annotations

import os
import sys
import time

ENV = "FUPIN_PAUSE_AT"


def pause_point(name: str) -> None:
    """Wait here for a kill when the environment asks for ``name``."""
    if os.environ.get(ENV) != name:
        return
    sys.stderr.write(f"paused at {name}\n")
    sys.stderr.flush()
    while True:  # pragma: no cover - ended by the test's SIGKILL
        time.sleep(3600)
