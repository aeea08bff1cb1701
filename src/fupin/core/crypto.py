"""Encryption and keyed hashing of personal data (ADR 0007, rotation ADR 0056).

Personal values (identity numbers, complainants' names and phones) are stored as Fernet tokens
(AES-128-CBC + HMAC-SHA256) under the key(s) in ``FUPIN_DATA_KEY``: a comma-separated list,
newest first; the first key encrypts, every key decrypts (MultiFernet), and ``fupin datakey
rotate`` re-encrypts every stored value under the first key.

For lookup and duplicate detection identity numbers are also stored as an HMAC-SHA256 keyed
with the *lookup key*: ``FUPIN_LOOKUP_KEY`` when set, else a key derived from the (only) data
key. The lookup key does not rotate with the data key (ADR 0056): yearly member states keep
the hash of people no longer on the roster, whose clear number is gone, so their hashes could
not be recomputed. Before a second data key is added, the derived key is pinned in
``FUPIN_LOOKUP_KEY`` (``fupin datakey lookup-key`` prints it); with several data keys and no
pinned lookup key, hashing refuses rather than silently hashing under another key.
"""

from __future__ import annotations

import base64
import binascii
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
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key)
        except (ValueError, TypeError) as exc:
            raise ImproperlyConfigured(
                f"FUPIN_DATA_KEY: key {position} of {len(keys)} is not a valid Fernet key "
                "(32 url-safe base64-encoded bytes)."
            ) from exc
    if len(set(keys)) != len(keys):
        raise ImproperlyConfigured("FUPIN_DATA_KEY lists the same key twice.")
    return keys


@lru_cache(maxsize=4)
def _cipher(raw: str) -> MultiFernet:
    return MultiFernet([Fernet(k) for k in _keys()])


@lru_cache(maxsize=4)
def _primary(raw: str) -> Fernet:
    return Fernet(_keys()[0])


def derived_lookup_key(data_key: str) -> bytes:
    """The lookup key derived from one Fernet data key (the default without a pinned key)."""
    primary = base64.urlsafe_b64decode(data_key.strip().encode("ascii"))
    return hmac.new(primary, _LOOKUP_LABEL, hashlib.sha256).digest()


@lru_cache(maxsize=4)
def _lookup_key(raw: str, pinned: str) -> bytes:
    if pinned:
        try:
            key = base64.urlsafe_b64decode(pinned.encode("ascii"))
        except (ValueError, binascii.Error) as exc:
            raise ImproperlyConfigured(
                "FUPIN_LOOKUP_KEY is not 32 url-safe base64-encoded bytes (print it with "
                "`fupin datakey lookup-key`).") from exc
        if len(key) != 32:
            raise ImproperlyConfigured(
                "FUPIN_LOOKUP_KEY is not 32 url-safe base64-encoded bytes (print it with "
                "`fupin datakey lookup-key`).")
        return key
    keys = _keys()
    if len(keys) > 1:
        raise ImproperlyConfigured(
            "FUPIN_DATA_KEY lists several keys but FUPIN_LOOKUP_KEY is not set: identity "
            "numbers would be hashed under a new key and no longer found. Set FUPIN_LOOKUP_KEY "
            "to the output of `fupin datakey lookup-key` run with the old key alone "
            "(docs/operations.md, 'Rotating the data key').")
    return derived_lookup_key(keys[0].decode("ascii"))


def _pinned() -> str:
    return (getattr(settings, "FUPIN_LOOKUP_KEY", "") or "").strip()


def lookup_key_text() -> str:
    """The lookup key in use, as text for ``FUPIN_LOOKUP_KEY``."""
    return base64.urlsafe_b64encode(_lookup_key(settings.FUPIN_DATA_KEY, _pinned())).decode(
        "ascii")


def check_configured() -> None:
    """Raise :class:`ImproperlyConfigured` with a clear message when the keys are unusable."""
    _keys()
    _lookup_key(settings.FUPIN_DATA_KEY, _pinned())


def encrypt(plaintext: str) -> str:
    return _cipher(settings.FUPIN_DATA_KEY).encrypt(plaintext.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return _cipher(settings.FUPIN_DATA_KEY).decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "A stored personal value cannot be decrypted with FUPIN_DATA_KEY: the key is wrong "
            "or was rotated without keeping the old key in the list."
        ) from exc


def is_current(token: str) -> bool:
    """Whether ``token`` is encrypted under the first (encrypting) key already."""
    try:
        _primary(settings.FUPIN_DATA_KEY).decrypt(token.encode("ascii"))
    except InvalidToken:
        return False
    return True


def rotate(token: str) -> str:
    """``token`` re-encrypted under the first key (its timestamp kept); raises
    :class:`ImproperlyConfigured` when no configured key decrypts it."""
    try:
        return _cipher(settings.FUPIN_DATA_KEY).rotate(token.encode("ascii")).decode("ascii")
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "A stored personal value cannot be decrypted with any key of FUPIN_DATA_KEY."
        ) from exc


def lookup_hash(plaintext: str) -> str:
    """Keyed hash for equality lookups (hex)."""
    key = _lookup_key(settings.FUPIN_DATA_KEY, _pinned())
    return hmac.new(key, plaintext.encode("utf-8"), hashlib.sha256).hexdigest()
