"""The ``fupin`` command: one entry point over the product's management commands."""

from __future__ import annotations

import os
import sys

#: The product's own commands, listed first by ``fupin --help``.
COMMANDS = {
    "setup": "create/migrate the database, load divisions (--villages 51,52|all) and roles",
    "serve": "serve the web UI and API (waitress; static files included)",
    "createuser": "create a user: USERNAME --role ROLE --division CODE",
    "worker": "run the background worker for imports and exports (serve starts one)",
    "import": "import a snapshot: PATH (CSV/Parquet folder or .xlsx) [--report F] [--dry-run]",
    "export": "export a snapshot: PATH --format csv|parquet|xlsx [--division CODE]",
    "generate": "generate a synthetic county: --county CODE --households N --years Y1-Y2",
    "token": "API tokens: USERNAME [--days D] issues one; `list [USERNAME]`; `revoke ID|PREFIX`",
    "audit": "audit ledger: `verify` proves the keyed chain; `anchor` writes a signed checkpoint",
    "monitor": "monitoring runs: over a snapshot (--snapshot DIR --out F) or the registry",
    "cases": "cases: `sync [--run ID]`, `list [--state S] [--division CODE] --format csv|json`",
    "findings": "findings: `sync [--run ID | --integrity F.csv --year Y]`, `list [--state S] "
                "[--division CODE] --format csv|json`",
    "exchange": "`fupin exchange purge` removes import/export files past the retention period",
    "policy": "policy packs: `check FILE`, `show NAME [--year Y --province P]`",
    "measures": "poverty measures over a snapshot: `fgt` (P0 P1 P2), `af` (Alkire–Foster)",
    "assess": "third-party assessment: `sample` (two-stage design), `estimate` (rates with CIs)",
    "integrity": "integrity analytics: `bunching` at a line per division (FDR-controlled)",
    "workflows": "workflows: `fupin workflows escalate` tells the level above about overdue items",
    "products": "poverty-alleviation products: `fupin products expire` ends lapsed listings",
    "counties": "county attributes: `fupin counties import FILE.csv`",
    "datakey": "FUPIN_DATA_KEY: print a new key; `lookup-key`, `rotate`, `check` (rotation)",
    "backup": "back up the database to one file: --out FILE (pg_dump -Fc, or SQLite's backup)",
    "restore": "restore a backup: FILE [--force]; checks the ledger verifies and the data key "
               "decrypts",
    "demo": "prepare the demo: keys, database, divisions, users and a sample county",
}


#: What each key written for the demo is for (only data.key encrypts data).
KEY_PURPOSE = {
    "secret_key": "signs sessions and CSRF tokens; a new one only logs everybody out",
    "data.key": "encrypts personal data (ID numbers) in the database: keep it, without it "
                "those fields cannot be read",
    "ledger.key": "keys the audit ledger's hash chain: keep it, `fupin audit verify` needs it",
}


def _help() -> str:
    lines = ["usage: fupin COMMAND [options]   (fupin COMMAND --help for its options)", "",
             "commands:"]
    lines += [f"  {name:<12}{text}" for name, text in COMMANDS.items()]
    lines += ["", "Django's own commands (migrate, shell, dbshell, …) work too: "
              "`fupin help --all` lists them."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fupin.config.settings")
    if not argv or argv[0] in {"-h", "--help"}:
        print(_help())
        return
    from django.core.management import execute_from_command_line

    if argv[0] == "demo":
        from fupin.config.paths import ensure_dev_keys

        for path in ensure_dev_keys():
            print(f"wrote {path} (mode 0600): {KEY_PURPOSE.get(path.name, 'keep it')}")
    if argv[:2] == ["help", "--all"]:
        argv = ["help"]
    execute_from_command_line(["fupin", *argv])


if __name__ == "__main__":
    main()
