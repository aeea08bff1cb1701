"""Monitoring runs started from the screens, run by the worker."""

from __future__ import annotations

from django.core.cache import cache
from django_tasks import task

from fupin.accounts.models import User
from fupin.monitoring import services


@task()
def run_monitoring_task(user_id: int, year: int, engine: str, token: str) -> int:
    user = User.objects.select_related("division").get(pk=user_id)
    cache.set(f"fupin:monitor:{token}", {"state": "running"}, 3600)
    try:
        outcome = services.run_monitoring(actor=user, year=year, engine=engine,
                                          division_code=user.division_id)
    except Exception as exc:
        cache.set(f"fupin:monitor:{token}", {"state": "failed", "message": str(exc)}, 3600)
        raise
    cache.set(f"fupin:monitor:{token}", {"state": "done", "run": outcome.run.pk,
                                         "created": outcome.created}, 3600)
    return outcome.run.pk
