"""No identity number in clear anywhere the database keeps data."""

from __future__ import annotations

import csv
import datetime as dt
import random
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from fupin.core.access import Scope
from fupin.core.models import AuditRecord
from fupin.households import services
from fupin.households.exporter import export_snapshot
from fupin_engine import idcard
from tests import factories
from tests.conftest import is_postgres


@pytest.mark.django_db(transaction=True)
def test_no_plaintext_id_number_in_the_database():
    factories.make_tree()
    heads = [factories.member("head", name=f"唯一姓名{i}") for i in range(5)]
    households = [factories.household(members=[h]) for h in heads]
    reviewer = factories.make_user("township_reviewer", factories.HOME_TOWNSHIP)

    for h in households:  # reveals are audited: the ledger must not keep the number either
        services.reveal_id_number(actor=reviewer, member=h.members.get())
    numbers = [h["id_number"] for h in heads]

    if is_postgres():
        with connection.cursor() as cur:
            cur.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            tables = [r[0] for r in cur.fetchall()]
            dump = []
            for table in tables:
                cur.execute(f'SELECT t::text FROM "{table}" t')
                dump.extend(r[0] for r in cur.fetchall())
        text = "\n".join(dump)
        assert "唯一姓名3" in text  # the dump does hold the household data
        for number in numbers:
            assert number not in text
            assert number[:17] not in text
        return

    connection.close()  # checkpoint nothing pending: read the main file and the WAL
    path = Path(settings.DATABASES["default"]["NAME"])
    raw = b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())
    assert "唯一姓名3".encode() in raw
    for number in numbers:
        assert number.encode() not in raw
        assert number[:17].encode() not in raw


# --- What a viewer without the reveal permission can learn (ADR 0018) -------------------------

MIN_CANDIDATES = 1000
_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_YEAR = re.compile(r"^(19|20)\d{2}$")
_MASK = re.compile(r"^[0-9*X]{18}$")


class Knowledge:
    """Everything an attacker learned about one member from every channel it can read."""

    def __init__(self, address: str, sex: str) -> None:
        self.address, self.sex = address, sex  # address code: known from the village
        self.masks: set[str] = set()
        self.first = dt.date(1900, 1, 1)
        self.last = dt.date(2100, 12, 31)

    def learn(self, cells: list[str]) -> None:
        for cell in (c.strip() for c in cells):
            if _MASK.match(cell):
                self.masks.add(cell)
            elif m := _DATE.search(cell):
                self.narrow(dt.date(*map(int, m.groups())), dt.date(*map(int, m.groups())))
            elif _YEAR.match(cell):
                year = int(cell)
                self.narrow(dt.date(year, 1, 1), dt.date(year, 12, 31))

    def narrow(self, first: dt.date, last: dt.date) -> None:
        self.first, self.last = max(self.first, first), min(self.last, last)

    def candidates(self) -> int:
        """Numbers consistent with all of it: dates in range × sequences, check character."""
        assert self.masks, "no channel showed a mask"
        patterns = [re.compile("^" + m.replace("*", ".") + "$") for m in self.masks]
        parity = 1 if self.sex == "M" else 0
        count, day = 0, self.first
        while day <= self.last:
            stem = f"{self.address}{day:%Y%m%d}"
            for seq in range(parity, 1000, 2):
                first17 = f"{stem}{seq:03d}"
                number = first17 + idcard.check_character(first17)
                if all(p.match(number) for p in patterns):
                    count += 1
            day += dt.timedelta(days=1)
        return count


def _sample_members(n: int) -> list[dict]:
    rng = random.Random(20261129)
    out = []
    for i in range(n):
        birth = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(365 * 80))
        number = idcard.make("513431", birth, rng.randrange(1000))
        out.append(factories.member("head" if i == 0 else "child", birth=birth,
                                    id_number=number, sex=idcard.sex_of(number),
                                    name=f"样本{i}"))
    return out


def _table_rows(html: str, table_id: str) -> list[list[str]]:
    body = html.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    rows = []
    for tr in re.findall(r"<tr>(.*?)</tr>", body, flags=re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", tr, flags=re.S)
        if cells:
            rows.append([re.sub(r"<[^>]+>", " ", c) for c in cells])
    return rows


def _export_rows(tmp_path, actor) -> list[dict]:
    path = tmp_path / "masked"
    export_snapshot(path, "csv", actor=actor, scope=Scope("513431"), mask_ids=True)
    with (path / "members.csv").open(encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def _knowledge(client, evaluator, household, members, export_rows=None) -> dict[str, Knowledge]:
    known = {m["name"]: Knowledge("513431", m["sex"]) for m in members}
    client.force_login(evaluator)
    html = client.get(reverse("household-detail", args=[household.household_id])).content
    html = html.decode()
    for row in _table_rows(html, "members"):
        known[row[0].strip()].learn(row)
    data = client.get(f"/api/households/{household.household_id}").json()
    for m in data["members"]:  # its database id is no year (on PostgreSQL it reaches 19xx)
        known[m["name"]].learn([str(v) for k, v in m.items() if v is not None and k != "id"])
    numbers = {m["id_number"] for m in members}
    for row in export_rows or []:
        assert row["id_number"] not in numbers
        by_id = {m["id_number"][:6] + m["id_number"][-2:]: m for m in members}
        match = [k for k in known if k in row.values()] or [
            by_id.get(row["id_number"][:6] + row["id_number"][-2:], {}).get("name")]
        known[match[0]].learn(list(row.values()))
    for number in numbers:
        assert number not in html
        assert number[6:14] not in html  # the birth date, in any layout
    return known


@pytest.mark.django_db
def test_no_member_narrows_to_fewer_than_1000_numbers_on_screen_and_api(client):
    factories.make_tree()
    members = _sample_members(12)
    household = factories.household(members=members)
    evaluator = factories.make_user("evaluator", "513431000000")
    known = _knowledge(client, evaluator, household, members)
    counts = {name: k.candidates() for name, k in known.items()}
    assert min(counts.values()) >= MIN_CANDIDATES, counts
    for m in members:  # and the true number is always among them
        k = known[m["name"]]
        assert k.first <= m["birth_date"] <= k.last


@pytest.mark.django_db
def test_no_member_narrows_to_fewer_than_1000_numbers_with_the_masked_export(client, tmp_path):
    factories.make_tree()
    members = _sample_members(6)
    household = factories.household(members=members)
    evaluator = factories.make_user("evaluator", "513431000000")
    known = _knowledge(client, evaluator, household, members, _export_rows(tmp_path, evaluator))
    counts = {name: k.candidates() for name, k in known.items()}
    assert min(counts.values()) >= MIN_CANDIDATES, counts


@pytest.mark.django_db
def test_reveal_holders_still_see_the_birth_date(client):
    factories.make_tree()
    head = factories.member("head", birth=dt.date(1980, 5, 17), name="看得见")
    household = factories.household(members=[head])
    cadre = factories.make_user("village_cadre", factories.HOME_VILLAGE)
    client.force_login(cadre)
    html = client.get(reverse("household-detail", args=[household.household_id])).content
    member = household.members.get()
    assert b"1980-05-17" in html
    assert reverse("member-reveal", args=[member.pk]).encode() in html
    data = client.get(f"/api/households/{household.household_id}").json()
    assert data["members"][0]["birth_date"] == "1980-05-17"
    assert data["members"][0]["id_number_masked"] == idcard.masked_id(head["id_number"])


def test_four_characters_of_mask_and_a_birth_year_would_be_too_few():
    """The arithmetic of ADR 0018, checked: the old mask with a birth year is not enough."""
    number = idcard.make("513431", dt.date(1980, 5, 17), 1)
    old = Knowledge("513431", idcard.sex_of(number))
    old.masks.add(number[:6] + "*" * 8 + number[14:])
    old.narrow(dt.date(1980, 1, 1), dt.date(1980, 12, 31))
    assert old.candidates() < MIN_CANDIDATES
    new = Knowledge("513431", idcard.sex_of(number))
    new.masks.add(idcard.masked_id(number))
    new.narrow(dt.date(1980, 1, 1), dt.date(1980, 12, 31))
    assert new.candidates() >= 3 * MIN_CANDIDATES


@pytest.mark.django_db
def test_search_by_mask_and_never_by_the_last_four(client):
    factories.make_tree()
    head = factories.member("head", name="查找我")
    household = factories.household(members=[head])
    evaluator = factories.make_user("evaluator", "513431000000")
    client.force_login(evaluator)
    number = head["id_number"]

    def found(q: str) -> bool:
        page = client.get(reverse("household-list"), {"q": q}).content.decode()
        return household.household_id in page

    assert found(idcard.masked_id(number))
    assert found(number[:6] + "*" * 8 + number[14:])  # a mask of the earlier shape still works
    assert not found(number[14:])  # the last four would tell two characters the mask hides


@pytest.mark.django_db(transaction=True)
def test_migration_cuts_stored_masks_to_the_last_two_characters():
    from django.db.migrations.executor import MigrationExecutor

    factories.make_tree()
    household = factories.household()
    member = household.members.first()
    number = member.reveal_id_number()
    old_mask = number[:6] + "*" * 8 + number[14:]
    executor = MigrationExecutor(connection)
    target = [("households", "0002_exchangejob")]
    latest = executor.loader.graph.leaf_nodes("households")
    try:
        executor.migrate(target)
        old_apps = executor.loader.project_state(target).apps
        old_apps.get_model("households", "Member").objects.filter(pk=member.pk).update(
            id_number_masked=old_mask)
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(latest)
    finally:
        MigrationExecutor(connection).migrate(
            MigrationExecutor(connection).loader.graph.leaf_nodes())
    member.refresh_from_db()
    assert member.id_number_masked == idcard.masked_id(number)
    assert member.id_number_masked == number[:6] + "*" * 10 + number[16:]


@pytest.mark.django_db
def test_a_search_by_full_number_confirms_nothing_without_the_reveal_permission(client):
    factories.make_tree()
    head = factories.member("head", birth=dt.date(1980, 5, 17))
    household = factories.household(members=[head])
    real = head["id_number"]
    # Another valid number with the same mask (address code and last two characters).
    fake = next(n for n in (idcard.make(real[:6], dt.date(1975, 1, d), seq)
                            for d in range(1, 29) for seq in range(1000))
                if n != real and idcard.masked_id(n) == idcard.masked_id(real))
    evaluator = factories.make_user("evaluator", "513431000000")
    client.force_login(evaluator)
    answers = [client.get(f"/api/households?q={n}").json()["count"] for n in (real, fake)]
    assert answers == [1, 1]  # the true and a false number answer alike
    assert not AuditRecord.objects.filter(action="households.search_id_number").exists()
    cadre = factories.make_user("village_cadre", factories.HOME_VILLAGE)
    client.force_login(cadre)
    answers = [client.get(f"/api/households?q={n}").json()["count"] for n in (real, fake)]
    assert answers == [1, 0]  # exact for a user who may reveal numbers …
    searches = AuditRecord.objects.filter(action="households.search_id_number")
    assert searches.count() == 2  # … and every such search is on the ledger
    assert household.household_id
