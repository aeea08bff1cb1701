"""Security defaults a user never sees until they matter."""

from django.contrib.auth.hashers import get_hasher
from django.test import override_settings
from django.urls import reverse

from tests import factories


def test_security_headers_on_every_page(client, tree):
    response = client.get(reverse("login"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_session_cookie_flags(client, tree):
    user = factories.make_user("village_cadre", factories.HOME_VILLAGE)
    response = client.post(reverse("login"), {"username": user.username,
                                              "password": factories.PASSWORD})
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_passwords_use_a_strong_hasher(tree):
    """The product's own hashers (the tests put a fast one in front of them: conftest)."""
    from fupin.config import settings as product
    with override_settings(PASSWORD_HASHERS=product.PASSWORD_HASHERS):
        user = factories.make_user("village_cadre", factories.HOME_VILLAGE)
        assert user.password.startswith("scrypt$")
        assert get_hasher("default").algorithm == "scrypt"


def test_login_is_throttled(client, tree):
    user = factories.make_user("village_cadre", factories.HOME_VILLAGE)
    for _ in range(5):
        client.post(reverse("login"), {"username": user.username, "password": "nope"})
    response = client.post(reverse("login"), {"username": user.username,
                                              "password": factories.PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_logout_needs_post(client, tree):
    user = factories.make_user("village_cadre", factories.HOME_VILLAGE)
    client.force_login(user)
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302


def test_user_without_division_sees_nothing(client, tree):
    factories.household()
    user = factories.make_user("village_cadre", factories.HOME_VILLAGE)
    user.division = None
    user.save()
    client.force_login(user)
    assert client.get(reverse("household-list")).status_code == 403
