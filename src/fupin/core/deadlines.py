"""Deadlines of workflow states: how many days, counted how, for which province.

Configuration is data, read from settings (never from the database at start-up):

* each workflow names its default days per key (usually a state) — for cases these come from
  ``FUPIN_CASE_DEADLINES`` and ``FUPIN_PUBLIC_NOTICE_DAYS``, themselves read from the
  environment;
* ``FUPIN_DEADLINE_CALENDAR`` (``calendar`` or ``working``) says how days are counted unless a
  province says otherwise;
* ``FUPIN_DEADLINES_BY_PROVINCE`` maps a province's 2-digit code to overrides::

      {"51": {"calendar": "working", "cases.case": {"alerted": 5, "review": 3}}}

  (the environment variable of the same name holds that JSON, or the path of a JSON/YAML file).

Working days follow the State Council's holiday arrangements through ``chinese-calendar``,
adjusted weekend workdays (调休) included.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import chinese_calendar
from django.conf import settings
from django.utils import timezone

CALENDAR, WORKING = "calendar", "working"


def is_workday(day: dt.date) -> bool:
    """Whether ``day`` is a working day in mainland China.

    ``chinese-calendar`` knows the published holiday arrangements (including weekend days
    made working days) only up to its last known year; beyond that range the fallback is a
    plain Monday–Friday week, so a deadline in a year not yet published may be a day or two
    early or late around holidays. Upgrading the package fixes it.
    """
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return day.weekday() < 5


def add_days(start: dt.date, days: int, counting: str = CALENDAR) -> dt.date:
    """``start`` plus ``days`` calendar days, or plus ``days`` working days (the deadline is
    the ``days``-th working day after ``start``)."""
    if counting == CALENDAR:
        return start + dt.timedelta(days=days)
    if counting != WORKING:
        raise ValueError(f"days are counted 'calendar' or 'working', not {counting!r}")
    day, left = start, days
    while left > 0:
        day += dt.timedelta(days=1)
        if is_workday(day):
            left -= 1
    return day


def _province_overrides(division_code: str) -> dict[str, Any]:
    table = getattr(settings, "FUPIN_DEADLINES_BY_PROVINCE", {}) or {}
    return table.get((division_code or "")[:2], {}) or {}


def counting_for(division_code: str) -> str:
    """How the province of ``division_code`` counts deadline days."""
    found = _province_overrides(division_code).get("calendar")
    return found or getattr(settings, "FUPIN_DEADLINE_CALENDAR", CALENDAR)


def days_for(workflow: str, key: str, division_code: str, defaults: dict[str, int]) -> int:
    """Days allowed for ``key`` of ``workflow`` in the province of ``division_code``: the
    province's override, else the workflow's default, else its ``step`` default."""
    override = _province_overrides(division_code).get(workflow, {}) or {}
    if key in override:
        return int(override[key])
    if key in defaults:
        return int(defaults[key])
    return int(defaults["step"])


def due(workflow: str, key: str, division_code: str, defaults: dict[str, int],
        start: dt.datetime, *, extra_days: int = 0) -> dt.datetime:
    """When something started at ``start`` is due: the days for ``key`` (plus ``extra_days``
    calendar days, e.g. a public notice's minimum) counted the province's way, at the same
    time of day as ``start``."""
    local = timezone.localtime(start)
    begin = local.date() + dt.timedelta(days=extra_days)
    end = add_days(begin, days_for(workflow, key, division_code, defaults),
                   counting_for(division_code))
    return start + dt.timedelta(days=(end - local.date()).days)
