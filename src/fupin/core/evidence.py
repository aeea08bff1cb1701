"""Evidence files of every app (findings, appeals, evaluation values): one way to check and
store them — 1 byte to 10 MB, a clean file name, written under ``var/<folder>`` with mode
0600 and a random name (``O_EXCL``), its SHA-256 kept — so an app only records the row and
the ledger line. Downloads go through each app's access module and are audited there."""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext

from fupin.core.errors import ValidationFailed

MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Stored:
    name: str
    stored_as: str
    size: int
    sha256: str


def folder(name: str) -> Path:
    """``var/<name>``, created private to the service user."""
    path = Path(settings.VAR_DIR) / name
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def clean_name(name: str) -> str:
    return Path(name or "file").name[:200] or "file"


def check_size(content: bytes) -> None:
    if not content or len(content) > MAX_BYTES:
        raise ValidationFailed(gettext("an evidence file is 1 byte to %(mb)s MB")
                               % {"mb": MAX_BYTES // (1024 * 1024)}, {"file": "size"})


def store(folder_name: str, name: str, content: bytes) -> Stored:
    """Check the size and write ``content`` under ``var/<folder_name>``; call it inside the
    transaction that records the row."""
    check_size(content)
    stored_as = secrets.token_hex(16)
    fd = os.open(folder(folder_name) / stored_as, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(content)
    return Stored(name=clean_name(name), stored_as=stored_as, size=len(content),
                  sha256=hashlib.sha256(content).hexdigest())
