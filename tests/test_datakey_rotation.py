"""Rotating FUPIN_DATA_KEY (ADR 0056): data written under key A, rotated under "B,A", read with
"B" alone; the lookup hashes keep finding people; an interrupted rotation is re-run."""

from __future__ import annotations

import base64
import io

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from fupin.accountability.models import Finding
from fupin.core import crypto, keyrotation
from fupin.core.models import AuditRecord
from fupin.households.models import Member
from fupin.households.services import find_by_id_number
from tests import factories
from tests.accountability_helpers import People, media_finding

KEY_B = Fernet.generate_key().decode("ascii")
KEY_C = Fernet.generate_key().decode("ascii")


def _run(*args) -> str:
    out = io.StringIO()
    call_command("datakey", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def written(tree, settings):
    """Households and complaints written under key A (the suite's key): their clear values."""
    key_a = settings.FUPIN_DATA_KEY
    for _ in range(3):
        factories.household()
    people = People()
    for i in range(2):
        media_finding(people.officer, source="hotline_12317", outlet="",
                      complainant_name=f"李{i}", complainant_phone=f"1381234567{i}")
    numbers = {m.pk: (m.reveal_id_number(), m.id_number_hash) for m in Member.objects.all()}
    complainants = {f.pk: (crypto.decrypt(f.complainant_name),
                           crypto.decrypt(f.complainant_phone))
                    for f in Finding.objects.exclude(complainant_name="")}
    return key_a, numbers, complainants


def _encrypted_values() -> int:
    return (Member.objects.count()
            + 2 * Finding.objects.exclude(complainant_name="").count())


def _assert_readable_with_b_alone(settings, numbers, complainants) -> None:
    settings.FUPIN_DATA_KEY = KEY_B
    for member in Member.objects.all():
        number, digest = numbers[member.pk]
        assert member.reveal_id_number() == number
        assert member.id_number_hash == digest
        assert list(find_by_id_number(number)) == [member]
    for finding in Finding.objects.exclude(complainant_name=""):
        assert (crypto.decrypt(finding.complainant_name),
                crypto.decrypt(finding.complainant_phone)) == complainants[finding.pk]


@pytest.mark.django_db
def test_rotation_makes_the_old_key_unneeded_and_lookups_keep_working(written, settings):
    key_a, numbers, complainants = written
    settings.FUPIN_LOOKUP_KEY = _run("lookup-key").strip()  # pinned with A alone
    settings.FUPIN_DATA_KEY = f"{KEY_B},{key_a}"
    assert "values are still under an older key" in _run("check")
    before = AuditRecord.objects.count()

    out = _run("rotate", "--chunk", "2")

    assert f"rotated {_encrypted_values()} values, 0 were current" in out
    records = list(AuditRecord.objects.filter(seq__gt=before))
    assert [r.action for r in records] == [keyrotation.ACTION]
    assert records[0].object_id == keyrotation.fingerprint(KEY_B)
    tables = records[0].after["tables"]
    assert tables["households.member"]["rotated"] == Member.objects.count()
    assert tables["accountability.finding"]["rotated"] == 2 * len(complainants) >= 4
    assert key_a not in str(records[0].after)
    assert KEY_B not in str(records[0].after)
    assert "the older keys can be dropped" in _run("check")
    _assert_readable_with_b_alone(settings, numbers, complainants)
    # Written after the rotation under B alone: found by the same (pinned) lookup key.
    household = factories.household()
    member = household.members.first()
    assert list(find_by_id_number(member.reveal_id_number())) == [member]


@pytest.mark.django_db
def test_an_interrupted_rotation_is_rerun_to_completion(written, settings):
    key_a, numbers, complainants = written
    settings.FUPIN_LOOKUP_KEY = _run("lookup-key").strip()
    settings.FUPIN_DATA_KEY = f"{KEY_B},{key_a}"
    members = Member.objects.count()

    out = _run("rotate", "--chunk", "2", "--max-chunks", "1")
    assert "run `fupin datakey rotate` again" in out
    assert not AuditRecord.objects.filter(action=keyrotation.ACTION).exists()
    assert sum(crypto.is_current(m.id_number_encrypted) for m in Member.objects.all()) == 2

    # A value no configured key reads stops the run part-way, naming the row, not the value:
    # the chunks before it are committed, the one holding it is not.
    odd = Member.objects.order_by("pk")[4]
    with override_settings(FUPIN_DATA_KEY=KEY_C):
        foreign = crypto.encrypt(numbers[odd.pk][0])
    Member.objects.filter(pk=odd.pk).update(id_number_encrypted=foreign)
    with pytest.raises(CommandError, match=rf"households.member #{odd.pk} id_number_encrypted"):
        _run("rotate", "--chunk", "2")
    assert sum(crypto.is_current(m.id_number_encrypted) for m in Member.objects.all()) == 4
    assert not AuditRecord.objects.filter(action=keyrotation.ACTION).exists()

    # Re-run with the stray key still listed: values done before are counted, not redone.
    settings.FUPIN_DATA_KEY = f"{KEY_B},{key_a},{KEY_C}"
    out = _run("rotate", "--chunk", "2")
    assert f"rotated {_encrypted_values() - 4} values, 4 were current" in out
    record = AuditRecord.objects.get(action=keyrotation.ACTION)
    assert record.after["tables"]["households.member"] == {"rotated": members - 4,
                                                           "current": 4}
    _assert_readable_with_b_alone(settings, numbers, complainants)


@pytest.mark.django_db
def test_an_unpinned_lookup_key_is_refused_with_several_data_keys(written, settings):
    key_a, numbers, _ = written
    settings.FUPIN_DATA_KEY = f"{KEY_B},{key_a}"
    with pytest.raises(ImproperlyConfigured, match="FUPIN_LOOKUP_KEY is not set"):
        find_by_id_number(next(iter(numbers.values()))[0]).exists()
    with pytest.raises(CommandError, match="FUPIN_LOOKUP_KEY"):
        _run("rotate")
    # Pinned to another key than the hashes were made with: `check` says so.
    settings.FUPIN_LOOKUP_KEY = base64.urlsafe_b64encode(
        crypto.derived_lookup_key(KEY_B)).decode("ascii")
    with pytest.raises(CommandError, match="check failed"):
        _run("check")


def test_datakey_without_action_still_prints_a_new_key():
    key = _run().strip()
    Fernet(key.encode("ascii"))
    assert key != _run().strip()
