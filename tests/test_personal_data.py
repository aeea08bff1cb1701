"""No identity number in clear anywhere the database keeps data."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from fupin.households import services
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
