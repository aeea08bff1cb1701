"""Encryption and keyed hashing of personal data (ADR 0007).

Identity numbers are stored as Fernet tokens (AES-128-CBC + HMAC-SHA256) under the key(s) in
``FUPIN_DATA_KEY`` and, for lookup and duplicate detection, as an HMAC-SHA256 keyed with a key
derived from the primary data key. Neither form reveals the number without the key.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

_LOOKUP_LABEL = b"fupin/id-number-lookup/v1"


def generate_key() -> str:
    """A new Fernet key, as text."""
    return Fernet.generate_key().decode("ascii")


def _keys() -> list[bytes]:
    raw = settings.FUPIN_DATA_KEY
    if not raw:
        raise ImproperlyConfigured(
            "FUPIN_DATA_KEY is not set: personal data cannot be encrypted or read. Set it to a "
            "Fernet key (`fupin datakey` prints a new one; `make demo` writes var/data.key)."
        )
    keys = [k.strip().encode("ascii") for k in raw.split(",") if k.strip()]
    for key in keys:
        try:
            Fernet(key)
        except (ValueError, TypeError) as exc:
            raise ImproperlyConfigured(
                "FUPIN_DATA_KEY is not a valid Fernet key (32 url-safe base64-encoded bytes)."
            ) from exc
    return keys


@lru_cache(maxsize=4)
def _cipher(raw: str) -> MultiFernet:
    return MultiFernet([Fernet(k) for k in _keys()])


@lru_cache(maxsize=4)
def _lookup_key(raw: str) -> bytes:
    primary = base64.urlsafe_b64decode(_keys()[0])
    return hmac.new(primary, _LOOKUP_LABEL, hashlib.sha256).digest()


def check_configured() -> None:
    """Raise :class:`ImproperlyConfigured` with a clear message when the key is unusable."""
    _keys()


def encrypt(plaintext: str) -> str:
    return _cipher(settings.FUPIN_DATA_KEY).encrypt(plaintext.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return _cipher(settings.FUPIN_DATA_KEY).decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "A stored identity number cannot be decrypted with FUPIN_DATA_KEY: the key is wrong "
            "or was rotated without keeping the old key in the list."
        ) from exc


def lookup_hash(plaintext: str) -> str:
    """Keyed hash for equality lookups (hex)."""
    key = _lookup_key(settings.FUPIN_DATA_KEY)
    return hmac.new(key, plaintext.encode("utf-8"), hashlib.sha256).hexdigest()
