"""One inbox across every registered workflow.

An item waits on the user when its state waits on a level the user acts at (permission and
division level) and it lies in the user's region; items of the level just below that are
overdue are *escalated* to the user. Overdue first, then soonest due; paginated. Rows are
first listed as (due, id) pairs, one query per workflow and list, and only the page shown is
loaded with its related rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.utils import timezone

from fupin.core.access import for_user
from fupin.core.workflow import REGISTRY, Workflow

PAGE_SIZE = 50
_LATEST = dt.datetime.max.replace(tzinfo=dt.UTC)


@dataclass
class InboxItem:
    """One thing waiting on the user: its workflow, the object, and when it is due."""

    workflow: Workflow
    pk: int
    due_at: dt.datetime | None
    escalated: bool
    obj: Any = None

    @property
    def days_left(self) -> int | None:
        if self.due_at is None:
            return None
        return (timezone.localtime(self.due_at).date() - timezone.localdate()).days

    @property
    def overdue(self) -> bool:
        return self.due_at is not None and self.due_at < timezone.now()

    @property
    def state_label(self) -> Any:
        return self.workflow.states.get(self.obj.state, self.obj.state)

    @property
    def title(self) -> str:
        return self.workflow.describe(self.obj)

    @property
    def url(self) -> str:
        return self.workflow.url(self.obj)

    @property
    def place(self) -> str:
        return self.workflow.place(self.obj)


def _rows(user: Any, wf: Workflow, now: dt.datetime) -> list[InboxItem]:
    levels = set(wf.acting_levels(user))
    if not levels:
        return []
    visible = for_user(wf.model, user).filter(closed=False)
    mine = wf.states_waiting_on(levels)
    below = {wf.level_below(lvl) for lvl in levels} - {None}
    lower = wf.states_waiting_on(below) - mine
    items = [InboxItem(wf, pk, due, False)
             for pk, due in visible.filter(state__in=mine).values_list("pk", "due_at")]
    if lower:
        items += [InboxItem(wf, pk, due, True) for pk, due in
                  visible.filter(state__in=lower, due_at__lt=now).values_list("pk", "due_at")]
    return items


def _load(items: list[InboxItem]) -> None:
    by_wf: dict[str, list[InboxItem]] = {}
    for item in items:
        by_wf.setdefault(item.workflow.name, []).append(item)
    for name, group in by_wf.items():
        wf = REGISTRY[name]
        objs = wf.model._default_manager.select_related(*wf.inbox_related).in_bulk(
            [i.pk for i in group])
        for item in group:
            item.obj = objs[item.pk]


def items(user: Any, *, workflows: list[str] | None = None) -> list[InboxItem]:
    """Everything waiting on ``user`` (overdue first, then soonest due), objects loaded."""
    found = _sorted(user, workflows)
    _load(found)
    return found


def _sorted(user: Any, workflows: list[str] | None) -> list[InboxItem]:
    now = timezone.now()
    found: list[InboxItem] = []
    for name, wf in REGISTRY.items():
        if workflows is None or name in workflows:
            found += _rows(user, wf, now)
    found.sort(key=lambda i: (i.due_at or _LATEST, i.workflow.name, i.pk))
    return found


def page(user: Any, number: Any = 1, *, per_page: int = PAGE_SIZE) -> Page:
    """One page of the user's inbox; only that page's objects are loaded."""
    result = Paginator(_sorted(user, None), per_page).get_page(number)
    _load(list(result.object_list))
    return result
