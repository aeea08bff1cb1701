"""The keyed ledger (ADR 0015): someone with write access to the database but without
FUPIN_LEDGER_KEY cannot rewrite the chain, its head or the anchors unnoticed."""

from __future__ import annotations

import hashlib
import stat

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from fupin.core import audit
from fupin.core.models import AuditChainHead, AuditRecord
from tests import factories


def _records():
    return list(AuditRecord.objects.order_by("seq"))


def _keyless_rewrite(from_seq: int, *, relabel: bool, head_mac: str | None = None) -> None:
    """What an intruder with database access can do: alter record ``from_seq``, recompute
    every hash from there on with plain SHA-256 (no key) and write a matching head row."""
    prev = None
    for rec in _records():
        if rec.seq < from_seq:
            prev = rec.hash
            continue
        if rec.seq == from_seq:
            rec.actor_name = "forger"
        rec.prev_hash = prev
        if relabel:
            rec.scheme = audit.SCHEME_SHA256
            rec.hash = audit.compute_hash(rec)
        else:  # keep the label, but without the key only SHA-256 is possible
            legacy = AuditRecord(**{f.attname: getattr(rec, f.attname)
                                    for f in rec._meta.concrete_fields})
            legacy.scheme = audit.SCHEME_SHA256
            rec.hash = audit.compute_hash(legacy)
        with connection.cursor() as cur:
            cur.execute("UPDATE core_auditrecord SET actor_name=%s, prev_hash=%s, hash=%s, "
                        "scheme=%s WHERE id=%s",
                        [rec.actor_name, rec.prev_hash, rec.hash, rec.scheme, rec.pk])
        prev = rec.hash
    head = AuditChainHead.objects.get()
    head.hash = prev
    if head_mac is not None:
        head.mac = head_mac
    head.save()


@pytest.fixture
def ledger(tree):
    for _ in range(3):
        factories.household()
    return _records()


def test_new_records_are_keyed_and_the_head_signed(ledger):
    assert {r.scheme for r in ledger} == {audit.SCHEME_HMAC}
    key = audit.ledger_key()
    rec = ledger[2]
    assert rec.hash != hashlib.sha256(b"").hexdigest()
    # The same content with another key gives another hash: the key matters.
    assert audit.compute_hash(rec, b"another key") != rec.hash
    head = AuditChainHead.objects.get()
    assert head.mac == audit.head_mac(key, head.seq, head.hash)
    assert audit.verify().ok


@pytest.mark.parametrize("relabel", [True, False], ids=["relabelled-sha256", "label-kept"])
def test_a_keyless_rewrite_from_a_record_on_is_detected_and_named(ledger, relabel):
    target = ledger[4]
    _keyless_rewrite(target.seq, relabel=relabel)
    result = audit.verify()
    assert not result.ok
    assert result.broken_seq == target.seq
    assert f"#{target.seq}" in result.reason
    with pytest.raises(CommandError) as exc:
        call_command("audit", "verify")
    assert f"#{target.seq}" in str(exc.value)


def test_a_rewrite_of_a_legacy_chain_is_caught_by_the_signed_head_and_the_anchors(
        tree, settings, tmp_path):
    anchors = tmp_path / "anchors.log"
    settings.FUPIN_LEDGER_KEY = None  # a ledger written before the key existed
    for _ in range(3):
        factories.household()
    assert {r.scheme for r in _records()} == {audit.SCHEME_SHA256}
    assert audit.verify(anchors=anchors).ok
    settings.FUPIN_LEDGER_KEY = "the-key-the-operator-sets-now-0123456789"
    unsigned = audit.verify(anchors=anchors)
    assert not unsigned.ok
    assert "not signed" in unsigned.reason
    line = audit.anchor(anchors)  # adopts the legacy chain: signs its head, writes an anchor
    anchored_seq = AuditChainHead.objects.get().seq
    assert f"seq={anchored_seq} " in line
    assert stat.S_IMODE(anchors.stat().st_mode) == 0o600
    assert audit.verify(anchors=anchors).ok

    # Whole-chain rewrite in the keyless part, head row rewritten (old signature kept).
    _keyless_rewrite(3, relabel=True)
    result = audit.verify(anchors=anchors)
    assert not result.ok
    assert result.broken_seq == anchored_seq
    assert f"up to #{anchored_seq}" in result.reason
    # Without the anchors the head's signature still gives it away.
    no_anchor = audit.verify(anchors=tmp_path / "none.log")
    assert not no_anchor.ok
    assert "signature" in no_anchor.reason


def test_legacy_records_then_keyed_records_verify(tree, settings):
    key = settings.FUPIN_LEDGER_KEY
    settings.FUPIN_LEDGER_KEY = None
    factories.household()
    settings.FUPIN_LEDGER_KEY = key
    factories.household()
    schemes = [r.scheme for r in _records()]
    assert schemes[0] == audit.SCHEME_SHA256
    assert schemes[-1] == audit.SCHEME_HMAC
    assert audit.verify().ok


def test_cutting_the_chain_short_is_detected(ledger, tmp_path):
    anchors = tmp_path / "anchors.log"
    audit.anchor(anchors)
    last, before = ledger[-1], ledger[-2]
    AuditRecord.objects.filter(pk=last.pk).delete()
    AuditChainHead.objects.update(seq=before.seq, hash=before.hash)  # mac cannot be recomputed
    result = audit.verify(anchors=anchors)
    assert not result.ok
    assert f"#{last.seq}" in result.reason
    assert "cut short" in result.reason
    assert "signature" in audit.verify(anchors=tmp_path / "none.log").reason


def test_an_edited_anchor_is_refused(ledger, tmp_path):
    anchors = tmp_path / "anchors.log"
    audit.anchor(anchors)
    text = anchors.read_text()
    anchors.write_text(text.replace("hash=", "hash=0"))
    result = audit.verify(anchors=anchors)
    assert not result.ok
    assert "anchor line 1" in result.reason


def test_anchor_command_prints_and_refuses_a_broken_chain(ledger, tmp_path, capsys):
    anchors = tmp_path / "anchors.log"
    call_command("audit", "anchor", "--anchors", str(anchors))
    out = capsys.readouterr().out
    assert out.strip() == anchors.read_text().strip()
    call_command("audit", "verify", "--anchors", str(anchors))
    assert "1 anchors checked" in capsys.readouterr().out
    with connection.cursor() as cur:
        cur.execute("UPDATE core_auditrecord SET actor_name='x' WHERE id=%s", [ledger[1].pk])
    with pytest.raises(CommandError, match="not anchored"):
        call_command("audit", "anchor", "--anchors", str(anchors))
    assert len(anchors.read_text().splitlines()) == 1


def test_keyed_records_need_the_key_to_verify(ledger, settings):
    settings.FUPIN_LEDGER_KEY = None
    result = audit.verify()
    assert not result.ok
    assert "FUPIN_LEDGER_KEY" in result.reason


def test_record_many_writes_one_keyed_chain(tree):
    from django.db import transaction

    with transaction.atomic():
        written = audit.record_many(actor="system:test", entries=[
            audit.Entry("bulk.test", "t", str(n)) for n in range(5)])
    assert [r.scheme for r in written] == [audit.SCHEME_HMAC] * 5
    assert audit.verify().ok


def test_the_verify_screen_reports_a_rewritten_head_without_a_record_number(ledger, client):
    auditor = factories.make_user("auditor", "513431000000")
    head = AuditChainHead.objects.get()
    AuditChainHead.objects.update(mac="0" * 64)
    client.force_login(auditor)
    text = client.post(reverse("audit-verify")).content.decode()
    assert "账本链头或锚点校验不通过" in text
    assert "#None" not in text
    assert head.seq > 0
