"""`make demo` installs only the product; its problems are listed; its keys are described
truthfully; its long phases speak."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from fupin import cli
from fupin.config.management.commands import demo

ROOT = Path(__file__).resolve().parent.parent


def _make_n(target: str) -> str:
    """What `make TARGET` would run on a fresh clone (dry run, nothing executed)."""
    return subprocess.run(["make", "-n", "-B", target], cwd=ROOT, capture_output=True,
                          text=True, check=True).stdout


def test_make_demo_installs_only_the_product_and_make_test_adds_the_extras():
    demo_steps = _make_n("demo")
    installs = re.findall(r"uv sync[^\n]*", demo_steps)
    assert installs
    assert all("--frozen" in i for i in installs), installs  # the lock file, never a new resolve
    assert not [i for i in installs if "--extra" in i], installs  # no extras for the demo
    test_steps = _make_n("test-sqlite")
    syncs = re.findall(r"uv sync[^\n]*", test_steps)
    assert any("--extra test" in s and "--extra spark" in s for s in syncs), syncs
    assert all("--frozen" in s for s in syncs), syncs
    assert "pip install -e" not in demo_steps + test_steps


def test_the_lock_file_covers_every_dependency_of_pyproject():
    """uv.lock is committed and agrees with pyproject.toml (``uv lock --check`` would fail
    `uv sync --frozen` silently installing a stale set otherwise)."""
    import tomllib

    lock = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    fupin = next(p for p in lock["package"] if p["name"] == "fupin")
    wanted = {re.split(r"[<>=\[ ;!~]", d, maxsplit=1)[0].lower().replace("_", "-")
              for d in project["dependencies"]}
    locked = {d["name"] for d in fupin.get("dependencies", [])}
    assert wanted <= locked, wanted - locked
    for extra, deps in project["optional-dependencies"].items():
        names = {re.split(r"[<>=\[ ;!~]", d, maxsplit=1)[0].lower().replace("_", "-")
                 for d in deps}
        locked_extra = {d["name"] for d in fupin.get("optional-dependencies", {}).get(extra, [])}
        assert names <= locked_extra, (extra, names - locked_extra)


def test_the_extras_stamp_is_older_than_the_product_install_means_reinstall():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^\$\(VENV\)/\.extras: \$\(BIN\)/fupin pyproject\.toml uv\.lock",
                     makefile, re.M)
    for target in ("lint", "test-sqlite", "test-postgres"):
        assert re.search(rf"^{target}: install-test", makefile, re.M), target


def test_the_problems_of_the_demo_import_are_listed_by_kind(tmp_path):
    report = tmp_path / "report.csv"
    report.write_text(
        "\ufefffile,row,column,value,severity,code,message\n"
        "economy.csv,274,year,2019,warning,exited_below_poverty_line,低于贫困线\n"
        "economy.csv,275,year,2020,warning,exited_below_poverty_line,低于贫困线\n"
        "members.csv,9,id_number,x,warning,id_check,校验位\n", encoding="utf-8")
    text = demo.problems_summary(report)
    assert str(report) in text
    assert re.search(r"2\s+warning exited_below_poverty_line\s+e\.g\. economy\.csv row 274", text)
    assert re.search(r"1\s+warning id_check", text)


def test_only_the_data_key_is_said_to_encrypt_data():
    encrypting = [name for name, text in cli.KEY_PURPOSE.items() if "encrypt" in text]
    assert encrypting == ["data.key"]


def test_a_long_phase_of_the_demo_is_never_silent(monkeypatch):
    import io
    import time

    monkeypatch.setattr(demo, "HEARTBEAT", 0.05)
    out = io.StringIO()
    command = demo.Command(stdout=out)
    with command.phase(3, "Importing"):
        time.sleep(0.3)
    text = out.getvalue()
    assert text.startswith(f"[3/{demo.Command.PHASES}] Importing …")
    assert text.count("still running: Importing") >= 2
    assert "done in" in text.splitlines()[-1]
