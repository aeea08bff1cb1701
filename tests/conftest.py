from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.test import override_settings

from tests import factories

# A fixed Fernet key for the tests (the demo key in var/ is never used by tests).
TEST_DATA_KEY = "pKQ7Q7mH9bQpQx1mGm3nOQ3bq6kP9fR3c0m8mDq2b1M="
# A fixed ledger key (HMAC chain, ADR 0015).
TEST_LEDGER_KEY = "test-ledger-key-0123456789abcdefghijklmnop"


#: Fixtures through which a test reaches the database Django is configured with.
DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences",
                     "django_db_serialized_rollback", "live_server", "empty_database"}


def pytest_collection_modifyitems(config, items):
    """``FUPIN_TESTS_DATABASE_ONLY=1`` (the PostgreSQL pass of ``make test``) keeps only the
    tests that reach Django's database: a test that reaches none (the engine on DuckDB, Spark
    and its own PostgreSQL connection, file formats, statistics) does exactly the same in both
    passes, so the SQLite pass runs it once; so does a test in headless Chromium, which checks
    what the browser does with the screens (the screens' reads and writes on PostgreSQL are the
    HTTP-level tests' job, run in both passes) (ADR 0035)."""
    if os.environ.get("FUPIN_TESTS_DATABASE_ONLY") != "1":
        return
    keep, drop = [], []
    for item in items:
        uses_db = (item.get_closest_marker("django_db") is not None
                   or DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())))
        in_browser = item.get_closest_marker("browser") is not None
        (keep if uses_db and not in_browser else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@pytest.fixture(scope="session", autouse=True)
def _worker_var_dir(request, tmp_path_factory):
    """Under pytest-xdist (``make test`` runs two workers) every worker keeps the files the
    product writes under ``var/`` — cache, exchange files, attachments, evidence, ledger
    anchors — in a folder of its own, as it has a test database of its own."""
    worker = getattr(request.config, "workerinput", {}).get("workerid")
    if worker is None:
        yield
        return
    var = tmp_path_factory.mktemp(f"var-{worker}")
    overrides = {"VAR_DIR": var, "FUPIN_EXCHANGE_DIR": var / "exchange",
                 "FUPIN_LEDGER_ANCHORS": str(var / "ledger-anchors.log")}
    if "filebased" in settings.CACHES["default"]["BACKEND"]:
        overrides["CACHES"] = {"default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(var / "cache")}}
    with override_settings(**overrides):
        yield


#: The product's hashers with a fast one in front: the product hashes with scrypt (about 0.19 s
#: a password on this machine), which made creating and logging in users half the time of a
#: permission-matrix case. Passwords the product stored with scrypt still verify;
#: ``test_security`` checks the product's own list.
PRODUCT_HASHERS = list(settings.PASSWORD_HASHERS)
TEST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PRODUCT_HASHERS]


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hasher():
    with override_settings(PASSWORD_HASHERS=TEST_HASHERS):
        yield


@pytest.fixture(autouse=True)
def _data_key():
    settings.FUPIN_DATA_KEY = TEST_DATA_KEY
    settings.FUPIN_LEDGER_KEY = TEST_LEDGER_KEY


@pytest.fixture
def tree(db):
    return factories.make_tree()


def is_postgres() -> bool:
    return settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


ROOT = Path(__file__).resolve().parents[1]
FUPIN = [sys.executable, "-m", "fupin.cli"]


def run(args, env, check=True):
    return subprocess.run([*FUPIN, *args], env=env, capture_output=True, text=True,
                          timeout=600, check=check, cwd=ROOT)


@pytest.fixture
def empty_database(tmp_path):
    """An empty DATABASE_URL of the engine under test."""
    if not is_postgres():
        yield f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
        return
    name = f"fupin_cli_{secrets.token_hex(4)}"
    db = settings.DATABASES["default"]
    dsn = f"host={db['HOST']} port={db['PORT'] or 5432} user={db['USER']} dbname=postgres"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{name}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture
def env(tmp_path, empty_database):
    e = {k: v for k, v in os.environ.items() if not k.startswith("FUPIN_")}
    e.update(DATABASE_URL=empty_database, FUPIN_VAR_DIR=str(tmp_path / "var"),
             FUPIN_NODE_MODULES=str(ROOT / "node_modules"), FUPIN_DATA_KEY=TEST_DATA_KEY,
             FUPIN_LEDGER_KEY=TEST_LEDGER_KEY, DJANGO_SETTINGS_MODULE="fupin.config.settings")
    return e


