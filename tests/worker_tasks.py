"""Tasks for the worker-process tests (imported by the worker subprocess from tests/)."""

import time
from pathlib import Path

from django_tasks import task


@task()
def touch(path: str) -> str:
    """Write ``path``: proof that a worker picked the job and ran it."""
    Path(path).write_text("done", encoding="utf-8")
    return path


@task()
def hang(started: str) -> None:
    """Write ``started`` and then hang: a job a worker dies in."""
    Path(started).write_text("started", encoding="utf-8")
    time.sleep(120)
