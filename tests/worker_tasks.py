"""Tasks for the worker-process tests (imported by the worker subprocess from tests/)."""

from pathlib import Path

from django_tasks import task


@task()
def touch(path: str) -> str:
    """Write ``path``: proof that a worker picked the job and ran it."""
    Path(path).write_text("done", encoding="utf-8")
    return path
