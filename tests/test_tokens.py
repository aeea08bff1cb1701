"""API tokens expire, can be listed (never the secret) and revoked; each write is audited."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from fupin.accounts.models import ApiToken
from fupin.accounts.services import issue_token, list_tokens, revoke_token
from fupin.core.errors import Conflict, NotFound, ValidationFailed
from fupin.core.models import AuditRecord
from tests import factories


def _api(client, key):
    return client.get("/api/households", HTTP_AUTHORIZATION=f"Bearer {key}")


def _cmd(*args) -> str:
    out = io.StringIO()
    call_command("token", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def officer(tree):
    return factories.make_user("county_officer", "513431000000")


def test_a_token_expires_after_its_days(client, officer):
    key = issue_token(actor="test", user=officer, name="etl")
    token = ApiToken.objects.get()
    assert abs(token.expires_at - (timezone.now() + dt.timedelta(days=90))) < dt.timedelta(
        minutes=1)
    assert _api(client, key).status_code == 200
    assert ApiToken.objects.get().last_used_at is not None
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(
        seconds=1))
    assert _api(client, key).status_code == 401
    assert ApiToken.objects.get().state == "expired"


def test_issue_refuses_a_lifetime_out_of_range(officer):
    with pytest.raises(ValidationFailed):
        issue_token(actor="test", user=officer, name="x", days=0)
    with pytest.raises(ValidationFailed):
        issue_token(actor="test", user=officer, name="x", days=10_000)


def test_revoked_token_is_refused_and_the_revocation_audited(client, officer):
    key = issue_token(actor="test", user=officer, name="etl")
    token = ApiToken.objects.get()
    assert _api(client, key).status_code == 200
    revoked = revoke_token(actor="admin-cli", ident=key[:12])
    assert revoked.pk == token.pk
    assert _api(client, key).status_code == 401
    record = AuditRecord.objects.get(action="accounts.revoke_token")
    assert record.object_id == str(token.pk)
    assert record.actor_name == "admin-cli"
    assert record.after["prefix"] == token.prefix
    with pytest.raises(Conflict):
        revoke_token(actor="test", ident=str(token.pk))


def test_revoke_by_id_and_refusals(officer):
    issue_token(actor="test", user=officer, name="a")
    token = ApiToken.objects.get()
    with pytest.raises(NotFound):
        revoke_token(actor="test", ident="999999")
    with pytest.raises(NotFound):
        revoke_token(actor="test", ident="fpn_zzzzzzzzzz")
    with pytest.raises(ValidationFailed):
        revoke_token(actor="test", ident="something")
    assert revoke_token(actor="test", ident=str(token.pk)).revoked


def test_command_issue_keeps_its_contract_and_takes_days(client, officer):
    key = _cmd(officer.username).strip()
    assert key.startswith("fpn_")
    assert len(key.splitlines()) == 1
    assert _api(client, key).status_code == 200
    short = _cmd(officer.username, "--days", "7", "--name", "nightly").strip()
    token = ApiToken.objects.get(name="nightly")
    assert short.startswith(token.prefix)
    assert token.expires_at - token.created_at < dt.timedelta(days=7, minutes=1)
    assert AuditRecord.objects.filter(action="accounts.issue_token").count() == 2
    with pytest.raises(CommandError, match="no user"):
        _cmd("nobody")


def test_command_list_shows_tokens_without_secrets_and_revoke(officer):
    other = factories.make_user("auditor", "513431000000")
    key = _cmd(officer.username, "--name", "etl").strip()
    other_key = _cmd(other.username).strip()
    listing = _cmd("list")
    assert key not in listing
    assert other_key not in listing
    assert key[:12] in listing
    assert other_key[:12] in listing
    for column in ("prefix", "name", "created", "expires", "last used", "state"):
        assert column in listing
    assert "active" in listing
    mine = _cmd("list", officer.username)
    assert key[:12] in mine
    assert other_key[:12] not in mine
    with pytest.raises(CommandError, match="no user"):
        _cmd("list", "nobody")

    out = _cmd("revoke", key[:12])
    assert "revoked token" in out
    assert "revoked" in _cmd("list", officer.username).splitlines()[1]
    with pytest.raises(CommandError, match="already"):
        _cmd("revoke", key[:12])
    assert [t.state for t in list_tokens(username=other.username)] == ["active"]
