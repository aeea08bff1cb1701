"""Behind the documented reverse proxy: who the client is, which scheme, what is cached."""

from __future__ import annotations

import http.client
import socket
import subprocess
import time

import pytest
from django.test import override_settings
from django.urls import reverse

from fupin.accounts.services import issue_token
from fupin.core.proxy import client_address
from tests import factories
from tests.conftest import FUPIN, ROOT, run

PROXY = "127.0.0.1"


def _login(client, username, password, *, peer=PROXY, forwarded=None):
    extra = {"REMOTE_ADDR": peer}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


# --- Login throttling: by username and by client address, separately ---------------------------

@override_settings(FUPIN_TRUSTED_PROXY=PROXY)
def test_wrong_passwords_for_one_user_from_many_addresses_lock_the_username(client, tree):
    user = factories.make_user("village_cadre", factories.HOME_VILLAGE)
    for n in range(5):
        _login(client, user.username, "wrong", forwarded=f"203.0.113.{n + 1}")
    locked = _login(client, user.username, factories.PASSWORD, forwarded="198.51.100.7")
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    # Other users behind the same proxy, even from one of those addresses, still get in.
    other = factories.make_user("village_cadre", factories.HOME_VILLAGE)
    assert _login(client, other.username, factories.PASSWORD,
                  forwarded="203.0.113.1").status_code == 302


@override_settings(FUPIN_TRUSTED_PROXY=PROXY)
def test_spraying_many_names_from_one_address_locks_that_address(client, tree):
    user = factories.make_user("village_cadre", factories.HOME_VILLAGE)
    for n in range(5):
        _login(client, f"guess{n}", "wrong", forwarded="203.0.113.50")
    assert _login(client, user.username, factories.PASSWORD,
                  forwarded="203.0.113.50").status_code == 429
    # The same user from another address behind the same proxy still gets in: the proxy's own
    # address is not what is counted.
    assert _login(client, user.username, factories.PASSWORD,
                  forwarded="203.0.113.51").status_code == 302


@override_settings(FUPIN_TRUSTED_PROXY=PROXY)
def test_a_good_login_between_sprays_does_not_reset_the_address(client, tree):
    insider = factories.make_user("village_cadre", factories.HOME_VILLAGE)
    victim = factories.make_user("village_cadre", factories.HOME_VILLAGE)
    for n in range(4):
        _login(client, f"guess{n}", "wrong", forwarded="203.0.113.60")
    assert _login(client, insider.username, factories.PASSWORD,
                  forwarded="203.0.113.60").status_code == 302
    client.logout()
    _login(client, "guess4", "wrong", forwarded="203.0.113.60")
    assert _login(client, victim.username, factories.PASSWORD,
                  forwarded="203.0.113.60").status_code == 429
    # A user's own good login still clears that user's earlier typos.
    typist = factories.make_user("village_cadre", factories.HOME_VILLAGE)
    for n in range(4):
        _login(client, typist.username, "typo", forwarded=f"198.51.100.{n + 1}")
    assert _login(client, typist.username, factories.PASSWORD,
                  forwarded="198.51.100.9").status_code == 302
    client.logout()
    _login(client, typist.username, "typo", forwarded="198.51.100.10")
    assert _login(client, typist.username, factories.PASSWORD,
                  forwarded="198.51.100.11").status_code == 302


def test_a_forged_forwarded_address_from_a_non_proxy_is_ignored(client, tree):
    user = factories.make_user("village_cadre", factories.HOME_VILLAGE)
    with override_settings(FUPIN_TRUSTED_PROXY=PROXY):
        for n in range(5):
            # An attacker at 192.0.2.9 (not the proxy) rotates X-Forwarded-For to escape.
            _login(client, f"guess{n}", "wrong", peer="192.0.2.9", forwarded=f"10.0.0.{n}")
        assert _login(client, user.username, factories.PASSWORD, peer="192.0.2.9",
                      forwarded="10.0.0.99").status_code == 429
        assert _login(client, user.username, factories.PASSWORD,
                      peer="192.0.2.10").status_code == 302


def test_client_address_rules(rf):
    def addr(peer, xff=None, **kw):
        meta = {"REMOTE_ADDR": peer}
        if xff:
            meta["HTTP_X_FORWARDED_FOR"] = xff
        with override_settings(**kw):
            return client_address(rf.get("/", **meta))

    assert addr("127.0.0.1", "1.2.3.4", FUPIN_TRUSTED_PROXY="") == "127.0.0.1"
    assert addr("127.0.0.1", "1.2.3.4", FUPIN_TRUSTED_PROXY=PROXY) == "1.2.3.4"
    # A client that sends its own X-Forwarded-For: nginx appends the real peer at the end.
    assert addr("127.0.0.1", "6.6.6.6, 1.2.3.4", FUPIN_TRUSTED_PROXY=PROXY) == "1.2.3.4"
    assert addr("127.0.0.1", "6.6.6.6, 1.2.3.4, 10.0.0.2", FUPIN_TRUSTED_PROXY=PROXY,
                FUPIN_TRUSTED_PROXY_COUNT=2) == "1.2.3.4"
    assert addr("192.0.2.1", "1.2.3.4", FUPIN_TRUSTED_PROXY=PROXY) == "192.0.2.1"
    assert addr("127.0.0.1", None, FUPIN_TRUSTED_PROXY=PROXY) == "127.0.0.1"


# --- Cache-Control on pages with personal data -------------------------------------------------

def test_signed_in_pages_and_the_api_are_never_stored(client, tree):
    factories.household()
    user = factories.make_user("county_officer", "513431000000")
    client.force_login(user)
    page = client.get(reverse("household-list"))
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    assert "private" in page["Cache-Control"]
    assert page["Pragma"] == "no-cache"
    client.logout()
    token = issue_token(actor="test", user=user, name="t")
    api = client.get("/api/households", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.status_code == 200
    assert "no-store" in api["Cache-Control"]
    assert api["Pragma"] == "no-cache"


def test_static_files_stay_cacheable(client, tree):
    user = factories.make_user("county_officer", "513431000000")
    client.force_login(user)
    response = client.get("/static/vendor/htmx/htmx.min.js")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


# --- HTTPS behind the proxy: waitress + Django, as `fupin serve` runs them -----------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(env, proxy):
    port = _free_port()
    e = dict(env, FUPIN_ENV="production", FUPIN_SECRET_KEY="s" * 50, FUPIN_LEDGER_KEY="l" * 43,
             FUPIN_ALLOWED_HOSTS="127.0.0.1", FUPIN_SSL_REDIRECT="1",
             FUPIN_HSTS_SECONDS="31536000", FUPIN_TRUSTED_PROXY=proxy)
    proc = subprocess.Popen([*FUPIN, "serve", "--port", str(port), "--no-worker"], env=e,
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc, port
        except OSError:
            if proc.poll() is not None:
                raise AssertionError(proc.stderr.read().decode()) from None
            time.sleep(0.1)
    proc.kill()
    raise AssertionError("fupin serve did not start")


def _get(port, headers):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/login/", headers=headers)
    response = conn.getresponse()
    response.read()
    conn.close()
    return response


@pytest.mark.parametrize("trusted", [True, False], ids=["from-the-proxy", "not-the-proxy"])
def test_https_and_hsts_behind_the_proxy(env, trusted):
    # 127.0.0.1 is the proxy in the first case; in the second the proxy is another address,
    # so the same headers come from somebody else and must not count.
    proc, port = _serve(env, PROXY if trusted else "127.0.0.2")
    try:
        https = _get(port, {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.5"})
        plain = _get(port, {"X-Forwarded-Proto": "http"})
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    assert plain.status == 301
    assert plain.getheader("Location") == f"https://127.0.0.1:{port}/login/"
    if trusted:
        assert https.status == 200  # no redirect loop
        assert https.getheader("Strict-Transport-Security") == "max-age=31536000"
    else:
        assert https.status == 301
        assert https.getheader("Strict-Transport-Security") is None


def test_a_proxy_that_is_not_an_address_is_refused(env):
    out = run(["check"], {**env, "FUPIN_TRUSTED_PROXY": "nginx"}, check=False)
    assert out.returncode != 0
    assert "FUPIN_TRUSTED_PROXY='nginx' is not an IP address" in out.stderr


def test_production_refuses_without_ledger_key(env):
    out = run(["check"], {**env, "FUPIN_ENV": "production", "FUPIN_SECRET_KEY": "s" * 50,
                          "FUPIN_LEDGER_KEY": ""}, check=False)
    assert out.returncode != 0
    assert "FUPIN_LEDGER_KEY is not set" in out.stderr
