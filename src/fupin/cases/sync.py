"""Cases of a monitoring run, opened set-based (ADR 0053).

``sync_from_run`` used to call ``open_or_attach`` once per flagged household: one transaction,
one ledger lock and one notification query each (53 cases a second on PostgreSQL). Here the
whole run is one transaction of a handful of statements, whatever the number of households:

1. ``INSERT … SELECT`` opens a case for every flagged household without an open case — the
   same fields the per-case path writes (every other column its model default), the deadline
   of the ``alerted`` state computed per province by the workflow itself;
2. ``INSERT … SELECT`` gives each new case its alert from the run;
3. ``INSERT … SELECT`` attaches an alert to the open cases whose latest engine finding differs
   (category, rules, risk types, year) — the rule of ``same_content_once``;
4. ``INSERT … SELECT`` tells the village's users about each new case (the inbox notice of
   ``core.workflow.notify``), one e-mail per user after commit;
5. one ledger record for the whole sync, carrying every case and alert written (per-row
   digests under a hash tree, ``audit.record_batch``).

A unique violation (someone opened a case for one of the households meanwhile) rolls the whole
sync back and it is tried once more. Killed half-way, nothing of it is left: it is one
transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, DecimalField
from django.utils import timezone
from django.utils.translation import gettext

from fupin.cases import workflow
from fupin.cases.models import Alert, Case, Channel
from fupin.core import audit, faults
from fupin.core import workflow as engine
from fupin.core.errors import Conflict
from fupin.core.workflow_models import Notification
from fupin.monitoring import policy
from fupin.monitoring.models import Assessment, MonitoringRun

#: Rows per statement when the users of many villages are joined in (VALUES parameters).
USERS_CHUNK = 400
#: Cases and alerts read per round trip for the ledger record.
LEDGER_CHUNK = 5000


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _col(model, name: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(name).column)


def _at(value: dt.datetime | None) -> Any:
    """A time as the ORM writes it (SQLite stores text in its own format)."""
    return connection.ops.adapt_datetimefield_value(value)


def _day(value: dt.date) -> Any:
    return connection.ops.adapt_datefield_value(value)


def _details_sql(alias: str) -> str:
    """The alert details of an engine finding built in SQL from assessment ``alias`` (one
    parameter: the run's year) — what the per-case path stores."""
    if connection.vendor == "postgresql":
        return (f"jsonb_build_object('rules', {alias}.rules, 'risk_types', "
                f"{alias}.risk_types, 'year', CAST(%s AS integer))")
    return f"json_object('rules', {alias}.rules, 'risk_types', {alias}.risk_types, 'year', %s)"


def _same_details_sql(stored: str, alias: str) -> str:
    """``stored`` (an alert's details) says what assessment ``alias`` says (one parameter:
    the year)."""
    if connection.vendor == "postgresql":
        return f"{stored} = " + _details_sql(alias)
    return (f"json_extract({stored}, '$.rules') = {alias}.rules "  # noqa: S608
            f"AND json_extract({stored}, '$.risk_types') = {alias}.risk_types "
            f"AND json_extract({stored}, '$.year') = %s "
            f"AND (SELECT COUNT(*) FROM json_each({stored})) = 3")


def _flagged(categories: list[str], *, with_case: bool = False) -> tuple[str, list[Any]]:
    """FROM/WHERE of the run's assessments ``a`` of monitoring objects (parameters: run id,
    then the categories), joined to their household ``h`` (and its cases ``c``)."""
    marks = ", ".join(["%s"] * len(categories))
    cases = f" JOIN {_table(Case)} AS c ON c.household_id = h.id" if with_case else ""
    return (f"FROM {_table(Assessment)} AS a JOIN households_household AS h "
            f"ON h.id = a.household_id{cases} WHERE a.run_id = %s "
            f"AND a.category IN ({marks})", categories)


def _due_by_province(run: MonitoringRun, categories: list[str],
                     now: dt.datetime) -> tuple[str, list[Any]]:
    """The deadline of a new case (state ``alerted``, opened ``now``) as a SQL ``CASE`` over
    the province of its village: the workflow's own rule, asked once per province."""
    where, params = _flagged(categories)
    with connection.cursor() as cur:
        cur.execute(f"SELECT DISTINCT SUBSTR(h.village_code, 1, 2) {where}",
                    [run.pk, *params])
        provinces = sorted(r[0] for r in cur.fetchall())
    if not provinces:
        return "NULL", []
    whens, out = [], []
    for province in provinces:
        probe = Case(village_code=province.ljust(12, "0"), state="alerted", closed=False)
        whens.append("WHEN %s THEN %s")
        out += [province, _at(workflow.CASES.due_for(probe, now))]
    return f"CASE SUBSTR(h.village_code, 1, 2) {' '.join(whens)} END", out


def _open_cases(run: MonitoringRun, categories: list[str], now: dt.datetime) -> int:
    """Step 1: a case for each flagged household without an open one. Returns how many."""
    due_sql, due_params = _due_by_province(run, categories, now)
    given = {"household": ("a.household_id", []), "village_code": ("h.village_code", []),
             "state": ("%s", ["alerted"]), "channel": ("%s", [Channel.ENGINE]),
             "category": ("a.category", []), "risk_types": ("a.risk_types", []),
             "opened_at": ("%s", [_at(now)]), "state_since": ("%s", [_at(now)]),
             "due_at": (due_sql, due_params), "created_at": ("%s", [_at(now)]),
             "updated_at": ("%s", [_at(now)])}
    columns, values, params = [], [], []
    for field in Case._meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(connection.ops.quote_name(field.column))
        if field.name in given:
            sql, ps = given[field.name]
            values.append(sql)
            params += ps
        else:  # the model's default, as the ORM would write it
            values.append("%s")
            params.append(field.get_db_prep_save(field.get_default(), connection))
    where, flagged = _flagged(categories)
    query = (f"INSERT INTO {_table(Case)} ({', '.join(columns)}) "  # noqa: S608
             f"SELECT {', '.join(values)} {where} AND NOT EXISTS (SELECT 1 FROM "
             f"{_table(Case)} AS c WHERE c.household_id = a.household_id AND c.closed = %s)")
    with connection.cursor() as cur:
        cur.execute(query, [*params, run.pk, *flagged, False])
        return cur.rowcount


def _new_cases_sql() -> str:
    """WHERE of the cases opened by this sync (parameters: first id, the time, False)."""
    return (f"c.id >= %s AND c.opened_at = %s AND c.channel = '{Channel.ENGINE}' "
            "AND c.closed = %s")


def _alert_columns() -> str:
    names = ("case", "channel", "source", "kind", "date", "amount", "details", "consent",
             "created_at")
    return ", ".join(_col(Alert, n) for n in names)


def _alert_new_cases(run: MonitoringRun, categories: list[str], first_id: int,
                     now: dt.datetime, source: str) -> int:
    """Step 2: the run's alert on every case this sync opened."""
    where, flagged = _flagged(categories, with_case=True)
    query = (f"INSERT INTO {_table(Alert)} ({_alert_columns()}) "
             f"SELECT c.id, %s, %s, a.category, %s, NULL, {_details_sql('a')}, %s, %s "
             f"{where} AND {_new_cases_sql()}")
    with connection.cursor() as cur:
        cur.execute(query, [Channel.ENGINE, source, _day(timezone.localdate()), run.year,
                            False, _at(now), run.pk, *flagged, first_id, _at(now), False])
        return cur.rowcount


def _attach_changed(run: MonitoringRun, categories: list[str], now: dt.datetime,
                    source: str) -> int:
    """Step 3: an alert on each open case whose latest engine alert says something else than
    the run (and that has no alert of this run and category yet)."""
    where, flagged = _flagged(categories, with_case=True)
    alert = _table(Alert)
    latest = (f"(SELECT l.kind, l.details FROM {alert} AS l WHERE l.case_id = c.id "  # noqa: S608
              f"AND l.channel = '{Channel.ENGINE}' ORDER BY l.created_at DESC, l.id DESC "
              "LIMIT 1)")
    query = (f"INSERT INTO {alert} ({_alert_columns()}) "  # noqa: S608
             f"SELECT c.id, %s, %s, a.category, %s, NULL, {_details_sql('a')}, %s, %s "
             f"{where} AND c.closed = %s "
             f"AND NOT EXISTS (SELECT 1 FROM {alert} AS x WHERE x.case_id = c.id "
             "AND x.source = %s AND x.kind = a.category) "
             f"AND NOT EXISTS (SELECT 1 FROM {latest} AS last WHERE last.kind = a.category "
             f"AND {_same_details_sql('last.details', 'a')})")
    with connection.cursor() as cur:
        cur.execute(query, [Channel.ENGINE, source, _day(timezone.localdate()), run.year,
                            False, _at(now), run.pk, *flagged, False, source, run.year])
        return cur.rowcount


def _notify_new_cases(first_id: int, now: dt.datetime) -> int:
    """Step 4: the notice of each new case to the users who act at its village (what
    ``core.workflow.notify`` writes for one case), and one e-mail per user after commit."""
    with connection.cursor() as cur:
        cur.execute(f"SELECT DISTINCT c.village_code FROM {_table(Case)} AS c "  # noqa: S608
                    f"WHERE {_new_cases_sql()}", [first_id, _at(now), False])
        villages = {r[0] for r in cur.fetchall()}
    if not villages:
        return 0
    users = engine.users_at(workflow.CASES, workflow.VILLAGE, villages)
    pairs = [(code, user.pk) for code, found in sorted(users.items()) for user in found]
    content_type = ContentType.objects.get_for_model(Case).pk
    label = str(workflow.CASES.states.get("alerted", "alerted"))
    names = ("user", "workflow", "content_type", "object_id", "division_code", "kind",
             "message", "key", "created_at", "read_at")
    columns = ", ".join(_col(Notification, n) for n in names)
    written = 0
    for start in range(0, len(pairs), USERS_CHUNK):
        chunk = pairs[start:start + USERS_CHUNK]
        rows = ", ".join(["(%s, %s)"] * len(chunk))
        query = (f"WITH u(division_code, user_id) AS (VALUES {rows}) "  # noqa: S608
                 f"INSERT INTO {_table(Notification)} ({columns}) "
                 f"SELECT u.user_id, %s, %s, c.id, c.village_code, %s, "
                 f"SUBSTR(h.household_id || ' ' || h.head_name || %s, 1, 300), '', %s, NULL "
                 f"FROM {_table(Case)} AS c JOIN households_household AS h "
                 f"ON h.id = c.household_id JOIN u ON u.division_code = c.village_code "
                 f"WHERE {_new_cases_sql()}")
        with connection.cursor() as cur:
            cur.execute(query, [v for pair in chunk for v in pair]
                        + [workflow.CASES.name, content_type, Notification.Kind.STEP,
                           f": {label}", _at(now), first_id, _at(now), False])
            written += cur.rowcount
    _mail_after_commit(first_id, now, users)
    return written


def _mail_after_commit(first_id: int, now: dt.datetime, users: dict[str, list[Any]]) -> None:
    """One e-mail per user with an address: the notice itself for one new case, else how
    many wait (the per-case path mailed every case; a province's run would flood a box)."""
    with_mail = {u.pk: u.email for found in users.values() for u in found if u.email}
    if not with_mail:
        return
    per_village = dict(Case.objects.filter(pk__gte=first_id, opened_at=now,
                                           channel=Channel.ENGINE, closed=False)
                       .values_list("village_code").annotate(n=Count("pk")).order_by())
    counts: dict[int, int] = {}
    for code, found in users.items():
        for user in found:
            if user.pk in with_mail:
                counts[user.pk] = counts.get(user.pk, 0) + per_village.get(code, 0)
    messages = {with_mail[pk]: gettext("%(count)d new cases wait on you in fupin")
                % {"count": n} for pk, n in counts.items() if n}
    if messages:
        transaction.on_commit(lambda: [
            send_mail("fupin", message, settings.DEFAULT_FROM_EMAIL, [email],
                      fail_silently=True) for email, message in messages.items()])


def _case_snapshots(first_id: int, now: dt.datetime) -> Iterator[tuple[int, dict[str, Any]]]:
    """``audit.snapshot`` of each case this sync opened, without a model object per case:
    the same fields from a values row, each distinct value made JSON-safe once (the cases of
    one sync share their times, state and defaults; a snapshot took 0.8 ms a case)."""
    probe = Case(pk=0)
    skip = set(getattr(probe, "audit_exclude", ())) | {"created_at", "updated_at"}
    fields = [f for f in Case._meta.concrete_fields if f.name not in skip]
    names = [f.attname for f in fields]
    seen: list[dict[Any, Any]] = [{} for _ in fields]

    plain = (int, str, bool, type(None))
    decimals = {i for i, f in enumerate(fields) if isinstance(f, DecimalField)}

    def safe(i: int, value: Any) -> Any:
        if type(value) in plain and i not in decimals:  # JSON-safe as it is
            return value
        try:
            return seen[i][value]
        except KeyError:
            pass
        except TypeError:  # unhashable (a JSON list or object): as it is
            return value
        setattr(probe, names[i], value)
        out = seen[i][value] = audit.snapshot(probe)[names[i]]
        return out

    rows = (Case.objects.filter(pk__gte=first_id, opened_at=now, channel=Channel.ENGINE,
                                closed=False).order_by("pk").values_list("pk", *names))
    for pk, *values in rows.iterator(chunk_size=LEDGER_CHUNK):
        yield pk, {name: safe(i, v) for i, (name, v) in enumerate(zip(names, values,
                                                                     strict=True))}


def _ledger_rows(first_id: int, now: dt.datetime, source: str) -> Iterator[audit.BatchRow]:
    """What the per-case path recorded one by one: each new case's snapshot, each alert."""
    for pk, snap in _case_snapshots(first_id, now):
        yield audit.BatchRow("cases.case", str(pk), "new", snap)
    alerts = (Alert.objects.filter(source=source, created_at=now, channel=Channel.ENGINE)
              .order_by("pk").values_list("pk", "case_id", "kind"))
    for pk, case_id, kind in alerts.iterator(chunk_size=LEDGER_CHUNK):
        yield audit.BatchRow("cases.alert", str(pk), "new",
                             {"case": case_id, "channel": Channel.ENGINE, "source": source,
                              "kind": kind})


def _record(actor, run: MonitoringRun, counts: dict[str, int], first_id: int,
            now: dt.datetime, source: str) -> None:
    """Step 5: ONE ledger record for the sync, every case and alert written as its rows."""
    if not counts["opened"] and not counts["attached"]:
        return
    audit.record_batch(actor=actor, action="cases.sync", object_type="monitoring.run",
                       object_id=str(run.pk), division_code=run.division_code,
                       summary={"run": run.pk, **counts},
                       rows=_ledger_rows(first_id, now, source))


def _sync(actor, run: MonitoringRun, categories: list[str], source: str) -> dict[str, int]:
    now = timezone.now()
    with connection.cursor() as cur:
        cur.execute(f"SELECT COALESCE(MAX(id), 0) FROM {_table(Case)}")  # noqa: S608
        first_id = cur.fetchone()[0] + 1
    total = Assessment.objects.filter(run=run, category__in=categories).count()
    opened = _open_cases(run, categories, now) if total else 0
    alerted = _alert_new_cases(run, categories, first_id, now, source) if opened else 0
    if alerted != opened:  # a second assessment of one household in the run
        raise IntegrityError(f"run {run.pk}: {opened} cases opened but {alerted} alerted")
    attached = _attach_changed(run, categories, now, source) if total > opened else 0
    if opened:
        _notify_new_cases(first_id, now)
    counts = {"opened": opened, "attached": attached,
              "unchanged": total - opened - attached}
    faults.pause_point("cases.sync:ledger")  # everything written, nothing committed
    _record(actor, run, counts, first_id, now, source)
    return counts


def sync_from_run(*, actor, run: MonitoringRun) -> dict[str, int]:
    """Open or attach the cases of ``run``'s monitoring objects in one transaction (see the
    module docstring). Idempotent: a household whose open case's latest engine alert says
    what the run says adds nothing, whatever the run's number."""
    categories = sorted(policy.monitoring_categories())
    source = f"run:{run.pk}"
    for _attempt in range(2):
        try:
            with transaction.atomic():
                return _sync(actor, run, categories, source)
        except IntegrityError:
            continue  # a case was opened for one of the households meanwhile: again
    raise Conflict(gettext("cases changed while the run's cases were opened; try again"))
