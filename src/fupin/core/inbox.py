"""One inbox across every registered workflow, paged, sorted and filtered in the database.

An item waits on the user when its state waits on a level the user acts at (the level's
permission *and* bound to a division of that level: a county officer holding the village
permission gets no village steps) and it lies in the user's region; items of the level just
below that are overdue are *escalated* to the user.

Per workflow, one queryset of the same annotated columns (workflow, id, version, due date,
place, state, escalated); several workflows are combined with ``UNION ALL``. Counting, sorting
(overdue first by default: the earliest due date first, no date last), filtering (village,
township, step, overdue) and the page slice run in the database, so a county with 5,000 open
cases costs a count, a page of 50 rows and the page's objects — never 5,000 rows in Python.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext

from fupin.core import labels
from fupin.core import workflow as engine
from fupin.core.access import PREFIX_LENGTH, for_user
from fupin.core.errors import DomainError, NotFound
from fupin.core.workflow import REGISTRY, Workflow
from fupin.core.workflow_models import Notification

PAGE_SIZE = 50
_LATEST = dt.datetime(9999, 12, 31, tzinfo=dt.UTC)
#: The columns every workflow's rows are reduced to (same names, same order: UNION-able).
COLUMNS = ("wf_name", "item_pk", "item_version", "item_due", "item_place", "item_state",
           "escalated", "sort_due")
#: Sort keys a user may ask for → the columns they order by (ties: workflow, id).
SORTS = {"due": ("sort_due",), "village": ("item_place", "sort_due"),
         "step": ("item_state", "sort_due")}


@dataclass
class Filters:
    """What the inbox is narrowed to: a village or township (12-digit codes), a state, overdue."""

    village: str = ""
    township: str = ""
    step: str = ""
    overdue: bool = False


@dataclass
class InboxItem:
    """One thing waiting on the user: its workflow, the object, and when it is due."""

    workflow: Workflow
    pk: int
    due_at: dt.datetime | None
    escalated: bool
    obj: Any = None
    version: int = 0
    place_code: str = ""
    state: str = ""
    unread: bool = False

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

    @property
    def key(self) -> str:
        """``workflow:id:version`` — what a batch form posts back (optimistic locking)."""
        return f"{self.workflow.name}:{self.pk}:{self.version}"

    @property
    def batch_actions(self) -> list[str]:
        return [t.action for t in self.workflow.actions_from(self.state)
                if t.action in self.workflow.batch_actions]


def _levels(user: Any, wf: Workflow) -> tuple[set[str], set[str]]:
    """The states waiting on the user's levels, and the states of the level below."""
    levels = set(wf.acting_levels(user))
    if not levels:
        return set(), set()
    mine = wf.states_waiting_on(levels)
    below = {wf.level_below(lvl) for lvl in levels} - {None}
    return mine, wf.states_waiting_on(below) - mine


def _queryset(user: Any, wf: Workflow, now: dt.datetime, f: Filters) -> models.QuerySet | None:
    mine, lower = _levels(user, wf)
    if not mine and not lower:
        return None
    region = wf.model.region_field
    waiting = Q(state__in=mine)
    if (narrowed := wf.waiting_for(user)) is not None:
        waiting &= narrowed
    if lower:
        waiting |= Q(state__in=lower, due_at__lt=now)
    qs = for_user(wf.model, user).filter(waiting, closed=False)
    if f.village:
        qs = qs.filter(**{region: f.village})
    if f.township:
        qs = qs.filter(**{f"{region}__startswith": f.township[:PREFIX_LENGTH["township"]]})
    if f.step:
        qs = qs.filter(state=f.step)
    if f.overdue:
        qs = qs.filter(due_at__lt=now)
    escalated = (models.Case(models.When(state__in=lower, then=Value(True)),
                             default=Value(False), output_field=models.BooleanField())
                 if lower else Value(False, output_field=models.BooleanField()))
    qs = qs.order_by().annotate(
        wf_name=Value(wf.name, output_field=models.CharField()), item_pk=F("pk"),
        item_version=F("version"), item_due=F("due_at"), item_place=F(region),
        item_state=F("state"), escalated=escalated,
        sort_due=Coalesce("due_at", Value(_LATEST, output_field=models.DateTimeField())))
    return qs.values_list(*COLUMNS)


def rows(user: Any, filters: Filters | None = None, sort: str = "due", *,
         workflows: list[str] | None = None) -> models.QuerySet | list:
    """The user's inbox as one ordered queryset of :data:`COLUMNS` tuples (a list when
    nothing can wait on the user). ``sort`` is a key of :data:`SORTS`, ``-`` for descending."""
    now, f = timezone.now(), filters or Filters()
    parts = [qs for name, wf in REGISTRY.items() if workflows is None or name in workflows
             if (qs := _queryset(user, wf, now, f)) is not None]
    if not parts:
        return []
    combined = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    descending = sort.startswith("-")
    keys = SORTS.get(sort.lstrip("-"), SORTS["due"])
    order = [f"-{k}" if descending else k for k in keys] + ["wf_name", "item_pk"]
    return combined.order_by(*order)


def load(found: list[tuple], user: Any = None) -> list[InboxItem]:
    """Turn :data:`COLUMNS` tuples into items with their objects (one query per workflow)
    and, given the user, whether an unread notice is about them (one query)."""
    result = [InboxItem(REGISTRY[t[0]], t[1], t[3], bool(t[6]), version=t[2],
                        place_code=t[4], state=t[5]) for t in found]
    by_wf: dict[str, list[InboxItem]] = {}
    for item in result:
        by_wf.setdefault(item.workflow.name, []).append(item)
    for name, group in by_wf.items():
        wf = REGISTRY[name]
        objs = wf.model._default_manager.select_related(*wf.inbox_related).in_bulk(
            [i.pk for i in group])
        for item in group:
            item.obj = objs[item.pk]
    if user is not None and result:
        unread = set(Notification.objects.filter(
            user=user, read_at=None, object_id__in={i.pk for i in result})
            .values_list("workflow", "object_id"))
        for item in result:
            item.unread = (item.workflow.name, item.pk) in unread
    return result


def items(user: Any, *, workflows: list[str] | None = None) -> list[InboxItem]:
    """Everything waiting on ``user`` (overdue first, then soonest due), objects loaded."""
    return load(list(rows(user, workflows=workflows)))


def page(user: Any, number: Any = 1, *, per_page: int = PAGE_SIZE,
         filters: Filters | None = None, sort: str = "due") -> Page:
    """One page of the user's inbox; only that page's objects are loaded."""
    result = Paginator(rows(user, filters, sort), per_page).get_page(number)
    result.object_list = load(list(result.object_list), user)
    return result


def places(user: Any) -> tuple[dict[str, str], dict[str, str]]:
    """The villages and townships where something waits on the user, code → name (for the
    filter's choices): one query over every workflow (a UNION) and one for the names."""
    now = timezone.now()
    parts = [qs.values_list("item_place", flat=True).order_by()
             for wf in REGISTRY.values()
             if (qs := _queryset(user, wf, now, Filters())) is not None]
    codes: set[str] = set()
    if parts:
        union = parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0].distinct()
        codes = set(union)
    n = PREFIX_LENGTH["township"]
    townships = {c[:n].ljust(12, "0") for c in codes}
    names = labels.lookup_many("division", codes | townships)
    return ({c: names.get(c, c) for c in sorted(codes)},
            {c: names.get(c, c) for c in sorted(townships)})


def steps(user: Any) -> dict[str, Any]:
    """The states that can wait on the user (``state`` → its words), for the filter."""
    found: dict[str, Any] = {}
    for wf in REGISTRY.values():
        mine, lower = _levels(user, wf)
        for state in wf.states:
            if state in mine or state in lower:
                found.setdefault(state, wf.states[state])
    return found


# --- notifications: paged, dismissed one by one or all at once ---------------------------------

def notifications(user: Any) -> models.QuerySet:
    """The user's unread notices in the user's region, newest first."""
    return engine.unread(user)


def dismiss_all(user: Any) -> int:
    """Mark every unread notice of the user read; returns how many."""
    return notifications(user).update(read_at=timezone.now())


# --- batch actions: one step for many items of one village ---------------------------------------

@dataclass
class BatchResult:
    done: list[InboxItem]
    failed: list[tuple[InboxItem | str, str]]


def parse_keys(keys: list[str]) -> list[tuple[str, int, int]]:
    parsed = []
    for key in keys:
        name, _, rest = str(key).partition(":")
        pk, _, version = rest.partition(":")
        if name not in REGISTRY or not pk.isdigit() or not version.isdigit():
            raise NotFound("no such item")
        parsed.append((name, int(pk), int(version)))
    return parsed


def batch(user: Any, action: str, keys: list[str], *, village: str) -> BatchResult:
    """Take ``action`` on each item (``workflow:id:version``) of ``village``, each through the
    engine in its own transaction (region, version, level, guard, audit line, notices).

    A failure does not stop the others: it is reported with the item and the reason, and the
    rest still go (a village's twenty notices are not held up by one open objection).
    """
    done: list[InboxItem] = []
    failed: list[tuple[InboxItem | str, str]] = []
    for name, pk, version in parse_keys(keys):
        wf = REGISTRY[name]
        obj = for_user(wf.model, user).filter(pk=pk).first()
        if obj is None:
            raise NotFound("no such item")
        [item] = load([(name, pk, version, obj.due_at, obj.region_code, obj.state, False,
                        None)])
        if action not in wf.batch_actions:
            failed.append((item, gettext("this step is not taken in a batch")))
            continue
        if obj.region_code != village:
            failed.append((item, gettext("not in the village chosen")))
            continue
        try:
            engine.take(wf, actor=user, obj=obj, action=action, version=version)
        except DomainError as error:
            failed.append((item, str(error)))
        else:
            done.append(item)
    return BatchResult(done, failed)
