"""The ``fupin`` command as a user runs it: a fresh process on an empty database."""

from __future__ import annotations

import os
import secrets
import sqlite3
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

from tests.conftest import TEST_DATA_KEY, is_postgres

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
             DJANGO_SETTINGS_MODULE="fupin.config.settings")
    return e


def test_help_lists_every_command(env):
    out = run(["--help"], env).stdout
    for command in ("setup", "serve", "createuser", "audit", "token", "counties", "demo"):
        assert f"  {command}" in out


def test_setup_then_verify_on_an_empty_database_then_tamper(env, empty_database):
    out = run(["setup"], env)
    assert "Divisions loaded" in out.stdout
    assert "county 2975" in out.stdout  # 2,978 county rows, three pad onto their prefecture
    again = run(["setup"], env)  # idempotent
    assert again.returncode == 0
    verify = run(["audit", "verify"], env)
    assert "ledger intact" in verify.stdout

    created = run(["createuser", "zhao", "--role", "county_officer", "--division", "513431"],
                  {**env, "FUPIN_PASSWORD": "Correct-horse-9"})
    assert "昭觉县" in created.stdout
    unknown = run(["createuser", "x", "--role", "county_officer", "--division", "999999"],
                  {**env, "FUPIN_PASSWORD": "Correct-horse-9"}, check=False)
    assert unknown.returncode != 0
    assert "not loaded" in unknown.stderr

    # Alter one ledger row behind the product's back: verify fails and names it.
    sql = "UPDATE core_auditrecord SET actor_name = 'intruder' WHERE seq = 2"
    if empty_database.startswith("sqlite"):
        with sqlite3.connect(empty_database.removeprefix("sqlite:///")) as conn:
            conn.execute(sql)
    else:
        with psycopg.connect(empty_database.replace("postgres://", "postgresql://"),
                             autocommit=True) as conn:
            conn.execute(sql)
    broken = run(["audit", "verify"], env, check=False)
    assert broken.returncode == 1
    assert "#2" in broken.stderr


def test_serve_refuses_without_data_key(env):
    env = {**env, "FUPIN_DATA_KEY": ""}
    env.pop("FUPIN_DATA_KEY")
    out = run(["serve", "--port", "0"], env, check=False)
    assert out.returncode != 0
    assert "FUPIN_DATA_KEY" in out.stderr


def test_production_refuses_without_secret_key(env):
    out = run(["check"], {**env, "FUPIN_ENV": "production"}, check=False)
    assert out.returncode != 0
    assert "FUPIN_SECRET_KEY is not set" in out.stderr


def test_villages_option_is_validated(env):
    out = run(["setup", "--villages", "sichuan"], env, check=False)
    assert out.returncode != 0
    assert "2-digit province codes" in out.stderr
