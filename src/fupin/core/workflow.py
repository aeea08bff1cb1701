"""The one workflow engine (ADR 0022): states and transitions as data, everything else once.

An app describes its procedure as a :class:`Workflow` — states, :class:`Transition` rows with
the level that may take each (a level is a division level plus the permission to act there),
an optional *guard* (returns the unmet conditions, in words; empty means allowed) and an
optional *effect* (changes the object inside the transaction) — and registers it. Its model
derives from :class:`WorkflowObject`. Then :func:`take` does, in this order and in one
transaction:

1. lock the row (``select_for_update``);
2. **region**: an actor from another region gets ``NotFound`` — before the version or the
   state is looked at, so a stale or illegal request from elsewhere learns nothing;
3. **version**: ``Conflict`` naming who acted first (only in-region actors get this far);
4. **legality** of the action in the current state (``IllegalTransition``, a validation
   error listing the possible actions);
5. **level**: the actor holds the level's permission *and* is bound to a division of that
   level (a county approver bound to a province may not approve) — else ``Forbidden``;
6. the **guard**, then the **effect**, the new state, version and deadline;
7. the **step** record (:class:`~fupin.core.workflow_models.WorkflowStep`), the **audit**
   record, and **notifications** to whoever must act next.

Deadlines come from :mod:`fupin.core.deadlines`; :func:`escalate_overdue` tells the level above
about overdue objects (once per object and state); :mod:`fupin.core.inbox` lists what waits on
a user across every registered workflow.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from fupin.core import audit, deadlines
from fupin.core.access import PREFIX_LENGTH, Scope, check_in_scope
from fupin.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from fupin.core.models import RegionOwnedModel
from fupin.core.workflow_models import Notification, WorkflowStep


class WorkflowObject(RegionOwnedModel):
    """Base of a model moved by a workflow: its state, since when, when the next step is due,
    whether it is closed, and a version that every step increments (optimistic locking)."""

    state = models.CharField(max_length=24, db_index=True)
    state_since = models.DateTimeField()
    due_at = models.DateTimeField(null=True, blank=True)
    closed = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True


class IllegalTransition(ValidationFailed):
    """The action is not possible from the object's state."""


@dataclass
class Move:
    """What a guard or an effect is given: the locked object, who acts, which transition,
    when, the note and the extra parameters of the request."""

    obj: Any
    actor: Any
    transition: Transition
    now: dt.datetime
    note: str = ""
    params: dict[str, Any] = field(default_factory=dict)

    def param(self, name: str, default: Any = "") -> Any:
        value = self.params.get(name)
        return default if value is None else value


Guard = Callable[[Move], list[str]]
Effect = Callable[[Move], None]


@dataclass(frozen=True)
class Transition:
    """``action`` moves an object from ``state`` to ``to``; users at ``level`` may take it."""

    state: str
    action: str
    to: str
    level: str
    label: Any
    guard: Guard | None = None
    effect: Effect | None = None


def _due_by_state(obj: Any, now: dt.datetime, wf: Workflow) -> dt.datetime | None:
    return wf.due_in_state(obj, now)


@dataclass
class Workflow:
    """A procedure as data. ``levels`` maps each level (a division level: village, township,
    county, province) to the permission that lets a user act there, lowest first; the next
    entry is the level an overdue item escalates to.

    ``deadline_defaults`` returns days per state (and ``step`` for any other state), read
    from settings when called; ``due`` may replace the per-state rule (e.g. a deadline that
    depends on the object's own dates); ``describe`` and ``url`` name the object in the inbox
    and in notifications; ``place`` names where it is (a village's name).
    """

    name: str
    model: type[WorkflowObject]
    states: dict[str, Any]
    transitions: list[Transition]
    levels: dict[str, str]
    noun: Any = "object"
    closed: frozenset[str] = frozenset()
    deadline_defaults: Callable[[], dict[str, int]] = dict
    due: Callable[[Any, dt.datetime, Workflow], dt.datetime | None] = _due_by_state
    describe: Callable[[Any], str] = str
    url: Callable[[Any], str] = lambda obj: ""
    place: Callable[[Any], str] = lambda obj: obj.region_code
    lock_related: tuple[str, ...] = ()
    inbox_related: tuple[str, ...] = ()
    #: Actions the inbox may take for many objects of one village at once (no per-object
    #: input: each object still goes through :func:`take`, its guard and its audit line).
    batch_actions: frozenset[str] = frozenset()
    #: Which of the objects in the user's states actually wait on this user (a ``Q``), when
    #: the level alone says too much: e.g. at the county an evaluator verifies only the
    #: rectifications of evaluation findings, and plans none. ``None``: all of them.
    waiting_for: Callable[[Any], Q | None] = lambda user: None

    def __post_init__(self) -> None:
        self.by_key = {(t.state, t.action): t for t in self.transitions}
        for t in self.transitions:
            unknown = {t.state, t.to} - set(self.states)
            if unknown or t.level not in self.levels:
                raise ValueError(f"{self.name}: transition {t.action} names unknown "
                                 f"{sorted(unknown) or t.level}")

    # --- the table ----------------------------------------------------------------------------
    def transition(self, state: str, action: str) -> Transition:
        """The transition ``action`` from ``state``, or ``IllegalTransition``."""
        try:
            return self.by_key[(state, action)]
        except KeyError:
            allowed = ", ".join(t.action for t in self.actions_from(state)) or "none"
            raise IllegalTransition(
                f"{action} is not possible while the {self.noun} is {state} "
                f"(possible: {allowed})") from None

    def actions_from(self, state: str) -> list[Transition]:
        return [t for t in self.transitions if t.state == state]

    def level_of(self, state: str) -> str | None:
        """Who must act next on an object in ``state`` (``None`` when closed)."""
        options = self.actions_from(state)
        return options[0].level if options and state not in self.closed else None

    def states_waiting_on(self, levels: set[str]) -> set[str]:
        return {s for s in self.states if self.level_of(s) in levels}

    def level_above(self, level: str) -> str | None:
        order = list(self.levels)
        i = order.index(level)
        return order[i + 1] if i + 1 < len(order) else None

    def level_below(self, level: str) -> str | None:
        order = list(self.levels)
        i = order.index(level)
        return order[i - 1] if i > 0 else None

    # --- deadlines ----------------------------------------------------------------------------
    def due_in_state(self, obj: Any, start: dt.datetime, key: str | None = None, *,
                     extra_days: int = 0) -> dt.datetime | None:
        """The deadline of ``key`` (default: the object's state) counted from ``start``, the
        province's way; ``None`` for a closed object."""
        if obj.closed:
            return None
        return deadlines.due(self.name, key or obj.state, obj.region_code,
                             self.deadline_defaults(), start, extra_days=extra_days)

    def due_for(self, obj: Any, now: dt.datetime) -> dt.datetime | None:
        return None if obj.closed else self.due(obj, now, self)

    # --- who may act --------------------------------------------------------------------------
    def acting_levels(self, user: Any) -> list[str]:
        """Levels at which ``user`` may act: the level's permission *and* bound to a division
        of that level."""
        division = getattr(user, "division", None)
        if division is None or not getattr(user, "is_active", False):
            return []
        return [lvl for lvl, perm in self.levels.items()
                if division.level == lvl and user.has_perm(perm)]

    def can_act(self, user: Any, obj: Any, level: str) -> bool:
        """Whether ``user`` may take a ``level`` step on ``obj`` (level and region)."""
        scope = Scope.of_user(user)
        return (scope is not None and scope.contains(obj.region_code)
                and level in self.acting_levels(user))


#: Every registered workflow by name (the inbox and escalation walk these).
REGISTRY: dict[str, Workflow] = {}


def register(wf: Workflow) -> Workflow:
    REGISTRY[wf.name] = wf
    return wf


# --- taking a step ----------------------------------------------------------------------------

def take(wf: Workflow, *, actor: Any, obj: Any, action: str, version: int, note: str = "",
         **params: Any) -> Any:
    """Move ``obj`` by ``action`` (see the module docstring for the order of checks)."""
    now = timezone.now()
    with transaction.atomic():
        manager = wf.model._default_manager
        current = (manager.select_for_update().select_related(*wf.lock_related)
                   .filter(pk=obj.pk).first())
        if current is None:
            raise NotFound(f"no such {wf.noun}")
        check_in_scope(actor, current.region_code, what=str(wf.noun))
        if current.version != version:
            raise Conflict(_conflict_message(wf, current))
        move = wf.transition(current.state, action)
        if move.level not in wf.acting_levels(actor):
            raise Forbidden(_("only the %(level)s level may do this") % {"level": move.level})
        ctx = Move(obj=current, actor=actor, transition=move, now=now, note=note,
                   params=params)
        unmet = move.guard(ctx) if move.guard else []
        if unmet:
            raise ValidationFailed("; ".join(str(u) for u in unmet),
                                   {"criteria": [str(u) for u in unmet]})
        before = audit.snapshot(current)
        if move.effect:
            move.effect(ctx)
        current.state = move.to
        current.state_since = now
        current.closed = move.to in wf.closed
        current.version += 1
        current.due_at = wf.due_for(current, now)
        current.save()
        WorkflowStep.objects.create(
            workflow=wf.name, content_type=ContentType.objects.get_for_model(wf.model),
            object_id=current.pk, division_code=current.region_code, action=action,
            from_state=move.state, to_state=move.to, actor=actor, at=now, note=note)
        audit.record(actor=actor, action=f"{wf.name.split('.')[0]}.{action}",
                     object_type=wf.name, object_id=str(current.pk),
                     division_code=current.region_code, before=before,
                     after=audit.snapshot(current))
        level = wf.level_of(current.state)
        if level:
            notify(wf, current, level, now=now)
    return current


def _conflict_message(wf: Workflow, current: Any) -> str:
    last = (WorkflowStep.objects.filter(content_type=ContentType.objects.get_for_model(wf.model),
                                        object_id=current.pk)
            .select_related("actor").order_by("-pk").first())
    who = (_(" by %(user)s") % {"user": last.actor.get_username()}) if last else ""
    return _("this %(noun)s has already moved on%(who)s (now: %(state)s); reload the page") % {
        "noun": wf.noun, "who": who, "state": current.state}


def refresh_due(wf: Workflow, obj: Any) -> None:
    """Recompute and save ``obj``'s deadline (after a change its ``due`` rule depends on)."""
    obj.due_at = wf.due_for(obj, timezone.now())
    obj.save(update_fields=["due_at", "updated_at"])


# --- notifications ----------------------------------------------------------------------------

def _division_at(code: str, level: str) -> str:
    return code[: PREFIX_LENGTH[level]].ljust(12, "0")


def users_at(wf: Workflow, level: str, codes: set[str]) -> dict[str, list[Any]]:
    """Active users who may act at ``level``, bound to one of the divisions ``codes`` (of that
    level), grouped by division code. One query."""
    app_label, codename = wf.levels[level].split(".")
    perm = (Q(groups__permissions__codename=codename,
              groups__permissions__content_type__app_label=app_label)
            | Q(user_permissions__codename=codename,
                user_permissions__content_type__app_label=app_label))
    found: dict[str, list[Any]] = {}
    users = (get_user_model().objects.filter(is_active=True, division_id__in=codes,
                                             division__level=level)
             .filter(perm).distinct())
    for user in users:
        found.setdefault(user.division_id, []).append(user)
    return found


def notify(wf: Workflow, obj: Any, level: str, *, now: dt.datetime | None = None,
           kind: str = Notification.Kind.STEP, key: str = "") -> int:
    """Tell the users who must act at ``level`` on ``obj`` (in-app; e-mail after commit when
    configured). With a ``key``, a user is told at most once."""
    code = _division_at(obj.region_code, level)
    users = users_at(wf, level, {code}).get(code, [])
    return _send(wf, [(obj, u) for u in users], kind=kind, key=key, now=now)


def _send(wf: Workflow, pairs: list[tuple[Any, Any]], *, kind: str, key: str = "",
          now: dt.datetime | None = None, keys: dict[int, str] | None = None) -> int:
    now = now or timezone.now()
    content_type = ContentType.objects.get_for_model(wf.model)
    notes = []
    for obj, user in pairs:
        text = f"{wf.describe(obj)}: {wf.states.get(obj.state, obj.state)}"
        if kind == Notification.Kind.ESCALATION:
            text = _("Overdue, escalated to you: %(item)s") % {"item": text}
        notes.append(Notification(
            user=user, workflow=wf.name, content_type=content_type, object_id=obj.pk,
            division_code=obj.region_code, kind=kind, message=text[:300],
            key=(keys or {}).get(obj.pk, key), created_at=now))
    keyed = any(n.key for n in notes)
    if keyed:
        taken = set(Notification.objects.filter(
            key__in={n.key for n in notes}, user__in={n.user_id for n in notes})
            .values_list("user_id", "key"))
        notes = [n for n in notes if (n.user_id, n.key) not in taken]
    # A concurrent run may insert the same keyed notice first: the unique key keeps one.
    Notification.objects.bulk_create(notes, ignore_conflicts=keyed)
    emails = {n.user.email: n.message for n in notes if n.user.email}
    if emails:
        transaction.on_commit(lambda: [
            send_mail("fupin", message, settings.DEFAULT_FROM_EMAIL, [email],
                      fail_silently=True) for email, message in emails.items()])
    return len(notes)


def escalate_overdue(*, now: dt.datetime | None = None) -> int:
    """Tell the level above about every overdue open object, once per object and state
    (idempotent: running it again sends nothing new). Returns the number of notices sent.

    Set-based: per workflow and level, one query for the overdue objects, one for the users
    above them and one bulk insert.
    """
    now = now or timezone.now()
    sent = 0
    for wf in REGISTRY.values():
        for level in wf.levels:
            above = wf.level_above(level)
            if above is None:
                continue
            overdue = list(wf.model._default_manager.filter(
                closed=False, state__in=wf.states_waiting_on({level}), due_at__lt=now)
                .select_related(*wf.inbox_related))
            if not overdue:
                continue
            codes = {_division_at(o.region_code, above) for o in overdue}
            users = users_at(wf, above, codes)
            pairs = [(o, u) for o in overdue
                     for u in users.get(_division_at(o.region_code, above), [])]
            keys = {o.pk: f"escalation:{wf.name}:{o.pk}:{o.version}" for o in overdue}
            with transaction.atomic():
                sent += _send(wf, pairs, kind=Notification.Kind.ESCALATION, now=now,
                              keys=keys)
    return sent


def unread(user: Any) -> models.QuerySet:
    """The user's unread notices about objects in the user's region, newest first."""
    scope = Scope.of_user(user)
    if scope is None:
        return Notification.objects.none()
    return Notification.objects.filter(scope.q("division_code"), user=user, read_at=None)


def mark_read(user: Any, obj: Any) -> int:
    """The user opened ``obj``: their notices about it are read."""
    return Notification.objects.filter(
        user=user, read_at=None, content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=obj.pk).update(read_at=timezone.now())


def dismiss(user: Any, pk: int) -> None:
    """Mark one of the user's own notices read (``NotFound`` for anybody else's)."""
    scope = Scope.of_user(user)
    mine = Notification.objects.filter(pk=pk, user=user)
    if scope is None or not mine.filter(scope.q("division_code")).exists():
        raise NotFound("no such notification")
    mine.filter(read_at=None).update(read_at=timezone.now())
