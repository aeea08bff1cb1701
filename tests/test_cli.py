"""The ``fupin`` command as a user runs it: a fresh process on an empty database."""

from __future__ import annotations

import sqlite3

import psycopg

from tests.conftest import run


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
